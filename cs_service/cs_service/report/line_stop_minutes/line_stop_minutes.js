// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-RP-3: minutes of customer line stop caused by us (Quality problems), per customer and
// month, cumulative over the calendar year, with links to the feedback sheets behind each
// figure; the minutes of Tracking problems are shown apart as not yet decided.
frappe.query_reports["Line Stop Minutes"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "customer",
			label: __("Customer"),
			fieldtype: "Link",
			options: "Customer",
		},
	],

	formatter(value, row, column, data, default_formatter) {
		if ((column.fieldname === "sheets" || column.fieldname === "undecided_sheets") && value) {
			return value
				.split(", ")
				.map((name) => frappe.utils.get_form_link("Quality Feedback Sheet", name, true))
				.join(", ");
		}
		return default_formatter(value, row, column, data);
	},
};
