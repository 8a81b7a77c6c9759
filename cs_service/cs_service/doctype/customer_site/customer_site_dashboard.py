def get_data():
	return {
		"fieldname": "customer_site",
		"transactions": [
			{"label": "Quality", "items": ["Quality Feedback Sheet"]},
			{
				"label": "Visits and Parts",
				"items": [
					"Customer Part",
					"Annual Service Plan",
					"Customer Visit Log",
					"Trial Fit Verification",
				],
			},
		],
	}
