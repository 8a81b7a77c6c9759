"""Report arithmetic of the tracking sheet and the month-end escalation (R-RP-4, R-FB-6).

Plain functions over plain values: the summary figures of the Customer Quality Issue
Tracking report and the calendar rule that makes the month-end escalation run once, on
the last day of each month.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from cs_service.rules import clock, tracking
from cs_service.rules.quality import rate


def on_time_rate(on_time: int, timed: int) -> float | None:
	"""Percentage (one decimal) of sheets sent within the 15 minutes among the ``timed`` sheets
	that have a timeliness at all; None when there is none, so that no 0 % or 100 % is made up."""
	return rate(on_time, timed)  # one rounding (half up) for every rate the app shows


def format_rate(rate: float | None) -> str:
	"""``"87.5 %"``, or ``"-"`` when there is no rate."""
	return "-" if rate is None else f"{rate:.1f} %"


@dataclass(frozen=True)
class TrackingSummary:
	open_sheets: int  # not Closed
	overdue_actions: int
	on_time: int
	timed: int  # sheets with a timeliness (On time or Late)

	@property
	def on_time_rate(self) -> float | None:
		return on_time_rate(self.on_time, self.timed)


def tracking_summary(rows: Iterable[Mapping]) -> TrackingSummary:
	"""Figures over report rows holding ``tracking_status``, ``actions_overdue`` and ``timeliness``."""
	rows = list(rows)
	return TrackingSummary(
		open_sheets=sum(1 for r in rows if r.get("tracking_status") != tracking.CLOSED),
		overdue_actions=sum(int(r.get("actions_overdue") or 0) for r in rows),
		on_time=sum(1 for r in rows if r.get("timeliness") == clock.ON_TIME),
		timed=sum(1 for r in rows if r.get("timeliness") in (clock.ON_TIME, clock.LATE)),
	)


def is_last_day_of_month(day: date) -> bool:
	"""True on the 31st of January, the 28th of February (29th in a leap year), the 30th of April..."""
	return (day + timedelta(days=1)).day == 1


def days_overdue(due_date: date, today: date) -> int:
	"""Whole days an action is past its due date (0 when it is not yet due)."""
	return max((today - due_date).days, 0)
