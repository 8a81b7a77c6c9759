"""R-FB-5, R-RP-4: corrective actions to closure."""

from datetime import date

from cs_service.rules import tracking

TODAY = date(2026, 3, 31)


def act(status="Open", due=None, verified_by=None, closed_on=None):
	return {"status": status, "due_date": due, "verified_by": verified_by, "closed_on": closed_on}


def test_no_action_is_open():
	assert tracking.tracking_status([]) == tracking.OPEN


def test_closed_only_when_every_action_is_done_and_verified():
	done = act("Done", verified_by="qa@x", closed_on=date(2026, 3, 20))
	assert tracking.tracking_status([done]) == tracking.CLOSED
	assert tracking.tracking_status([done, act("In Progress")]) == tracking.IN_PROGRESS
	assert tracking.tracking_status([done, act("Done", closed_on=date(2026, 3, 21))]) == tracking.IN_PROGRESS


def test_overdue_is_past_due_and_not_done():
	rows = [
		act("Open", due=date(2026, 3, 30)),
		act("In Progress", due=date(2026, 3, 31)),  # due today: not yet overdue
		act("Done", due=date(2026, 3, 1), closed_on=date(2026, 3, 2)),  # done, awaiting verification
		act("Open"),  # no due date
	]
	assert [r for r in rows if tracking.ACTION_OVERDUE.matches(r, today=TODAY)] == [rows[0]]


def test_action_consistency():
	assert tracking.action_problems(act("Open", verified_by="qa@x")) == ["verified_before_done"]
	assert tracking.action_problems(act("Done")) == ["done_without_date"]
	assert tracking.action_problems(act("Maybe")) == ["unknown_status"]
	assert tracking.action_problems(act("Done", closed_on=TODAY, verified_by="qa@x")) == []


def test_a_sheet_with_nothing_to_correct_is_closed_by_qa_with_a_reason():
	"""R-RP-1: closed without action, it counts as handled; with actions, the actions decide."""
	assert tracking.tracking_status([], closed_without_action=True) == tracking.CLOSED
	assert tracking.tracking_status([], closed_without_action=False) == tracking.OPEN
	open_action = {"status": "Open"}
	assert tracking.tracking_status([open_action], closed_without_action=True) == tracking.IN_PROGRESS


# ---------------------------------------------------------------- the tracking report's figures (R-RP-4)


def test_tracking_summary_counts_open_sheets_overdue_actions_and_timeliness():
	"""R-RP-4: open = not Closed; overdue actions summed; rate over sheets with a timeliness."""
	rows = [
		{"tracking_status": "Open", "actions_overdue": 0, "timeliness": "On time"},
		{"tracking_status": "Actions in Progress", "actions_overdue": 2, "timeliness": "Late"},
		{"tracking_status": "Closed", "actions_overdue": 0, "timeliness": "On time"},
		{"tracking_status": "Actions in Progress", "actions_overdue": 1, "timeliness": None},
	]
	summary = tracking.tracking_summary(rows)
	assert (summary.open_sheets, summary.overdue_actions, summary.on_time, summary.timed) == (3, 3, 2, 3)
	assert summary.on_time_rate == 66.7


def test_tracking_summary_of_no_rows():
	summary = tracking.tracking_summary([])
	assert (summary.open_sheets, summary.overdue_actions, summary.on_time_rate) == (0, 0, None)


def test_days_overdue():
	assert tracking.days_overdue(date(2026, 3, 20), date(2026, 3, 31)) == 11
	assert tracking.days_overdue(date(2026, 3, 31), date(2026, 3, 31)) == 0
	assert tracking.days_overdue(date(2026, 4, 5), date(2026, 3, 31)) == 0
