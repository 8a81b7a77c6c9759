"""8D reports: the customer's complaint answered in the automotive standard.

An 8D answers one problem (one Quality Feedback Sheet, or several sheets of the same problem)
in eight disciplines: D1 team, D2 problem description, D3 containment, D4 root cause, D5 chosen
corrective actions, D6 implementation and verification, D7 prevention, D8 closure. Each D has a
status; a D is *Done* only when what it needs is there (:func:`step_problems`), and D8 only after
D1..D7. The customer watches due dates per D, counted from the first report of the problem:
24 hours for the containment (D3), 10 days for the root cause (D4) and 60 days for the closure
(D8) unless the customer's own requirement says otherwise (:func:`due_hours`).

"A D is overdue" is one predicate (:data:`STEP_OVERDUE`) for the form, the tracking report and
the month-end escalation (cs_service.rules.predicates). No frappe import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from cs_service.rules.predicates import Before, NotEquals, Param
from cs_service.rules.tracking import action_closed

STEPS = ("D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8")
STEP_TITLES = {
	"D1": "Team",
	"D2": "Problem Description",
	"D3": "Containment",
	"D4": "Root Cause",
	"D5": "Corrective Actions",
	"D6": "Implementation and Verification",
	"D7": "Prevention",
	"D8": "Closure and Recognition",
}

NOT_STARTED = "Not Started"
IN_PROGRESS = "In Progress"
DONE = "Done"
STEP_STATUSES = (NOT_STARTED, IN_PROGRESS, DONE)

OPEN = "Open"
CLOSED = "Closed"

HOURS = "Hours"
DAYS = "Days"
UNITS = {HOURS: 1, DAYS: 24}

# Common customer requirements: containment within 24 h, root cause within 10 days, closure within 60.
DEFAULT_DUE_HOURS = {"D3": 24, "D4": 10 * 24, "D8": 60 * 24}

# Containment rows (D3) and prevention rows (D7)
CONTAINMENT_OPEN = "Open"
CONTAINMENT_DONE = "Done"
CONTAINMENT_VERIFIED = "Verified"
CONTAINMENT_STATUSES = (CONTAINMENT_OPEN, CONTAINMENT_DONE, CONTAINMENT_VERIFIED)
PREVENTION_OPEN = "Open"
PREVENTION_DONE = "Done"
PREVENTION_NOT_APPLICABLE = "Not Applicable"
# The documents an 8D's prevention reviews by default (D7).
PREVENTION_DOCUMENTS = ("PFMEA", "Control Plan", "Work Instruction")

LEADER = "Team Leader"

# Codes of what keeps a D from being Done.
NO_TEAM = "no_team"
NO_LEADER = "no_leader"
NO_PROBLEM_DESCRIPTION = "no_problem_description"
NO_CONTAINMENT = "no_containment"
CONTAINMENT_NOT_DONE = "containment_not_done"
NO_OCCURRENCE_CAUSE = "no_occurrence_cause"
NO_ESCAPE_CAUSE = "no_escape_cause"
NO_ACTION = "no_action"
ACTIONS_NOT_CLOSED = "actions_not_closed"
VERIFICATION_MISSING = "verification_missing"
NO_PREVENTION = "no_prevention"
PREVENTION_NOT_DONE = "prevention_not_done"
PREVENTION_OWNER_MISSING = "prevention_owner_missing"
EARLIER_STEPS_OPEN = "earlier_steps_open"
NO_CLOSURE_SUMMARY = "no_closure_summary"

# One source for Python and SQL: a D not done whose due time has passed.
STEP_OVERDUE = NotEquals("status", DONE) & Before("due_at", Param("now"))


def _blank(value) -> bool:
	return value is None or (isinstance(value, str) and not value.strip())


def step_order(step: str) -> int:
	return STEPS.index(step) if step in STEPS else len(STEPS)


def due_hours(customer_rows: Iterable[Mapping] = ()) -> dict[str, int]:
	"""Hours after the first report within which each D is due: the defaults, replaced step by
	step by the customer's rows (``step``, ``due_in``, ``unit`` Hours / Days); a row of 0 means
	the customer sets no due date for that D."""
	hours = dict(DEFAULT_DUE_HOURS)
	for row in customer_rows:
		step = row.get("step")
		if step not in STEPS:
			continue
		value = int(row.get("due_in") or 0) * UNITS.get(row.get("unit") or HOURS, 1)
		if value > 0:
			hours[step] = value
		else:
			hours.pop(step, None)
	return hours


def due_dates(opened_at: datetime | None, hours: Mapping[str, int]) -> dict[str, datetime]:
	"""The due time of each D that has one, counted from the first report."""
	if opened_at is None:
		return {}
	return {step: opened_at + timedelta(hours=h) for step, h in hours.items() if step in STEPS}


def due_rows_problems(rows: Iterable[Mapping]) -> list[tuple[int, str]]:
	"""(row index, code) of a customer's due-date rows that do not hold: unknown D, negative
	value, unknown unit, a D given twice."""
	problems, seen = [], set()
	for i, row in enumerate(rows, start=1):
		step = row.get("step")
		if step not in STEPS:
			problems.append((i, "unknown_step"))
		elif step in seen:
			problems.append((i, "repeated_step"))
		seen.add(step)
		if int(row.get("due_in") or 0) < 0:
			problems.append((i, "negative_due"))
		if (row.get("unit") or HOURS) not in UNITS:
			problems.append((i, "unknown_unit"))
	return problems


def overdue_steps(steps: Iterable[Mapping], now: datetime) -> list[str]:
	"""The Ds (in order) that are not done and past their due time."""
	found = [s["step"] for s in steps if STEP_OVERDUE.matches(s, now=now)]
	return sorted(found, key=step_order)


def report_status(steps: Iterable[Mapping]) -> str:
	"""Closed once D8 (closure) is done."""
	return CLOSED if any(s.get("step") == "D8" and s.get("status") == DONE for s in steps) else OPEN


def step_problems(step: str, values: Mapping, statuses: Mapping[str, str] | None = None) -> list[str]:
	"""Codes of what keeps ``step`` from being Done. ``values`` holds the report's fields and its
	rows (``team``, ``containment``, ``actions``, ``prevention`` as lists of mappings);
	``statuses`` the status of every D (for D8)."""
	check = _CHECKS.get(step)
	return check(values, statuses or {}) if check else []


def _d1(values, statuses):
	team = values.get("team") or []
	if not team:
		return [NO_TEAM]
	return [] if any(m.get("team_role") == LEADER for m in team) else [NO_LEADER]


def _d2(values, statuses):
	return [NO_PROBLEM_DESCRIPTION] if _blank(values.get("problem_description")) else []


def _d3(values, statuses):
	rows = values.get("containment") or []
	if not rows:
		return [NO_CONTAINMENT]
	return [CONTAINMENT_NOT_DONE] if any(r.get("status") == CONTAINMENT_OPEN for r in rows) else []


def _d4(values, statuses):
	problems = []
	if _blank(values.get("occurrence_root_cause")):
		problems.append(NO_OCCURRENCE_CAUSE)
	if _blank(values.get("escape_root_cause")):
		problems.append(NO_ESCAPE_CAUSE)
	return problems


def _d5(values, statuses):
	return [] if values.get("actions") else [NO_ACTION]


def _d6(values, statuses):
	actions = values.get("actions") or []
	if not actions:
		return [NO_ACTION]
	problems = []
	if not all(action_closed(a) for a in actions):
		problems.append(ACTIONS_NOT_CLOSED)
	if any(_blank(a.get("verification")) for a in actions):
		problems.append(VERIFICATION_MISSING)
	return problems


def _d7(values, statuses):
	rows = values.get("prevention") or []
	if not rows:
		return [NO_PREVENTION]
	problems = []
	if any(r.get("status") not in (PREVENTION_DONE, PREVENTION_NOT_APPLICABLE) for r in rows):
		problems.append(PREVENTION_NOT_DONE)
	if any(_blank(r.get("responsible")) for r in rows if r.get("status") != PREVENTION_NOT_APPLICABLE):
		problems.append(PREVENTION_OWNER_MISSING)
	return problems


def _d8(values, statuses):
	problems = []
	if any(statuses.get(step) != DONE for step in STEPS[:-1]):
		problems.append(EARLIER_STEPS_OPEN)
	if _blank(values.get("closure_summary")):
		problems.append(NO_CLOSURE_SUMMARY)
	return problems


_CHECKS = {"D1": _d1, "D2": _d2, "D3": _d3, "D4": _d4, "D5": _d5, "D6": _d6, "D7": _d7, "D8": _d8}


def containment_status(done: bool, verified: bool) -> str:
	return CONTAINMENT_VERIFIED if verified else CONTAINMENT_DONE if done else CONTAINMENT_OPEN
