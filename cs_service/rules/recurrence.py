"""Recurring problems at a customer (R-FB-6).

A problem recurs when the same part and defect come back more than once within a window of
days (defaults 90 days, 2 occurrences; both set in CS Service Settings) at one customer -- or
at any plant of one customer group: sister plants that are separate ERPNext Customers under one
parent customer (or in one Customer Group, as CS Service Settings choose) count together
(:func:`customer_groups`). The defect is its catalog code when the sheet has one, otherwise the
text typed on the sheet (compared without case and spacing). Recurring problems are escalated to
the general manager at month end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

DEFAULT_WINDOW_DAYS = 90
DEFAULT_MIN_OCCURRENCES = 2

# How plants that are separate Customers are grouped (CS Service Settings, "Recurrence across").
SAME_CUSTOMER = "Same Customer"
PARENT_CUSTOMER = "Parent Customer"
CUSTOMER_GROUP = "Customer Group"
GROUPINGS = (SAME_CUSTOMER, PARENT_CUSTOMER, CUSTOMER_GROUP)


def defect_key(text: str | None) -> str:
	"""Defects typed by different engineers compare equal regardless of case and spacing."""
	return " ".join((text or "").casefold().split())


def problem_key(row: Mapping) -> tuple[str, str] | None:
	"""What makes two sheets the same defect: the catalog code when there is one, else the text."""
	code = (row.get("defect_code") or "").strip()
	if code:
		return ("code", code)
	text = defect_key(row.get("defect"))
	return ("text", text) if text else None


def customer_groups(customers: Mapping[str, Mapping], grouping: str = PARENT_CUSTOMER) -> dict[str, str]:
	"""``{customer: group}`` for ``{customer: {"parent_customer", "customer_group"}}``.

	*Parent Customer*: the top-most parent customer (a customer without a parent is its own
	group; a loop of parents ends where it closes). *Customer Group*: the ERPNext Customer
	Group. *Same Customer*: every customer on its own."""
	groups = {}
	for customer, values in customers.items():
		if grouping == CUSTOMER_GROUP:
			groups[customer] = values.get("customer_group") or customer
		elif grouping == PARENT_CUSTOMER:
			top, seen = customer, {customer}
			while (parent := (customers.get(top) or {}).get("parent_customer")) and parent not in seen:
				seen.add(parent)
				top = parent
			groups[customer] = top
		else:
			groups[customer] = customer
	return groups


@dataclass
class Recurrence:
	customer: str  # the customer of the first occurrence
	item: str
	defect: str  # as typed on the first occurrence, or its code
	sheets: list[str] = field(default_factory=list)
	first: date | None = None
	last: date | None = None
	defect_code: str | None = None
	group: str | None = None  # the customer group the occurrences share
	customers: list[str] = field(default_factory=list)  # every customer (plant) it occurred at

	@property
	def count(self) -> int:
		return len(self.sheets)

	@property
	def across_customers(self) -> bool:
		return len(self.customers) > 1


def _as_date(value) -> date:
	return value.date() if isinstance(value, datetime) else value


def recurring_problems(
	rows: Iterable[Mapping],
	today: date,
	window_days: int = DEFAULT_WINDOW_DAYS,
	min_occurrences: int = DEFAULT_MIN_OCCURRENCES,
	groups: Mapping[str, str] | None = None,
) -> list[Recurrence]:
	"""Groups of rows (``name``, ``customer``, ``item``, ``defect``, optional ``defect_code``,
	``occurred_at``) with the same customer group + item + defect occurring at least
	``min_occurrences`` times in the ``window_days`` days up to and including ``today``.
	``groups`` maps a customer to its group (:func:`customer_groups`; a customer not in it is
	its own group). Rows with neither a code nor a defect text are ignored."""
	groups = groups or {}
	start = today - timedelta(days=window_days - 1)
	found: dict[tuple, Recurrence] = {}
	for row in sorted(rows, key=lambda r: (_as_date(r["occurred_at"]), r["name"])):
		day = _as_date(row["occurred_at"])
		problem = problem_key(row)
		if problem is None or not (start <= day <= today):
			continue
		group_name = groups.get(row["customer"], row["customer"])
		key = (group_name, row["item"], problem)
		group = found.setdefault(
			key,
			Recurrence(
				row["customer"],
				row["item"],
				(row.get("defect") or "").strip() or problem[1],
				defect_code=problem[1] if problem[0] == "code" else None,
				group=group_name,
			),
		)
		group.sheets.append(row["name"])
		if row["customer"] not in group.customers:
			group.customers.append(row["customer"])
		group.first = group.first or day
		group.last = day
	recurring = [g for g in found.values() if g.count >= min_occurrences]
	return sorted(recurring, key=lambda g: (-g.count, g.customer, g.item, g.defect))
