# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Customer Quality Issue Tracking (R-RP-4, R-FB-5): every submitted Quality Feedback Sheet
with the progress of its corrective actions until it is closed, and its 8D report with the
disciplines past the customer's due time as of now."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Min, Sum
from frappe.utils import add_days, cint, getdate, now_datetime, nowdate
from pypika import Case

from cs_service.access.roles import is_outsider
from cs_service.access.scope import report_customers
from cs_service.rules import eight_d, tracking
from cs_service.rules.quality import format_rate

# Our internal measures: a customer's SQE sees their customer's facts, not how we rate ourselves.
INTERNAL_COLUMNS = ("timeliness",)
INTERNAL_SUMMARY = ("15-Minute On-Time Rate",)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	columns, summary = get_columns(), get_summary(data)
	if is_outsider(frappe.session.user):
		columns = [c for c in columns if c["fieldname"] not in INTERNAL_COLUMNS]
		summary = [s for s in summary if s.get("key") not in INTERNAL_SUMMARY]
		for row in data:
			for field in INTERNAL_COLUMNS:
				row.pop(field, None)
	return columns, data, None, None, summary


def get_columns() -> list[dict]:
	"""What the manager follows up comes first and fits a PC's 1366 px -- the
	sheet, where and which part, the 15-minute rule, the tracking status, the actions, the next
	due date and the 8D; the part's name is shown in the Part cell when it differs from its code
	(the JS formatter), the figures of the problem after."""
	return [
		{
			"fieldname": "sheet",
			"label": _("Quality Feedback Sheet"),
			"fieldtype": "Link",
			"options": "Quality Feedback Sheet",
			"width": 130,
		},
		{"fieldname": "occurred_at", "label": _("Time of Occurrence"), "fieldtype": "Datetime", "width": 135},
		{
			"fieldname": "customer_site",
			"label": _("Customer Site"),
			"fieldtype": "Link",
			"options": "Customer Site",
			"width": 120,
		},
		{"fieldname": "item", "label": _("Part"), "fieldtype": "Link", "options": "Item", "width": 150},
		{"fieldname": "timeliness", "label": _("15-Minute Rule"), "fieldtype": "Data", "width": 85},
		{"fieldname": "tracking_status", "label": _("Tracking Status"), "fieldtype": "Data", "width": 120},
		{"fieldname": "actions", "label": _("Actions"), "fieldtype": "Int", "width": 65},
		{"fieldname": "actions_overdue", "label": _("Actions Overdue"), "fieldtype": "Int", "width": 75},
		{"fieldname": "next_due", "label": _("Next Due Date"), "fieldtype": "Date", "width": 100},
		{
			"fieldname": "eight_d_report",
			"label": _("8D Report"),
			"fieldtype": "Link",
			"options": "CS 8D Report",
			"width": 110,
		},
		{"fieldname": "eight_d_overdue", "label": _("8D Overdue"), "fieldtype": "Data", "width": 90},
		# A Link: our roles read Customer (cs_service.setup.install.ROLE_PERMISSIONS).
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 130,
		},
		{"fieldname": "problem_type", "label": _("Problem Type"), "fieldtype": "Data", "width": 110},
		{"fieldname": "is_major", "label": _("Major Problem"), "fieldtype": "Check", "width": 70},
		{"fieldname": "quantity", "label": _("Quantity"), "fieldtype": "Int", "width": 80},
		{"fieldname": "line_stop_minutes", "label": _("Line Stop Minutes"), "fieldtype": "Int", "width": 90},
		{"fieldname": "actions_closed", "label": _("Actions Closed"), "fieldtype": "Int", "width": 80},
	]


def get_data(filters: frappe._dict) -> list[dict]:
	"""One row per submitted sheet, with the figures of its corrective actions. The sheets and
	the figures of those that have actions are read apart and joined here: grouping every sheet
	of a year with its actions in the database would sort them all in a temporary table."""
	sheet = frappe.qb.DocType("Quality Feedback Sheet")
	query = frappe.qb.from_(sheet).where(sheet.docstatus == 1)
	for field in ("customer", "customer_site", "problem_type", "tracking_status"):
		if filters.get(field):
			query = query.where(sheet[field] == filters.get(field))
	if filters.get("from_date"):
		query = query.where(sheet.occurred_at >= getdate(filters.from_date))
	if filters.get("to_date"):
		query = query.where(sheet.occurred_at < add_days(getdate(filters.to_date), 1))
	if cint(filters.get("open_only")):
		query = query.where(sheet.tracking_status != tracking.CLOSED)

	# frappe.qb applies no permissions: a customer's SQE sees only their own customers' sheets.
	customers = report_customers()
	if customers is not None:
		if not customers:
			return []
		query = query.where(sheet.customer.isin(customers))

	figures = action_figures(query.select(sheet.name))
	listing = (
		query.select(
			sheet.name.as_("sheet"),
			sheet.occurred_at,
			sheet.customer,
			sheet.customer_site,
			sheet.item,
			sheet.item_name,
			sheet.problem_type,
			sheet.is_major,
			sheet.quantity,
			sheet.line_stop_minutes,
			sheet.timeliness,
			sheet.tracking_status,
		)
		.orderby(sheet.occurred_at)
		.orderby(sheet.name)
	)
	rows = []
	for row in listing.run(as_dict=True):
		row.update(figures.get(row.sheet) or NO_ACTIONS)
		rows.append(row)
	if cint(filters.get("only_overdue")):
		rows = [row for row in rows if row["actions_overdue"] > 0]
	add_8d_reports(rows)
	return rows


NO_ACTIONS = {"actions": 0, "actions_closed": 0, "actions_overdue": 0, "next_due": None}


def action_figures(listed) -> dict[str, dict]:
	"""The action figures of the sheets ``listed`` (a query of their names) that have actions,
	by sheet, aggregated by the database: the rules' own predicates (cs_service.rules.tracking)
	as SQL."""
	action = frappe.qb.DocType("Quality Feedback Action")
	today = getdate(nowdate())
	not_done = tracking.ACTION_NOT_DONE.criterion(action)
	closed = tracking.ACTION_CLOSED.criterion(action)
	overdue = tracking.ACTION_OVERDUE.criterion(action, today=today)
	rows = (
		frappe.qb.from_(action)
		.select(
			action.parent,
			Count(action.name).as_("actions"),
			Sum(Case().when(closed, 1).else_(0)).as_("actions_closed"),
			Sum(Case().when(overdue, 1).else_(0)).as_("actions_overdue"),
			Min(Case().when(not_done, action.due_date)).as_("next_due"),
		)
		.where(action.parenttype == "Quality Feedback Sheet")
		.where(action.parentfield == "corrective_actions")
		.where(action.parent.isin(listed))
		.groupby(action.parent)
	).run(as_dict=True)
	return {
		row.parent: {
			"actions": cint(row.actions),
			"actions_closed": cint(row.actions_closed),
			"actions_overdue": cint(row.actions_overdue),
			"next_due": row.next_due,
		}
		for row in rows
	}


def add_8d_reports(rows: list[dict]):
	"""Each sheet's 8D report and its disciplines not done by the customer's due time,
	as of now (the predicate of cs_service.rules.eight_d, as SQL)."""
	if not rows:
		return
	answered = frappe.qb.DocType("CS 8D Sheet")
	step = frappe.qb.DocType("CS 8D Step")
	# the 8D reports are few beside the sheets: read their sheets, not a list of every sheet
	listed = {row["sheet"] for row in rows}
	reports = {
		sheet: report
		for sheet, report in (
			frappe.qb.from_(answered)
			.select(answered.quality_feedback_sheet, answered.parent)
			.where(answered.parenttype == "CS 8D Report")
		).run()
		if sheet in listed
	}
	overdue: dict[str, list[str]] = {}
	if reports:
		for parent, name in (
			frappe.qb.from_(step)
			.select(step.parent, step.step)
			.where(step.parenttype == "CS 8D Report")
			.where(step.parent.isin(list(set(reports.values()))))
			.where(eight_d.STEP_OVERDUE.criterion(step, now=now_datetime()))
		).run():
			overdue.setdefault(parent, []).append(name)
	for row in rows:
		row["eight_d_report"] = reports.get(row["sheet"])
		steps = overdue.get(row["eight_d_report"]) or []
		row["eight_d_overdue"] = ", ".join(sorted(steps, key=eight_d.step_order)) or None


def get_summary(rows: list[dict]) -> list[dict]:
	summary = tracking.tracking_summary(rows)
	rate = summary.on_time_rate
	overdue_8d = len({r["eight_d_report"] for r in rows if r.get("eight_d_overdue")})
	return [
		{
			"value": summary.open_sheets,
			"label": _("Open Sheets"),
			"datatype": "Int",
			"indicator": "Orange" if summary.open_sheets else "Green",
		},
		{
			"value": summary.overdue_actions,
			"label": _("Overdue Actions"),
			"datatype": "Int",
			"indicator": "Red" if summary.overdue_actions else "Green",
		},
		{
			"key": "15-Minute On-Time Rate",
			"value": format_rate(rate),
			# the one rate (cs_service.rules.quality.on_time_rate), its base said
			"label": _("15-Minute On-Time Rate (sent sheets in the filter)"),
			"datatype": "Data",
			"indicator": "Blue",
		},
		{
			"value": overdue_8d,
			"label": _("8D Reports Overdue"),
			"datatype": "Int",
			"indicator": "Red" if overdue_8d else "Green",
		},
	]
