"""The calendar and keys of the scheduled jobs: once, and a missed run made good (R-FB-6, R-CT-7, R-PL-1)."""

import calendar
from datetime import date, datetime

import pytest

from cs_service.rules import jobs, months


@pytest.mark.parametrize(
	"today, due",
	[
		(date(2026, 3, 31), date(2026, 3, 31)),  # the last day escalates its own month
		(date(2026, 4, 1), date(2026, 3, 31)),  # the run of the 31st was missed: made good on the 1st
		(date(2026, 4, 17), date(2026, 3, 31)),  # or on any later run of April
		(date(2026, 3, 30), date(2026, 2, 28)),  # not yet the end of March: February is the latest
		(date(2024, 2, 29), date(2024, 2, 29)),  # leap year
		(date(2024, 2, 28), date(2024, 1, 31)),
		(date(2026, 1, 1), date(2025, 12, 31)),  # over the turn of the year
		(date(2026, 12, 31), date(2026, 12, 31)),
	],
)
def test_the_month_end_due_is_the_latest_month_end_on_or_before_today(today, due):
	"""R-FB-6: a missed last-day run is made good by the next run, for the month that ended."""
	assert jobs.month_end_due(today) == due


def test_a_month_is_keyed_by_year_and_month():
	assert months.month_key(date(2026, 3, 31)) == "2026-03"
	assert months.month_key(date(999, 12, 1)) == "0999-12"


def test_work_done_after_its_day_is_late():
	assert not jobs.is_late(date(2026, 3, 31), date(2026, 3, 31))
	assert jobs.is_late(date(2026, 3, 31), date(2026, 4, 1))


def test_a_reminder_is_keyed_by_screening_follow_up_end_and_engineer():
	"""R-CT-7: once per follow-up and engineer; a new follow-up or another engineer is a new reminder."""
	key = jobs.reminder_key("CSCR-2026-00001", datetime(2026, 3, 11, 8, 0, 0, 250), "eng@example.com")
	assert key == "CSCR-2026-00001 2026-03-11 08:00:00 eng@example.com"
	assert jobs.reminder_key("CSCR-2026-00001", datetime(2026, 3, 12, 8, 0), "eng@example.com") != key
	assert jobs.reminder_key("CSCR-2026-00001", datetime(2026, 3, 11, 8, 0), "other@example.com") != key


def test_a_plan_flag_is_keyed_by_plan_months_and_day():
	assert (
		jobs.plan_flag_key("2025 CS Customer", ["March", "April"], date(2025, 5, 1))
		== "2025 CS Customer: March, April (2025-05-01)"
	)


@pytest.mark.parametrize(
	("day", "expected"),
	[
		(date(2026, 1, 31), True),
		(date(2026, 1, 30), False),
		(date(2026, 4, 30), True),
		(date(2026, 12, 31), True),
		(date(2027, 2, 28), True),  # non-leap year
		(date(2028, 2, 28), False),  # leap year: the 29th follows
		(date(2028, 2, 29), True),
		(date(2026, 3, 1), False),
	],
)
def test_last_day_of_month(day, expected):
	"""R-FB-6: the escalation runs on the last day of each month only."""
	assert months.is_last_day_of_month(day) is expected


def test_every_month_has_exactly_one_last_day():
	"""R-FB-6: the cron runs on the 28th-31st; exactly one of those days acts, in every month."""
	for year in (2026, 2027, 2028):
		for month in range(1, 13):
			length = calendar.monthrange(year, month)[1]
			days = [d for d in range(1, length + 1) if months.is_last_day_of_month(date(year, month, d))]
			assert days == [length]
