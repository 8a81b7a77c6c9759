// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// which defects, customers or parts make most of the problems.
frappe.query_reports["Defect Pareto"] = {
	filters: [
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				"Defect Code",
				"Defect Code Group",
				"Defect Location",
				"Cause Code",
				"Customer",
				"Part",
			],
			default: "Defect Code",
		},
		{
			fieldname: "measure",
			label: __("Count"),
			fieldtype: "Select",
			options: ["Sheets", "Quantity"],
			default: "Sheets",
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{ fieldname: "customer", label: __("Customer"), fieldtype: "Link", options: "Customer" },
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
		{ fieldname: "item", label: __("Part"), fieldtype: "Link", options: "Item" },
		{
			fieldname: "problem_type",
			label: __("Problem Type"),
			fieldtype: "Select",
			options: ["", "Quality Problem", "Tracking Problem", "Disputed Problem"],
		},
	],
};
