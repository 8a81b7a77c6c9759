// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-PL-1: the annual service plans of a year against the visits logged.
const SPVA_COLORS = { Done: "green", "Behind Plan": "red", "In Progress": "orange", Upcoming: "gray" };

frappe.query_reports["Service Plan vs Actual"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
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
			fieldname: "as_on",
			label: __("As On"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
	],

	formatter(value, row, column, data, default_formatter) {
		if (["month_name", "status"].includes(column.fieldname) && value) value = __(value);
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "status" && data && SPVA_COLORS[data.status]) {
			value = `<span class="indicator-pill ${SPVA_COLORS[data.status]}">${value}</span>`;
		}
		if (column.fieldname === "shortfall" && data && data.status === "Behind Plan") {
			value = `<span style="color: var(--red-600); font-weight: 600">${value}</span>`;
		}
		return value;
	},
};
