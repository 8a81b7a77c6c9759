# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Service Plan vs Actual (R-PL-1): every planned month of the annual service plans of a year,
with the visits logged against it; months that ended short are Behind Plan."""

import frappe
from frappe import _
from frappe.utils import cint, getdate, nowdate

from cs_service.access.roles import is_outsider
from cs_service.planning.visits import plan_rows, visit_counts
from cs_service.rules import planning


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, None, get_summary(data)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "plan",
			"label": _("Annual Service Plan"),
			"fieldtype": "Link",
			"options": "Annual Service Plan",
			"width": 170,
		},
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 150,
		},
		{
			"fieldname": "customer_site",
			"label": _("Customer Site"),
			"fieldtype": "Link",
			"options": "Customer Site",
			"width": 150,
		},
		{"fieldname": "month_name", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{"fieldname": "planned", "label": _("Planned Visits"), "fieldtype": "Int", "width": 90},
		{"fieldname": "actual", "label": _("Visits Made"), "fieldtype": "Int", "width": 90},
		{"fieldname": "shortfall", "label": _("Shortfall"), "fieldtype": "Int", "width": 80},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{"fieldname": "purpose", "label": _("Purpose"), "fieldtype": "Data", "width": 200},
		{"fieldname": "visitor", "label": _("Visitor"), "fieldtype": "Link", "options": "User", "width": 150},
		{
			"fieldname": "flagged_on",
			"label": _("Flagged to the CS Manager On"),
			"fieldtype": "Date",
			"width": 110,
		},
	]


def get_data(filters: frappe._dict) -> list[dict]:
	if is_outsider(frappe.session.user):
		return []  # the plan is internal
	year = cint(filters.get("year")) or getdate(nowdate()).year
	today = getdate(filters.get("as_on") or nowdate())
	rows = plan_rows([year], customer=filters.get("customer"), customer_site=filters.get("customer_site"))
	counts = visit_counts(year, list({r.customer for r in rows}))
	data = []
	for r in rows:
		month = planning.month_number(r.month)
		actual = planning.visits_for_plan(counts, r.customer, r.customer_site).get(month, 0)
		planned = cint(r.planned_visits)
		data.append(
			{
				"plan": r.plan,
				"customer": r.customer,
				"customer_site": r.customer_site,
				"month": month,
				"month_name": r.month,
				"planned": planned,
				"actual": actual,
				"shortfall": planning.shortfall(planned, actual),
				"status": planning.month_status(year, month, planned, actual, today),
				"purpose": r.purpose,
				"visitor": r.visitor,
				"flagged_on": r.flagged_on,
			}
		)
	data.sort(key=lambda d: (d["customer"], d["customer_site"] or "", d["month"]))
	return data


def get_summary(data: list[dict]) -> list[dict]:
	planned = sum(d["planned"] for d in data)
	made = sum(min(d["actual"], d["planned"]) for d in data)
	behind = sum(1 for d in data if d["status"] == planning.BEHIND)
	return [
		{"value": planned, "label": _("Planned Visits"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": made,
			"label": _("Planned Visits Made"),
			"datatype": "Int",
			"indicator": "Green" if made >= planned else "Orange",
		},
		{
			"value": behind,
			"label": _("Months Behind Plan"),
			"datatype": "Int",
			"indicator": "Red" if behind else "Green",
		},
	]
