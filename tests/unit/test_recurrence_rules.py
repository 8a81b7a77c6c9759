"""R-FB-6: recurring problems (same customer + part + defect more than once in 90 days)."""

from datetime import date, datetime

from cs_service.rules.recurrence import (
	CUSTOMER_GROUP,
	SAME_CUSTOMER,
	customer_groups,
	defect_key,
	recurring_problems,
)

TODAY = date(2026, 3, 31)


def row(name, day, customer="A", item="P", defect="Scratch"):
	return {"name": name, "customer": customer, "item": item, "defect": defect, "occurred_at": day}


def test_twice_in_the_window_recurs():
	found = recurring_problems([row("S1", date(2026, 3, 1)), row("S2", datetime(2026, 3, 30, 23, 0))], TODAY)
	assert [(g.customer, g.item, g.defect, g.sheets) for g in found] == [("A", "P", "Scratch", ["S1", "S2"])]
	assert (found[0].first, found[0].last, found[0].count) == (date(2026, 3, 1), date(2026, 3, 30), 2)


def test_window_is_ninety_days_up_to_today():
	# 90 days up to and including 31 March 2026: 1 January (31 + 28 + 31 days)
	inside = [row("S1", date(2026, 1, 1)), row("S2", date(2026, 3, 31))]
	outside = [row("S1", date(2025, 12, 31)), row("S2", date(2026, 3, 31))]
	assert len(recurring_problems(inside, TODAY)) == 1
	assert recurring_problems(outside, TODAY) == []
	# a sheet after "today" does not count either
	assert recurring_problems([row("S1", date(2026, 3, 5)), row("S2", date(2026, 4, 1))], TODAY) == []


def test_customer_part_and_defect_must_all_match():
	rows = [
		row("S1", date(2026, 3, 1)),
		row("S2", date(2026, 3, 2), customer="B"),
		row("S3", date(2026, 3, 3), item="Q"),
		row("S4", date(2026, 3, 4), defect="Burr"),
		row("S5", date(2026, 3, 5), defect=None),
		row("S6", date(2026, 3, 6), defect=None),
	]
	assert recurring_problems(rows, TODAY) == []


def test_defects_compare_without_case_and_spacing():
	assert defect_key("  Paint   RUN ") == defect_key("paint run")
	found = recurring_problems(
		[row("S1", date(2026, 3, 1), defect="Paint run"), row("S2", date(2026, 3, 2), defect="paint  RUN")],
		TODAY,
	)
	assert found[0].sheets == ["S1", "S2"]


def test_settings_change_window_and_count():
	rows = [row("S1", date(2026, 3, 1)), row("S2", date(2026, 3, 20)), row("S3", date(2026, 3, 25))]
	assert recurring_problems(rows, TODAY, min_occurrences=3)[0].count == 3
	assert recurring_problems(rows, TODAY, window_days=12)[0].sheets == ["S2", "S3"]
	assert recurring_problems(rows, TODAY, window_days=5) == []


# ---------------------------------------------------------------- codes and plants


def coded(name, day, customer="A", item="P", defect="", code=None):
	return {**row(name, day, customer, item, defect), "defect_code": code}


def test_the_code_decides_when_there_is_one():
	rows = [
		coded("S1", date(2026, 3, 1), defect="Scratch on the A-surface", code="DT-SCR"),
		coded("S2", date(2026, 3, 2), defect="scratched", code="DT-SCR"),
		coded("S3", date(2026, 3, 3), defect="Scratch", code="DT-DENT"),
	]
	found = recurring_problems(rows, TODAY)
	assert [(g.defect_code, g.defect, g.sheets) for g in found] == [
		("DT-SCR", "Scratch on the A-surface", ["S1", "S2"])
	]


def test_without_a_code_the_text_still_counts():
	rows = [coded("S1", date(2026, 3, 1), defect="Burr"), coded("S2", date(2026, 3, 2), defect=" burr ")]
	assert recurring_problems(rows, TODAY)[0].defect_code is None


def test_two_plants_of_one_parent_customer_recur_together():
	customers = {
		"FAW Changchun": {"parent_customer": "FAW Group"},
		"FAW Foshan": {"parent_customer": "FAW Group"},
		"FAW Group": {},
		"Geely": {},
	}
	groups = customer_groups(customers)
	assert groups == {
		"FAW Changchun": "FAW Group",
		"FAW Foshan": "FAW Group",
		"FAW Group": "FAW Group",
		"Geely": "Geely",
	}
	rows = [
		coded("S1", date(2026, 3, 1), customer="FAW Changchun", code="X"),
		coded("S2", date(2026, 3, 9), customer="FAW Foshan", code="X"),
		coded("S3", date(2026, 3, 9), customer="Geely", code="X"),
	]
	[found] = recurring_problems(rows, TODAY, groups=groups)
	assert (found.group, found.customers, found.sheets) == (
		"FAW Group",
		["FAW Changchun", "FAW Foshan"],
		["S1", "S2"],
	)
	assert found.across_customers
	# without the groups, each plant stands alone: nothing recurs
	assert recurring_problems(rows, TODAY) == []


def test_grouping_by_customer_group_or_not_at_all():
	customers = {"C1": {"customer_group": "OEM X"}, "C2": {"customer_group": "OEM X"}, "C3": {}}
	assert customer_groups(customers, CUSTOMER_GROUP) == {"C1": "OEM X", "C2": "OEM X", "C3": "C3"}
	assert customer_groups(customers, SAME_CUSTOMER) == {"C1": "C1", "C2": "C2", "C3": "C3"}


def test_parents_are_followed_to_the_top_and_a_loop_ends():
	customers = {"A": {"parent_customer": "B"}, "B": {"parent_customer": "C"}, "C": {"parent_customer": "A"}}
	groups = customer_groups({**customers, "D": {"parent_customer": "A"}})
	assert groups["D"] == "C"  # D -> A -> B -> C (C's parent A was seen)
	assert groups["A"] == "C"
