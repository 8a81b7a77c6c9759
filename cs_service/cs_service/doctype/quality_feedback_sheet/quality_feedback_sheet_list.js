// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// a phone shows a list row's title (number and part, the title field) and its status:
// the status says where the problem stands. A customer's SQE is not given our tracking status
// (permission level), and sees whether the sheet was sent.
frappe.listview_settings["Quality Feedback Sheet"] = {
	add_fields: ["tracking_status", "timeliness", "docstatus"],
	// a resident engineer starts from the sheets of their own sites (the list's
	// default filter: one they remove is not put back, Frappe keeps their own filters)...
	get filters() {
		const sites = (frappe.boot.cs_service || {}).my_sites || [];
		return sites.length ? [["customer_site", "in", sites]] : [];
	},
	// ...and the list's and its rows' titles wrap on a phone instead of being cut
	onload(listview) {
		$(listview.page.wrapper).addClass("cs-readable-list");
	},
	get_indicator(doc) {
		if (doc.docstatus === 0) return [__("Draft"), "red", "docstatus,=,0"];
		if (doc.docstatus === 2) return [__("Cancelled"), "gray", "docstatus,=,2"];
		const colors = { Open: "orange", "Actions in Progress": "blue", Closed: "green" };
		if (doc.tracking_status) {
			return [
				__(doc.tracking_status),
				colors[doc.tracking_status] || "gray",
				`tracking_status,=,${doc.tracking_status}`,
			];
		}
		return [__("Sent"), "blue", "docstatus,=,1"];
	},
};
