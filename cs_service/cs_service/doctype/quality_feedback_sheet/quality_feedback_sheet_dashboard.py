from frappe import _


def get_data():
	return {
		"fieldname": "quality_feedback_sheet",
		"transactions": [{"label": _("Containment"), "items": ["Containment Screening"]}],
	}
