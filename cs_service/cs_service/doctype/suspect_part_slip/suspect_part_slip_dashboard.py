from frappe import _


def get_data():
	return {
		"fieldname": "cs_suspect_part_slip",
		"transactions": [{"label": _("Return to Us"), "items": ["Delivery Note"]}],
	}
