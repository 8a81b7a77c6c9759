// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Containment Screening"] = {
	add_fields: ["breakpoint_status", "follow_up_until"],
	get_indicator(doc) {
		const colors = { Screening: "orange", "Following Up": "blue", Verified: "green" };
		return [__(doc.breakpoint_status), colors[doc.breakpoint_status] || "gray", `breakpoint_status,=,${doc.breakpoint_status}`];
	},
};
