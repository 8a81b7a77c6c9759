"""Months of the monthly report and the series its charts draw (R-RP-3, R-US-4). No frappe import.

A report month is written ``"YYYY-MM"``; the month arithmetic, PPM and running sums are the
rules of :mod:`cs_service.rules.quality`, shared with the reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from cs_service.rules import quality

MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
DEFAULT_REPORT_DAY = 20  # CS Service Settings: before the 22nd deadline (R-RP-3)
LAST_REPORT_DAY = 21  # the decks are due before the 22nd
TREND_MONTHS = 12


def is_month(value: str | None) -> bool:
	"""``"2026-03"`` yes; ``"2026-3"``, ``"2026-13"``, ``"March"`` no."""
	return bool(value and MONTH_PATTERN.match(value))


def in_report_window(day: date, report_day: int | None) -> bool:
	"""From the report day up to the 21st: a report not sent on its day (no e-mail account,
	a worker down) is tried again each morning until the deadline of the 22nd."""
	return (report_day or DEFAULT_REPORT_DAY) <= day.day <= LAST_REPORT_DAY


def trend_months(month: str) -> list[str]:
	"""The 12 months up to and including ``month``: the PPM trend of the quality deck."""
	return quality.last_months(month, TREND_MONTHS)


def year_to_date(month: str) -> list[str]:
	"""January to ``month``: line-stop minutes accumulate per calendar year."""
	return quality.months_between(quality.parse_month(month).replace(month=1), quality.parse_month(month))


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
	"""One row per month for ``customer``: ``minutes`` of that month (0 without a stop), the
	``cumulative`` minutes since January and the ``sheets`` behind the month's figure."""
	by_month = {r["month"]: r for r in rows if r.get("customer") == customer}
	minutes = quality.fill_months(months, {m: int(r.get("minutes") or 0) for m, r in by_month.items()})
	running = quality.year_to_date(zip(months, minutes, strict=True))
	return [
		{
			"customer": customer,
			"month": m,
			"minutes": value,
			"cumulative": total,
			"sheets": list(by_month.get(m, {}).get("sheets") or []),
		}
		for m, value, total in zip(months, minutes, running, strict=True)
	]
