"""R-ST-2, R-ST-3: violations count per assessment year."""

from datetime import date, datetime

import pytest

from cs_service.rules.staff import assessment_year, assessment_year_bounds


def test_calendar_assessment_year():
	assert assessment_year(date(2026, 1, 1)) == 2026
	assert assessment_year(datetime(2026, 12, 31, 23, 59)) == 2026


def test_assessment_year_starting_in_april():
	assert assessment_year(date(2026, 3, 31), start_month=4) == 2025
	assert assessment_year(date(2026, 4, 1), start_month=4) == 2026


def test_bounds():
	assert assessment_year_bounds(2025, 4) == (date(2025, 4, 1), date(2026, 3, 31))
	assert assessment_year_bounds(2028, 3) == (date(2028, 3, 1), date(2029, 2, 28))
	assert assessment_year_bounds(2026) == (date(2026, 1, 1), date(2026, 12, 31))


def test_bad_start_month():
	with pytest.raises(ValueError):
		assessment_year(date(2026, 1, 1), 13)
