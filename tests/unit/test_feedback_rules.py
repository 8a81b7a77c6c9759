"""R-FB-1..3: completeness and validity of a Quality Feedback Sheet."""

from datetime import datetime, timedelta

import pytest

from cs_service.rules import feedback

NOW = datetime(2026, 3, 10, 10, 0)
COMPLETE = {
	"customer_site": "Customer A-Plant",
	"occurred_at": datetime(2026, 3, 10, 9, 0),
	"reported_at": datetime(2026, 3, 10, 9, 5),
	"shop": "Final Assembly",
	"station": "FA-12",
	"item": "P-100",
	"drawing_no": "DWG-100",
	"description": "Clip broken",
	"suspect_area": "Line side rack",
	"quantity": 3,
	"problem_type": feedback.QUALITY,
	"temporary_measures": "100% check at line side",
	"breakpoint": "",
	"breakpoint_lot": "L-2026-03-09",
	"customer_communication": "SQE agrees to sort",
	"preliminary_cause": "Tool wear",
	"line_stop_minutes": 0,
	"source": feedback.FOUND_ON_SITE,
}


def test_a_complete_sheet_has_no_problem():
	assert feedback.missing_items(COMPLETE) == []
	assert feedback.invalid_items(COMPLETE, NOW) == []


def test_every_missing_item_is_listed_at_once():
	values = dict(COMPLETE, station="", description=None, temporary_measures="  ", breakpoint_lot="")
	assert feedback.missing_items(values) == ["station", "description", "temporary_measures", "breakpoint"]


def test_any_form_of_breakpoint_counts():
	bare = dict(COMPLETE, breakpoint_lot="")
	assert "breakpoint" in feedback.missing_items(bare)
	for field in ("breakpoint", "breakpoint_serial", "breakpoint_time"):
		assert "breakpoint" not in feedback.missing_items(dict(bare, **{field: "x"}))


def test_quantity_zero_is_missing_because_frappe_stores_an_empty_int_as_zero():
	assert "quantity" in feedback.missing_items(dict(COMPLETE, quantity=0))
	assert feedback.invalid_items(dict(COMPLETE, quantity=0), NOW) == []
	assert feedback.invalid_items(dict(COMPLETE, quantity=-2), NOW) == [
		("quantity", feedback.QUANTITY_NOT_POSITIVE)
	]


def test_quantity_must_be_a_positive_whole_number():
	for bad in (-1, 2.5, "3", True):
		assert ("quantity", feedback.QUANTITY_NOT_POSITIVE) in feedback.invalid_items(
			dict(COMPLETE, quantity=bad), NOW
		)
	assert feedback.invalid_items(dict(COMPLETE, quantity=4.0), NOW) == []


def test_dates_must_be_in_order_and_not_in_the_future():
	values = dict(
		COMPLETE, occurred_at=datetime(2026, 3, 10, 11, 0), reported_at=datetime(2026, 3, 10, 10, 30)
	)
	assert feedback.invalid_items(values, NOW) == [
		("occurred_at", feedback.OCCURRED_IN_FUTURE),
		("reported_at", feedback.REPORTED_IN_FUTURE),
		("reported_at", feedback.REPORTED_BEFORE_OCCURRENCE),
	]


def test_a_first_report_in_the_future_is_refused_a_phone_a_little_ahead_is_not():
	"""R-FB-4: a late sheet cannot be made On time by a first report in the future."""
	ahead = dict(COMPLETE, occurred_at=NOW - timedelta(minutes=10), reported_at=NOW + timedelta(minutes=5))
	assert feedback.invalid_items(ahead, NOW) == [("reported_at", feedback.REPORTED_IN_FUTURE)]
	skew = dict(ahead, reported_at=NOW + timedelta(seconds=30))
	assert feedback.invalid_items(skew, NOW) == []


def test_a_corrected_first_report_lies_between_occurrence_and_sending():
	occurred, sent = NOW - timedelta(hours=2), NOW - timedelta(hours=1)
	check = feedback.report_time_correction_problems
	assert check(occurred + timedelta(minutes=5), occurred, sent, NOW) == []
	assert check(sent + timedelta(minutes=5), occurred, sent, NOW) == [
		("reported_at", feedback.REPORTED_AFTER_SENDING)
	]
	assert check(occurred - timedelta(minutes=5), occurred, sent, NOW) == [
		("reported_at", feedback.REPORTED_BEFORE_OCCURRENCE)
	]


def test_line_stop_minutes_and_problem_type():
	values = dict(COMPLETE, line_stop_minutes=-5, problem_type="Paint problem", source="Rumour")
	assert feedback.invalid_items(values, NOW) == [
		("line_stop_minutes", feedback.NEGATIVE_LINE_STOP),
		("problem_type", feedback.UNKNOWN_PROBLEM_TYPE),
		("source", feedback.UNKNOWN_SOURCE),
	]


def test_the_three_problem_types_of_r_fb_3():
	assert feedback.PROBLEM_TYPES == ("Quality Problem", "Tracking Problem", "Disputed Problem")


def test_a_first_report_time_more_than_a_day_old_is_doubtful():
	"""A draft once took a first report in 2012 and showed it 7.5 million minutes late."""
	assert not feedback.report_time_doubtful(NOW - timedelta(hours=23, minutes=59), NOW)
	assert feedback.report_time_doubtful(NOW - timedelta(hours=24, minutes=1), NOW)
	assert feedback.report_time_doubtful(datetime(2012, 3, 10, 9, 0), NOW)
	assert not feedback.report_time_doubtful(None, NOW)
	assert feedback.REPORT_TIME_REFUSED > feedback.REPORT_TIME_DOUBTFUL


@pytest.mark.parametrize(
	("value", "minutes"),
	[
		(None, 0),
		("", 0),
		(0, 0),
		(5, 5),
		("10", 10),
		(15, 15),
		(20, None),
		(-5, None),
		("5.0", None),
		(5.0, None),
		(True, None),
		("x", None),
	],
)
def test_the_stated_first_report_is_one_of_the_desks_choices(value, minutes):
	"""The phone offers the desk's choices and the server takes nothing else."""
	assert feedback.REPORTED_MINUTES_AGO == (0, 5, 10, 15)
	assert feedback.reported_minutes_ago(value) == minutes
