// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

frappe.listview_settings["CS 8D Report"] = {
	add_fields: ["status", "overdue_steps"],
	get_indicator(doc) {
		if (doc.status === "Closed") return [__("Closed"), "green", "status,=,Closed"];
		if (doc.overdue_steps) return [__("Overdue"), "red", "status,=,Open"];
		return [__("Open"), "orange", "status,=,Open"];
	},
};
