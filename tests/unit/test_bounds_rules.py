"""Sane bounds of typed quantities and minutes; every number fits its column
(R-FB-2, R-RP-2, R-RP-3)."""

from decimal import Decimal

from cs_service.rules import bounds

LIMITS = bounds.limits(None)


def check(doctype, fieldname, fieldtype, value):
	kind = bounds.kind_of(doctype, fieldname)
	return bounds.problem(fieldtype, value, kind, LIMITS[kind] if kind else None)


def test_line_stop_minutes_that_broke_the_month_are_refused():
	assert check("Quality Feedback Sheet", "line_stop_minutes", "Int", 2147483000) == (
		bounds.OUT_OF_BOUNDS,
		bounds.DEFAULT_LIMITS[bounds.MINUTES],
	)


def test_quantities_and_minutes_between_zero_and_the_limit_are_kept():
	assert check("Quality Feedback Sheet", "quantity", "Int", 1_000_000) is None
	assert check("Quality Feedback Sheet", "line_stop_minutes", "Int", "10080") is None
	assert check("Suspect Part Slip", "qty_returned", "Int", 0) is None
	assert check("Quality Feedback Sheet", "quantity", "Int", 1_000_001)[0] == bounds.OUT_OF_BOUNDS
	assert check("Containment Screening Area", "qty_suspect", "Int", -1)[0] == bounds.OUT_OF_BOUNDS
	assert check("Service Confirmation Sheet", "hours", "Float", 10_000.5)[0] == bounds.OUT_OF_BOUNDS


def test_settings_set_the_limits_and_a_nonsense_setting_keeps_the_default():
	limits = bounds.limits({"max_quantity": 50, "max_line_stop_minutes": 0})
	assert limits[bounds.QUANTITY] == 50
	assert limits[bounds.MINUTES] == bounds.DEFAULT_LIMITS[bounds.MINUTES]


def test_what_is_not_a_finite_number_is_refused():
	assert check("CS KPI Item", "weight", "Float", "1e400")[0] == bounds.TOO_LARGE
	for value in ("abc", float("inf"), float("nan"), "NaN", [1], {"a": 1}):
		assert check("CS KPI Item", "weight", "Float", value) == (bounds.NOT_A_NUMBER, None), value
	assert check("Quality Feedback Sheet", "quantity", "Int", 2.5) == (bounds.NOT_A_NUMBER, None)
	assert check("Quality Feedback Sheet", "quantity", "Int", "") is None


def test_other_numbers_fit_their_columns():
	assert check("Annual Service Plan", "year", "Int", 2**31)[0] == bounds.TOO_LARGE
	assert check("Annual Service Plan", "year", "Int", -(2**31 - 1)) is None
	assert check("CS KPI Item", "target", "Float", Decimal("1e12"))[0] == bounds.TOO_LARGE
	assert check("CS KPI Item", "target", "Float", 999_999_999_999) is None
	assert check("Quality Feedback Sheet", "is_major", "Check", 2)[0] == bounds.NOT_A_CHECK
	assert check("Quality Feedback Sheet", "is_major", "Check", True) is None
