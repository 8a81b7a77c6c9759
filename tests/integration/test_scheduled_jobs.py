"""Scheduled jobs run once and catch up (R-FB-6, R-CT-7, R-PL-1, R-US-4).

Each job records what it did (CS Job Record), in the transaction that does it: a re-run does
nothing more, a worker killed before the scheduler's commit leaves nothing half-done, and a
run that was missed is made good by the next one.

A killed worker is a lost transaction: the tests run the job inside a savepoint and roll
back to it, which is what the database does with the job's work when the worker dies
before ``frappe.db.commit``.
"""

from datetime import date

import frappe
import pytest

from cs_service.jobs import once
from cs_service.jobs.scheduled import month_end_escalation, remind_breakpoint_confirmation
from cs_service.planning.visits import flag_plans_behind
from cs_service.rules import containment
from tests.integration.clock import frozen
from tests.integration.factories import (
	email,
	make_customer,
	make_feedback,
	make_outgoing_email_account,
	make_plan,
	make_screening,
	make_site,
	make_user,
	make_visit,
	set_settings,
)

GM = email("cs-job-gm")
CUSTOMER = "CS Job Customer"
PART = "CS-JOB-PART"


@pytest.fixture(autouse=True)
def no_commit(monkeypatch):
	"""These tests roll back: fail loudly if a job commits half of its work."""

	def commit(*args, **kwargs):
		raise AssertionError("a scheduled job committed the transaction")

	monkeypatch.setattr(frappe.db, "commit", commit)


def killed(job, *args):
	"""Run ``job`` and lose its transaction, as when the worker dies before the commit."""
	frappe.db.savepoint("killed_worker")
	job(*args)
	frappe.db.rollback(save_point="killed_worker")


def records(job: str, done_for: str | None = None) -> list[frappe._dict]:
	filters = {"job": job, **({"done_for": done_for} if done_for else {})}
	return frappe.get_all(
		once.DOCTYPE, filters=filters, fields=["done_for", "outcome", "email_queue", "reference_name"]
	)


# ---------------------------------------------------------------- month-end escalation (R-FB-6)


@pytest.fixture
def overdue():
	"""An action due 20 March 2026, still open: overdue at the end of March. The site's own
	records of earlier escalations are forgotten (rolled back with the test)."""
	set_settings(gm_recipients=GM)
	owner = make_user("cs-job-owner", "QA Engineer")
	sheet = make_feedback(
		customer=CUSTOMER,
		item=PART,
		occurred_at="2026-03-05 09:00:00",
		corrective_actions=[
			{"action": "Replace the worn die", "action_owner": owner, "due_date": "2026-03-20"}
		],
		submit=True,
	)
	frappe.db.delete(once.DOCTYPE, {"job": once.MONTH_END_ESCALATION})
	return sheet.name


def escalations(before: list[str]) -> list[str]:
	"""The e-mails queued to the general manager since ``before``."""
	return frappe.get_all(
		"Email Queue Recipient",
		filters={"recipient": GM, "parent": ("not in", before or [""])},
		pluck="parent",
	)


def queued() -> list[str]:
	return frappe.get_all("Email Queue", pluck="name")


def test_the_escalation_run_twice_on_the_last_day_sends_one_email(overdue):
	"""Acceptance: the month-end escalation run twice on the last day sends one e-mail."""
	before = queued()
	with frozen("2026-03-31 06:00:00.100000"):
		month_end_escalation()
	with frozen("2026-03-31 06:00:30.100000"):
		month_end_escalation()
	mails = escalations(before)
	assert len(mails) == 1
	assert overdue in frappe.get_doc("Email Queue", mails[0]).message
	assert [(r.outcome, r.email_queue) for r in records(once.MONTH_END_ESCALATION, "2026-03")] == [
		(once.DONE, mails[0])
	]


def test_the_escalation_skipped_on_the_last_day_is_sent_on_the_next_run(overdue):
	"""Acceptance: skipped on the last day (no run on 31 March), it is sent on the next run, for
	March; the runs after it send nothing more."""
	before = queued()
	with frozen("2026-04-01 06:00:00.100000"):
		month_end_escalation()
	mails = escalations(before)
	assert len(mails) == 1
	mail = frappe.get_doc("Email Queue", mails[0])
	assert overdue in mail.message and "Replace the worn die" in mail.message
	for day in ("2026-04-02", "2026-04-15", "2026-04-29"):
		with frozen(f"{day} 06:00:00.100000"):
			month_end_escalation()
	assert escalations(before) == mails
	with frozen("2026-04-30 06:00:00.100000"):
		month_end_escalation()  # the end of April is escalated on its own day
	assert len(escalations(before)) == 2
	assert {r.done_for for r in records(once.MONTH_END_ESCALATION)} == {"2026-03", "2026-04"}


def test_an_escalation_whose_worker_died_is_sent_by_the_next_run(overdue):
	before = queued()
	with frozen("2026-03-31 06:00:00.100000"):
		killed(month_end_escalation)
	assert escalations(before) == []
	assert records(once.MONTH_END_ESCALATION) == []
	with frozen("2026-04-01 06:00:00.100000"):
		month_end_escalation()
	assert len(escalations(before)) == 1


def test_an_escalation_without_recipient_is_made_good_once_the_recipient_is_set(overdue):
	before = queued()
	set_settings(gm_recipients="")
	with frozen("2026-03-31 06:00:00.100000"):
		month_end_escalation()
	assert records(once.MONTH_END_ESCALATION) == []  # nothing was done: nothing recorded
	set_settings(gm_recipients=GM)
	with frozen("2026-04-01 06:00:00.100000"):
		month_end_escalation()
	assert len(escalations(before)) == 1


def test_the_escalation_job_runs_every_day():
	"""The job must run after a missed last day, so it runs daily and acts on what is due."""
	cron = frappe.get_hooks("scheduler_events")["cron"]
	assert "cs_service.jobs.scheduled.month_end_escalation" in cron["0 6 * * *"]
	assert not any(
		"cs_service.jobs.scheduled.month_end_escalation" in methods
		for key, methods in cron.items()
		if key != "0 6 * * *"
	)


# ---------------------------------------------------------------- breakpoint reminder (R-CT-7)


DAY_AND_NIGHT = [("Day", "08:00", "20:00"), ("Night", "20:00", "08:00")]


def in_follow_up(engineer: str):
	"""A screening whose breakpoint parts reached the line at 19:00 on 10 March 2026 (day shift):
	followed up to the end of the night shift, 08:00 on the 11th."""
	# In tests frappe sends notification e-mails at once, and sending commits.
	frappe.db.set_value("Notification Settings", engineer, "enable_email_notifications", 0)
	customer = make_customer(CUSTOMER)
	site = make_site(customer, "Job Plant", engineers=[engineer], shifts=DAY_AND_NIGHT)
	set_settings()
	sheet = make_feedback(customer=customer, item=PART, customer_site=site.name, submit=True)
	doc = make_screening(
		sheet.name, engineer=engineer, handed_to="Li Wei (shift SQE)", handed_at="2026-03-10 18:30:00"
	)
	doc.parts_reached_line_at = "2026-03-10 19:00:00"
	doc.save()
	assert (doc.breakpoint_status, str(doc.follow_up_until)) == (
		containment.FOLLOWING_UP,
		"2026-03-11 08:00:00",
	)
	return doc


def todos(doc) -> list[frappe._dict]:
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": doc.doctype, "reference_name": doc.name},
		fields=["name", "allocated_to", "status"],
		order_by="creation",
	)


def test_a_closed_breakpoint_reminder_is_not_sent_again():
	"""The reminder is sent once: an engineer who closes its ToDo is not asked again every 15 minutes."""
	engineer = make_user("cs-job-engineer", "CS Engineer")
	doc = in_follow_up(engineer)
	with frozen("2026-03-11 08:05:00.100000"):
		remind_breakpoint_confirmation()
	[todo] = todos(doc)
	assert (todo.allocated_to, todo.status) == (engineer, "Open")

	closed = frappe.get_doc("ToDo", todo.name)
	closed.status = "Closed"
	closed.save()
	for moment in ("2026-03-11 08:20:00.100000", "2026-03-11 08:35:00.100000", "2026-03-12 08:05:00.100000"):
		with frozen(moment):
			remind_breakpoint_confirmation()
	assert [(t.name, t.status) for t in todos(doc)] == [(todo.name, "Closed")]
	assert [r.outcome for r in records(once.BREAKPOINT_REMINDER) if r.reference_name == doc.name] == [
		once.DONE
	]


def test_a_reminder_closed_before_the_job_kept_records_is_not_sent_again():
	"""A ToDo the earlier job made (no CS Job Record) and the engineer closed counts as the reminder."""
	engineer = make_user("cs-job-engineer", "CS Engineer")
	doc = in_follow_up(engineer)
	with frozen("2026-03-11 08:05:00.100000"):
		remind_breakpoint_confirmation()
	frappe.db.delete(once.DOCTYPE, {"reference_name": doc.name})  # as the earlier job left it
	[todo] = todos(doc)
	frappe.get_doc("ToDo", todo.name).update({"status": "Cancelled"}).save()
	with frozen("2026-03-11 08:20:00.100000"):
		remind_breakpoint_confirmation()
		remind_breakpoint_confirmation()
	assert [(t.name, t.status) for t in todos(doc)] == [(todo.name, "Cancelled")]
	assert len([r for r in records(once.BREAKPOINT_REMINDER) if r.reference_name == doc.name]) == 1


def test_a_breakpoint_reminder_whose_worker_died_is_sent_by_the_next_run():
	engineer = make_user("cs-job-engineer", "CS Engineer")
	doc = in_follow_up(engineer)
	with frozen("2026-03-11 08:05:00.100000"):
		killed(remind_breakpoint_confirmation)
	assert todos(doc) == []
	with frozen("2026-03-11 08:20:00.100000"):
		remind_breakpoint_confirmation()
		remind_breakpoint_confirmation()
	assert [(t.allocated_to, t.status) for t in todos(doc)] == [(engineer, "Open")]


def test_a_breakpoint_reminder_never_goes_to_an_external_user():
	"""Item 2: a screening whose engineer is (now) only a customer's SQE reminds nobody, and the
	screening is not shared with that user (an assignment would share it)."""
	outsider = make_user("cs-job-engineer-moved", "CS Engineer")
	doc = in_follow_up(outsider)
	make_user("cs-job-engineer-moved", "Customer SQE")  # the user now holds only the SQE role
	with frozen("2026-03-11 08:05:00.100000"):
		remind_breakpoint_confirmation()
		remind_breakpoint_confirmation()
	assert todos(doc) == []
	assert not frappe.db.exists(
		"DocShare", {"share_doctype": doc.doctype, "share_name": doc.name, "user": outsider}
	)
	assert [r.outcome for r in records(once.BREAKPOINT_REMINDER) if r.reference_name == doc.name] == [
		once.SKIPPED
	]


# ---------------------------------------------------------------- visits behind plan (R-PL-1)


def plan_todos(plan: str, manager: str) -> int:
	return frappe.db.count(
		"ToDo", {"reference_type": "Annual Service Plan", "reference_name": plan, "allocated_to": manager}
	)


@pytest.fixture
def error_logs():
	"""Error Logs outlive a rollback (Frappe keeps them in a non-transactional table): the
	ones a test provokes are removed at its end."""
	before = set(frappe.get_all("Error Log", pluck="name"))
	yield
	frappe.db.delete("Error Log", {"name": ("not in", list(before) or [""]), "method": ("like", "%CS Job%")})


def test_a_flag_that_failed_half_way_leaves_nothing_and_is_made_good_once(error_logs):
	"""The flag of a plan is one piece: when its e-mail cannot be queued (no outgoing e-mail
	account), the ToDos already written go with it, and the next run writes them once."""
	managers = [make_user("cs-job-manager-1", "CS Manager"), make_user("cs-job-manager-2", "CS Manager")]
	plan = make_plan(CUSTOMER, 2025, {"March": 2}).name
	make_visit(CUSTOMER, "2025-03-12")
	outgoing = frappe.get_all("Email Account", filters={"enable_outgoing": 1}, pluck="name")
	for account in outgoing:
		frappe.db.set_value("Email Account", account, "enable_outgoing", 0)
	frappe.local.outgoing_email_account = {}  # a worker's job starts with no account looked up

	flagged = [r for r in flag_plans_behind(date(2025, 4, 1)) if r.plan == plan]
	assert [plan_todos(plan, m) for m in managers] == [0, 0]
	assert flagged == []
	assert frappe.db.get_value("Annual Service Plan Visit", {"parent": plan}, "flagged_on") is None
	assert frappe.db.exists("Error Log", {"method": ("like", f"%{plan}%")})

	make_outgoing_email_account()
	for account in outgoing:
		frappe.db.set_value("Email Account", account, "enable_outgoing", 1)
	frappe.local.outgoing_email_account = {}
	flagged = [r.month for r in flag_plans_behind(date(2025, 4, 2)) if r.plan == plan]
	assert flagged == ["March"]
	assert [r for r in flag_plans_behind(date(2025, 4, 3)) if r.plan == plan] == []
	assert [plan_todos(plan, m) for m in managers] == [1, 1]
	assert (
		str(frappe.db.get_value("Annual Service Plan Visit", {"parent": plan}, "flagged_on")) == "2025-04-02"
	)
	assert [r.outcome for r in records(once.VISITS_BEHIND_PLAN) if r.reference_name == plan] == [once.DONE]


def test_a_flag_whose_worker_died_is_made_good_once():
	manager = make_user("cs-job-manager-1", "CS Manager")
	set_settings()
	plan = make_plan(CUSTOMER, 2025, {"March": 2}).name
	killed(flag_plans_behind, date(2025, 4, 1))
	assert plan_todos(plan, manager) == 0
	assert [r.month for r in flag_plans_behind(date(2025, 4, 2)) if r.plan == plan] == ["March"]
	assert plan not in {r.plan for r in flag_plans_behind(date(2025, 4, 2))}
	assert plan_todos(plan, manager) == 1
