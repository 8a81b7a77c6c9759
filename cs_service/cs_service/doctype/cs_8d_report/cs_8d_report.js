// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// the customer's complaint answered in the eight disciplines of the 8D.
const CS_8D_INTERNAL_ROLES = ["CS Engineer", "CS Manager", "QA Engineer", "System Manager"];

frappe.ui.form.on("CS 8D Report", {
	setup(frm) {
		for (const [field, catalog] of [
			["defect_code", "Defect Type"],
			["defect_location_code", "Defect Location"],
			["cause_code", "Cause"],
		]) {
			frm.set_query(field, () => ({ filters: { catalog, is_group: 0, disabled: 0 } }));
		}
		frm.set_query("quality_feedback_sheet", () => ({ filters: { docstatus: 1 } }));
		// more sheets of the same problem: sent, same customer, same part
		frm.set_query("quality_feedback_sheet", "sheets", () => ({
			filters: { docstatus: 1, customer: frm.doc.customer || "", item: frm.doc.item || "" },
		}));
		frm.set_query("contact", "team", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Customer", link_name: frm.doc.customer || "" },
		}));
	},

	refresh(frm) {
		cs_service.eight_d.show_overdue(frm);
		if (frm.is_new()) return;
		if (cs_service.eight_d.is_customer_user()) {
			if (frm.doc.sent_to_customer_at) {
				frm.add_custom_button(__("Acknowledge"), () =>
					cs_service.eight_d.acknowledge(frm)
				);
			}
		} else if (frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Send to Customer"), () => cs_service.eight_d.send(frm));
		}
	},
});

frappe.provide("cs_service.eight_d");

cs_service.eight_d.is_customer_user = function () {
	return (
		frappe.user.has_role("Customer SQE") &&
		!CS_8D_INTERNAL_ROLES.some((role) => frappe.user.has_role(role))
	);
};

// Disciplines past the customer's due time and not done, as of now on the server's clock.
cs_service.eight_d.show_overdue = function (frm) {
	const now = moment(frappe.datetime.system_datetime());
	const overdue = (frm.doc.steps || []).filter(
		(row) => row.status !== "Done" && row.due_at && moment(row.due_at).isBefore(now)
	);
	if (overdue.length) {
		const steps = overdue.map((row) => `${row.step} ${__(row.title)}`).join(", ");
		frm.dashboard.set_headline_alert(
			`<span class="indicator red">${__(
				"Overdue for the customer"
			)}: ${frappe.utils.escape_html(steps)}</span>`
		);
	} else if (frm.doc.acknowledged_at) {
		frm.dashboard.set_headline_alert(
			`<span class="indicator green">${__("Acknowledged by the customer's SQE on {0}", [
				frappe.datetime.str_to_user(frm.doc.acknowledged_at),
			])}</span>`
		);
	}
};

cs_service.eight_d.send = function (frm) {
	frm.call("customer_recipients").then((r) => {
		const dialog = new frappe.ui.Dialog({
			title: __("Send to Customer"),
			fields: [
				{
					fieldname: "recipients",
					fieldtype: "Small Text",
					label: __("Recipients"),
					reqd: 1,
					default: (r.message || []).join("\n"),
					description: __(
						"One e-mail address per line; the 8D report goes as a PDF attachment"
					),
				},
				{ fieldname: "message", fieldtype: "Small Text", label: __("Message") },
			],
			primary_action_label: __("Send"),
			primary_action(values) {
				frm.call("send_to_customer", values).then(() => {
					dialog.hide();
					frappe.show_alert({
						message: __("The 8D report is queued for the customer"),
						indicator: "green",
					});
					frm.reload_doc();
				});
			},
		});
		dialog.show();
	});
};

cs_service.eight_d.acknowledge = function (frm) {
	frappe.prompt(
		[{ fieldname: "remarks", fieldtype: "Small Text", label: __("Remarks") }],
		(values) => frm.call("acknowledge", values).then(() => frm.reload_doc()),
		__("Acknowledge the 8D Report"),
		__("Acknowledge")
	);
};
