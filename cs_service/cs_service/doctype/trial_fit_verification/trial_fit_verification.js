// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-PL-6: trial fit and matching verification of a new part at the customer.
frappe.ui.form.on("Trial Fit Verification", {
	setup(frm) {
		frm.set_query("customer_site", () => ({ filters: { customer: frm.doc.customer || "", disabled: 0 } }));
		frm.set_query("contact", "participants", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Customer", link_name: frm.doc.customer || "" },
		}));
		frm.set_query("user", "participants", () => ({ filters: { enabled: 1, user_type: "System User" } }));
	},

	customer(frm) {
		if (frm.doc.customer_site) frm.set_value("customer_site", null);
	},

	item(frm) {
		// what is already known of the part at the customer fills the verification (R-PL-4)
		if (!frm.doc.item || !frm.doc.customer || frm.doc.docstatus !== 0) return;
		frappe
			.xcall("cs_service.cs_service.doctype.quality_feedback_sheet.quality_feedback_sheet.get_part_details", {
				item: frm.doc.item,
				customer: frm.doc.customer,
				customer_site: frm.doc.customer_site,
			})
			.then((details) => {
				if (details.shop && !frm.doc.shop) frm.set_value("shop", details.shop);
				if (details.station && !frm.doc.station) frm.set_value("station", details.station);
				if (details.function_features && !frm.doc.function_features) {
					frm.set_value("function_features", details.function_features);
				}
			});
	},
});
