"""R-FB-4: the written feedback is due 15 minutes after the first report."""

from datetime import datetime, timedelta

import pytest

from cs_service.rules import clock


def test_deadline_is_fifteen_minutes_after_first_report():
	assert clock.deadline(datetime(2026, 3, 10, 9, 0)) == datetime(2026, 3, 10, 9, 15)


def test_deadline_of_a_report_at_2355_is_next_day():
	assert clock.deadline(datetime(2026, 3, 10, 23, 55)) == datetime(2026, 3, 11, 0, 10)


@pytest.mark.parametrize(
	"reported, due",
	[
		(datetime(2026, 1, 31, 23, 50), datetime(2026, 2, 1, 0, 5)),
		(datetime(2026, 2, 28, 23, 59), datetime(2026, 3, 1, 0, 14)),  # 2026 is not a leap year
		(datetime(2028, 2, 28, 23, 59), datetime(2028, 2, 29, 0, 14)),  # 2028 is
		(datetime(2026, 12, 31, 23, 55), datetime(2027, 1, 1, 0, 10)),
	],
)
def test_deadline_across_month_and_year_ends(reported, due):
	assert clock.deadline(reported) == due


def test_deadline_needs_a_report_time():
	with pytest.raises(ValueError):
		clock.deadline(None)


def test_twelve_minutes_is_on_time_sixteen_is_late():
	reported = datetime(2026, 3, 10, 9, 0)
	assert clock.timeliness(reported, reported + timedelta(minutes=12)) == clock.ON_TIME
	assert clock.timeliness(reported, reported + timedelta(minutes=16)) == clock.LATE


def test_the_deadline_itself_is_on_time_one_second_after_is_late():
	reported = datetime(2026, 3, 10, 23, 55)
	assert clock.is_on_time(reported, datetime(2026, 3, 11, 0, 10))
	assert not clock.is_on_time(reported, datetime(2026, 3, 11, 0, 10, 1))
