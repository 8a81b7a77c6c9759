// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-ST-4: each engineer reports each shift; the problems of the shift are proposed.
frappe.ui.form.on("Shift Report", {
	refresh(frm) {
		set_shift_options(frm);
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Get Problems of the Shift"), () => {
				if (!frm.doc.customer_site || !frm.doc.shift || !frm.doc.shift_date) {
					frappe.msgprint(__("Choose the customer site, the shift date and the shift first"));
					return;
				}
				frm.call("propose_problems").then(() => frm.refresh_field("problems"));
			});
		}
	},
	customer_site: set_shift_options,
});

function set_shift_options(frm) {
	if (!frm.doc.customer_site) return;
	frappe.model.with_doc("Customer Site", frm.doc.customer_site).then((site) => {
		frm.set_df_property("shift", "options", (site.shifts || []).map((s) => s.shift_name));
	});
}
