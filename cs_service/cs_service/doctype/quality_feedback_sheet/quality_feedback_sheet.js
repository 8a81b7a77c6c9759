// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Quality Feedback Sheet", {
	setup(frm) {
		frm.set_query("customer_site", () => ({
			filters: { customer: frm.doc.customer || "", disabled: 0 },
		}));
	},

	refresh(frm) {
		cs_service.feedback.show_clock(frm);
	},

	onload_post_render(frm) {
		// refresh the 15-minute countdown while the draft is open (R-FB-4)
		if (frm.clock_timer) clearInterval(frm.clock_timer);
		frm.clock_timer = setInterval(() => cs_service.feedback.show_clock(frm), 15000);
	},

	reported_at(frm) {
		cs_service.feedback.show_clock(frm);
	},

	customer(frm) {
		if (frm.doc.customer_site) frm.set_value("customer_site", null);
		frm.trigger("item");
	},

	item(frm) {
		if (!frm.doc.item) return;
		frappe
			.xcall("cs_service.cs_service.doctype.quality_feedback_sheet.quality_feedback_sheet.get_part_details", {
				item: frm.doc.item,
				customer: frm.doc.customer,
			})
			.then((details) => {
				frm.set_value("customer_part_no", details.customer_part_no || "");
				frm.set_value("drawing_no", details.drawing_no || "");
			});
	},
});

frappe.provide("cs_service.feedback");

cs_service.feedback.show_clock = function (frm) {
	if (frm.doc.docstatus !== 0 || !frm.doc.reported_at) {
		if (frm.doc.timeliness) {
			const color = frm.doc.timeliness === "On time" ? "green" : "red";
			frm.dashboard.set_headline_alert(
				`<span class="indicator ${color}">${__("15-Minute Rule")}: ${__(frm.doc.timeliness)}</span>`
			);
		}
		return;
	}
	const due = moment(frm.doc.reported_at).add(15, "minutes");
	const seconds = due.diff(moment(), "seconds");
	if (seconds >= 0) {
		const text = __("Written feedback due in {0} min {1} s", [Math.floor(seconds / 60), seconds % 60]);
		frm.dashboard.set_headline_alert(`<span class="indicator orange">${text}</span>`);
	} else {
		const late = Math.ceil(-seconds / 60);
		const text = __("The 15 minutes have passed: {0} min late", [late]);
		frm.dashboard.set_headline_alert(`<span class="indicator red">${text}</span>`);
	}
};
