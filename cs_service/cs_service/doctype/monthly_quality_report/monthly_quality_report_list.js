// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Monthly Quality Report"] = {
	get_indicator(doc) {
		const colors = { Draft: "red", Generated: "orange", Sent: "green" };
		return [__(doc.status), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
