"""Staff rules: the assessment year (R-ST-2, R-ST-3).

Violations are counted per assessment year, which starts in a configurable month
(CS Service Settings). A year is named after the calendar year in which it starts.
"""

from __future__ import annotations

from datetime import date, datetime


def assessment_year(day: date | datetime, start_month: int = 1) -> int:
	"""The assessment year of ``day``: with a year starting in April, 15 March 2026 belongs to
	the year 2025 (April 2025 - March 2026) and 1 April 2026 to 2026."""
	if not 1 <= start_month <= 12:
		raise ValueError(f"start_month must be 1..12, not {start_month}")
	return day.year if day.month >= start_month else day.year - 1


def assessment_year_bounds(year: int, start_month: int = 1) -> tuple[date, date]:
	"""First and last day of an assessment year."""
	first = date(year, start_month, 1)
	next_first = date(year + 1, start_month, 1)
	return first, date.fromordinal(next_first.toordinal() - 1)
