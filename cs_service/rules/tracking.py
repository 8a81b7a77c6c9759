"""Corrective actions to closure (R-FB-5, R-RP-4).

QA records the root cause and long-term actions on a submitted feedback sheet; the sheet
is Open until it has actions, then Actions in Progress, and Closed only when every action
is done *and* verified.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

OPEN = "Open"
IN_PROGRESS = "Actions in Progress"
CLOSED = "Closed"
TRACKING_STATUSES = (OPEN, IN_PROGRESS, CLOSED)

ACTION_OPEN = "Open"
ACTION_IN_PROGRESS = "In Progress"
ACTION_DONE = "Done"
ACTION_STATUSES = (ACTION_OPEN, ACTION_IN_PROGRESS, ACTION_DONE)


def action_closed(action: Mapping) -> bool:
	return action.get("status") == ACTION_DONE and bool(action.get("verified_by"))


def tracking_status(actions: Iterable[Mapping]) -> str:
	actions = list(actions)
	if not actions:
		return OPEN
	return CLOSED if all(action_closed(a) for a in actions) else IN_PROGRESS


def action_overdue(action: Mapping, today: date) -> bool:
	"""Past its due date and not done (a done action waiting for verification is not overdue)."""
	due = action.get("due_date")
	return bool(due) and action.get("status") != ACTION_DONE and due < today


def overdue_actions(actions: Iterable[Mapping], today: date) -> list[Mapping]:
	return [a for a in actions if action_overdue(a, today)]


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
