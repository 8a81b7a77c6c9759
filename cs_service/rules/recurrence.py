"""Recurring problems at a customer (R-FB-6).

A problem recurs when the same customer, part and defect come back more than once within
a window of days (defaults 90 days, 2 occurrences; both set in CS Service Settings).
Recurring problems are escalated to the general manager at month end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

DEFAULT_WINDOW_DAYS = 90
DEFAULT_MIN_OCCURRENCES = 2


def defect_key(text: str | None) -> str:
	"""Defects typed by different engineers compare equal regardless of case and spacing."""
	return " ".join((text or "").casefold().split())


@dataclass
class Recurrence:
	customer: str
	item: str
	defect: str
	sheets: list[str] = field(default_factory=list)
	first: date | None = None
	last: date | None = None

	@property
	def count(self) -> int:
		return len(self.sheets)


def _as_date(value) -> date:
	return value.date() if isinstance(value, datetime) else value


def recurring_problems(
	rows: Iterable[Mapping],
	today: date,
	window_days: int = DEFAULT_WINDOW_DAYS,
	min_occurrences: int = DEFAULT_MIN_OCCURRENCES,
) -> list[Recurrence]:
	"""Groups of rows (``name``, ``customer``, ``item``, ``defect``, ``occurred_at``) with the
	same customer + item + defect occurring at least ``min_occurrences`` times in the
	``window_days`` days up to and including ``today``. Rows without a defect are ignored."""
	start = today - timedelta(days=window_days - 1)
	groups: dict[tuple[str, str, str], Recurrence] = {}
	for row in sorted(rows, key=lambda r: (_as_date(r["occurred_at"]), r["name"])):
		day = _as_date(row["occurred_at"])
		key = (row["customer"], row["item"], defect_key(row.get("defect")))
		if not key[2] or not (start <= day <= today):
			continue
		group = groups.setdefault(
			key, Recurrence(row["customer"], row["item"], (row.get("defect") or "").strip())
		)
		group.sheets.append(row["name"])
		group.first = group.first or day
		group.last = day
	found = [g for g in groups.values() if g.count >= min_occurrences]
	return sorted(found, key=lambda g: (-g.count, g.customer, g.item, g.defect))
