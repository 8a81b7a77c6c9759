// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-PL-1: the visits to a customer in a quarter or a year; Print gives the visit summary.
frappe.query_reports["Customer Visit Summary"] = {
	filters: [
		{
			fieldname: "customer",
			label: __("Customer"),
			fieldtype: "Link",
			options: "Customer",
			reqd: 1,
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
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{
			fieldname: "quarter",
			label: __("Quarter"),
			fieldtype: "Select",
			options: ["", "1", "2", "3", "4"],
			default: String(Math.floor(new Date().getMonth() / 3) + 1),
			description: __("Leave empty for the whole year."),
		},
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "open_follow_ups" && data && data.overdue_follow_ups) {
			value = `<span style="color: var(--red-600); font-weight: 600">${value}</span>`;
		}
		return value;
	},
};
