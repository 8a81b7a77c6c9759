"""R-RP-2, R-RP-3: what a delivery note or a feedback sheet adds to the monthly figures, and which
parts of a report's period the figures answer (cs_service.rules.aggregate)."""

import hashlib
from datetime import date, datetime

from cs_service.rules import aggregate
from cs_service.rules.aggregate import Part


def test_a_delivery_note_adds_its_lines_per_part_and_a_cancel_takes_them_away():
	lines = [("SEAL", 100), ("SEAL", 50), ("CLIP", 7.5)]
	added = aggregate.delivery_note_deltas(date(2026, 3, 9), "ACME", "CUST-A", False, lines, 1)
	assert added[("2026-03", "ACME", "CUST-A", "SEAL")]["delivered_qty"] == 150
	assert added[("2026-03", "ACME", "CUST-A", "SEAL")]["delivery_lines"] == 2
	assert added[("2026-03", "ACME", "CUST-A", "CLIP")]["delivered_qty"] == 7.5
	assert added[("2026-03", "ACME", "CUST-A", "CLIP")]["returned_qty"] == 0
	taken = aggregate.delivery_note_deltas("2026-03-09", "ACME", "CUST-A", False, lines, -1)
	assert aggregate.merge(added, taken) == {}


def test_a_return_counts_its_negative_lines_as_a_positive_returned_quantity():
	deltas = aggregate.delivery_note_deltas(date(2026, 4, 1), "ACME", "CUST-A", True, [("SEAL", -30)], 1)
	row = deltas[("2026-04", "ACME", "CUST-A", "SEAL")]
	assert (row["delivered_qty"], row["returned_qty"], row["delivery_lines"]) == (0, 30, 1)


def sheet(**values):
	return {
		"occurred_at": datetime(2026, 3, 31, 23, 50),
		"customer": "CUST-A",
		"item": "SEAL",
		"quantity": 4,
		"problem_type": "Quality Problem",
		"line_stop_minutes": 0,
		**values,
	}


def test_a_quality_problem_adds_its_defects_to_the_month_it_occurred_in_without_a_company():
	((key, row),) = aggregate.sheet_deltas(sheet(), 1).items()
	assert key == ("2026-03", "", "CUST-A", "SEAL")
	assert (row["defective_qty"], row["defect_sheets"]) == (4, 1)


def test_line_stop_minutes_go_by_their_share_and_disputed_problems_add_nothing():
	"""R-RP-3: Quality minutes are ours, Tracking minutes not decided yet, Disputed never."""
	ours = aggregate.sheet_deltas(sheet(line_stop_minutes=25), 1)
	row = ours[("2026-03", "", "CUST-A", "SEAL")]
	assert (row["line_stop_minutes"], row["line_stop_sheets"], row["undecided_minutes"]) == (25, 1, 0)
	tracking = aggregate.sheet_deltas(sheet(problem_type="Tracking Problem", line_stop_minutes=25), 1)
	row = tracking[("2026-03", "", "CUST-A", "SEAL")]
	assert (row["defective_qty"], row["line_stop_minutes"], row["undecided_minutes"]) == (0, 0, 25)
	assert aggregate.sheet_deltas(sheet(problem_type="Disputed Problem", line_stop_minutes=25), 1) == {}


def test_a_sheet_without_a_part_keeps_its_line_stop_but_no_defects():
	deltas = aggregate.sheet_deltas(sheet(item=None, line_stop_minutes=10), 1)
	((key, row),) = deltas.items()
	assert key == ("2026-03", "", "CUST-A", "")
	assert (row["defective_qty"], row["defect_sheets"], row["line_stop_minutes"]) == (0, 0, 10)


def test_a_reclassification_moves_the_figures_and_a_save_without_one_changes_nothing():
	before, after = sheet(line_stop_minutes=30), sheet(problem_type="Tracking Problem", line_stop_minutes=30)
	moved = aggregate.merge(aggregate.sheet_deltas(before, -1), aggregate.sheet_deltas(after, 1))
	row = moved[("2026-03", "", "CUST-A", "SEAL")]
	assert row["defective_qty"] == -4 and row["defect_sheets"] == -1
	assert row["line_stop_minutes"] == -30 and row["undecided_minutes"] == 30
	assert aggregate.merge(aggregate.sheet_deltas(before, -1), aggregate.sheet_deltas(before, 1)) == {}


def test_the_row_name_is_the_month_and_the_same_hash_for_the_same_key_as_the_sql_md5():
	key = ("2026-03", "", "客户 A", "SEAL")
	assert aggregate.key_name(key) == aggregate.key_name(tuple(key))
	assert (
		aggregate.key_name(key)
		== "2026-03-" + hashlib.md5("2026-03\x1f\x1f客户 A\x1fSEAL".encode()).hexdigest()
	)
	assert aggregate.key_name(key) != aggregate.key_name(("2026-03", "", "客户 A", "SEAL2"))


def test_a_period_splits_into_partial_first_month_whole_months_and_partial_last_month():
	parts = aggregate.split_period(date(2026, 1, 15), date(2026, 4, 10))
	assert parts == [
		Part(date(2026, 1, 15), date(2026, 1, 31), whole=False),
		Part(date(2026, 2, 1), date(2026, 3, 31), whole=True),
		Part(date(2026, 4, 1), date(2026, 4, 10), whole=False),
	]
	assert (parts[1].from_month, parts[1].to_month) == ("2026-02", "2026-03")


def test_whole_months_need_no_raw_part():
	assert aggregate.split_period(date(2025, 1, 1), date(2025, 12, 31)) == [
		Part(date(2025, 1, 1), date(2025, 12, 31), whole=True)
	]
	assert aggregate.split_period(date(2024, 2, 1), date(2024, 2, 29)) == [
		Part(date(2024, 2, 1), date(2024, 2, 29), whole=True)
	]


def test_days_within_one_or_two_months_are_partial_parts():
	assert aggregate.split_period(date(2026, 12, 1), date(2026, 12, 1)) == [
		Part(date(2026, 12, 1), date(2026, 12, 1), whole=False)
	]
	assert aggregate.split_period(date(2026, 1, 20), date(2026, 2, 10)) == [
		Part(date(2026, 1, 20), date(2026, 1, 31), whole=False),
		Part(date(2026, 2, 1), date(2026, 2, 10), whole=False),
	]
	assert aggregate.split_period(date(2026, 3, 2), date(2026, 2, 1)) == []


def test_the_rest_of_a_partial_month_is_the_days_around_it():
	part = Part(date(2026, 12, 5), date(2026, 12, 20), whole=False)
	assert aggregate.month_rest(part) == [
		(date(2026, 12, 1), date(2026, 12, 4)),
		(date(2026, 12, 21), date(2026, 12, 31)),
	]
	assert aggregate.month_rest(Part(date(2026, 12, 1), date(2026, 12, 1), whole=False)) == [
		(date(2026, 12, 2), date(2026, 12, 31))
	]


def test_the_rows_of_a_month_range_lie_between_the_name_bounds():
	low, high = aggregate.name_range("2026-02", "2026-03")
	inside = [aggregate.key_name((m, "", "C", "P")) for m in ("2026-02", "2026-03")]
	outside = [aggregate.key_name((m, "", "C", "P")) for m in ("2026-01", "2026-04")]
	assert all(low <= name <= high for name in inside)
	assert not any(low <= name <= high for name in outside)
