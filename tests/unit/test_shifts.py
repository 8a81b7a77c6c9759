"""Shift arithmetic of a customer site (R-ST-1, R-ST-3, R-CT-7)."""

from datetime import datetime, time, timedelta

import pytest

from cs_service.rules import shifts
from cs_service.rules.shifts import Shift, ShiftPatternError

TWO_SHIFTS = shifts.make_pattern([("Day", "08:00", "20:00"), ("Night", "20:00", "08:00")])
THREE_SHIFTS = shifts.make_pattern(
	[("Early", "06:00", "14:00"), ("Late", "14:00", "22:00"), ("Night", "22:00", "06:00")]
)
# two shifts with a gap at night (the plant does not run 00:30-07:00)
WITH_GAP = shifts.make_pattern([("A", "07:00", "15:30"), ("B", "16:00", "00:30")])


def test_night_shift_crosses_midnight():
	night = TWO_SHIFTS[1]
	assert night.crosses_midnight
	assert night.duration == timedelta(hours=12)
	assert not TWO_SHIFTS[0].crosses_midnight


@pytest.mark.parametrize(
	"moment, name, start, end",
	[
		(datetime(2026, 3, 10, 8, 0), "Day", datetime(2026, 3, 10, 8), datetime(2026, 3, 10, 20)),
		(datetime(2026, 3, 10, 19, 59), "Day", datetime(2026, 3, 10, 8), datetime(2026, 3, 10, 20)),
		(datetime(2026, 3, 10, 20, 0), "Night", datetime(2026, 3, 10, 20), datetime(2026, 3, 11, 8)),
		# after midnight the night shift is the one that started the evening before
		(datetime(2026, 3, 11, 3, 0), "Night", datetime(2026, 3, 10, 20), datetime(2026, 3, 11, 8)),
		# month end: the night shift of 31 March ends on 1 April
		(datetime(2026, 3, 31, 23, 0), "Night", datetime(2026, 3, 31, 20), datetime(2026, 4, 1, 8)),
		(datetime(2026, 4, 1, 7, 59), "Night", datetime(2026, 3, 31, 20), datetime(2026, 4, 1, 8)),
		# year end
		(datetime(2027, 1, 1, 1, 0), "Night", datetime(2026, 12, 31, 20), datetime(2027, 1, 1, 8)),
	],
)
def test_shift_at(moment, name, start, end):
	occ = shifts.shift_at(TWO_SHIFTS, moment)
	assert (occ.shift.name, occ.start, occ.end) == (name, start, end)


def test_shift_at_between_shifts_is_none():
	assert shifts.shift_at(WITH_GAP, datetime(2026, 3, 10, 15, 45)) is None
	assert shifts.shift_at(WITH_GAP, datetime(2026, 3, 11, 3, 0)) is None
	assert shifts.shift_at(WITH_GAP, datetime(2026, 3, 11, 0, 15)).shift.name == "B"


def test_breakpoint_parts_at_1900_are_followed_until_0800_next_day():
	"""The acceptance example of R-CT-7: day 08-20, night 20-08, parts reach the line at 19:00."""
	assert shifts.follow_up_end(TWO_SHIFTS, datetime(2026, 3, 10, 19, 0)) == datetime(2026, 3, 11, 8, 0)


def test_parts_during_the_night_are_followed_through_the_next_day_shift():
	assert shifts.follow_up_end(TWO_SHIFTS, datetime(2026, 3, 11, 2, 0)) == datetime(2026, 3, 11, 20, 0)
	# at the very start of the night shift, the next shift is the following day shift
	assert shifts.follow_up_end(TWO_SHIFTS, datetime(2026, 3, 10, 20, 0)) == datetime(2026, 3, 11, 20, 0)


def test_follow_up_across_month_end():
	# night shift of 28 Feb 2026 (22:00-06:00) -> next shift Early on 1 March ends 14:00
	assert shifts.follow_up_end(THREE_SHIFTS, datetime(2026, 2, 28, 23, 30)) == datetime(2026, 3, 1, 14, 0)
	# late shift on 31 March -> the night shift that ends on 1 April
	assert shifts.follow_up_end(THREE_SHIFTS, datetime(2026, 3, 31, 15, 0)) == datetime(2026, 4, 1, 6, 0)
	# day shift on 31 December -> night shift ending on 1 January
	assert shifts.follow_up_end(TWO_SHIFTS, datetime(2026, 12, 31, 9, 0)) == datetime(2027, 1, 1, 8, 0)


def test_follow_up_between_shifts_is_the_next_shift_to_start():
	# 03:00 in the gap: next shift A runs 07:00-15:30 that day
	assert shifts.follow_up_end(WITH_GAP, datetime(2026, 3, 11, 3, 0)) == datetime(2026, 3, 11, 15, 30)
	# parts during B (ends 00:30) -> next shift is A of the next morning
	assert shifts.follow_up_end(WITH_GAP, datetime(2026, 3, 10, 23, 0)) == datetime(2026, 3, 11, 15, 30)


def test_single_shift_pattern_follows_the_next_days_shift():
	one = shifts.make_pattern([("Day", "08:00", "17:00")])
	assert shifts.follow_up_end(one, datetime(2026, 3, 31, 10, 0)) == datetime(2026, 4, 1, 17, 0)


def test_next_shift_is_strictly_after():
	occ = shifts.next_shift(TWO_SHIFTS, datetime(2026, 3, 10, 8, 0))
	assert (occ.shift.name, occ.start) == ("Night", datetime(2026, 3, 10, 20, 0))


@pytest.mark.parametrize(
	"rows, message",
	[
		([], "no shift"),
		([("Day", "08:00", "08:00")], "same time"),
		([("Day", "08:00", "20:00"), ("Day", "20:00", "08:00")], "repeat"),
		([("Day", "08:00", "20:00"), ("Late", "19:00", "23:00")], "overlap"),
		# a night shift over midnight that runs into the next morning's shift
		([("Day", "08:00", "20:00"), ("Night", "20:00", "09:00")], "overlap"),
	],
)
def test_invalid_patterns_are_refused(rows, message):
	with pytest.raises(ShiftPatternError, match=message):
		shifts.make_pattern(rows)


def test_follow_up_refuses_a_broken_pattern():
	broken = [Shift("A", time(8), time(20)), Shift("B", time(19), time(7))]
	with pytest.raises(ShiftPatternError):
		shifts.follow_up_end(broken, datetime(2026, 3, 10, 10, 0))


@pytest.mark.parametrize(
	"value, expected",
	[
		("08:00", time(8, 0)),
		("20:30:15", time(20, 30, 15)),
		(time(6, 0), time(6, 0)),
		(timedelta(hours=22, minutes=5), time(22, 5)),  # MariaDB returns TIME as timedelta
	],
)
def test_parse_time(value, expected):
	assert shifts.parse_time(value) == expected


@pytest.mark.parametrize("value", ["25:00", "8h", "", None, "12:60"])
def test_parse_time_refuses_garbage(value):
	with pytest.raises(ShiftPatternError):
		shifts.parse_time(value)


@pytest.mark.parametrize(
	"rows, code, names",
	[
		([], "empty", ()),
		([("Day", "08:00", "08:00")], "zero_length", ("Day",)),
		([("Day", "08:00", "20:00"), ("Day", "20:00", "08:00")], "duplicate", ("Day",)),
		([("Day", "08:00", "20:00"), ("Late", "19:00", "23:00")], "overlap", ("Day", "Late")),
	],
)
def test_errors_carry_a_code_and_the_shifts_concerned(rows, code, names):
	with pytest.raises(ShiftPatternError) as err:
		shifts.make_pattern(rows)
	assert (err.value.code, err.value.names) == (code, names)


# ---------------------------------------------------------------- plant time zone


def test_convert_between_the_plant_and_the_system_clock():
	from cs_service.rules.shifts import convert

	moment = datetime(2026, 3, 10, 19, 0)
	assert convert(moment, "Asia/Shanghai", "Asia/Shanghai") == moment
	assert convert(moment, "Asia/Shanghai", "UTC") == datetime(2026, 3, 10, 11, 0)
	assert convert(datetime(2026, 3, 10, 11, 0), "UTC", "Asia/Shanghai") == moment
	assert convert(moment, "", "UTC") == moment


def test_follow_up_end_on_the_plant_clock():
	"""Day 08-20 / night 20-08 in Shanghai, system clock UTC: parts at 11:00 UTC (19:00 in the
	plant) are followed to the end of the night shift, 08:00 in the plant = 00:00 UTC."""
	from cs_service.rules.shifts import convert, follow_up_end, make_pattern

	pattern = make_pattern([("Day", "08:00", "20:00"), ("Night", "20:00", "08:00")])
	arrived = convert(datetime(2026, 3, 10, 11, 0), "UTC", "Asia/Shanghai")
	end = convert(follow_up_end(pattern, arrived), "Asia/Shanghai", "UTC")
	assert end == datetime(2026, 3, 11, 0, 0)


def test_time_zone_names():
	from cs_service.rules.shifts import is_time_zone

	assert is_time_zone("Asia/Shanghai")
	assert not is_time_zone("Mars/Olympus")
	assert not is_time_zone("")
