"""The monthly quality figures kept as they happen (R-RP-2, R-RP-3): what a delivery note or a
feedback sheet adds to them, and which part of a report's period they can answer.

Plain functions over plain values; :mod:`cs_service.figures.kept` writes and reads the
rows (DocType *CS Quality Figure*).

- A row is keyed by **month** ("YYYY-MM"), **company**, **customer** and **part**. Delivery
  notes key by their posting month and company; feedback sheets carry no company and key by
  the month they occurred in with an empty company, and an empty part when they name none.
- A submitted **delivery note** adds each line's stock quantity to ``delivered_qty`` (a
  return, whose lines hold negative quantities, adds it to ``returned_qty`` as a positive
  quantity) and counts its lines; a cancel takes the same away.
- A submitted **feedback sheet** that counts as ours (Quality problem) and names a part adds
  its quantity to ``defective_qty``; its line-stop minutes go to ``line_stop_minutes`` when
  caused by us and to ``undecided_minutes`` when not decided yet (Tracking), never when
  Disputed. A reclassification takes the old share away and adds the new one.
- The counts (``delivery_lines``, ``defect_sheets``, ...) say whether a row has anything at
  all, exactly as a GROUP BY over the raw records would have a group.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from cs_service.rules import feedback, months, quality

COUNTERS = (
	"delivered_qty",
	"returned_qty",
	"delivery_lines",
	"defective_qty",
	"defect_sheets",
	"line_stop_minutes",
	"line_stop_sheets",
	"undecided_minutes",
	"undecided_sheets",
)
NO_COMPANY = ""  # the feedback sheets' rows
NO_ITEM = ""

Key = tuple[str, str, str, str]  # month, company, customer, item
Deltas = dict[Key, dict[str, float]]


def key_name(key: Key) -> str:
	"""The row's name: the month, then a hash of the whole key. The same key always gives the
	same name, so the database's primary key makes concurrent first writers of a month meet on
	one row; and a month's rows lie together in the table (InnoDB keeps rows in the order of
	their primary key), so a report reads its months from a few pages."""
	return f"{key[0]}-" + hashlib.md5("\x1f".join(key).encode()).hexdigest()


def name_range(from_month: str, to_month: str) -> tuple[str, str]:
	"""Bounds of the names of the rows of ``from_month`` to ``to_month`` (a primary-key range)."""
	return f"{from_month}-", f"{to_month}-z"  # hex digits sort before "z"


def delivery_note_deltas(
	posting_date, company: str, customer: str, is_return: bool, lines: Iterable[tuple[str, float]], sign: int
) -> Deltas:
	"""What a delivery note's lines (``(item_code, stock_qty)``) add (``sign`` 1, on submit) or
	take away (-1, on cancel)."""
	month = months.month_of(posting_date)
	deltas: Deltas = {}
	for item_code, stock_qty in lines:
		row = deltas.setdefault((month, company or NO_COMPANY, customer, item_code or NO_ITEM), _zero())
		qty = float(stock_qty or 0)
		if is_return:
			row["returned_qty"] += -qty * sign  # return lines hold negative quantities
		else:
			row["delivered_qty"] += qty * sign
		row["delivery_lines"] += sign
	return deltas


def sheet_deltas(sheet: Mapping, sign: int) -> Deltas:
	"""What a submitted feedback sheet adds (``sign`` 1) or takes away (-1): its defective
	quantity when it counts as ours and names a part, its line-stop minutes by their share.
	``sheet`` holds ``occurred_at``, ``customer``, ``item``, ``quantity``, ``problem_type`` and
	``line_stop_minutes``."""
	if not sheet.get("occurred_at") or not sheet.get("customer"):
		return {}
	row = _zero()
	if feedback.COUNTS_AS_OURS.matches(sheet) and sheet.get("item"):
		row["defective_qty"] = float(sheet.get("quantity") or 0) * sign
		row["defect_sheets"] = sign
	minutes = int(sheet.get("line_stop_minutes") or 0)
	if minutes > 0:
		share = quality.line_stop_share(sheet.get("problem_type"))
		if share == quality.CAUSED_BY_US:
			row["line_stop_minutes"], row["line_stop_sheets"] = minutes * sign, sign
		elif share == quality.NOT_YET_DECIDED:
			row["undecided_minutes"], row["undecided_sheets"] = minutes * sign, sign
	if not any(row.values()):
		return {}
	key = (months.month_of(sheet["occurred_at"]), NO_COMPANY, sheet["customer"], sheet.get("item") or NO_ITEM)
	return {key: row}


def merge(*changes: Deltas) -> Deltas:
	"""The sum of several changes, without the keys whose every counter comes to nothing (a
	sheet saved after submit without a reclassification changes no row)."""
	total: Deltas = {}
	for change in changes:
		for key, row in change.items():
			into = total.setdefault(key, _zero())
			for counter, value in row.items():
				into[counter] += value
	return {key: row for key, row in total.items() if any(abs(v) > 1e-12 for v in row.values())}


def _zero() -> dict[str, float]:
	return dict.fromkeys(COUNTERS, 0)


# ---------------------------------------------------------------- the parts of a period


@dataclass(frozen=True)
class Part:
	"""A piece of a report's period: whole months ``from_month``..``to_month`` that the
	aggregate answers, or the days ``from_date``..``to_date`` of one month (``month``) that only
	the raw records can answer unless nothing is recorded on the month's other days."""

	from_date: date
	to_date: date
	whole: bool

	@property
	def from_month(self) -> str:
		return months.month_key(self.from_date)

	@property
	def to_month(self) -> str:
		return months.month_key(self.to_date)


def split_period(from_date: date, to_date: date) -> list[Part]:
	"""The period as a partial first month, the whole months, and a partial last month (each
	only when there is one), in order. ``2026-01-15 .. 2026-04-10`` gives the days of January
	from the 15th, February to March whole, and April to the 10th."""
	if to_date < from_date:
		return []
	parts: list[Part] = []
	first_whole = from_date if from_date.day == 1 else months.add_months(from_date.replace(day=1), 1)
	last_whole = (
		to_date if _last_day(to_date) == to_date else to_date.replace(day=1) - timedelta(days=1)
	)  # the last day of the last whole month
	if first_whole > last_whole:  # no whole month: one or two partial months
		for month in months.months_between(from_date, to_date):
			start, end = months.month_bounds(month)
			parts.append(Part(max(start, from_date), min(end, to_date), whole=False))
		return parts
	if from_date < first_whole:
		parts.append(Part(from_date, first_whole - timedelta(days=1), whole=False))
	parts.append(Part(first_whole, last_whole, whole=True))
	if last_whole < to_date:
		parts.append(Part(last_whole + timedelta(days=1), to_date, whole=False))
	return parts


def _last_day(day: date) -> date:
	return months.add_months(day.replace(day=1), 1) - timedelta(days=1)


def month_rest(part: Part) -> list[tuple[date, date]]:
	"""The days of a partial part's month outside the part: if nothing is recorded on them,
	the month's row of the aggregate answers the part as well."""
	start, end = months.month_bounds(part.from_month)
	rest = []
	if start < part.from_date:
		rest.append((start, part.from_date - timedelta(days=1)))
	if part.to_date < end:
		rest.append((part.to_date + timedelta(days=1), end))
	return rest
