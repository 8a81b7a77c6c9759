// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Monthly Quality Report", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frappe.user.has_role("CS Manager") || frappe.user.has_role("System Manager")) {
			frm.add_custom_button(__("Regenerate"), () => {
				frappe.confirm(
					__(
						"Compute the figures of {0} again from the current records and rebuild both decks? The figures frozen so far are replaced.",
						[frm.doc.month]
					),
					() =>
						frm.call("regenerate").then(() =>
							frappe.show_alert({
								message: __("Regeneration queued: the form reloads when it is done"),
								indicator: "blue",
							})
						)
				);
			});
		}
		if (frm.doc.generated_at && frm.doc.sent_at && frm.doc.generated_at > frm.doc.sent_at) {
			frm.dashboard.set_headline_alert(
				`<span class="indicator orange">${__(
					"The decks were regenerated after the report was sent"
				)}</span>`
			);
		}
	},
});
