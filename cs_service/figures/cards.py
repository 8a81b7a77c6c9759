"""The workspace number cards of the quality figures (R-RP-1..4, R-FB-4).

Each card is a whitelisted method (the ``method`` of a Number Card of type *Custom*) over
this month's figures of :mod:`cs_service.figures.live`. The cards are our internal
figures: a customer's SQE gets none of them, whatever their rights.
"""

from __future__ import annotations

import frappe

from cs_service.access.roles import internal_only
from cs_service.figures.filters import _card_filters, _this_month
from cs_service.figures.live import complaint_kpi, line_stop_trend, overdue_actions, ppm_trend


def _check_card_access(*doctypes: str):
	"""Number cards are internal figures: refused to customer users, whatever their rights."""
	internal_only("Number Card")
	for doctype in ("Quality Feedback Sheet", *doctypes):
		frappe.has_permission(doctype, "read", throw=True)


@frappe.whitelist()
@frappe.read_only()  # served from the read replica where the site has one
def card_ppm_this_month(filters: str | dict | list | None = None) -> dict | str:
	"""Number card: PPM of this month, all customers and parts (or ``filters.customer``)."""
	_check_card_access("Delivery Note")
	filters = _card_filters(filters)
	from_date, to_date = _this_month()
	(month,) = ppm_trend(from_date, to_date, customer=filters.customer, company=filters.company)
	return "-" if month["ppm"] is None else {"value": month["ppm"], "fieldtype": "Int"}


@frappe.whitelist()
@frappe.read_only()  # served from the read replica where the site has one
def card_line_stop_minutes_this_month(filters: str | dict | list | None = None) -> dict:
	"""Number card: line-stop minutes caused by us this month (Quality problems, R-RP-3)."""
	_check_card_access()
	filters = _card_filters(filters)
	from_date, to_date = _this_month()
	(month,) = line_stop_trend(from_date, to_date, customer=filters.customer)
	return {"value": month["minutes"], "fieldtype": "Int"}


@frappe.whitelist()
@frappe.read_only()  # served from the read replica where the site has one
def card_line_stop_minutes_undecided_this_month(filters: str | dict | list | None = None) -> dict:
	"""Number card: this month's line-stop minutes of Tracking problems, not decided yet
	whether caused by us -- shown apart from the minutes caused by us (R-RP-3)."""
	_check_card_access()
	filters = _card_filters(filters)
	from_date, to_date = _this_month()
	(month,) = line_stop_trend(from_date, to_date, customer=filters.customer)
	return {"value": month["undecided_minutes"], "fieldtype": "Int"}


@frappe.whitelist()
@frappe.read_only()  # served from the read replica where the site has one
def card_on_time_rate_this_month(filters: str | dict | list | None = None) -> dict | str:
	"""Number card: share of this month's sheets sent within the 15 minutes (R-FB-4)."""
	_check_card_access()
	filters = _card_filters(filters)
	from_date, to_date = _this_month()
	rate = complaint_kpi(from_date, to_date, customer=filters.customer)["on_time_rate"]
	return "-" if rate is None else {"value": rate, "fieldtype": "Percent"}


@frappe.whitelist()
@frappe.read_only()  # served from the read replica where the site has one
def card_overdue_actions(filters: str | dict | list | None = None) -> dict:
	"""Number card: corrective actions of submitted sheets past their due date, not done."""
	_check_card_access()
	filters = _card_filters(filters)
	return {"value": overdue_actions(customer=filters.customer), "fieldtype": "Int"}
