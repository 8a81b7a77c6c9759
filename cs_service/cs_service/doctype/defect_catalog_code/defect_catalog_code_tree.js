// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// the defect catalogs as a tree of code groups and codes, kept by QA.
frappe.treeview_settings["Defect Catalog Code"] = {
	breadcrumb: "CS Service",
	title: __("Defect Catalogs"),
	fields: [
		{ fieldtype: "Data", fieldname: "code", label: __("Code"), reqd: true },
		{ fieldtype: "Data", fieldname: "code_name", label: __("Short Text"), reqd: true },
		{
			fieldtype: "Select",
			fieldname: "catalog",
			label: __("Catalog"),
			options: ["Defect Type", "Defect Location", "Cause"],
			reqd: true,
		},
		{ fieldtype: "Check", fieldname: "is_group", label: __("Is Code Group") },
	],
	ignore_fields: ["parent_defect_catalog_code"],
};
