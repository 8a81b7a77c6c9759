// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// The violation ledger per engineer and assessment year, against the revocation thresholds.
frappe.query_reports["Staff Violations"] = {
	filters: [
		{ fieldname: "year", label: __("Assessment Year"), fieldtype: "Int" },
		{ fieldname: "engineer", label: __("Engineer"), fieldtype: "Link", options: "User" },
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "remaining" && data && data.remaining <= 1) {
			value = `<span style="color: var(--red-600); font-weight: 600">${value}</span>`;
		}
		return value;
	},
};
