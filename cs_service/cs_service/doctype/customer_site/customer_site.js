// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// The plant's time zone: its shift times are on the plant's clock.
frappe.ui.form.on("Customer Site", {
	onload(frm) {
		frappe.call("frappe.core.doctype.user.user.get_timezones").then((r) => {
			frm.set_df_property("time_zone", "options", (r.message || {}).timezones || []);
		});
	},
});
