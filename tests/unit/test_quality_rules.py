"""R-RP-1..3: PPM, complaint handling rate, cumulative line-stop minutes, month keys."""

from datetime import date

import pytest

from cs_service.rules import months, quality


def test_ppm_is_defective_per_million_net_delivered():
	"""R-RP-3 acceptance: 19 defective of 10,000 delivered less 500 returned is 2,000 PPM."""
	assert quality.ppm(19, 10_000 - 500) == 2000
	assert quality.ppm(1, 1_000_000) == 1
	assert quality.ppm(0, 5_000) == 0


def test_ppm_rounds_half_up_to_a_whole_number():
	assert quality.ppm(1, 3) == 333333  # 333,333.33
	assert quality.ppm(2, 3) == 666667  # 666,666.67
	assert quality.ppm(1, 8) == 125000
	assert quality.ppm(1, 2_000_000) == 1  # 0.5 rounds up, not to the even 0
	assert quality.ppm(1, 2_000_001) == 0  # 0.49999...
	assert quality.ppm(3, 2_000_000) == 2  # 1.5 -> 2
	assert quality.ppm(5, 2_000_000) == 3  # 2.5 -> 3 (banker's rounding would give 2)


def test_ppm_accepts_fractional_stock_quantities():
	assert quality.ppm(1, 2.5) == 400000
	assert quality.ppm(1.0, 1000.0) == 1000


def test_ppm_without_delivery_is_none_not_a_division_error():
	"""Defects of a month with no (net) delivery have no PPM; they are still reported."""
	assert quality.ppm(7, 0) is None
	assert quality.ppm(0, 0) is None
	assert quality.ppm(7, None) is None
	assert quality.ppm(3, -200) is None  # more returned than delivered in the month
	assert quality.ppm(None, 1000) == 0


def test_ppm_refuses_negative_defects():
	with pytest.raises(ValueError):
		quality.ppm(-1, 1000)


def test_ppm_is_bounded_when_more_is_defective_than_delivered():
	"""R-RP-3: a recall leaves 1 part delivered net of returns, 2,500 defective were
	found -- 2,500,000,000 PPM would overflow a 32-bit Int. Every delivered part is defective
	at most: 1,000,000, with the warning."""
	assert quality.ppm(2_500, 1) == quality.MAX_PPM == 1_000_000
	assert quality.defective_above_delivered(2_500, 1) is True
	assert quality.ppm(3, 3) == 1_000_000
	assert quality.defective_above_delivered(3, 3) is False  # all defective, not more
	assert quality.ppm(0.5, 0.25) == 1_000_000  # fractional stock quantities too
	assert quality.defective_above_delivered(19, 9_500) is False


def test_no_warning_without_a_delivery():
	"""A month without (net) delivery has no PPM at all, which says it already."""
	assert quality.defective_above_delivered(7, 0) is False
	assert quality.defective_above_delivered(7, -200) is False
	assert quality.defective_above_delivered(7, None) is False
	assert quality.defective_above_delivered(None, 10) is False


def test_line_stop_share_counts_quality_shows_tracking_apart_never_disputed():
	"""R-RP-3: line-stop minutes caused by us are those of Quality problems; a
	Tracking problem's are not decided yet; a Disputed problem's (confirmed not ours) never
	count, nor those of a sheet without a type."""
	assert quality.line_stop_share("Quality Problem") == quality.CAUSED_BY_US
	assert quality.line_stop_share("Tracking Problem") == quality.NOT_YET_DECIDED
	assert quality.line_stop_share("Disputed Problem") is None
	assert quality.line_stop_share(None) is None
	assert quality.line_stop_share("") is None


def test_handling_rate_is_handled_of_received_with_one_decimal():
	"""R-RP-1: 7 of 8 complaints closed is 87.5 %, below the 100 % target."""
	assert quality.handling_rate(received=8, handled=7) == 87.5
	assert quality.handling_rate(received=3, handled=1) == 33.3
	assert quality.handling_rate(received=3, handled=2) == 66.7
	assert quality.handling_rate(received=4, handled=4) == 100.0
	assert quality.HANDLING_TARGET == 100
	assert quality.meets_target(87.5) is False
	assert quality.meets_target(100.0) is True


def test_handling_rate_without_complaints_is_none():
	assert quality.handling_rate(0, 0) is None
	assert quality.meets_target(None) is None


def test_rate_refuses_impossible_counts():
	with pytest.raises(ValueError):
		quality.handling_rate(received=3, handled=4)
	with pytest.raises(ValueError):
		quality.rate(-1, 3)


def test_cumulative_running_sums():
	"""R-RP-3 acceptance: 75 minutes in March, 20 in April -> cumulative 75, 95."""
	assert quality.cumulative([75, 20]) == [75, 95]
	assert quality.cumulative([30, None, 45]) == [30, 30, 75]
	assert quality.cumulative([]) == []


def test_year_to_date_starts_again_each_calendar_year():
	points = [("2025-11", 5), ("2025-12", 5), ("2026-01", 3), ("2026-03", 4)]
	assert quality.running_totals(points) == [5, 10, 3, 7]


def test_month_keys_and_bounds():
	assert months.month_key(date(2026, 3, 9)) == "2026-03"
	assert months.parse_month("2026-03") == date(2026, 3, 1)
	assert months.month_bounds("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
	assert months.month_bounds("2028-02") == (date(2028, 2, 1), date(2028, 2, 29))
	assert months.month_bounds("2026-12") == (date(2026, 12, 1), date(2026, 12, 31))
	for bad in ("2026-13", "March", "", None):
		with pytest.raises(ValueError):
			months.parse_month(bad)


def test_month_arithmetic_crosses_years():
	assert months.add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
	assert months.add_months(date(2026, 11, 1), 14) == date(2028, 1, 1)
	assert months.previous_month(date(2026, 1, 20)) == "2025-12"
	assert months.months_between(date(2025, 11, 15), date(2026, 2, 3)) == [
		"2025-11",
		"2025-12",
		"2026-01",
		"2026-02",
	]
	assert months.months_between(date(2026, 2, 1), date(2026, 1, 1)) == []


def test_twelve_month_windows():
	"""The trend covers twelve months, the last one being the month of the report."""
	keys = months.last_months("2026-03")
	assert len(keys) == 12
	assert keys[0] == "2025-04"
	assert keys[-1] == "2026-03"
	assert months.twelve_month_window(date(2026, 3, 17)) == (date(2025, 4, 1), date(2026, 3, 17))
	assert quality.fill_months(["2026-01", "2026-02", "2026-03"], {"2026-02": 75}) == [0, 75, 0]


def test_monthly_totals_sum_rows_per_month_and_take_the_ppm_of_the_sums():
	"""The trend line: PPM of all parts is the defects of the month over its net deliveries."""
	rows = [
		{"month": "2026-03", "delivered": 10_000, "returned": 500, "defective": 19},
		{"month": "2026-03", "delivered": 500, "returned": 0, "defective": 0},
		{"month": "2026-04", "delivered": 0, "returned": 0, "defective": 4},  # defects, no delivery
		{"month": "2026-06", "delivered": 100, "returned": 0, "defective": 1},  # outside the months
	]
	march, april, may = quality.monthly_totals(rows, ["2026-03", "2026-04", "2026-05"])
	assert march == {
		"month": "2026-03",
		"delivered": 10_500,
		"returned": 500,
		"net_delivered": 10_000,
		"defective": 19,
		"ppm": 1900,
	}
	assert (april["defective"], april["ppm"]) == (4, None)
	assert (may["delivered"], may["defective"], may["ppm"]) == (0, 0, None)


def test_monthly_totals_bound_the_ppm_of_the_sums():
	rows = [{"month": "2026-03", "delivered": 10_000, "returned": 9_999, "defective": 2_500}]
	(march,) = quality.monthly_totals(rows, ["2026-03"])
	assert (march["net_delivered"], march["defective"], march["ppm"]) == (1, 2_500, 1_000_000)


# ---------------------------------------------------------------- the 15-minute on-time rate (R-RP-4)


def test_on_time_rate_is_a_percentage_with_one_decimal():
	"""R-RP-4: 7 of 8 sheets within the 15 minutes is 87.5 %."""
	assert quality.on_time_rate(7, 8) == 87.5
	assert quality.on_time_rate(1, 3) == 33.3
	assert quality.on_time_rate(0, 4) == 0.0
	assert quality.on_time_rate(4, 4) == 100.0


def test_on_time_rate_without_timed_sheets_is_none_and_shown_as_dash():
	"""R-RP-4: no sheet means no rate, not 0 % nor 100 %."""
	assert quality.on_time_rate(0, 0) is None
	assert quality.format_rate(None) == "-"
	assert quality.format_rate(87.5) == "87.5 %"


def test_on_time_rate_refuses_impossible_counts():
	with pytest.raises(ValueError):
		quality.on_time_rate(5, 4)
	with pytest.raises(ValueError):
		quality.on_time_rate(-1, 4)


def test_on_time_rate_rounds_half_up_like_every_other_rate():
	"""1 of 16 is 6.25 %: half up gives 6.3 (Python's round() would give 6.2)."""
	assert quality.on_time_rate(1, 16) == 6.3 == quality.rate(1, 16)


def test_ppm_of_whole_quantities_equals_the_decimal_computation():
	"""Whole quantities take an integer shortcut: it gives exactly the half-up decimal result."""
	import random
	from decimal import Decimal

	rng = random.Random(3)
	for _i in range(5000):
		defective, delivered = rng.randint(0, 3000), rng.choice((1, 2, 3, 7, 8, rng.randint(1, 10**7)))
		expected = int(
			quality._round_half_up(Decimal(min(defective, delivered)) * quality.MILLION / Decimal(delivered))
		)
		assert quality.ppm(defective, delivered) == expected
		assert quality.ppm(Decimal(defective), float(delivered)) == expected


def test_a_missing_ppm_says_why_and_defective_parts_without_a_delivery_are_flagged():
	"""45 defective against 0 delivered has no PPM, says why, and is flagged as more
	defective than delivered (the bounded PPM's warning stays for a bounded PPM only)."""
	assert quality.ppm_missing_reason(45, 0) == quality.DEFECTIVE_WITHOUT_DELIVERY
	assert quality.ppm_missing_reason(45, -3) == quality.DEFECTIVE_WITHOUT_DELIVERY
	assert quality.ppm_missing_reason(0, 0) == quality.NO_DELIVERY
	assert quality.ppm_missing_reason(None, None) == quality.NO_DELIVERY
	assert quality.ppm_missing_reason(19, 9_500) is None
	assert quality.more_defective_than_delivered(45, 0) is True
	assert quality.more_defective_than_delivered(2_500, 1) is True
	assert quality.more_defective_than_delivered(0, 0) is False
	assert quality.more_defective_than_delivered(3, 3) is False
