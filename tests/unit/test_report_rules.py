"""R-RP-4 (tracking report figures) and R-FB-6 (month-end escalation calendar)."""

import calendar
from datetime import date

import pytest

from cs_service.rules import report


def test_on_time_rate_is_a_percentage_with_one_decimal():
	"""R-RP-4: 7 of 8 sheets within the 15 minutes is 87.5 %."""
	assert report.on_time_rate(7, 8) == 87.5
	assert report.on_time_rate(1, 3) == 33.3
	assert report.on_time_rate(0, 4) == 0.0
	assert report.on_time_rate(4, 4) == 100.0


def test_on_time_rate_without_timed_sheets_is_none_and_shown_as_dash():
	"""R-RP-4: no sheet means no rate, not 0 % nor 100 %."""
	assert report.on_time_rate(0, 0) is None
	assert report.format_rate(None) == "-"
	assert report.format_rate(87.5) == "87.5 %"


def test_on_time_rate_refuses_impossible_counts():
	with pytest.raises(ValueError):
		report.on_time_rate(5, 4)
	with pytest.raises(ValueError):
		report.on_time_rate(-1, 4)


def test_tracking_summary_counts_open_sheets_overdue_actions_and_timeliness():
	"""R-RP-4: open = not Closed; overdue actions summed; rate over sheets with a timeliness."""
	rows = [
		{"tracking_status": "Open", "actions_overdue": 0, "timeliness": "On time"},
		{"tracking_status": "Actions in Progress", "actions_overdue": 2, "timeliness": "Late"},
		{"tracking_status": "Closed", "actions_overdue": 0, "timeliness": "On time"},
		{"tracking_status": "Actions in Progress", "actions_overdue": 1, "timeliness": None},
	]
	summary = report.tracking_summary(rows)
	assert (summary.open_sheets, summary.overdue_actions, summary.on_time, summary.timed) == (3, 3, 2, 3)
	assert summary.on_time_rate == 66.7


def test_tracking_summary_of_no_rows():
	summary = report.tracking_summary([])
	assert (summary.open_sheets, summary.overdue_actions, summary.on_time_rate) == (0, 0, None)


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
	assert report.is_last_day_of_month(day) is expected


def test_every_month_has_exactly_one_last_day():
	"""R-FB-6: the cron runs on the 28th-31st; exactly one of those days acts, in every month."""
	for year in (2026, 2027, 2028):
		for month in range(1, 13):
			length = calendar.monthrange(year, month)[1]
			days = [d for d in range(1, length + 1) if report.is_last_day_of_month(date(year, month, d))]
			assert days == [length]


def test_days_overdue():
	assert report.days_overdue(date(2026, 3, 20), date(2026, 3, 31)) == 11
	assert report.days_overdue(date(2026, 3, 31), date(2026, 3, 31)) == 0
	assert report.days_overdue(date(2026, 4, 5), date(2026, 3, 31)) == 0


def test_on_time_rate_rounds_half_up_like_every_other_rate():
	"""1 of 16 is 6.25 %: half up gives 6.3 (Python's round() would give 6.2)."""
	from cs_service.rules.quality import rate

	assert report.on_time_rate(1, 16) == 6.3 == rate(1, 16)
