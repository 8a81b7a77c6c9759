# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Staff Violations (R-ST-1..4, R-CT-8, R-FB-7): per engineer and assessment year, the
violations that count towards revocation against their thresholds, the fines and the
months whose bonus is lost; who is one violation short of revocation is flagged. An
engineer sees their own line only (the ledger's permissions)."""

import frappe
from frappe import _
from frappe.utils import cint, getdate, nowdate

from cs_service import settings
from cs_service.access.roles import internal_only
from cs_service.rules import staff


def execute(filters: dict | None = None):
	internal_only("Staff Violations")
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or staff.assessment_year(
		getdate(nowdate()), settings.assessment_year_start_month()
	)
	data = get_data(year, filters.get("engineer"), staff.thresholds(settings.single().as_dict()))
	return get_columns(), data, None, None, get_summary(data)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "engineer",
			"label": _("Engineer"),
			"fieldtype": "Link",
			"options": "User",
			"width": 200,
		},
		{"fieldname": "engineer_name", "label": _("Engineer Name"), "fieldtype": "Data", "width": 120},
		{
			"fieldname": "site_rules",
			"label": _("Site Rules / Not as Required"),
			"fieldtype": "Data",
			"width": 110,
		},
		{"fieldname": "handover", "label": _("Shift Handover"), "fieldtype": "Data", "width": 100},
		{"fieldname": "other", "label": _("Other Violations"), "fieldtype": "Int", "width": 90},
		{"fieldname": "fines", "label": _("Fines"), "fieldtype": "Currency", "width": 100},
		{"fieldname": "bonus_months", "label": _("Months without Bonus"), "fieldtype": "Data", "width": 130},
		{
			"fieldname": "remaining",
			"label": _("Violations before Revocation"),
			"fieldtype": "Int",
			"width": 110,
		},
		{"fieldname": "status", "label": _("Post Qualification"), "fieldtype": "Data", "width": 110},
	]


def get_data(year: int, engineer: str | None, limits: dict[str, int]) -> list[dict]:
	filters = {"assessment_year": year, "docstatus": 1}
	if engineer:
		filters["engineer"] = engineer
	entries = frappe.get_list(  # the ledger's permissions: an engineer gets their own entries
		"Staff Violation",
		filters=filters,
		fields=["engineer", "engineer_name", "violation_type", "fine", "violation_date", "forfeits_bonus"],
		order_by="engineer asc, violation_date asc",
		limit_page_length=0,
	)
	by_engineer: dict[str, list] = {}
	for e in entries:
		by_engineer.setdefault(e.engineer, []).append(e)
	data = []
	for user, rows in by_engineer.items():
		types = [r.violation_type for r in rows]
		counts = staff.group_counts(types)
		months = staff.bonus_forfeited_months(
			(getdate(r.violation_date), bool(r.forfeits_bonus)) for r in rows
		)
		data.append(
			{
				"engineer": user,
				"engineer_name": rows[0].engineer_name,
				"site_rules": f"{counts[staff.SITE_RULES]} / {limits[staff.SITE_RULES]}",
				"handover": f"{counts[staff.HANDOVER]} / {limits[staff.HANDOVER]}",
				"other": sum(1 for t in types if not staff.group_of(t)),
				"fines": sum(r.fine or 0 for r in rows),
				"bonus_months": ", ".join(m.strftime("%Y-%m") for m in sorted(months)),
				"remaining": staff.remaining_before_revocation(types, limits),
				"status": _(frappe.db.get_value("Engineer Qualification", user, "status") or "Qualified"),
			}
		)
	return data


def get_summary(data: list[dict]) -> list[dict]:
	return [
		{"label": _("Engineers with Violations"), "value": len(data), "datatype": "Int"},
		{
			"label": _("One Violation from Revocation"),
			"value": sum(1 for d in data if d["remaining"] == 1),
			"datatype": "Int",
			"indicator": "orange",
		},
		{"label": _("Fines"), "value": sum(d["fines"] for d in data), "datatype": "Currency"},
	]
