"""Shift arithmetic of a customer site (R-ST-1, R-ST-3, R-CT-7).

Resident engineers work on the customer's shift times. A site's shift pattern is a list
of named shifts, each a daily start and end time; a shift whose end is not after its
start crosses midnight (a night shift 20:00-08:00 ends the next morning).

The breakpoint rule R-CT-7 says: after the breakpoint parts reach the line they are
followed for *one more shift*. :func:`follow_up_end` gives that moment: the end of the
shift after the one in which the parts arrived (or, when they arrive between shifts,
the end of the next shift to start).

All datetimes are naive local times of the site (the customer's plant clock); records are
stored on the system's clock, and :func:`convert` moves a time between the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAY = timedelta(days=1)


class ShiftPatternError(ValueError):
	"""The shift pattern is not usable. ``code`` says why (``empty``, ``zero_length``,
	``duplicate``, ``overlap``, ``bad_time``) and ``names`` which shifts, so that a caller
	can show its own translated message."""

	def __init__(self, message: str, code: str = "", names: tuple[str, ...] = ()):
		super().__init__(message)
		self.code = code
		self.names = names


@dataclass(frozen=True)
class Shift:
	name: str
	start: time
	end: time

	@property
	def crosses_midnight(self) -> bool:
		return self.end <= self.start

	@property
	def duration(self) -> timedelta:
		start = datetime.combine(date.min, self.start)
		end = datetime.combine(date.min, self.end)
		if self.crosses_midnight:
			end += DAY
		return end - start

	def occurrence(self, day: date) -> ShiftOccurrence:
		"""This shift when it starts on ``day``."""
		start = datetime.combine(day, self.start)
		return ShiftOccurrence(self, start, start + self.duration)


@dataclass(frozen=True)
class ShiftOccurrence:
	shift: Shift
	start: datetime
	end: datetime

	def contains(self, moment: datetime) -> bool:
		"""A shift holds its start and not its end: at 20:00 the night shift has begun."""
		return self.start <= moment < self.end


def parse_time(value: str | time | timedelta) -> time:
	"""Accepts ``"08:00"``, ``"08:00:00"``, a ``time`` or a ``timedelta`` (what MariaDB returns)."""
	if isinstance(value, time):
		return value
	if isinstance(value, timedelta):
		seconds = int(value.total_seconds()) % 86400
		return time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
	if isinstance(value, str):
		parts = value.strip().split(":")
		if len(parts) in (2, 3) and all(p.strip().isdigit() for p in parts):
			h, m, *rest = (int(float(p)) for p in parts)
			s = rest[0] if rest else 0
			if 0 <= h < 24 and 0 <= m < 60 and 0 <= s < 60:
				return time(h, m, s)
	raise ShiftPatternError(f"Not a time of day: {value!r}", "bad_time", (str(value),))


def make_pattern(rows: Iterable[tuple[str, object, object]]) -> list[Shift]:
	"""Builds and validates a pattern from ``(name, start, end)`` rows."""
	pattern = [Shift(name, parse_time(start), parse_time(end)) for name, start, end in rows]
	validate_pattern(pattern)
	return pattern


def validate_pattern(pattern: Sequence[Shift]) -> None:
	"""Raises :class:`ShiftPatternError` for an empty pattern, a zero-length shift,
	a repeated name or two shifts that overlap (also across midnight)."""
	if not pattern:
		raise ShiftPatternError("The shift pattern has no shift", "empty")
	names = [s.name for s in pattern]
	duplicates = sorted({n for n in names if names.count(n) > 1})
	if duplicates:
		raise ShiftPatternError(
			f"Shift names repeat: {', '.join(duplicates)}", "duplicate", tuple(duplicates)
		)
	for shift in pattern:
		if shift.start == shift.end:
			raise ShiftPatternError(
				f"Shift {shift.name} starts and ends at the same time", "zero_length", (shift.name,)
			)
	for a, b in overlapping_pairs(pattern):
		raise ShiftPatternError(f"Shifts {a.name} and {b.name} overlap", "overlap", (a.name, b.name))


def overlapping_pairs(pattern: Sequence[Shift]) -> list[tuple[Shift, Shift]]:
	"""Pairs of shifts whose daily occurrences overlap (checked over three days so that
	a night shift crossing midnight meets the next morning's shift)."""
	ref = date(2000, 1, 2)
	pairs = []
	for i, a in enumerate(pattern):
		for b in pattern[i + 1 :]:
			if a.start == a.end or b.start == b.end:
				continue
			if any(_overlap(a.occurrence(ref), b.occurrence(ref + timedelta(days=d))) for d in (-1, 0, 1)):
				pairs.append((a, b))
	return pairs


def _overlap(x: ShiftOccurrence, y: ShiftOccurrence) -> bool:
	return x.start < y.end and y.start < x.end


def occurrences_around(pattern: Sequence[Shift], moment: datetime, days: int = 2) -> list[ShiftOccurrence]:
	"""Every shift occurrence starting from the day before ``moment`` to ``days`` after, in time order."""
	first = moment.date() - DAY
	result = [shift.occurrence(first + timedelta(days=d)) for d in range(days + 2) for shift in pattern]
	return sorted(result, key=lambda o: o.start)


def shift_at(pattern: Sequence[Shift], moment: datetime) -> ShiftOccurrence | None:
	"""The shift running at ``moment``, with its real start and end; None between shifts."""
	for occ in occurrences_around(pattern, moment):
		if occ.contains(moment):
			return occ
	return None


def next_shift(pattern: Sequence[Shift], moment: datetime) -> ShiftOccurrence:
	"""The first shift that starts after ``moment`` (strictly after; a shift starting
	exactly at ``moment`` is the current one, not the next)."""
	validate_pattern(pattern)
	for occ in occurrences_around(pattern, moment):
		if occ.start > moment:
			return occ
	raise ShiftPatternError("No next shift found")  # unreachable for a valid pattern


def follow_up_end(pattern: Sequence[Shift], arrived_at: datetime) -> datetime:
	"""R-CT-7: when the follow-up of breakpoint parts that reached the line at
	``arrived_at`` ends -- the end of the *next* shift after the current one.

	Day 08:00-20:00 and night 20:00-08:00, parts at 19:00: the day shift ends at 20:00,
	the next (night) shift at 08:00 the next day, so follow until 08:00 next day.
	Between shifts (no shift running), the next shift to start is the one more shift.
	"""
	validate_pattern(pattern)
	current = shift_at(pattern, arrived_at)
	if current is None:
		return next_shift(pattern, arrived_at).end
	return next_shift(pattern, current.start).end


def convert(moment: datetime, from_zone: str, to_zone: str) -> datetime:
	"""A naive local time of ``from_zone`` as the naive local time of ``to_zone``: the site's
	shifts are on the plant's clock, the records on the system's."""
	if not from_zone or not to_zone or from_zone == to_zone:
		return moment
	aware = moment.replace(tzinfo=ZoneInfo(from_zone))
	return aware.astimezone(ZoneInfo(to_zone)).replace(tzinfo=None)


def is_time_zone(name: str | None) -> bool:
	if not name:
		return False
	try:
		ZoneInfo(name)
	except (ZoneInfoNotFoundError, ValueError):
		return False
	return True
