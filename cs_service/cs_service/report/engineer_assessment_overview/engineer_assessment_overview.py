# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Engineer Assessment Overview (R-ST-5): the monthly assessments of a month side by side; an
engineer sees their own only (the assessment's permissions)."""

import frappe
from frappe import _
from frappe.utils import get_first_day, nowdate

from cs_service.access.roles import internal_only


def execute(filters: dict | None = None):
	internal_only("Engineer Assessment Overview")
	filters = frappe._dict(filters or {})
	month = get_first_day(filters.month or nowdate())
	rows = frappe.get_list(
		"Engineer Monthly Assessment",
		filters={"month": month, "docstatus": ("<", 2)},
		fields=[
			"name",
			"engineer",
			"engineer_name",
			"total_score",
			"violations",
			"fines",
			"bonus_forfeited",
			"docstatus",
		],
		order_by="total_score desc",
		limit_page_length=0,
	)
	for row in rows:
		row["status"] = _("Submitted") if row.pop("docstatus") == 1 else _("Draft")
	return get_columns(), rows


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Assessment"),
			"fieldtype": "Link",
			"options": "Engineer Monthly Assessment",
			"width": 150,
		},
		{
			"fieldname": "engineer",
			"label": _("Engineer"),
			"fieldtype": "Link",
			"options": "User",
			"width": 200,
		},
		{"fieldname": "engineer_name", "label": _("Engineer Name"), "fieldtype": "Data", "width": 120},
		{
			"fieldname": "total_score",
			"label": _("Total Score"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 100,
		},
		{"fieldname": "violations", "label": _("Violations"), "fieldtype": "Int", "width": 90},
		{"fieldname": "fines", "label": _("Fines"), "fieldtype": "Currency", "width": 100},
		{
			"fieldname": "bonus_forfeited",
			"label": _("Performance Bonus Forfeited"),
			"fieldtype": "Check",
			"width": 110,
		},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 90},
	]
