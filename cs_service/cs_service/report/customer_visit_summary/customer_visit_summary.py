# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Customer Visit Summary (R-PL-1): the visits to one customer in a quarter or a year, with the
people met, the topics, the customer's opinions and suggestions, the problems raised and the
follow-up actions still open; against the visits planned for the period. Printable
(customer_visit_summary.html)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder.functions import Count, GroupConcat, Sum
from frappe.utils import cint, getdate, nowdate
from pypika import Case

from cs_service.access.roles import is_outsider
from cs_service.planning.visits import plan_rows
from cs_service.rules import planning

VISIT_LOG = "Customer Visit Log"


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, None, get_summary(data, filters)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "visit_date", "label": _("Visit Date"), "fieldtype": "Date", "width": 100},
		{
			"fieldname": "visit_log",
			"label": _("Customer Visit Log"),
			"fieldtype": "Link",
			"options": VISIT_LOG,
			"width": 140,
		},
		{
			"fieldname": "customer_site",
			"label": _("Customer Site"),
			"fieldtype": "Link",
			"options": "Customer Site",
			"width": 140,
		},
		{"fieldname": "visitors", "label": _("Visitors"), "fieldtype": "Data", "width": 160},
		{"fieldname": "people_met", "label": _("People Met"), "fieldtype": "Data", "width": 180},
		{"fieldname": "purpose", "label": _("Purpose"), "fieldtype": "Data", "width": 140},
		{"fieldname": "topics", "label": _("Topics Discussed"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "customer_opinions",
			"label": _("Customer's Opinions and Suggestions"),
			"fieldtype": "Data",
			"width": 220,
		},
		{"fieldname": "problems", "label": _("Problems Raised"), "fieldtype": "Int", "width": 80},
		{"fieldname": "problems_reported", "label": _("Feedback Sheets"), "fieldtype": "Int", "width": 80},
		{"fieldname": "open_follow_ups", "label": _("Open Follow-ups"), "fieldtype": "Int", "width": 80},
		{
			"fieldname": "open_follow_up_list",
			"label": _("Open Follow-up Actions"),
			"fieldtype": "Data",
			"width": 260,
		},
	]


def period(filters: frappe._dict):
	year = cint(filters.get("year")) or getdate(nowdate()).year
	return planning.period_bounds(year, cint(filters.get("quarter")) or None)


def get_data(filters: frappe._dict) -> list[dict]:
	if not filters.get("customer") or is_outsider(frappe.session.user):
		return []  # one customer at a time; the summary is internal
	frappe.has_permission(VISIT_LOG, "read", throw=True)
	first, last = period(filters)
	log = frappe.qb.DocType(VISIT_LOG)
	query = (
		frappe.qb.from_(log)
		.select(
			log.name.as_("visit_log"),
			log.visit_date,
			log.customer_site,
			log.purpose,
			log.topics,
			log.customer_opinions,
		)
		.where((log.customer == filters.customer) & log.visit_date[first:last])
		.orderby(log.visit_date)
		.orderby(log.name)
	)
	if filters.get("customer_site"):
		query = query.where(log.customer_site == filters.customer_site)
	visits = query.run(as_dict=True)
	if not visits:
		return []
	names = [v.visit_log for v in visits]
	visitors, people, problems, follow_ups = (
		visitor_names(names),
		people_met(names),
		problem_counts(names),
		open_follow_ups(names, getdate(nowdate())),
	)
	for v in visits:
		v.visitors = visitors.get(v.visit_log, "")
		v.people_met = people.get(v.visit_log, "")
		counts = problems.get(v.visit_log) or {}
		v.problems = cint(counts.get("problems"))
		v.problems_reported = cint(counts.get("reported"))
		actions = follow_ups.get(v.visit_log, [])
		v.open_follow_ups = len(actions)
		v.overdue_follow_ups = sum(1 for a in actions if a.overdue)
		v.open_follow_up_list = "; ".join(
			_("{0} ({1}, due {2})").format(
				a.action, a.owner_name or a.responsible, frappe.format(a.due_date, "Date")
			)
			for a in actions
		)
	return visits


def _child(doctype: str, names: list[str], parentfield: str):
	child = frappe.qb.DocType(doctype)
	return child, (
		child.parent.isin(names) & (child.parenttype == VISIT_LOG) & (child.parentfield == parentfield)
	)


def visitor_names(names: list[str]) -> dict[str, str]:
	child, where = _child("Customer Visit Visitor", names, "visitors")
	user = frappe.qb.DocType("User")
	rows = (
		frappe.qb.from_(child)
		.left_join(user)
		.on(user.name == child.user)
		.select(child.parent, GroupConcat(user.full_name).as_("names"))
		.where(where)
		.groupby(child.parent)
	).run(as_dict=True)
	return {r.parent: (r.names or "").replace(",", ", ") for r in rows}


def people_met(names: list[str]) -> dict[str, str]:
	child, where = _child("Customer Visit Contact", names, "contacts")
	rows = (
		frappe.qb.from_(child)
		.select(child.parent, child.full_name, child.customer_role)
		.where(where)
		.orderby(child.parent)
		.orderby(child.idx)
	).run(as_dict=True)
	result: dict[str, list[str]] = {}
	for r in rows:
		label = f"{r.full_name} ({_(r.customer_role)})" if r.customer_role else (r.full_name or "")
		result.setdefault(r.parent, []).append(label)
	return {parent: ", ".join(people) for parent, people in result.items()}


def problem_counts(names: list[str]) -> dict[str, dict]:
	child, where = _child("Customer Visit Problem", names, "problems")
	reported = Sum(Case().when(child.quality_feedback_sheet.isnotnull(), 1).else_(0))
	rows = (
		frappe.qb.from_(child)
		.select(child.parent, Count(child.name).as_("problems"), reported.as_("reported"))
		.where(where)
		.groupby(child.parent)
	).run(as_dict=True)
	return {r.parent: r for r in rows}


def open_follow_ups(names: list[str], today) -> dict[str, list]:
	child, where = _child("Customer Visit Action", names, "follow_up_actions")
	user = frappe.qb.DocType("User")
	rows = (
		frappe.qb.from_(child)
		.left_join(user)
		.on(user.name == child.responsible)
		.select(
			child.parent,
			child.action,
			child.responsible,
			user.full_name.as_("owner_name"),
			child.due_date,
			child.status,
		)
		.where(where & child.status.notin(planning.FINISHED))
		.orderby(child.due_date)
	).run(as_dict=True)
	result: dict[str, list] = {}
	for r in rows:
		r.overdue = planning.task_overdue(r, today)
		result.setdefault(r.parent, []).append(r)
	return result


def planned_visits(filters: frappe._dict) -> int:
	"""Visits planned for the customer (site) in the months of the period."""
	first, last = period(filters)
	months = range(first.month, last.month + 1)
	rows = plan_rows([first.year], customer=filters.customer)
	site = filters.get("customer_site")
	return sum(
		cint(r.planned_visits)
		for r in rows
		if planning.month_number(r.month) in months and (not site or r.customer_site == site)
	)


def get_summary(data: list[dict], filters: frappe._dict) -> list[dict]:
	if not filters.get("customer"):
		return []
	planned = planned_visits(filters)
	open_actions = sum(d.open_follow_ups for d in data)
	overdue = sum(d.overdue_follow_ups for d in data)
	return [
		{
			"value": len(data),
			"label": _("Visits Made"),
			"datatype": "Int",
			"indicator": "Green" if len(data) >= planned else "Orange",
		},
		{"value": planned, "label": _("Planned Visits"), "datatype": "Int", "indicator": "Blue"},
		{"value": sum(d.problems for d in data), "label": _("Problems Raised"), "datatype": "Int"},
		{
			"value": open_actions,
			"label": _("Open Follow-ups"),
			"datatype": "Int",
			"indicator": "Red" if overdue else ("Orange" if open_actions else "Green"),
		},
		{
			"value": overdue,
			"label": _("Overdue Follow-ups"),
			"datatype": "Int",
			"indicator": "Red" if overdue else "Green",
		},
	]
