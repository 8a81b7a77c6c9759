"""The period, the customer scope and the filters of the quality figures (R-RP-1..3).

- A period is ``from_date`` / ``to_date``, both included; report filters default to the last
  twelve months, the current year or month up to today (:func:`report_period`).
- The customer scope of :mod:`cs_service.access.scope`: an external Customer SQE only ever
  gets figures of their own customers (frappe.qb applies no permissions, so the scope is
  added to each query here); everyone else sees all customers. The quality reports and the
  number cards are our internal figures and refuse a customer's SQE altogether.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, get_first_day, get_year_start, getdate, nowdate

from cs_service.access.roles import NotForCustomerUsers, internal_only
from cs_service.access.scope import report_customers
from cs_service.rules import months

_NOBODY = ()  # customer scope that lets nothing through (scopes are None or tuples)

ReportNotForCustomers = NotForCustomerUsers


def customer_scope(customer: str | None = None, user: str | None = None) -> tuple[str, ...] | None:
	"""Customers the figures may cover: None for all, else a tuple (empty: none at all); see
	:func:`cs_service.access.scope.report_customers`."""
	return report_customers(customer, user)


def _scoped(query, field, scope):
	return query if scope is None else query.where(field.isin(list(scope)))


def refuse_external_sqe(report_name: str):
	"""The quality reports are our internal figures: a customer's SQE gets none of them (their
	roles do not open the reports either; this holds however an admin edits the roles)."""
	internal_only(report_name)


def report_period(filters, default: str = "twelve_months") -> tuple[date, date]:
	"""``from_date`` / ``to_date`` of report filters, defaulting to the last twelve months
	(``"twelve_months"``), the current year (``"year"``) or month (``"month"``) up to today."""
	today = getdate(nowdate())
	starts = {
		"twelve_months": months.twelve_month_window(today)[0],
		"year": get_year_start(today),
		"month": get_first_day(today),
	}
	from_date = getdate(filters.get("from_date")) if filters.get("from_date") else starts[default]
	to_date = getdate(filters.get("to_date")) if filters.get("to_date") else today
	return period(from_date, to_date)


def period(from_date, to_date) -> tuple[date, date]:
	"""The period as dates; refused when it ends before it starts."""
	from_date, to_date = getdate(from_date), getdate(to_date)
	if from_date > to_date:
		frappe.throw(_("{0}: cannot be after {1}").format(_("From Date"), _("To Date")))
	return from_date, to_date


def _until(to_date: date) -> date:
	"""Exclusive upper bound for Datetime fields: the day after ``to_date``."""
	return add_days(to_date, 1)


def _this_month() -> tuple[date, date]:
	"""The number cards' period: this month up to today."""
	today = getdate(nowdate())
	return get_first_day(today), today


def _card_filters(filters) -> frappe._dict:
	"""A number card's filters (JSON or a dict; anything else counts as none)."""
	from cs_service.access.arguments import json_argument

	filters = json_argument(filters, "Filters") or {}
	return frappe._dict(filters if isinstance(filters, dict) else {})
