"""What leaves for people: every e-mail and desk alert (:mod:`.mail`, the only caller of
``frappe.sendmail``) and the group-chat alerts (:mod:`.chat`)."""
