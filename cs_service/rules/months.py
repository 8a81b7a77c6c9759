"""Calendar months, the one home of the app's month arithmetic (R-RP-1..3, R-FB-6, R-ST-2). No
frappe import.

A month is keyed ``"YYYY-MM"`` (:func:`month_key`); :func:`add_months` moves between first days of
months, :func:`add_months_clipped` moves a day by whole months (31 January + 1 = 28/29 February).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta


def month_key(day: date) -> str:
	"""``date(2026, 3, 9) -> "2026-03"``."""
	return f"{day.year:04d}-{day.month:02d}"


def parse_month(key: str) -> date:
	"""``"2026-03" -> date(2026, 3, 1)``; refuses anything else."""
	try:
		year, month = (int(part) for part in key.split("-"))
		return date(year, month, 1)
	except (ValueError, AttributeError) as error:
		raise ValueError(f"not a month key YYYY-MM: {key!r}") from error


def add_months(first: date, months: int) -> date:
	"""The first day of the month ``months`` after (or before) the month of ``first``."""
	index = first.year * 12 + first.month - 1 + months
	return date(index // 12, index % 12 + 1, 1)


def month_bounds(key: str) -> tuple[date, date]:
	"""First and last day of a month: ``"2026-02" -> (2026-02-01, 2026-02-28)``."""
	first = parse_month(key)
	return first, add_months(first, 1) - timedelta(days=1)


def months_between(from_date: date, to_date: date) -> list[str]:
	"""Month keys from the month of ``from_date`` to the month of ``to_date``, inclusive."""
	if to_date < from_date:
		return []
	first, last = from_date.replace(day=1), to_date.replace(day=1)
	keys = []
	while first <= last:
		keys.append(month_key(first))
		first = add_months(first, 1)
	return keys


def last_months(month: str, count: int = 12) -> list[str]:
	"""The ``count`` months ending with ``month``: ``last_months("2026-03", 3)`` is
	``["2026-01", "2026-02", "2026-03"]`` (the 12-month trend of a monthly report)."""
	end = parse_month(month)
	return [month_key(add_months(end, -offset)) for offset in range(count - 1, -1, -1)]


def twelve_month_window(today: date) -> tuple[date, date]:
	"""Default period of the trend reports: the first day of the month 11 months back to today."""
	return add_months(today.replace(day=1), -11), today


def previous_month(today: date) -> str:
	"""The month before ``today``'s: what the monthly report of the 20th is about."""
	return month_key(add_months(today.replace(day=1), -1))


def is_last_day_of_month(day: date) -> bool:
	"""True on the 31st of January, the 28th of February (29th in a leap year), the 30th of April..."""
	return (day + timedelta(days=1)).day == 1


def month_start(day: date | datetime) -> date:
	return date(day.year, day.month, 1)


def add_months_clipped(day: date, months: int) -> date:
	"""``day`` plus whole months, clipped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
	index = day.year * 12 + day.month - 1 + months
	year, month = divmod(index, 12)
	first_next = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
	last_day = (first_next - timedelta(days=1)).day
	return date(year, month + 1, min(day.day, last_day))


def month_of(value: date | datetime | str) -> str:
	"""``"2026-03-09 10:00:00"``, ``date(2026, 3, 9)`` -> ``"2026-03"``."""
	if isinstance(value, date | datetime):
		return month_key(value)
	return str(value)[:7]


def months_of_year_to(month: str) -> list[str]:
	"""January to ``month``: line-stop minutes accumulate per calendar year."""
	return months_between(parse_month(month).replace(month=1), parse_month(month))
