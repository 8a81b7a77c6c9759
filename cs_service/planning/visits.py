"""The visits to the customers (R-PL-1): the Annual Service Plans' planned months, the visits
logged per month (Customer Visit Logs), and the daily flag of the months that ended behind
plan. Read by the Annual Service Plan, the reports Service Plan vs Actual and Customer Visit
Summary, and the scheduled job (:func:`cs_service.jobs.scheduled.flag_visits_behind_plan`).

A month that ended with fewer visits than planned is behind plan; :func:`flag_plans_behind`
tells the CS Managers once per month, a plan at a time and whole or not at all.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Extract
from frappe.utils import get_url_to_form, getdate, nowdate
from frappe.utils.user import get_users_with_role
from pypika.enums import DatePart

from cs_service.access.roles import CS_MANAGER
from cs_service.jobs import once
from cs_service.notifications import mail
from cs_service.rules import jobs, planning

PLAN = "Annual Service Plan"
VISIT_LOG = "Customer Visit Log"


def visit_counts(year: int, customers: list[str] | None = None) -> list[dict]:
	"""Visits logged per customer, site and month of ``year`` (counted by the database)."""
	log = frappe.qb.DocType(VISIT_LOG)
	first, last = planning.period_bounds(year)
	month = Extract(DatePart.month, log.visit_date)
	query = (
		frappe.qb.from_(log)
		.select(log.customer, log.customer_site, month.as_("month"), Count(log.name).as_("visits"))
		.where(log.visit_date[first:last])
		.groupby(log.customer, log.customer_site, month)
	)
	if customers is not None:
		if not customers:
			return []
		query = query.where(log.customer.isin(customers))
	return query.run(as_dict=True)


def plan_rows(
	years: list[int],
	unflagged_only: bool = False,
	customer: str | None = None,
	customer_site: str | None = None,
) -> list[dict]:
	"""The planned months of the plans of ``years`` with their plan's customer and site."""
	plan = frappe.qb.DocType(PLAN)
	row = frappe.qb.DocType("Annual Service Plan Visit")
	query = (
		frappe.qb.from_(row)
		.join(plan)
		.on((row.parent == plan.name) & (row.parenttype == PLAN) & (row.parentfield == "visits"))
		.select(
			row.name.as_("row"),
			plan.name.as_("plan"),
			plan.year,
			plan.customer,
			plan.customer_site,
			row.month,
			row.planned_visits,
			row.purpose,
			row.visitor,
			row.flagged_on,
		)
		.where(plan.year.isin(years))
		.orderby(plan.name)
		.orderby(row.idx)
	)
	if unflagged_only:
		query = query.where(row.flagged_on.isnull())
	if customer:
		query = query.where(plan.customer == customer)
	if customer_site:
		query = query.where(plan.customer_site == customer_site)
	return query.run(as_dict=True)


def months_behind(today: date, unflagged_only: bool = True) -> list[dict]:
	"""Planned months of this and last year that ended behind plan (and were not flagged yet):
	``{row, plan, year, customer, customer_site, month, planned_visits, visits_made, shortfall}``."""
	years = [today.year - 1, today.year]
	rows = plan_rows(years, unflagged_only)
	counts = {year: visit_counts(year) for year in years}
	behind = []
	for r in rows:
		month = planning.month_number(r.month)
		actual = planning.visits_for_plan(counts[r.year], r.customer, r.customer_site).get(month, 0)
		if planning.month_status(r.year, month, r.planned_visits, actual, today) == planning.BEHIND:
			r.update(visits_made=actual, shortfall=planning.shortfall(r.planned_visits, actual))
			behind.append(r)
	return behind


def flag_plans_behind(today: date | None = None) -> list[dict]:
	"""Tell every CS Manager, once per month, which planned visits fell behind: a ToDo on the
	plan, a comment in its timeline and an e-mail; the month's row remembers the day it was
	flagged, and a CS Job Record what was done. Each plan is flagged whole or not at all (a
	savepoint): when a part fails, nothing of it stays and the next run flags it. Returns the
	rows flagged now."""
	today = getdate(today or nowdate())
	behind = months_behind(today)
	if not behind:
		return []
	managers = get_users_with_role(CS_MANAGER)
	by_plan: dict[str, list[dict]] = {}
	for r in behind:
		by_plan.setdefault(r.plan, []).append(r)
	flagged = []
	for plan, rows in by_plan.items():
		savepoint = "cs_flag_plan_behind"
		frappe.db.savepoint(savepoint)
		try:
			flagged += flag_plan(plan, rows, managers, today)
		except Exception:
			frappe.db.rollback(save_point=savepoint)
			frappe.log_error(
				title=_("Flagging {0} to the CS Managers failed").format(plan),
				reference_doctype=PLAN,
				reference_name=plan,
			)
		else:
			frappe.db.release_savepoint(savepoint)
	return flagged


def flag_plan(plan: str, rows: list[dict], managers: list[str], today: date) -> list[dict]:
	"""Flag the months ``rows`` of ``plan``. The rows are locked first (``SELECT ... FOR
	UPDATE``, which sees what another run committed): a month another run flagged meanwhile
	is left out."""
	visit = frappe.qb.DocType("Annual Service Plan Visit")
	unflagged = set(
		frappe.qb.from_(visit)
		.select(visit.name)
		.where(visit.name.isin([r.row for r in rows]))
		.where(visit.flagged_on.isnull())
		.for_update()
		.run(pluck=True)
	)
	rows = [r for r in rows if r.row in unflagged]
	if not rows:
		return []
	record = once.claim(
		once.VISITS_BEHIND_PLAN, jobs.plan_flag_key(plan, [r.month for r in rows], today), PLAN, plan
	)
	if not record:
		return []
	message = behind_message(plan, rows)
	mail = _notify_managers(plan, message, managers, today)
	frappe.qb.update(visit).set(visit.flagged_on, today).where(visit.name.isin([r.row for r in rows])).run()
	once.finish(record, once.DONE, message, email_queue=mail)
	return rows


def behind_message(plan: str, rows: list[dict]) -> str:
	months = "; ".join(
		_("{0}: {1} of {2} visits made").format(_(r.month), r.visits_made, r.planned_visits) for r in rows
	)
	return _("Visits behind plan at {0} ({1}): {2}").format(
		rows[0].customer_site or rows[0].customer, plan, months
	)


def _notify_managers(plan: str, message: str, managers: list[str], today: date) -> str | None:
	"""ToDos, a comment and one e-mail; returns the Email Queue's name."""
	for manager in managers:
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": manager,
				"reference_type": PLAN,
				"reference_name": plan,
				"description": message,
				"priority": "High",
				"date": today,
				"assigned_by": "Administrator",
			}
		).insert(ignore_permissions=True)  # a system reminder, not a user's action
	frappe.get_doc(PLAN, plan).add_comment("Info", message)
	if managers:
		queued = mail.queue_email(
			managers,
			message,
			template="visits_behind_plan",
			args={"message": message, "plan": plan, "link": get_url_to_form(PLAN, plan)},
			reference_doctype=PLAN,
			reference_name=plan,
		)
		return mail.queued_name(queued)
	return None


def task_problem_message(code: str) -> str:
	return {
		"unknown_status": _("the status must be Open, In Progress, Done or Cancelled"),
		"done_without_date": _("a done action needs its Done On date"),
		"date_without_done": _("Done On is only for a done action"),
	}.get(code, code)
