# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Shift Handover Compliance (R-ST-3): per customer site and period, how many handovers were
confirmed, how (face to face, phone, SMS), how many are still open and how many handover
violations were booked."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, nowdate

from cs_service.access.roles import internal_only
from cs_service.rules import staff


def execute(filters: dict | None = None):
	internal_only("Shift Handover Compliance")
	filters = frappe._dict(filters or {})
	to_date = getdate(filters.to_date or nowdate())
	from_date = getdate(filters.from_date or add_days(to_date, -30))
	if from_date > to_date:
		frappe.throw(_("{0} cannot be after {1}").format(_("From Date"), _("To Date")))
	data = get_data(from_date, to_date, filters.get("customer_site"))
	return get_columns(), data


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "customer_site",
			"label": _("Customer Site"),
			"fieldtype": "Link",
			"options": "Customer Site",
			"width": 180,
		},
		{"fieldname": "handovers", "label": _("Handovers"), "fieldtype": "Int", "width": 90},
		{"fieldname": "confirmed", "label": _("Confirmed"), "fieldtype": "Int", "width": 90},
		{"fieldname": "face_to_face", "label": _("Face to Face"), "fieldtype": "Int", "width": 90},
		{"fieldname": "remote", "label": _("Phone or SMS"), "fieldtype": "Int", "width": 90},
		{"fieldname": "open", "label": _("Not Confirmed"), "fieldtype": "Int", "width": 100},
		{"fieldname": "violations", "label": _("Handover Violations"), "fieldtype": "Int", "width": 110},
		{"fieldname": "compliance", "label": _("Compliance (%)"), "fieldtype": "Percent", "width": 110},
	]


def get_data(from_date, to_date, customer_site: str | None) -> list[dict]:
	filters = [["handover_date", ">=", from_date], ["handover_date", "<=", to_date]]
	if customer_site:
		filters.append(["customer_site", "=", customer_site])
	records = frappe.get_list(
		"Shift Handover Record",
		filters=filters,
		fields=["name", "customer_site", "status", "handover_mode"],
		limit_page_length=0,
	)
	violations = frappe.get_list(
		"Staff Violation",
		filters={
			"docstatus": 1,
			"violation_type": staff.SHIFT_HANDOVER,
			"source_doctype": "Shift Handover Record",
			"source_name": ("in", [r.name for r in records] or [""]),
		},
		fields=["source_name"],
		limit_page_length=0,
	)
	violated = {v.source_name for v in violations}
	sites: dict[str, dict] = {}
	for r in records:
		row = sites.setdefault(
			r.customer_site,
			dict(
				customer_site=r.customer_site,
				handovers=0,
				confirmed=0,
				face_to_face=0,
				remote=0,
				open=0,
				violations=0,
				clean=0,
			),
		)
		row["handovers"] += 1
		done = r.status != "Open"
		row["confirmed"] += done
		row["open"] += not done
		row["face_to_face"] += done and r.handover_mode == staff.FACE_TO_FACE
		row["remote"] += done and r.handover_mode != staff.FACE_TO_FACE
		row["violations"] += r.name in violated
		row["clean"] += done and r.name not in violated
	for row in sites.values():
		row["compliance"] = staff.percent(row.pop("clean"), row["handovers"]) or 0
	return sorted(sites.values(), key=lambda r: r["customer_site"])
