// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// frappe.ui.form.on("CS Demo Record", {
// 	refresh(frm) {

// 	},
// });
