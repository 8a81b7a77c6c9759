// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// try the robot before relying on it
frappe.ui.form.on("CS Alert Channel", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Send Test Message"), () => {
			frm.call("send_test_message").then((r) => {
				const answer = r.message || {};
				frappe.msgprint({
					title: answer.ok ? __("The robot took the message") : __("The robot did not take the message"),
					message: frappe.utils.escape_html(answer.reason || ""),
					indicator: answer.ok ? "green" : "red",
				});
			});
		});
	},
});
