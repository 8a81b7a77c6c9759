"""The values of the monthly assessment that the app knows (R-ST-5).

For an engineer and a month: the 15-minute on-time rate and the completeness of their
feedback sheets (R-FB-4, R-FB-7), the visits made against the annual plan (R-PL-1), and
from the violation ledger the violations, fines and whether the month's performance bonus
is kept (R-CT-8). Scoring and weighting are :mod:`cs_service.rules.staff`.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe.query_builder.functions import Count, Sum
from frappe.utils import get_datetime, get_first_day

from cs_service.rules import planning, staff
from cs_service.staff.ledger import INCOMPLETE_REVIEW


def month_range(day: date) -> tuple[date, date]:
	"""The first day of ``day``'s month and of the next month."""
	return get_first_day(day), get_first_day(day, d_months=1)


def ledger_figures(engineer: str, day: date) -> frappe._dict:
	first, next_first = month_range(day)
	sv = frappe.qb.DocType("Staff Violation")
	count, fines, forfeits = (
		frappe.qb.from_(sv)
		.select(Count(sv.name), Sum(sv.fine), Sum(sv.forfeits_bonus))
		.where(
			(sv.engineer == engineer)
			& (sv.docstatus == 1)
			& (sv.violation_date >= first)
			& (sv.violation_date < next_first)
		)
	).run()[0]
	return frappe._dict(violations=int(count or 0), fines=float(fines or 0), bonus_forfeited=bool(forfeits))


def feedback_figures(engineer: str, day: date) -> frappe._dict:
	first, next_first = month_range(day)
	sheets = frappe.get_all(
		"Quality Feedback Sheet",
		filters=[
			["owner", "=", engineer],
			["docstatus", "=", 1],
			["reported_at", ">=", get_datetime(first)],
			["reported_at", "<", get_datetime(next_first)],
		],
		fields=["timeliness", "qa_review"],
	)
	timed = [s for s in sheets if s.timeliness]
	on_time = staff.percent(sum(1 for s in timed if s.timeliness == "On time"), len(timed))
	incomplete = sum(1 for s in sheets if s.qa_review == INCOMPLETE_REVIEW)
	completeness = staff.percent(len(sheets) - incomplete, len(sheets))
	return frappe._dict(on_time=on_time, completeness=completeness)


def visit_rate(engineer: str, day: date) -> float | None:
	first, next_first = month_range(day)
	plan = frappe.qb.DocType("Annual Service Plan")
	row = frappe.qb.DocType("Annual Service Plan Visit")
	planned = (
		frappe.qb.from_(row)
		.join(plan)
		.on((row.parent == plan.name) & (row.parenttype == "Annual Service Plan"))
		.select(Sum(row.planned_visits))
		.where(
			(plan.year == first.year)
			& (row.month == planning.month_name(first.month))
			& (row.visitor == engineer)
		)
	).run()[0][0]
	if not planned:
		return None
	log = frappe.qb.DocType("Customer Visit Log")
	visitor = frappe.qb.DocType("Customer Visit Visitor")
	made = (
		frappe.qb.from_(log)
		.join(visitor)
		.on((visitor.parent == log.name) & (visitor.parenttype == "Customer Visit Log"))
		.select(Count(log.name).distinct())
		.where((visitor.user == engineer) & (log.visit_date >= first) & (log.visit_date < next_first))
	).run()[0][0]
	return staff.percent(made or 0, planned)


def kpi_values(engineer: str, day: date) -> tuple[dict[str, float | None], frappe._dict]:
	"""``({source: value}, ledger figures)`` of the automatic KPI sources."""
	ledger = ledger_figures(engineer, day)
	feedback = feedback_figures(engineer, day)
	values = {
		staff.ON_TIME_RATE: feedback.on_time,
		staff.FEEDBACK_COMPLETENESS: feedback.completeness,
		staff.VISITS_VS_PLAN: visit_rate(engineer, day),
		staff.VIOLATION_COUNT: float(ledger.violations),
		staff.FINES: ledger.fines,
		staff.BONUS_KEPT: 0.0 if ledger.bonus_forfeited else 100.0,
	}
	return values, ledger
