// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-RP-1: complaints received vs handled (closed) against the 100 % target, the 15-minute
// on-time rate beside it; the rows are the major problems of the period.
const CHK_TRANSLATED_COLUMNS = ["problem_type", "tracking_status"];

frappe.query_reports["Complaint Handling KPI"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(),
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
		if (CHK_TRANSLATED_COLUMNS.includes(column.fieldname) && value) {
			value = __(value);
		}
		return default_formatter(value, row, column, data);
	},
};
