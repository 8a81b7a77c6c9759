"""R-FB-6: recurring problems (same customer + part + defect more than once in 90 days)."""

from datetime import date, datetime

from cs_service.rules.recurrence import defect_key, recurring_problems

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
