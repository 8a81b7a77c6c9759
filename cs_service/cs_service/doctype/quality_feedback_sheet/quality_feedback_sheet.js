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

	customer_site(frm) {
		frm.trigger("item");
	},

	item(frm) {
		if (!frm.doc.item) return;
		frappe
			.xcall("cs_service.cs_service.doctype.quality_feedback_sheet.quality_feedback_sheet.get_part_details", {
				item: frm.doc.item,
				customer: frm.doc.customer,
				customer_site: frm.doc.customer_site,
			})
			.then((details) => {
				frm.set_value("customer_part_no", details.customer_part_no || "");
				frm.set_value("drawing_no", details.drawing_no || "");
				if (frm.doc.docstatus === 0) cs_service.feedback.fill_location(frm, details);
				cs_service.feedback.show_last_defects(frm, details);
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
	// Stored datetimes are naive system-timezone values: compare them with "now" in the system
	// timezone, not with the browser's clock (which may be in another zone).
	const now = moment(frappe.datetime.system_datetime());
	const due = moment(frm.doc.deadline || moment(frm.doc.reported_at).add(15, "minutes"));
	const seconds = due.diff(now, "seconds");
	if (seconds >= 0) {
		const text = __("Written feedback due in {0} min {1} s", [Math.floor(seconds / 60), seconds % 60]);
		frm.dashboard.set_headline_alert(`<span class="indicator orange">${text}</span>`);
	} else {
		const late = Math.ceil(-seconds / 60);
		const text = __("The 15 minutes have passed: {0} min late", [late]);
		frm.dashboard.set_headline_alert(`<span class="indicator red">${text}</span>`);
	}
};


// R-PL-4: where the part goes on line, from the customer part knowledge; the engineer may
// still correct it.
cs_service.feedback.fill_location = function (frm, details) {
	if (details.shop) frm.set_value("shop", details.shop);
	if (details.station) frm.set_value("station", details.station);
};

cs_service.feedback.show_last_defects = function (frm, details) {
	frm.dashboard.clear_comment();
	const defects = details.last_defects || [];
	if (!frm.doc.customer || !frm.doc.item) return;
	if (!defects.length) {
		frm.dashboard.add_comment(__("No earlier defects of this part at this customer."), "green", true);
		return;
	}
	const items = defects
		.map(
			(d) =>
				`<li>${frappe.datetime.str_to_user(d.occurred_at) || ""}: <b>${frappe.utils.escape_html(
					d.defect || __("(no defect given)")
				)}</b> &times; ${d.quantity || 0} (${__(d.problem_type)}, ${frappe.utils.escape_html(
					d.station || d.shop || ""
				)}) ` +
				`<a href="/app/quality-feedback-sheet/${encodeURIComponent(d.name)}">${frappe.utils.escape_html(
					d.name
				)}</a></li>`
		)
		.join("");
	frm.dashboard.add_comment(
		`${__("Last defects of this part at this customer")}:<ul style="margin: 4px 0 0">${items}</ul>`,
		"orange",
		true
	);
};
