"""R-PL-1, R-PL-3: plan vs actual, periods of visit summaries, the monthly work plan."""

from datetime import date

import pytest

from cs_service.rules import planning


def test_month_names_and_numbers():
	assert planning.month_number("March") == 3
	assert planning.month_number(12) == 12
	assert planning.month_number("7") == 7
	assert planning.month_name(1) == "January"
	for bad in ("Marchh", 0, 13, ""):
		with pytest.raises(planning.PlanningError):
			planning.month_number(bad)


def test_month_bounds_know_leap_years():
	assert planning.month_dates(2024, "February") == (date(2024, 2, 1), date(2024, 2, 29))
	assert planning.month_dates(2025, 2) == (date(2025, 2, 1), date(2025, 2, 28))
	assert planning.month_dates(2025, "December") == (date(2025, 12, 1), date(2025, 12, 31))


def test_period_bounds_of_quarters_and_year():
	assert planning.period_bounds(2026, 1) == (date(2026, 1, 1), date(2026, 3, 31))
	assert planning.period_bounds(2026, 2) == (date(2026, 4, 1), date(2026, 6, 30))
	assert planning.period_bounds(2026, 3) == (date(2026, 7, 1), date(2026, 9, 30))
	assert planning.period_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
	assert planning.period_bounds(2026) == (date(2026, 1, 1), date(2026, 12, 31))
	with pytest.raises(planning.PlanningError):
		planning.period_bounds(2026, 5)


def test_month_status():
	# 2 planned in March 2026, 1 made
	assert planning.month_status(2026, "March", 2, 1, date(2026, 2, 20)) == planning.UPCOMING
	assert planning.month_status(2026, "March", 2, 1, date(2026, 3, 31)) == planning.IN_PROGRESS
	assert planning.month_status(2026, "March", 2, 1, date(2026, 4, 1)) == planning.BEHIND
	assert planning.month_status(2026, "March", 2, 2, date(2026, 4, 1)) == planning.DONE
	assert planning.month_status(2026, "March", 2, 3, date(2026, 3, 5)) == planning.DONE
	assert planning.month_status(2026, "March", 0, 0, date(2026, 4, 1)) == planning.DONE


def test_shortfall_is_never_negative():
	assert planning.shortfall(2, 1) == 1
	assert planning.shortfall(2, 5) == 0
	assert planning.shortfall(None, None) == 0


def test_plan_progress_and_year_to_date():
	progress = planning.plan_progress(2026, {3: 2, 1: 1, 5: 1}, {1: 1, 3: 1, 4: 2}, today=date(2026, 4, 10))
	assert [(p.month, p.planned, p.actual, p.status, p.shortfall) for p in progress] == [
		(1, 1, 1, planning.DONE, 0),
		(3, 2, 1, planning.BEHIND, 1),
		(5, 1, 0, planning.UPCOMING, 1),
	]
	assert [p.month_name for p in planning.behind_plan(progress)] == ["March"]
	# January and March have begun, May not: 3 planned, 2 made
	assert planning.year_to_date(progress, 2026, date(2026, 4, 10)) == (3, 2)


def test_visits_count_for_the_plan_of_their_customer_and_site_only():
	counts = [
		{"customer": "A", "customer_site": "A-Plant 1", "month": 3, "visits": 1},
		{"customer": "A", "customer_site": "A-Plant 2", "month": 3, "visits": 2},
		{"customer": "A", "customer_site": None, "month": 4, "visits": 1},
		{"customer": "B", "customer_site": "B-Plant", "month": 3, "visits": 5},
	]
	assert planning.visits_for_plan(counts, "A", None) == {3: 3, 4: 1}
	assert planning.visits_for_plan(counts, "A", "A-Plant 1") == {3: 1}
	assert planning.visits_for_plan(counts, "B", None) == {3: 5}
	assert planning.visits_for_plan(counts, "C", None) == {}


def test_repeated_months():
	assert planning.repeated_months(["March", "April", 3]) == [3]
	assert planning.repeated_months(["March", "April"]) == []


def test_a_visit_cannot_be_in_the_future():
	assert planning.visit_problems(date(2026, 3, 2), date(2026, 3, 1)) == ["visit_in_future"]
	assert planning.visit_problems(date(2026, 3, 1), date(2026, 3, 1)) == []
	assert planning.visit_problems(None, date(2026, 3, 1)) == []


def task(status="Open", due=None, done_on=None):
	return {"status": status, "due_date": due, "done_on": done_on}


def test_task_overdue():
	today = date(2026, 3, 31)
	assert planning.task_overdue(task("Open", date(2026, 3, 30)), today)
	assert planning.task_overdue(task("In Progress", date(2026, 3, 1)), today)
	assert not planning.task_overdue(task("Open", today), today)
	assert not planning.task_overdue(task("Done", date(2026, 3, 1), date(2026, 3, 2)), today)
	assert not planning.task_overdue(task("Cancelled", date(2026, 3, 1)), today)
	assert not planning.task_overdue(task("Open"), today)


def test_work_plan_progress_leaves_cancelled_tasks_out():
	assert planning.work_plan_progress([]) == 0
	assert planning.work_plan_progress([task("Cancelled")]) == 0
	tasks = [task("Done", done_on=date(2026, 3, 3)), task("Open"), task("In Progress"), task("Cancelled")]
	assert planning.work_plan_progress(tasks) == 33  # 1 of 3
	assert planning.work_plan_progress([task("Done", done_on=date(2026, 3, 3))] * 2) == 100


def test_task_problems():
	assert planning.task_problems(task("Open")) == []
	assert planning.task_problems(task("Done")) == ["done_without_date"]
	assert planning.task_problems(task("Open", done_on=date(2026, 3, 3))) == ["date_without_done"]
	assert planning.task_problems(task("Later")) == ["unknown_status"]
