"""What the app adds to other apps' DocTypes: ERPNext's, one module per DocType
(:mod:`.erpnext`), and Frappe's desk (:mod:`.desk`)."""
