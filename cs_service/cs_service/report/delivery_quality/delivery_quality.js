// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-RP-2/3: delivered quantity net of returns, defective quantity and PPM per month,
// customer and part, with the PPM trend over the period (twelve months by default).
frappe.query_reports["Delivery Quality"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -11),
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
		{
			fieldname: "item",
			label: __("Part"),
			fieldtype: "Link",
			options: "Item",
		},
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
		},
	],

	formatter(value, row, column, data, default_formatter) {
		// no delivery in the month: there is no PPM, which is not 0
		if (column.fieldname === "ppm" && data && value == null) {
			return `<span class="text-muted" title="${frappe.utils.escape_html(data.ppm_note || __("No delivery"))}">-</span>`;
		}
		// more defective than delivered net of returns: the PPM is bounded (a warning)
		if (column.fieldname === "ppm" && data && data.defective_above_delivered) {
			const text = default_formatter(value, row, column, data);
			const title = __("More defective than delivered net of returns: PPM bounded at 1,000,000");
			return `<span class="text-warning" title="${title}">${text} ⚠</span>`;
		}
		return default_formatter(value, row, column, data);
	},
};
