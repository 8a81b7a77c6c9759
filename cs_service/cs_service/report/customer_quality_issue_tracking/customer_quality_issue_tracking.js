// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-RP-4: customer-site quality problems with their corrective actions until closed.
const CQIT_TRANSLATED_COLUMNS = ["problem_type", "timeliness", "tracking_status"];

frappe.query_reports["Customer Quality Issue Tracking"] = {
	filters: [
		{
			fieldname: "customer",
			label: __("Customer"),
			fieldtype: "Link",
			options: "Customer",
		},
		{
			fieldname: "customer_site",
			label: __("Customer Site"),
			fieldtype: "Link",
			options: "Customer Site",
			get_query: () => {
				const customer = frappe.query_report.get_filter_value("customer");
				return customer ? { filters: { customer } } : {};
			},
		},
		// by default the open problems, whatever their month (a period hid a sheet of
		// the last days); a period narrows them
		{
			fieldname: "open_only",
			label: __("Only Open Problems"),
			fieldtype: "Check",
			default: 1,
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
		},
		{
			fieldname: "problem_type",
			label: __("Problem Type"),
			fieldtype: "Select",
			// the Select control shows each option translated
			options: ["", "Quality Problem", "Tracking Problem", "Disputed Problem"],
		},
		{
			fieldname: "tracking_status",
			label: __("Tracking Status"),
			fieldtype: "Select",
			options: ["", "Open", "Actions in Progress", "Closed"],
		},
		{
			fieldname: "only_overdue",
			label: __("Only Overdue Actions"),
			fieldtype: "Check",
		},
	],

	onload(report) {
		// the report's long name wraps on a phone instead of being cut
		report.page.wrapper.addClass("cs-wrap-title");
	},

	formatter(value, row, column, data, default_formatter) {
		if (CQIT_TRANSLATED_COLUMNS.includes(column.fieldname) && value) {
			value = __(value);
		}
		value = default_formatter(value, row, column, data);
		// the part's name beside its code, once, and only when it says more
		if (column.fieldname === "item" && data && data.item_name && data.item_name !== data.item) {
			value += ` <span class="text-muted">${frappe.utils.escape_html(data.item_name)}</span>`;
		}
		const overdue = data && data.actions_overdue > 0;
		const late = data && column.fieldname === "timeliness" && data.timeliness === "Late";
		// the 8D disciplines past the customer's due time
		const late_8d = data && data.eight_d_overdue && column.fieldname === "eight_d_overdue";
		if (late || late_8d || (overdue && ["actions_overdue", "tracking_status"].includes(column.fieldname))) {
			value = `<span style="color: var(--red-600); font-weight: 600">${value}</span>`;
		}
		return value;
	},
};
