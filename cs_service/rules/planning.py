"""Planning of the CS department (R-PL-1, R-PL-3): the annual service plan against the visits
made, the periods of visit summaries, and the monthly work plan.

A plan gives, per month of a year, how many visits a customer (or one of its sites) is to get.
A month whose last day has passed with fewer visits than planned is *behind plan*; the month
in progress is not yet behind, whatever its count.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

MONTHS = (
	"January",
	"February",
	"March",
	"April",
	"May",
	"June",
	"July",
	"August",
	"September",
	"October",
	"November",
	"December",
)

# status of one planned month
DONE = "Done"
BEHIND = "Behind Plan"
IN_PROGRESS = "In Progress"
UPCOMING = "Upcoming"
PLAN_STATUSES = (DONE, BEHIND, IN_PROGRESS, UPCOMING)


class PlanningError(ValueError):
	def __init__(self, code: str, value=None):
		super().__init__(code, value)
		self.code = code
		self.value = value


# ---------------------------------------------------------------- periods


def month_number(month: str | int) -> int:
	"""1-12 from a month name of :data:`MONTHS` or a number."""
	if isinstance(month, int) or (isinstance(month, str) and month.isdigit()):
		number = int(month)
		if 1 <= number <= 12:
			return number
	elif month in MONTHS:
		return MONTHS.index(month) + 1
	raise PlanningError("unknown_month", month)


def month_name(number: int) -> str:
	return MONTHS[month_number(number) - 1]


def month_dates(year: int, month: str | int) -> tuple[date, date]:
	"""First and last day of a month."""
	number = month_number(month)
	return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def period_bounds(year: int, quarter: int | None = None) -> tuple[date, date]:
	"""First and last day of a quarter (1-4) of ``year``, or of the whole year."""
	if not quarter:
		return date(year, 1, 1), date(year, 12, 31)
	if quarter not in (1, 2, 3, 4):
		raise PlanningError("unknown_quarter", quarter)
	first_month = 3 * (quarter - 1) + 1
	return date(year, first_month, 1), month_dates(year, first_month + 2)[1]


# ---------------------------------------------------------------- plan vs actual (R-PL-1)


@dataclass(frozen=True)
class MonthProgress:
	month: int
	planned: int
	actual: int
	status: str

	@property
	def shortfall(self) -> int:
		return shortfall(self.planned, self.actual)

	@property
	def month_name(self) -> str:
		return month_name(self.month)


def shortfall(planned: int, actual: int) -> int:
	"""Visits still missing (never negative: extra visits do not make up for another month)."""
	return max((planned or 0) - (actual or 0), 0)


def month_status(year: int, month: str | int, planned: int, actual: int, today: date) -> str:
	first, last = month_dates(year, month)
	if (actual or 0) >= (planned or 0):
		return DONE
	if today > last:
		return BEHIND
	if today >= first:
		return IN_PROGRESS
	return UPCOMING


def plan_progress(
	year: int, planned: Mapping[int, int], actual: Mapping[int, int], today: date
) -> list[MonthProgress]:
	"""Progress of every planned month (months with visits but no plan are left out)."""
	return [
		MonthProgress(
			m, planned[m] or 0, actual.get(m, 0), month_status(year, m, planned[m], actual.get(m, 0), today)
		)
		for m in sorted(planned)
	]


def behind_plan(progress: Iterable[MonthProgress]) -> list[MonthProgress]:
	return [p for p in progress if p.status == BEHIND]


def year_to_date(progress: Iterable[MonthProgress], year: int, today: date) -> tuple[int, int]:
	"""(planned, actual) over the months that have begun by ``today``."""
	started = [p for p in progress if month_dates(year, p.month)[0] <= today]
	return sum(p.planned for p in started), sum(p.actual for p in started)


def visits_for_plan(counts: Iterable[Mapping], customer: str, customer_site: str | None) -> dict[int, int]:
	"""Visits per month that count for a plan, from rows ``{customer, customer_site, month,
	visits}``: a plan of a site counts the visits at that site, a plan of the whole customer
	counts the visits at any of its sites."""
	result: dict[int, int] = {}
	for row in counts:
		if row["customer"] != customer:
			continue
		if customer_site and row.get("customer_site") != customer_site:
			continue
		month = int(row["month"])
		result[month] = result.get(month, 0) + int(row["visits"] or 0)
	return result


def repeated_months(months: Iterable[str | int]) -> list[int]:
	numbers = [month_number(m) for m in months]
	return sorted({n for n in numbers if numbers.count(n) > 1})


# ---------------------------------------------------------------- visits


def visit_problems(visit_date: date | None, today: date) -> list[str]:
	"""A visit log records a visit made: never one in the future."""
	if visit_date and visit_date > today:
		return ["visit_in_future"]
	return []


# ---------------------------------------------------------------- monthly work plan (R-PL-3)

TASK_OPEN = "Open"
TASK_IN_PROGRESS = "In Progress"
TASK_DONE = "Done"
TASK_CANCELLED = "Cancelled"
TASK_STATUSES = (TASK_OPEN, TASK_IN_PROGRESS, TASK_DONE, TASK_CANCELLED)
FINISHED = (TASK_DONE, TASK_CANCELLED)


def task_overdue(task: Mapping, today: date) -> bool:
	due = task.get("due_date")
	return bool(due) and task.get("status") not in FINISHED and due < today


def work_plan_progress(tasks: Iterable[Mapping]) -> int:
	"""Percent of the tasks done, cancelled tasks left out; 0 for a plan without tasks."""
	counted = [t for t in tasks if t.get("status") != TASK_CANCELLED]
	if not counted:
		return 0
	return round(100 * sum(1 for t in counted if t.get("status") == TASK_DONE) / len(counted))


def task_problems(task: Mapping) -> list[str]:
	problems = []
	if task.get("status") not in TASK_STATUSES:
		problems.append("unknown_status")
	if task.get("status") == TASK_DONE and not task.get("done_on"):
		problems.append("done_without_date")
	if task.get("done_on") and task.get("status") != TASK_DONE:
		problems.append("date_without_done")
	return problems
