from frappe import _


def get_data():
	return {
		"fieldname": "customer_site",
		"transactions": [{"label": _("Quality"), "items": ["Quality Feedback Sheet"]}],
	}
