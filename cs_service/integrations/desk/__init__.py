"""Frappe's desk: the boot info (:mod:`.boot`), the desk home of each role (:mod:`.home`) and the
Frappe and ERPNext methods we override (:mod:`.overrides`)."""
