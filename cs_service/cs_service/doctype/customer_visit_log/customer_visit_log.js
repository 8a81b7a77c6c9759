// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-PL-1, R-FB-8: a visit to the customer; problems raised become feedback sheets.
frappe.ui.form.on("Customer Visit Log", {
	setup(frm) {
		frm.set_query("customer_site", () => ({ filters: { customer: frm.doc.customer || "", disabled: 0 } }));
		frm.set_query("contact", "contacts", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Customer", link_name: frm.doc.customer || "" },
		}));
		frm.set_query("user", "visitors", () => ({ filters: { enabled: 1, user_type: "System User" } }));
		frm.set_query("responsible", "follow_up_actions", () => ({
			filters: { enabled: 1, user_type: "System User" },
		}));
	},

	refresh(frm) {
		if (frm.is_new() && !(frm.doc.visitors || []).length) {
			frm.add_child("visitors", { user: frappe.session.user });
			frm.refresh_field("visitors");
		}
		if (!frm.is_new() && frm.perm[0].write) {
			frm.fields_dict.problems.grid.add_custom_button(__("Create Feedback Sheet"), () =>
				cs_service.visits.make_feedback_sheet(frm)
			);
		}
		const today = frappe.datetime.get_today();
		const overdue = (frm.doc.follow_up_actions || []).filter(
			(a) => !["Done", "Cancelled"].includes(a.status) && a.due_date && a.due_date < today
		);
		if (overdue.length) {
			frm.dashboard.add_indicator(__("{0} follow-up actions overdue", [overdue.length]), "red");
		}
	},

	customer(frm) {
		if (frm.doc.customer_site) frm.set_value("customer_site", null);
	},
});

frappe.ui.form.on("Customer Visit Action", {
	status(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		const done_on = row.status === "Done" ? row.done_on || frappe.datetime.get_today() : null;
		frappe.model.set_value(cdt, cdn, "done_on", done_on);
	},
});

frappe.provide("cs_service.visits");

cs_service.visits.make_feedback_sheet = function (frm) {
	const selected = frm.fields_dict.problems.grid.get_selected_children();
	if (selected.length !== 1) {
		frappe.msgprint(__("Select one problem of the table first."));
		return;
	}
	if (selected[0].quality_feedback_sheet) {
		frappe.set_route("Form", "Quality Feedback Sheet", selected[0].quality_feedback_sheet);
		return;
	}
	if (frm.is_dirty()) {
		frappe.msgprint(__("Save the visit log first."));
		return;
	}
	frappe
		.xcall("cs_service.cs_service.doctype.customer_visit_log.customer_visit_log.make_feedback_sheet", {
			visit_log: frm.doc.name,
			problem: selected[0].name,
		})
		.then((sheet) => frappe.set_route("Form", "Quality Feedback Sheet", sheet));
};
