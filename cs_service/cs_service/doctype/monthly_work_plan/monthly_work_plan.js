// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-PL-3: the department's work items of the month.
const MWP_MONTHS = [
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
]; // prettier-ignore

frappe.ui.form.on("Monthly Work Plan", {
	setup(frm) {
		frm.set_query("responsible", "items", () => ({ filters: { enabled: 1, user_type: "System User" } }));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.year) {
			const today = new Date();
			frm.set_value("year", today.getFullYear());
			frm.set_value("month", MWP_MONTHS[today.getMonth()]);
		}
	},

	refresh(frm) {
		const today = frappe.datetime.get_today();
		const overdue = (frm.doc.items || []).filter(
			(t) => !["Done", "Cancelled"].includes(t.status) && t.due_date && t.due_date < today
		);
		if (overdue.length) {
			frm.dashboard.add_indicator(__("{0} work items overdue", [overdue.length]), "red");
		}
	},
});

frappe.ui.form.on("Monthly Work Plan Item", {
	status(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		const done_on = row.status === "Done" ? row.done_on || frappe.datetime.get_today() : null;
		frappe.model.set_value(cdt, cdn, "done_on", done_on);
	},
});
