// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Service Confirmation Sheet", {
	setup(frm) {
		frm.set_query("customer_site", () => ({ filters: { customer: frm.doc.customer || "", disabled: 0 } }));
		frm.set_query("quality_feedback_sheet", () => ({
			filters: { customer: frm.doc.customer || "", docstatus: 1 },
		}));
		frm.set_query("contact", "agreed_with", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Customer", link_name: frm.doc.customer || "" },
		}));
		$(frm.wrapper).addClass("cs-compact");
	},

	// labelled, confirmed sign-off actions
	refresh(frm) {
		cs_service.signoff.refresh(frm);
	},

	before_workflow_action(frm) {
		return cs_service.signoff.before_workflow_action(frm);
	},

	// A confirmation sheet linked to a feedback sheet takes its customer and site.
	quality_feedback_sheet(frm) {
		cs_service.desk.fill_from_feedback_sheet(frm, ["customer", "customer_site"]);
	},
});
