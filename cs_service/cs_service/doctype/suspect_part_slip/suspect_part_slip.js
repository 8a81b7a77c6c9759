// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Suspect Part Slip", {
	setup(frm) {
		frm.set_query("customer_site", () => ({ filters: { customer: frm.doc.customer || "", disabled: 0 } }));
		frm.set_query("quality_feedback_sheet", () => ({
			filters: { customer: frm.doc.customer || "", docstatus: 1 },
		}));
		frm.set_query("delivery_note", () => ({
			query: "cs_service.integrations.erpnext.delivery_note.delivery_note_query",
			filters: { customer: frm.doc.customer || "", item_code: frm.doc.item || "" },
		}));
		$(frm.wrapper).addClass("cs-compact");
	},

	refresh(frm) {
		// labelled, confirmed sign-off actions; the site's shops and stations
		cs_service.signoff.refresh(frm);
		cs_service.desk.site_lists(frm);
		const can_return =
			frm.doc.docstatus === 1 &&
			frm.doc.delivery_note &&
			frm.doc.qty_returned > 0 &&
			!frm.doc.return_delivery_note &&
			frappe.model.can_create("Delivery Note");
		if (can_return) {
			// One return per slip (R-CT-2): the server locks the slip; the form freezes while the
			// return is made, and reloads when it is refused (another request made it).
			frm.add_custom_button(__("Create Return"), () => {
				frappe.call({
					method: "cs_service.integrations.erpnext.delivery_note.make_return",
					args: { suspect_part_slip: frm.doc.name },
					freeze: true,
					freeze_message: __("Creating the return..."),
					callback: (r) => r.message && frappe.set_route("Form", "Delivery Note", r.message),
					error: () => frm.reload_doc(),
				});
			});
		}
	},

	before_workflow_action(frm) {
		return cs_service.signoff.before_workflow_action(frm);
	},

	// A slip linked to a feedback sheet takes what the sheet holds.
	quality_feedback_sheet(frm) {
		cs_service.desk.fill_from_feedback_sheet(frm, ["customer", "customer_site", "shop", "station", "item", "quantity"]);
	},

	customer_site(frm) {
		cs_service.desk.site_lists(frm);
	},

	shop(frm) {
		cs_service.desk.station_options(frm);
	},
});
