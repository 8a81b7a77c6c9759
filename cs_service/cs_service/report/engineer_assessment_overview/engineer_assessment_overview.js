// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// The monthly assessments of the engineers for one month.
frappe.query_reports["Engineer Assessment Overview"] = {
	filters: [
		{
			fieldname: "month",
			label: __("Month"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(),
			reqd: 1,
		},
	],
};
