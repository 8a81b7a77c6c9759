// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Defect Catalog Code", {
	setup(frm) {
		// a code sits in a code group of its own catalog
		frm.set_query("parent_defect_catalog_code", () => ({
			filters: {
				is_group: 1,
				catalog: frm.doc.catalog || "",
				name: ["!=", frm.doc.name || ""],
			},
		}));
	},
});
