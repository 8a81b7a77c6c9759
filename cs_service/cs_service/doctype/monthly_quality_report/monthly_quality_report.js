// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// the times with the site's time zone as a reader says it (not its raw
// name); a report made by the job or Regenerate has nothing to save (company and month are set
// once, every other field is recorded by the job), so it offers no Save.
const MQR_TIMES = ["generated_at", "sent_at"];

frappe.ui.form.on("Monthly Quality Report", {
	setup(frm) {
		cs_service.desk.hide_time_zones(frm);
	},

	refresh(frm) {
		cs_service.desk.hide_time_zones(frm);
		if (frm.is_new()) return;
		frm.disable_save();
		const zone = cs_service.desk.time_zone_label();
		for (const fieldname of MQR_TIMES) {
			frm.set_df_property(fieldname, "description", frm.doc[fieldname] ? zone : "");
		}
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
