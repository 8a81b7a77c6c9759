// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-FB-6: what the month-end job escalates to the general manager, as of a day.
frappe.query_reports["Month-end Escalation"] = {
	filters: [
		{
			fieldname: "as_of",
			label: __("As of"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "kind" && value) {
			value = __(value);
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "days_overdue" && data && data.days_overdue > 0) {
			value = `<span style="color: var(--red-600); font-weight: 600">${value}</span>`;
		}
		return value;
	},
};
