// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-PL-2: every service done for a customer in a period.
frappe.query_reports["After-sales Service Record"] = {
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
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -1),
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
			fieldname: "document_type",
			label: __("Service"),
			fieldtype: "Select",
			options: [
				"",
				"Quality Feedback Sheet",
				"Suspect Part Slip",
				"Service Confirmation Sheet",
				"Customer Visit Log",
				"Trial Fit Verification",
				"Containment Screening",
			],
		},
	],

	formatter(value, row, column, data, default_formatter) {
		if (["document_type", "status"].includes(column.fieldname) && value) value = __(value);
		return default_formatter(value, row, column, data);
	},
};
