"""Corrective actions to closure (R-FB-5, R-RP-4).

QA records the root cause and long-term actions on a submitted feedback sheet; the sheet
is Open until it has actions, then Actions in Progress, and Closed only when every action
is done *and* verified. The summary figures of the Customer Quality Issue Tracking report
(open sheets, overdue actions, the 15-minute on-time rate) and the days an action is
overdue in the month-end escalation are counted here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from cs_service.rules import clock
from cs_service.rules.predicates import Before, Equals, Filled, NotEquals, Param
from cs_service.rules.quality import on_time_rate

OPEN = "Open"
IN_PROGRESS = "Actions in Progress"
CLOSED = "Closed"
TRACKING_STATUSES = (OPEN, IN_PROGRESS, CLOSED)

ACTION_OPEN = "Open"
ACTION_IN_PROGRESS = "In Progress"
ACTION_DONE = "Done"
ACTION_STATUSES = (ACTION_OPEN, ACTION_IN_PROGRESS, ACTION_DONE)


# One source for Python and SQL (cs_service.rules.predicates): the rules below evaluate these,
# the tracking report, the number card and the month-end escalation query with them.
ACTION_CLOSED = Equals("status", ACTION_DONE) & Filled("verified_by")
ACTION_NOT_DONE = NotEquals("status", ACTION_DONE)
# Past its due date and not done (a done action waiting for verification is not overdue).
ACTION_OVERDUE = ACTION_NOT_DONE & Before("due_date", Param("today"))
SHEET_CLOSED = Equals("tracking_status", CLOSED)


def action_closed(action: Mapping) -> bool:
	return ACTION_CLOSED.matches(action)


def tracking_status(actions: Iterable[Mapping], closed_without_action: bool = False) -> str:
	"""Open without actions, Closed once every action is done and verified. A sheet with
	nothing to correct (e.g. a Tracking problem found not ours) is Closed by QA with a reason
	and no action (R-RP-1: it counts as handled)."""
	actions = list(actions)
	if not actions:
		return CLOSED if closed_without_action else OPEN
	return CLOSED if all(action_closed(a) for a in actions) else IN_PROGRESS


def action_problems(action: Mapping) -> list[str]:
	"""Codes of what is inconsistent in one action row."""
	problems = []
	if action.get("status") not in ACTION_STATUSES:
		problems.append("unknown_status")
	if action.get("verified_by") and action.get("status") != ACTION_DONE:
		problems.append("verified_before_done")
	if action.get("status") == ACTION_DONE and not action.get("closed_on"):
		problems.append("done_without_date")
	return problems


def days_overdue(due_date: date, today: date) -> int:
	"""Whole days an action is past its due date (0 when it is not yet due)."""
	return max((today - due_date).days, 0)


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
		open_sheets=sum(1 for r in rows if r.get("tracking_status") != CLOSED),
		overdue_actions=sum(int(r.get("actions_overdue") or 0) for r in rows),
		on_time=sum(1 for r in rows if r.get("timeliness") == clock.ON_TIME),
		timed=sum(1 for r in rows if r.get("timeliness") in (clock.ON_TIME, clock.LATE)),
	)
