// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-PL-1: the planned visits of the year, month by month, against the visits logged.
frappe.ui.form.on("Annual Service Plan", {
	setup(frm) {
		frm.set_query("customer_site", () => ({ filters: { customer: frm.doc.customer || "", disabled: 0 } }));
		frm.set_query("visitor", "visits", () => ({ filters: { enabled: 1, user_type: "System User" } }));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.year) frm.set_value("year", new Date().getFullYear());
	},

	refresh(frm) {
		const ytd = frm.doc.__onload && frm.doc.__onload.year_to_date;
		if (ytd) {
			const color = ytd.behind.length ? "red" : ytd.actual >= ytd.planned ? "green" : "orange";
			frm.dashboard.add_indicator(
				__("Year to date: {0} of {1} planned visits made", [ytd.actual, ytd.planned]),
				color
			);
			if (ytd.behind.length) {
				frm.dashboard.add_indicator(__("Behind plan: {0}", [ytd.behind.join(", ")]), "red");
			}
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("Customer Visit Logs"), () =>
				frappe.set_route("List", "Customer Visit Log", {
					customer: frm.doc.customer,
					...(frm.doc.customer_site ? { customer_site: frm.doc.customer_site } : {}),
					visit_date: ["between", [`${frm.doc.year}-01-01`, `${frm.doc.year}-12-31`]],
				})
			);
			frm.add_custom_button(__("Service Plan vs Actual"), () =>
				frappe.set_route("query-report", "Service Plan vs Actual", {
					year: frm.doc.year,
					customer: frm.doc.customer,
				})
			);
		}
	},

	customer(frm) {
		if (frm.doc.customer_site) frm.set_value("customer_site", null);
	},
});
