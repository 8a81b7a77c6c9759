# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Annual Service Plan (R-PL-1): the visits planned per month for a customer (or one of its
sites) in a year, against the Customer Visit Logs of that year. A month that ended with fewer
visits than planned is behind plan; the daily job :func:`flag_plans_behind` tells the CS
Managers once per month, a plan at a time and whole or not at all."""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Count, Extract
from frappe.utils import cint, get_url_to_form, getdate, nowdate
from frappe.utils.user import get_users_with_role
from pypika.enums import DatePart

from cs_service.cs_service.doctype.cs_job_record import cs_job_record as job_record
from cs_service.roles import CS_MANAGER
from cs_service.rules import jobs, planning
from cs_service.sites import validate_site_of_customer

PLAN = "Annual Service Plan"
VISIT_LOG = "Customer Visit Log"


class DuplicatePlan(frappe.ValidationError):
	pass


class InvalidPlan(frappe.ValidationError):
	pass


class AnnualServicePlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.annual_service_plan_visit.annual_service_plan_visit import (
			AnnualServicePlanVisit,
		)

		customer: DF.Link
		customer_site: DF.Link | None
		remarks: DF.SmallText | None
		visits: DF.Table[AnnualServicePlanVisit]
		year: DF.Int
	# end: auto-generated types

	def autoname(self):
		self.name = f"{self.year} {self.customer_site or self.customer}"

	def validate(self):
		validate_site_of_customer(self.customer_site, self.customer)
		self.validate_year()
		self.validate_months()
		self.validate_unique()

	def onload(self):
		self.set_progress(getdate(nowdate()))

	def validate_year(self):
		if not 2000 <= cint(self.year) <= 2100:
			frappe.throw(_("{0}: {1} is not a year").format(_("Year"), self.year), exc=InvalidPlan)

	def validate_months(self):
		repeated = planning.repeated_months(row.month for row in self.visits)
		if repeated:
			frappe.throw(
				_("{0}: each month may appear once, repeated: {1}").format(
					_("Planned Visits"), ", ".join(_(planning.month_name(m)) for m in repeated)
				),
				exc=InvalidPlan,
			)

	def validate_unique(self):
		existing = frappe.db.get_value(
			PLAN,
			{
				"year": self.year,
				"customer": self.customer,
				"customer_site": self.customer_site or ("is", "not set"),
				"name": ("!=", "" if self.is_new() else self.name),
			},
		)
		if existing:
			frappe.throw(
				_("{0}: {1} already plans the visits of {2} in {3}").format(
					_("Annual Service Plan"), existing, self.customer_site or self.customer, self.year
				),
				exc=DuplicatePlan,
			)

	# ------------------------------------------------------------ plan vs actual

	def progress(self, today: date) -> list[planning.MonthProgress]:
		planned = {planning.month_number(row.month): cint(row.planned_visits) for row in self.visits}
		actual = planning.visits_for_plan(
			visit_counts(cint(self.year), [self.customer]), self.customer, self.customer_site
		)
		return planning.plan_progress(cint(self.year), planned, actual, today)

	def set_progress(self, today: date):
		"""Visits made and status of each planned month (virtual fields), and the year to date."""
		progress = {p.month: p for p in self.progress(today)}
		for row in self.visits:
			month = progress.get(planning.month_number(row.month))
			row.actual_visits = month.actual if month else 0
			row.plan_status = month.status if month else None
		planned, actual = planning.year_to_date(progress.values(), cint(self.year), today)
		self.set_onload(
			"year_to_date",
			{
				"planned": planned,
				"actual": actual,
				"behind": [_(p.month_name) for p in planning.behind_plan(progress.values())],
			},
		)


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


# ---------------------------------------------------------------- flag to the CS Manager


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
	record = job_record.claim(
		job_record.VISITS_BEHIND_PLAN, jobs.plan_flag_key(plan, [r.month for r in rows], today), PLAN, plan
	)
	if not record:
		return []
	message = behind_message(plan, rows)
	mail = notify_managers(plan, message, managers, today)
	frappe.qb.update(visit).set(visit.flagged_on, today).where(visit.name.isin([r.row for r in rows])).run()
	job_record.finish(record, job_record.DONE, message, email_queue=mail)
	return rows


def behind_message(plan: str, rows: list[dict]) -> str:
	months = "; ".join(
		_("{0}: {1} of {2} visits made").format(_(r.month), r.visits_made, r.planned_visits) for r in rows
	)
	return _("Visits behind plan at {0} ({1}): {2}").format(
		rows[0].customer_site or rows[0].customer, plan, months
	)


def notify_managers(plan: str, message: str, managers: list[str], today: date) -> str | None:
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
		queued = frappe.sendmail(
			recipients=managers,
			subject=message,
			message=f'<p>{frappe.utils.escape_html(message)}</p><p><a href="{get_url_to_form(PLAN, plan)}">'
			f"{frappe.utils.escape_html(plan)}</a></p>",
			reference_doctype=PLAN,
			reference_name=plan,
		)
		return getattr(queued, "name", None)
	return None
