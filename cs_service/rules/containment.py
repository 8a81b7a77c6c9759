"""Screening of suspect parts and verification of the breakpoint (R-CT-6, R-CT-7, R-CT-8).

After a quality incident the suspect parts are screened at once in every area where they
may be -- final assembly, paint shop, body shop, logistics warehouse -- and a breakpoint
(the first good lot, serial or time) is handed to the shift SQE (R-CT-6). When the
breakpoint parts reach the line they are followed for one more shift
(:func:`cs_service.rules.shifts.follow_up_end`, R-CT-7); only then may the engineer say
that the breakpoint held. A breakpoint that fails opens a new screening round; the areas
that had not been screened are recorded, and a failure because of a missed area is a
violation: fine and no performance bonus that month (R-CT-8).

The functions take plain values and mappings (a child row's ``as_dict()``) and return
codes, so that the controller shows its own translated messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from cs_service.rules.feedback import CLOCK_TOLERANCE

SCREENING = "Screening"
FOLLOWING_UP = "Following Up"
VERIFIED = "Verified"
STATUSES = (SCREENING, FOLLOWING_UP, VERIFIED)

# Problem codes of area_problems / follow_up_problems
NEGATIVE_QUANTITY = "negative_quantity"
SUSPECT_ABOVE_CHECKED = "suspect_above_checked"
SCREENED_BY_MISSING = "screened_by_missing"
SCREENED_AT_MISSING = "screened_at_missing"
NO_BREAKPOINT = "no_breakpoint"
NOT_HANDED_OVER = "not_handed_over"
REACHED_BEFORE_HANDOVER = "reached_before_handover"
REACHED_IN_FUTURE = "reached_in_future"

OTHER = "Other"  # shop type of an area that is not one of the standard shops
BREAKPOINT_FIELDS = ("breakpoint_lot", "breakpoint_serial", "breakpoint_time")


def _blank(value) -> bool:
	return value is None or (isinstance(value, str) and not value.strip())


def _key(area) -> str:
	return (area or "").strip().casefold()


def status(current: str | None, parts_reached_line_at: datetime | None) -> str:
	"""The breakpoint status a screening has: a verified breakpoint stays verified; otherwise
	the follow-up runs from the moment the breakpoint parts reach the line."""
	if current == VERIFIED:
		return VERIFIED
	return FOLLOWING_UP if parts_reached_line_at else SCREENING


def area_problems(row: Mapping) -> list[tuple[str, str]]:
	"""``(fieldname, code)`` of what is wrong with one screening area row."""
	problems = []
	checked, suspect = row.get("qty_checked") or 0, row.get("qty_suspect") or 0
	for field, value in (("qty_checked", checked), ("qty_suspect", suspect)):
		if value < 0:
			problems.append((field, NEGATIVE_QUANTITY))
	if suspect > checked >= 0:
		problems.append(("qty_suspect", SUSPECT_ABOVE_CHECKED))
	if row.get("screened"):
		if _blank(row.get("screened_by")):
			problems.append(("screened_by", SCREENED_BY_MISSING))
		if not row.get("screened_at"):
			problems.append(("screened_at", SCREENED_AT_MISSING))
	return problems


def duplicate_areas(rows: Iterable[Mapping]) -> list[str]:
	"""Areas listed more than once in the same screening round."""
	seen, repeated = set(), []
	for row in rows:
		key = (row.get("round"), _key(row.get("area")))
		if key[1] and key in seen and row.get("area") not in repeated:
			repeated.append(row.get("area"))
		seen.add(key)
	return repeated


def round_rows(rows: Iterable[Mapping], screening_round: int) -> list[Mapping]:
	"""The rows of one screening round (a row without a round belongs to the current one)."""
	return [row for row in rows if (row.get("round") or screening_round) == screening_round]


def next_round_areas(rows: Iterable[Mapping], missed: Iterable[str]) -> list[tuple[str, str]]:
	"""``(area, shop_type)`` to screen again after a failed breakpoint: every area of the
	failed round, plus the missed areas that were not on its list (as *Other*)."""
	areas = [(row.get("area"), row.get("shop_type") or OTHER) for row in rows if not _blank(row.get("area"))]
	known = {_key(area) for area, _type in areas}
	return areas + [(area, OTHER) for area in merge_areas(missed) if _key(area) not in known]


def unscreened_areas(rows: Iterable[Mapping]) -> list[str]:
	"""R-CT-8: the areas of ``rows`` that nobody has screened."""
	return [row.get("area") for row in rows if not row.get("screened") and not _blank(row.get("area"))]


def parse_areas(text: str | None) -> list[str]:
	"""Areas typed by a user, one a line or separated by commas."""
	parts = (text or "").replace(",", "\n").replace("\uff0c", "\n").split("\n")
	return [p.strip() for p in parts if p.strip()]


def merge_areas(*groups: Iterable[str]) -> list[str]:
	"""The areas of every group, each once (case-insensitive), in order."""
	seen, merged = set(), []
	for group in groups:
		for area in group:
			if _key(area) and _key(area) not in seen:
				seen.add(_key(area))
				merged.append(area.strip())
	return merged


def follow_up_problems(values: Mapping, now: datetime | None = None) -> list[tuple[str, str]]:
	"""What must hold before the follow-up of a breakpoint starts: a breakpoint was given
	(lot, serial or time) and handed to the shift SQE (R-CT-6), and the breakpoint parts
	reached the line after that handover and not in the future (R-CT-7: a backdated arrival
	would skip the follow-up shift)."""
	reached = values.get("parts_reached_line_at")
	if not reached:
		return []
	problems = []
	if all(_blank(values.get(f)) for f in BREAKPOINT_FIELDS):
		problems.append(("breakpoint_lot", NO_BREAKPOINT))
	handed = values.get("handed_at")
	if _blank(values.get("handed_to")) or not handed:
		problems.append(("handed_to", NOT_HANDED_OVER))
	elif reached < handed:
		problems.append(("parts_reached_line_at", REACHED_BEFORE_HANDOVER))
	if now is not None and reached > now + CLOCK_TOLERANCE:
		problems.append(("parts_reached_line_at", REACHED_IN_FUTURE))
	return problems


# Recorded evidence of a failed breakpoint (R-CT-8): set only by the engineer's answer at the
# end of the follow-up, changed afterwards only by a CS Manager with a reason.
FAILURE_EVIDENCE = ("failed_at", "missed_areas", "screening_round")


def changed_evidence(before: Mapping | None, after: Mapping) -> list[str]:
	"""The failure-evidence fields whose value differs between the stored and the new record."""
	if not before:
		return [f for f in ("failed_at", "missed_areas") if not _blank(after.get(f))]
	return [f for f in FAILURE_EVIDENCE if _norm(before.get(f)) != _norm(after.get(f))]


def _norm(value):
	if isinstance(value, str):
		return value.strip() or None
	return value or None


def can_confirm(now: datetime, follow_up_until: datetime | None) -> bool:
	"""R-CT-7: a breakpoint may be confirmed as held only once its follow-up shift is over."""
	return follow_up_until is not None and now >= follow_up_until


@dataclass(frozen=True)
class Penalty:
	"""R-CT-8: the consequence of a breakpoint that failed because of missed areas."""

	fine: float
	forfeits_bonus: bool
	missed_areas: tuple[str, ...]


def failure_penalty(missed_areas: Iterable[str], fine: float, forfeits_bonus: bool) -> Penalty | None:
	"""A failed breakpoint is a violation only when an area had been missed; then the fine and
	the loss of that month's bonus apply (amounts from the settings)."""
	missed = tuple(a for a in missed_areas if not _blank(a))
	if not missed:
		return None
	return Penalty(fine=fine or 0, forfeits_bonus=bool(forfeits_bonus), missed_areas=missed)
