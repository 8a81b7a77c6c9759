// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-PL-5: the customer's people per site and shop, by their role at the customer.
frappe.query_reports["Customer Contacts by Role"] = {
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
		{
			fieldname: "role",
			label: __("Role at the Customer"),
			fieldtype: "Select",
			options: [
				"",
				"SQE",
				"Project Engineer",
				"Product Engineer",
				"Logistics Engineer",
				"Incoming Inspection",
				"Section Chief",
				"Team Leader",
				"Operator",
			],
		},
		{
			fieldname: "shop",
			label: __("Shop"),
			fieldtype: "Data",
		},
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "role" && value) value = __(value);
		return default_formatter(value, row, column, data);
	},
};
