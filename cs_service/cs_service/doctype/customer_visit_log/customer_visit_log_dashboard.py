def get_data():
	"""The feedback sheets made of the problems raised at the visit (R-FB-8)."""
	return {
		"fieldname": "customer_visit_log",
		"transactions": [{"label": "Quality", "items": ["Quality Feedback Sheet"]}],
	}
