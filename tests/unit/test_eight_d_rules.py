"""8D reports (R-FB-5, R-CT-1..9): due dates per D, status per D, what a D needs."""

from datetime import datetime

import pytest

from cs_service.rules import eight_d
from cs_service.rules.eight_d import DONE, IN_PROGRESS, NOT_STARTED

FIRST_REPORT = datetime(2026, 3, 10, 14, 30)


def test_default_due_dates_are_24_hours_10_days_and_60_days():
	due = eight_d.due_dates(FIRST_REPORT, eight_d.due_hours())
	assert due == {
		"D3": datetime(2026, 3, 11, 14, 30),
		"D4": datetime(2026, 3, 20, 14, 30),
		"D8": datetime(2026, 5, 9, 14, 30),
	}


def test_the_customers_rows_replace_the_defaults_step_by_step():
	rows = [
		{"step": "D3", "due_in": 12, "unit": "Hours"},
		{"step": "D5", "due_in": 30, "unit": "Days"},
		{"step": "D8", "due_in": 0, "unit": "Days"},  # this customer sets no closure date
	]
	assert eight_d.due_hours(rows) == {"D3": 12, "D4": 240, "D5": 720}


def test_no_first_report_means_no_due_date():
	assert eight_d.due_dates(None, eight_d.due_hours()) == {}


def test_due_rows_that_do_not_hold_are_named_by_row():
	rows = [
		{"step": "D3", "due_in": 24, "unit": "Hours"},
		{"step": "D3", "due_in": 12, "unit": "Hours"},
		{"step": "D9", "due_in": 1, "unit": "Weeks"},
		{"step": "D4", "due_in": -1, "unit": "Days"},
	]
	assert eight_d.due_rows_problems(rows) == [
		(2, "repeated_step"),
		(3, "unknown_step"),
		(3, "unknown_unit"),
		(4, "negative_due"),
	]


def test_a_step_is_overdue_when_not_done_and_past_its_due_time():
	steps = [
		{"step": "D4", "status": IN_PROGRESS, "due_at": datetime(2026, 3, 20, 14, 30)},
		{"step": "D3", "status": NOT_STARTED, "due_at": datetime(2026, 3, 11, 14, 30)},
		{"step": "D8", "status": NOT_STARTED, "due_at": datetime(2026, 5, 9, 14, 30)},
		{"step": "D2", "status": NOT_STARTED, "due_at": None},
	]
	# 25 hours after the first report: D3 is one hour late
	assert eight_d.overdue_steps(steps, datetime(2026, 3, 11, 15, 30)) == ["D3"]
	# exactly at the due time it is not overdue yet
	assert eight_d.overdue_steps(steps, datetime(2026, 3, 11, 14, 30)) == []
	# a done D is never overdue; later both open Ds come in order
	steps[1]["status"] = DONE
	assert eight_d.overdue_steps(steps, datetime(2026, 6, 1)) == ["D4", "D8"]


def test_the_report_is_closed_by_d8_only():
	assert eight_d.report_status([{"step": "D3", "status": DONE}]) == eight_d.OPEN
	assert eight_d.report_status([{"step": "D8", "status": DONE}]) == eight_d.CLOSED


@pytest.mark.parametrize(
	"step, values, problems",
	[
		("D1", {}, ["no_team"]),
		("D1", {"team": [{"team_role": "Member"}]}, ["no_leader"]),
		("D1", {"team": [{"team_role": "Team Leader"}, {"team_role": "Member"}]}, []),
		("D2", {"problem_description": "  "}, ["no_problem_description"]),
		("D2", {"problem_description": "Clip broken"}, []),
		("D3", {"containment": []}, ["no_containment"]),
		("D3", {"containment": [{"status": "Verified"}, {"status": "Open"}]}, ["containment_not_done"]),
		("D3", {"containment": [{"status": "Verified"}, {"status": "Done"}]}, []),
		("D4", {"occurrence_root_cause": "Tool wear"}, ["no_escape_cause"]),
		("D4", {}, ["no_occurrence_cause", "no_escape_cause"]),
		("D5", {"actions": []}, ["no_action"]),
		(
			"D6",
			{"actions": [{"status": "Done", "verified_by": "qa@x", "verification": ""}]},
			["verification_missing"],
		),
		(
			"D6",
			{"actions": [{"status": "Done", "verified_by": None, "verification": "3 lots checked"}]},
			["actions_not_closed"],
		),
		("D6", {"actions": [{"status": "Done", "verified_by": "qa@x", "verification": "3 lots"}]}, []),
		("D7", {"prevention": []}, ["no_prevention"]),
		(
			"D7",
			{"prevention": [{"status": "Done", "responsible": ""}, {"status": "Not Applicable"}]},
			["prevention_owner_missing"],
		),
		("D7", {"prevention": [{"status": "Open", "responsible": "me"}]}, ["prevention_not_done"]),
	],
)
def test_what_each_step_needs_to_be_done(step, values, problems):
	assert eight_d.step_problems(step, values) == problems


def test_closure_needs_every_earlier_step_done_and_a_summary():
	statuses = dict.fromkeys(eight_d.STEPS[:-1], DONE)
	assert eight_d.step_problems("D8", {"closure_summary": "Closed with the SQE"}, statuses) == []
	statuses["D6"] = IN_PROGRESS
	assert eight_d.step_problems("D8", {}, statuses) == ["earlier_steps_open", "no_closure_summary"]


def test_containment_status_of_a_record():
	assert eight_d.containment_status(done=False, verified=False) == "Open"
	assert eight_d.containment_status(done=True, verified=False) == "Done"
	assert eight_d.containment_status(done=True, verified=True) == "Verified"
