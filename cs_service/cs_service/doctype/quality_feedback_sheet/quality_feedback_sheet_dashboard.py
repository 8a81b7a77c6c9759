def get_data():
	return {
		"fieldname": "quality_feedback_sheet",
		"transactions": [
			{"label": "Containment", "items": ["Containment Screening"]},
			# the 8D report that answers the sheet
			{"label": "8D Report", "items": ["CS 8D Report"]},
		],
	}
