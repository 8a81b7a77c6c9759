// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-ST-3: the outgoing engineer lists the open problems, the incoming engineer confirms,
// then the outgoing engineer closes the handover.
frappe.ui.form.on("Shift Handover Record", {
	setup(frm) {
		frm.set_query("customer_site", () => ({ filters: { disabled: 0 } }));
	},

	refresh(frm) {
		cs_service_set_shift_options(frm, ["outgoing_shift", "incoming_shift"]);
		if (frm.is_new()) return;
		const me = frappe.session.user;
		if (frm.doc.status === "Open" && !frm.is_dirty()) {
			frm.add_custom_button(__("Get Open Problems"), () =>
				frm.call("propose_problems").then(() => frm.dirty())
			);
		}
		if (frm.doc.status === "Open" && me === frm.doc.incoming_engineer) {
			frm.add_custom_button(__("Confirm Handover"), () =>
				frm.call("confirm").then(() => frm.reload_doc())
			).addClass("btn-primary");
		}
		if (frm.doc.status === "Confirmed" && me === frm.doc.outgoing_engineer) {
			frm.add_custom_button(__("Close Handover"), () =>
				frm.call("close").then(() => frm.reload_doc())
			).addClass("btn-primary");
		}
		const colors = { Open: "orange", Confirmed: "blue", Closed: "green" };
		frm.page.set_indicator(__(frm.doc.status), colors[frm.doc.status]);
	},

	customer_site(frm) {
		cs_service_set_shift_options(frm, ["outgoing_shift", "incoming_shift"]);
		if (frm.doc.customer_site && !(frm.doc.problems || []).length) {
			frm.call("propose_problems").then(() => frm.refresh_field("problems"));
		}
	},
});

// The shifts of the form's Customer Site as the options of its shift fields.
function cs_service_set_shift_options(frm, fields) {
	if (!frm.doc.customer_site) return;
	frappe.model.with_doc("Customer Site", frm.doc.customer_site).then((site) => {
		const names = (site.shifts || []).map((s) => s.shift_name);
		fields.forEach((f) => frm.set_df_property(f, "options", names));
	});
}
