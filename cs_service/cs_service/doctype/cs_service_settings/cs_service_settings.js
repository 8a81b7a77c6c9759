// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// the demo department, for a System Manager (the same as `bench cs-service-demo`)
frappe.ui.form.on("CS Service Settings", {
	refresh(frm) {
		if (!frappe.user.has_role("System Manager")) return;
		const run = (method, confirm_text) => {
			frappe.confirm(confirm_text, () => {
				frappe.call({ method }).then((r) => frappe.show_alert({ message: r.message, indicator: "blue" }));
			});
		};
		frm.add_custom_button(
			__("Make Demo Department"),
			() =>
				run(
					"cs_service.setup.demo.buttons.make_demo",
					__("Make a demo department of fictional customers, plants, people and three months of work? Running it again makes nothing twice.")
				),
			__("Demo")
		);
		frm.add_custom_button(
			__("Remove Demo Department"),
			() =>
				run(
					"cs_service.setup.demo.buttons.remove_demo",
					__("Remove exactly what the demo made (and nothing else)?")
				),
			__("Demo")
		);
		if (!frm._cs_demo_listening) {
			frm._cs_demo_listening = true;
			frappe.realtime.on("cs_service_demo", (data) => {
				if (data.done) {
					frappe.msgprint({
						title: __("Demo Department"),
						message: `<pre>${frappe.utils.escape_html(data.message)}</pre>`,
						indicator: "green",
					});
				} else {
					frappe.show_alert({ message: frappe.utils.escape_html(data.message), indicator: "blue" }, 5);
				}
			});
		}
	},
});
