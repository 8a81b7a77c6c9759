def get_data():
	return {
		"fieldname": "cs_suspect_part_slip",
		"transactions": [{"label": "Return to Us", "items": ["Delivery Note"]}],
	}
