"""The calendar and the keys of the scheduled jobs (R-FB-6, R-CT-7, R-PL-1, R-US-4).

A scheduled job does its work for something -- a month, a screening's follow-up, a plan's
months -- once: it records what it did under a key, a re-run finds the key and does
nothing, and a run that was missed is made good by the next run, which finds the key
missing. These functions say what is due on a day and what the key of a piece of work is.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from cs_service.rules import months


def month_end_due(today: date) -> date:
	"""The month-end to escalate on ``today`` (R-FB-6): today on the last day of a month,
	otherwise the last day of the month before, so that the first run after a missed
	last-day run makes it good."""
	if months.is_last_day_of_month(today):
		return today
	return today.replace(day=1) - timedelta(days=1)


def is_late(due: date, today: date) -> bool:
	"""Whether work due on ``due`` is done after that day (a missed run made good)."""
	return today > due


def reminder_key(screening: str, follow_up_until: datetime, engineer: str) -> str:
	"""The breakpoint reminder is sent once per screening, end of its follow-up and engineer
	(R-CT-7): a new follow-up or another engineer is reminded again, a closed ToDo is not."""
	return f"{screening} {follow_up_until:%Y-%m-%d %H:%M:%S} {engineer}"


def plan_flag_key(plan: str, months: list[str], today: date) -> str:
	"""A plan's months behind plan, flagged on ``today`` (R-PL-1)."""
	return f"{plan}: {', '.join(months)} ({today.isoformat()})"
