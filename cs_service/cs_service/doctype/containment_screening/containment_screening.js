// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Containment Screening", {
	setup(frm) {
		frm.set_query("quality_feedback_sheet", () => ({ filters: { docstatus: ["<", 2] } }));
		frm.set_query("handed_to_contact", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Customer", link_name: frm.doc.customer || "" },
		}));
	},

	refresh(frm) {
		cs_service.desk.hide_time_zones(frm); // help texts in the user's language
		cs_service.containment.show_follow_up(frm);
		if (frm.doc.breakpoint_status === "Following Up" && !frm.is_new()) {
			frm.add_custom_button(__("Breakpoint Held"), () => cs_service.containment.confirm(frm, 1));
			frm.add_custom_button(__("Breakpoint Failed"), () => cs_service.containment.fail(frm));
		}
		// R-CT-8: recorded failure evidence is corrected only by a CS Manager, with a reason
		const manager = frappe.user.has_role("CS Manager");
		frm.set_df_property("missed_areas", "read_only", manager && frm.doc.failed_at ? 0 : 1);
	},
});

frappe.ui.form.on("Containment Screening Area", {
	screened(frm, cdt, cdn) {
		// who and when default to the engineer ticking the row
		const row = locals[cdt][cdn];
		if (!row.screened) return;
		if (!row.screened_by) frappe.model.set_value(cdt, cdn, "screened_by", frappe.session.user);
		if (!row.screened_at) frappe.model.set_value(cdt, cdn, "screened_at", frappe.datetime.now_datetime());
	},
});

frappe.provide("cs_service.containment");

cs_service.containment.show_follow_up = function (frm) {
	const doc = frm.doc;
	if (doc.breakpoint_status === "Following Up" && doc.follow_up_until) {
		const until = frappe.datetime.str_to_user(doc.follow_up_until);
		// stored times are in the system timezone: compare with now there, not the browser's clock
		if (moment(frappe.datetime.system_datetime()).isBefore(moment(doc.follow_up_until))) {
			frm.set_intro(
				__("Follow the breakpoint parts on the line until {0} (end of the next shift), then confirm.", [until]),
				"blue"
			);
		} else {
			frm.set_intro(__("The follow-up ended at {0}: confirm whether the breakpoint held.", [until]), "orange");
		}
	} else if (doc.breakpoint_status === "Verified") {
		frm.set_intro(
			__("Breakpoint verified by {0} at {1}.", [
				frappe.user.full_name(doc.confirmed_by),
				frappe.datetime.str_to_user(doc.confirmed_at),
			]),
			"green"
		);
	} else if (doc.failed_at) {
		frm.set_intro(
			__("The breakpoint failed: screening round {0} is open. Screen every area again.", [doc.screening_round]),
			"red"
		);
	}
};

cs_service.containment.confirm = function (frm, held, missed_areas) {
	if (frm.is_dirty()) {
		frappe.msgprint(__("Save the screening first."));
		return;
	}
	return frm.call("confirm_breakpoint", { held, missed_areas }).then(() => frm.reload_doc());
};

cs_service.containment.fail = function (frm) {
	frappe.prompt(
		[
			{
				fieldname: "missed_areas",
				fieldtype: "Small Text",
				label: __("Other Areas Found Missed"),
				description: __("Areas not ticked as screened are recorded anyway. One area a line."),
			},
		],
		(values) => cs_service.containment.confirm(frm, 0, values.missed_areas),
		__("Breakpoint Failed"),
		__("Record Failure")
	);
};
