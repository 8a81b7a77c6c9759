"""R-CT-6..8: screening per area, breakpoint follow-up and failure."""

from datetime import datetime

import pytest

from cs_service.rules import containment
from cs_service.rules.shifts import follow_up_end, make_pattern


def area(name, screened=False, **kw):
	row = {"area": name, "shop_type": kw.pop("shop_type", "Other"), "screened": int(screened), **kw}
	if screened:
		row.setdefault("screened_by", "engineer@example.com")
		row.setdefault("screened_at", datetime(2026, 3, 10, 9, 0))
	return row


@pytest.mark.parametrize(
	("current", "reached", "expected"),
	[
		(None, None, containment.SCREENING),
		(containment.SCREENING, datetime(2026, 3, 10, 19, 0), containment.FOLLOWING_UP),
		(containment.FOLLOWING_UP, None, containment.SCREENING),
		(containment.VERIFIED, datetime(2026, 3, 10, 19, 0), containment.VERIFIED),
	],
)
def test_status_follows_the_parts_reaching_the_line_and_verified_is_final(current, reached, expected):
	assert containment.status(current, reached) == expected


def test_a_screened_row_with_sensible_quantities_has_no_problem():
	assert containment.area_problems(area("Paint Shop", True, qty_checked=120, qty_suspect=3)) == []
	assert containment.area_problems(area("Paint Shop")) == []


def test_suspect_quantity_cannot_exceed_the_quantity_checked():
	row = area("Body Shop", True, qty_checked=5, qty_suspect=6)
	assert containment.area_problems(row) == [("qty_suspect", containment.SUSPECT_ABOVE_CHECKED)]


def test_quantities_cannot_be_negative():
	row = area("Body Shop", qty_checked=-1, qty_suspect=-2)
	assert containment.area_problems(row) == [
		("qty_checked", containment.NEGATIVE_QUANTITY),
		("qty_suspect", containment.NEGATIVE_QUANTITY),
	]


def test_a_screened_row_says_who_and_when():
	row = {"area": "Final Assembly", "screened": 1, "qty_checked": 10, "qty_suspect": 0}
	assert containment.area_problems(row) == [
		("screened_by", containment.SCREENED_BY_MISSING),
		("screened_at", containment.SCREENED_AT_MISSING),
	]


def test_an_area_may_appear_once_per_round():
	rows = [area("Paint Shop", round=1), area("paint shop ", round=1), area("Paint Shop", round=2)]
	assert containment.duplicate_areas(rows) == ["paint shop "]


def test_unscreened_areas_of_the_current_round():
	rows = [
		area("Body Shop", True, round=1),
		area("Paint Shop", round=1),
		area("Final Assembly", True, round=2),
		area("Logistics Warehouse", round=2),
	]
	assert containment.unscreened_areas(containment.round_rows(rows, 1)) == ["Paint Shop"]
	assert containment.unscreened_areas(containment.round_rows(rows, 2)) == ["Logistics Warehouse"]


def test_areas_typed_by_the_user_are_split_and_merged_once():
	typed = containment.parse_areas("Supplier hub, Paint Shop\n\n  Rework area  ")
	assert typed == ["Supplier hub", "Paint Shop", "Rework area"]
	assert containment.merge_areas(["Paint Shop"], typed) == ["Paint Shop", "Supplier hub", "Rework area"]
	assert containment.parse_areas(None) == []


def test_the_next_round_screens_every_area_again_plus_the_missed_ones_not_listed():
	rows = [area("Body Shop", True, shop_type="Body Shop"), area("Paint Shop", shop_type="Paint Shop")]
	assert containment.next_round_areas(rows, ["Paint Shop", "Supplier hub"]) == [
		("Body Shop", "Body Shop"),
		("Paint Shop", "Paint Shop"),
		("Supplier hub", containment.OTHER),
	]


def test_follow_up_needs_a_breakpoint_handed_to_the_shift_sqe():
	reached = datetime(2026, 3, 10, 19, 0)
	assert containment.follow_up_problems({"parts_reached_line_at": None}) == []
	assert containment.follow_up_problems({"parts_reached_line_at": reached}) == [
		("breakpoint_lot", containment.NO_BREAKPOINT),
		("handed_to", containment.NOT_HANDED_OVER),
	]
	given = {
		"parts_reached_line_at": reached,
		"breakpoint_serial": "S-1001",
		"handed_to": "Li Wei",
		"handed_at": datetime(2026, 3, 10, 18, 0),
	}
	assert containment.follow_up_problems(given) == []


def test_breakpoint_is_confirmed_only_when_the_next_shift_is_over():
	"""R-CT-7 acceptance: day 08-20, night 20-08, parts at 19:00 -> followed until 08:00 next day."""
	pattern = make_pattern([("Day", "08:00", "20:00"), ("Night", "20:00", "08:00")])
	until = follow_up_end(pattern, datetime(2026, 3, 10, 19, 0))
	assert until == datetime(2026, 3, 11, 8, 0)
	assert not containment.can_confirm(datetime(2026, 3, 11, 7, 59), until)
	assert containment.can_confirm(datetime(2026, 3, 11, 8, 0), until)
	assert not containment.can_confirm(datetime(2026, 3, 11, 8, 0), None)


def test_a_failure_with_missed_areas_costs_the_fine_and_the_bonus():
	penalty = containment.failure_penalty(["Paint Shop", ""], 200, 1)
	assert penalty == containment.Penalty(fine=200, forfeits_bonus=True, missed_areas=("Paint Shop",))


def test_a_failure_with_every_area_screened_is_no_violation():
	assert containment.failure_penalty([], 200, 1) is None


# ---------------------------------------------------------------- evidence that cannot be bent


def test_breakpoint_parts_cannot_reach_the_line_before_the_handover_or_in_the_future():
	"""R-CT-7: a backdated arrival would skip the follow-up shift."""
	now = datetime(2026, 3, 10, 20, 0)
	values = {
		"breakpoint_lot": "L-1",
		"handed_to": "Li Wei",
		"handed_at": datetime(2026, 3, 10, 18, 30),
		"parts_reached_line_at": datetime(2026, 3, 10, 18, 0),
	}
	assert containment.follow_up_problems(values, now) == [
		("parts_reached_line_at", containment.REACHED_BEFORE_HANDOVER)
	]
	later = dict(values, parts_reached_line_at=datetime(2026, 3, 10, 21, 0))
	assert containment.follow_up_problems(later, now) == [
		("parts_reached_line_at", containment.REACHED_IN_FUTURE)
	]
	assert (
		containment.follow_up_problems(dict(values, parts_reached_line_at=datetime(2026, 3, 10, 19, 0)), now)
		== []
	)


def test_changed_failure_evidence():
	before = {"failed_at": datetime(2026, 3, 10, 23, 0), "missed_areas": "Paint Shop", "screening_round": 2}
	assert containment.changed_evidence(before, dict(before)) == []
	assert containment.changed_evidence(before, dict(before, missed_areas="", failed_at=None)) == [
		"failed_at",
		"missed_areas",
	]
	assert containment.changed_evidence(before, dict(before, screening_round=1)) == ["screening_round"]
	assert containment.changed_evidence(None, {"failed_at": None, "missed_areas": " "}) == []
	assert containment.changed_evidence(None, {"missed_areas": "Paint Shop"}) == ["missed_areas"]
