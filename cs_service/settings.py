"""The department's settings (CS Service Settings), read in one place: one typed accessor per
setting, each with its default, so that no module reads the Single on its own or falls back to a
default of its own.

The defaults are the source standard's (R-RP-3 report day, R-FB-6 recurrence window, R-ST-2/3
thresholds, R-FB-4 offline bound); a site that left a setting empty gets them. Writes stay with
the Settings form (its controller validates them)."""

from __future__ import annotations

import re
from datetime import timedelta

import frappe
from frappe.utils import cint, split_emails

from cs_service.decks.series import DEFAULT_REPORT_DAY
from cs_service.rules import bounds, evidence, recurrence

DOCTYPE = "CS Service Settings"

FLAG_BASIS = "Flag on Customer"
VOLUME_BASIS = "Top by Delivered Quantity"
DEFAULT_MAJOR_CUSTOMER_COUNT = 5
DEFAULT_ASSESSMENT_YEAR_START_MONTH = 1
DEFAULT_HANDOVER_CONFIRMATION_HOURS = 1
RECIPIENT_FIELDS = ("qa_recipients", "gm_recipients")


def single():
	"""The whole Single, cached for the request (for rules that read several of its fields)."""
	return frappe.get_cached_doc(DOCTYPE)


def _value(field: str):
	return frappe.db.get_single_value(DOCTYPE, field)


# ---------------------------------------------------------------- recipients


def split_addresses(text: str | None) -> list[str]:
	"""Addresses typed one per line or separated by commas (or semicolons), as Frappe splits them."""
	return [a.strip() for a in split_emails(re.sub(r"[;\r\n]+", ",", text or "")) if a.strip()]


def recipients(fieldname: str) -> list[str]:
	"""The e-mail addresses of a recipients field (``qa_recipients``, ``gm_recipients``)."""
	if fieldname not in RECIPIENT_FIELDS:
		raise ValueError(fieldname)
	return split_addresses(_value(fieldname))


def qa_recipients() -> list[str]:
	return recipients("qa_recipients")


def gm_recipients() -> list[str]:
	return recipients("gm_recipients")


def department_recipients(departments: list[str]) -> list[str]:
	"""E-mail addresses of the given departments, from the Other Departments table."""
	if not departments:
		return []
	rows = frappe.get_all(
		"CS Department Recipient",
		filters={"parent": DOCTYPE, "department": ("in", departments)},
		pluck="recipients",
	)
	return [email for text in rows for email in split_addresses(text)]


# ---------------------------------------------------------------- reports (R-RP-1..3)


def report_day() -> int:
	"""The day of the month the monthly decks go out (R-RP-3: before the 22nd)."""
	return cint(_value("monthly_report_day")) or DEFAULT_REPORT_DAY


def major_customer_basis() -> str:
	return _value("major_customer_basis") or VOLUME_BASIS


def major_customer_count() -> int:
	return cint(_value("major_customer_count")) or DEFAULT_MAJOR_CUSTOMER_COUNT


# ---------------------------------------------------------------- feedback (R-FB-4, R-FB-6)


def recurrence_rule() -> tuple[int, int, str]:
	"""``(window_days, min_occurrences, grouping)`` of a recurring problem (R-FB-6)."""
	window_days = cint(_value("recurrence_window_days")) or recurrence.DEFAULT_WINDOW_DAYS
	min_occurrences = cint(_value("recurrence_min_occurrences")) or recurrence.DEFAULT_MIN_OCCURRENCES
	grouping = _value("recurrence_across")
	return (
		window_days,
		min_occurrences,
		grouping if grouping in recurrence.GROUPINGS else recurrence.PARENT_CUSTOMER,
	)


def max_offline() -> timedelta:
	"""How long a phone may have been offline before its times are not taken as stated (R-FB-4)."""
	hours = _value("max_offline_hours")
	return timedelta(hours=hours) if hours and hours > 0 else evidence.DEFAULT_MAX_OFFLINE


def value_limits() -> dict[str, float]:
	"""The largest quantity and line-stop minutes a record may hold (:mod:`cs_service.rules.bounds`)."""
	settings = single()
	return bounds.limits({field: settings.get(field) for field in bounds.LIMIT_SETTINGS.values()})


# ---------------------------------------------------------------- staff (R-ST-1..4, R-CT-8)


def assessment_year_start_month() -> int:
	return cint(_value("assessment_year_start_month")) or DEFAULT_ASSESSMENT_YEAR_START_MONTH


def handover_confirmation_hours() -> float:
	return _value("handover_confirmation_hours") or DEFAULT_HANDOVER_CONFIRMATION_HOURS
