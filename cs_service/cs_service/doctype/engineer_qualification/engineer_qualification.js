// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// The CS Manager reinstates a revoked engineer after a passed retraining, with the reason.
frappe.ui.form.on("Engineer Qualification", {
	refresh(frm) {
		const colors = { Qualified: "green", Revoked: "red" };
		frm.page.set_indicator(__(frm.doc.status), colors[frm.doc.status]);
		if (frm.doc.status !== "Revoked" || !frappe.user.has_role("CS Manager")) return;
		frm.add_custom_button(__("Reinstate"), () => {
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Reinstatement Reason"), reqd: 1 },
				({ reason }) => frm.call("reinstate", { reason }).then(() => frm.reload_doc()),
				__("Reinstate")
			);
		});
	},
});
