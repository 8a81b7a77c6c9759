"""Months of the monthly report and the series its charts draw (R-RP-3, R-US-4). No frappe import.

A report month is written ``"YYYY-MM"``; the month arithmetic, PPM and running sums are the
rules of :mod:`cs_service.rules.quality`, shared with the reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from cs_service.rules import months, quality

MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
DEFAULT_REPORT_DAY = 20  # CS Service Settings: before the 22nd deadline (R-RP-3)
LAST_REPORT_DAY = 21  # the decks are due before the 22nd
TREND_MONTHS = 12


def is_month(value: str | None) -> bool:
	"""``"2026-03"`` yes; ``"2026-3"``, ``"2026-13"``, ``"March"`` no."""
	return bool(value and MONTH_PATTERN.match(value))


def in_report_window(day: date, report_day: int | None) -> bool:
	"""From the report day to the end of the month: the report is due before the 22nd
	(R-RP-3), and one not sent by then -- no e-mail account, a worker killed on the 21st --
	is still made good by the next morning's run, late, rather than never."""
	return (report_day or DEFAULT_REPORT_DAY) <= day.day


def is_report_late(day: date) -> bool:
	"""Whether a report sent on ``day`` missed the deadline of the 22nd (R-RP-3)."""
	return day.day > LAST_REPORT_DAY


def is_finished(month: str, today: date) -> bool:
	"""A report is made only for a month that has ended: ``"2026-03"`` is
	finished on 1 April 2026, not on 31 March."""
	return months.month_bounds(month)[1] < today


def trend_months(month: str) -> list[str]:
	"""The 12 months up to and including ``month``: the PPM trend of the quality deck."""
	return months.last_months(month, TREND_MONTHS)


def customer_trend(rows: Iterable[Mapping], customer: str, months: list[str]) -> list[dict]:
	"""One row per month for ``customer``: its parts' delivery-quality rows summed
	(``net_delivered``, ``defective``) and the PPM of the sums; months without rows have
	nothing delivered and no PPM."""
	totals = quality.monthly_totals([r for r in rows if r.get("customer") == customer], months)
	return [
		{
			"customer": customer,
			"month": t["month"],
			"net_delivered": t["net_delivered"],
			"defective": t["defective"],
			"ppm": t["ppm"],
		}
		for t in totals
	]


def line_stop_series(rows: Iterable[Mapping], customer: str, months: list[str]) -> list[dict]:
	"""One row per month for ``customer``: ``minutes`` caused by us in that month (0 without
	a stop), the ``cumulative`` minutes since January and the ``sheets`` behind the month's
	figure; apart, the ``undecided_minutes`` of Tracking problems and their
	``undecided_sheets`` (R-RP-3: not counted in the minutes nor in the cumulative)."""
	by_month = {r["month"]: r for r in rows if r.get("customer") == customer}
	minutes = quality.fill_months(months, {m: int(r.get("minutes") or 0) for m, r in by_month.items()})
	running = quality.running_totals(zip(months, minutes, strict=True))
	return [
		{
			"customer": customer,
			"month": m,
			"minutes": value,
			"cumulative": total,
			"sheets": list(by_month.get(m, {}).get("sheets") or []),
			"undecided_minutes": int(by_month.get(m, {}).get("undecided_minutes") or 0),
			"undecided_sheets": list(by_month.get(m, {}).get("undecided_sheets") or []),
		}
		for m, value, total in zip(months, minutes, running, strict=True)
	]
