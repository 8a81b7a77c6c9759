"""Staff rules (R-ST-1..5, R-CT-8, R-FB-7). No frappe import.

Violations are counted per assessment year, which starts in a configurable month
(CS Service Settings). A year is named after the calendar year in which it starts. Fines
and revocation thresholds are the settings' values, passed in; shift handover modes,
the problems a handover or shift report leaves out, and the scoring of the monthly
assessment are computed here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta

from cs_service.rules import months
from cs_service.rules.shifts import Shift


def assessment_year(day: date | datetime, start_month: int = 1) -> int:
	"""The assessment year of ``day``: with a year starting in April, 15 March 2026 belongs to
	the year 2025 (April 2025 - March 2026) and 1 April 2026 to 2026."""
	if not 1 <= start_month <= 12:
		raise ValueError(f"start_month must be 1..12, not {start_month}")
	return day.year if day.month >= start_month else day.year - 1


# ---------------------------------------------------------------- violations (R-ST-1..4, R-CT-8, R-FB-7)

LATE = "Late"
EARLY_LEAVE = "Early Leave"
OFF_POST = "Off Post"
ABSENT = "Absent"
SITE_RULE_BREACH = "Site Rule Breach"
NOT_EXECUTED = "Not Executed as Required"
DRINKING = "Drinking Before Work"
SHIFT_HANDOVER = "Shift Handover"
UNREPORTED_PROBLEM = "Unreported Problem"
BREAKPOINT_FAILURE = "Breakpoint Failure"
INCOMPLETE_FEEDBACK = "Incomplete Feedback"

ATTENDANCE = (LATE, EARLY_LEAVE, OFF_POST, ABSENT)
VIOLATION_TYPES = (
	*ATTENDANCE,
	SITE_RULE_BREACH,
	NOT_EXECUTED,
	DRINKING,
	SHIFT_HANDOVER,
	UNREPORTED_PROBLEM,
	BREAKPOINT_FAILURE,
	INCOMPLETE_FEEDBACK,
)

# The CS Service Settings field holding each type's fine; a type not listed has no fine
# (drinking before work calls for dismissal, incomplete feedback for retraining).
FINE_FIELDS = {
	**dict.fromkeys(ATTENDANCE, "attendance_violation_fine"),
	SITE_RULE_BREACH: "site_rule_violation_fine",
	NOT_EXECUTED: "site_rule_violation_fine",
	SHIFT_HANDOVER: "handover_violation_fine",
	UNREPORTED_PROBLEM: "unreported_problem_fine",
	BREAKPOINT_FAILURE: "breakpoint_failure_fine",
}

SITE_RULES = "site_rules"
HANDOVER = "handover"
# Violations that count towards revoking the post qualification, per group, with the
# CS Service Settings field holding the group's threshold (R-ST-2: 2, R-ST-3: 3).
REVOCATION_GROUPS = {
	SITE_RULES: ((SITE_RULE_BREACH, NOT_EXECUTED), "site_rule_revocation_count"),
	HANDOVER: ((SHIFT_HANDOVER,), "handover_revocation_count"),
}


def check_violation_type(violation_type: str) -> None:
	if violation_type not in VIOLATION_TYPES:
		raise ValueError(f"unknown violation type {violation_type!r}")


def fine_for(violation_type: str, settings: Mapping[str, object]) -> float:
	"""The fine of a violation, from the settings at the time it is booked."""
	check_violation_type(violation_type)
	field = FINE_FIELDS.get(violation_type)
	return float(settings.get(field) or 0) if field else 0.0


def forfeits_bonus(violation_type: str, settings: Mapping[str, object]) -> bool:
	"""R-CT-8: a breakpoint failed for a missed area costs that month's performance bonus."""
	check_violation_type(violation_type)
	return violation_type == BREAKPOINT_FAILURE and bool(settings.get("breakpoint_failure_forfeits_bonus"))


def group_of(violation_type: str) -> str | None:
	return next((g for g, (types, _f) in REVOCATION_GROUPS.items() if violation_type in types), None)


def thresholds(settings: Mapping[str, object]) -> dict[str, int]:
	"""``{group: count that revokes}`` from the settings (a missing value counts as 1)."""
	return {group: max(int(settings.get(field) or 1), 1) for group, (_t, field) in REVOCATION_GROUPS.items()}


def group_counts(violation_types: Iterable[str]) -> dict[str, int]:
	counts = dict.fromkeys(REVOCATION_GROUPS, 0)
	for violation_type in violation_types:
		group = group_of(violation_type)
		if group:
			counts[group] += 1
	return counts


def revoking_groups(violation_types: Iterable[str], limits: Mapping[str, int]) -> list[str]:
	"""The groups whose count, over one assessment year's violations, reached its threshold."""
	counts = group_counts(violation_types)
	return [group for group in REVOCATION_GROUPS if counts[group] >= limits[group]]


def remaining_before_revocation(violation_types: Iterable[str], limits: Mapping[str, int]) -> int:
	"""How many more violations of the closest group revoke (0: revoked)."""
	counts = group_counts(violation_types)
	return min(max(limits[g] - counts[g], 0) for g in REVOCATION_GROUPS)


def bonus_forfeited_months(entries: Iterable[tuple[date, bool]]) -> set[date]:
	"""First days of the months whose bonus is lost, from ``(violation date, forfeits bonus)``."""
	return {months.month_start(day) for day, forfeits in entries if forfeits}


# ---------------------------------------------------------------- shift handover and report (R-ST-3, R-ST-4)

FACE_TO_FACE = "Face to Face"
PHONE = "Phone"
SMS = "SMS"
HANDOVER_MODES = (FACE_TO_FACE, PHONE, SMS)
# a handover's states: written by the outgoing engineer, confirmed by the incoming one, closed
HANDOVER_OPEN, HANDOVER_CONFIRMED, HANDOVER_CLOSED = "Open", "Confirmed", "Closed"
NIGHT_START = time(22, 0)
NIGHT_END = time(6, 0)


def night_hours(shift: Shift) -> timedelta:
	"""How much of a shift lies between 22:00 and 06:00."""
	occ = shift.occurrence(date(2000, 1, 2))
	total = timedelta()
	for offset in (-1, 0, 1):
		start = datetime.combine(occ.start.date() + timedelta(days=offset), NIGHT_START)
		end = datetime.combine(start.date() + timedelta(days=1), NIGHT_END)
		total += max(min(end, occ.end) - max(start, occ.start), timedelta())
	return total


def is_night_shift(shift: Shift) -> bool:
	"""A night shift has at least half of its time between 22:00 and 06:00 (a 20:00-08:00 shift
	has 8 hours of 12 there; a 16:00-00:30 shift has 2.5 of 8.5: not night)."""
	return night_hours(shift) * 2 >= shift.duration


def remote_handover_allowed(outgoing: Shift, incoming: Shift, open_problems: int) -> bool:
	"""R-ST-3: open problems are handed over face to face; only between a night and a day shift
	with no open problem may the incoming engineer confirm by phone or SMS."""
	return open_problems == 0 and is_night_shift(outgoing) != is_night_shift(incoming)


def handover_mode_allowed(mode: str, outgoing: Shift, incoming: Shift, open_problems: int) -> bool:
	if mode not in HANDOVER_MODES:
		raise ValueError(f"unknown handover mode {mode!r}")
	return mode == FACE_TO_FACE or remote_handover_allowed(outgoing, incoming, open_problems)


def confirmation_deadline(shift_end: datetime, hours: float) -> datetime:
	"""The handover is confirmed at the latest ``hours`` after the outgoing shift ends."""
	return shift_end + timedelta(hours=max(float(hours or 0), 0))


def left_out(expected: Iterable[str], listed: Iterable[str]) -> list[str]:
	"""What should be in a handover or shift report and is not, in the expected order."""
	listed = set(listed)
	seen = set()
	result = []
	for name in expected:
		if name not in listed and name not in seen:
			seen.add(name)
			result.append(name)
	return result


# ---------------------------------------------------------------- monthly assessment (R-ST-5)

MANUAL = "Manual"
ON_TIME_RATE = "15-Minute On-time Rate"
FEEDBACK_COMPLETENESS = "Feedback Completeness"
VISITS_VS_PLAN = "Visits vs Plan"
VIOLATION_COUNT = "Violations"
FINES = "Fines"
BONUS_KEPT = "Bonus Kept"
KPI_SOURCES = (
	MANUAL,
	ON_TIME_RATE,
	FEEDBACK_COMPLETENESS,
	VISITS_VS_PLAN,
	VIOLATION_COUNT,
	FINES,
	BONUS_KEPT,
)
LOWER_IS_BETTER = frozenset({VIOLATION_COUNT, FINES})


def percent(part: float, whole: float) -> float | None:
	"""``part`` of ``whole`` in %, one decimal; None when there is nothing to measure."""
	if not whole:
		return None
	return round(100.0 * part / whole, 1)


def kpi_score(value: float | None, target: float | None, lower_is_better: bool = False) -> float:
	"""The score 0..100 of one KPI item against its target.

	Higher is better: value / target (at or above target: 100). Lower is better (violations,
	fines): at or below target 100, else target / value (target 0: any value scores 0).
	A value the app could not measure (None: no sheet in the month) scores 100: nothing was
	done badly. No target: the value itself, clipped to 0..100 (a percentage)."""
	if value is None:
		return 100.0
	value = float(value)
	if lower_is_better:
		target = float(target or 0)
		if value <= target:
			return 100.0
		return round(100.0 * target / value, 1) if target > 0 else 0.0
	if not target:
		return round(min(max(value, 0.0), 100.0), 1)
	return round(min(max(100.0 * value / float(target), 0.0), 100.0), 1)


def weighted_score(items: Iterable[tuple[float, float]]) -> float:
	"""The assessment's total: the scores weighted by ``(weight, score)``; 0 without weight."""
	items = [(float(w or 0), float(s or 0)) for w, s in items]
	total_weight = sum(w for w, _s in items if w > 0)
	if not total_weight:
		return 0.0
	return round(sum(w * s for w, s in items if w > 0) / total_weight, 1)
