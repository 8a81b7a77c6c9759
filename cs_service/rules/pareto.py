"""Pareto of defects (R-RP-2): which defects, customers or parts make most of the problems.

Groups are ordered by their count, largest first (ties by their key, so the order is stable);
the group of sheets that carry no code is kept apart and comes last whatever its size, so that
what is not coded never hides among the codes. Shares and the cumulative share are percentages
with one decimal (half up), the cumulative one computed from the cumulative count, so the last
group always reaches 100 %. No frappe import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cs_service.rules.quality import rate


@dataclass(frozen=True)
class ParetoRow:
	key: str | None  # None: the sheets without a code
	count: int
	share: float | None
	cumulative: float | None


def count_by(rows: Iterable[Mapping], key: str, weight: str | None = None) -> Counter:
	"""Counts of ``rows`` by the value of ``key`` (blank values under None); with ``weight``,
	the sum of that field instead of the number of rows."""
	counts: Counter = Counter()
	for row in rows:
		value = row.get(key)
		if isinstance(value, str):
			value = value.strip() or None
		counts[value] += int(row.get(weight) or 0) if weight else 1
	return counts


def pareto(counts: Mapping[str | None, int]) -> list[ParetoRow]:
	"""Pareto rows of ``{key: count}``: largest first, the None group last; groups of 0 dropped."""
	coded = sorted(
		((k, c) for k, c in counts.items() if k is not None and c > 0), key=lambda kc: (-kc[1], kc[0])
	)
	if counts.get(None, 0) > 0:
		coded.append((None, counts[None]))
	total = sum(c for _k, c in coded)
	rows, cumulative = [], 0
	for key, count in coded:
		cumulative += count
		rows.append(ParetoRow(key, count, rate(count, total), rate(cumulative, total)))
	return rows
