from frappe import _


def get_data():
	return {
		"fieldname": "customer_site",
		"transactions": [
			{"label": _("Quality"), "items": ["Quality Feedback Sheet"]},
			{
				"label": _("Visits and Parts"),
				"items": [
					"Customer Part",
					"Annual Service Plan",
					"Customer Visit Log",
					"Trial Fit Verification",
				],
			},
		],
	}
