"""Month-end escalation to the general manager (R-FB-6, R-US-4).

Seed, as of 31 March 2026 (recurrence: 2 occurrences within 90 days, i.e. since 1 January):
- escalated: an open action of sheet S1 due 20 March, an in-progress action of S2 due 30 March;
  S1 and S2 are the same part and defect at customer A (typed differently): a recurring problem;
- noise: a done action and an action due in April (S1), an action due on the 31st itself (S3),
  the same part and defect once at customer B (S4), a December sheet outside the window (S5)
  and a draft with an overdue action (D).
"""

import email
import re
from datetime import date

import frappe
import pytest

from cs_service.cs_service.report.month_end_escalation.month_end_escalation import execute
from cs_service.feedback.escalation import escalation_lists, send_escalation
from cs_service.jobs import once
from cs_service.jobs.scheduled import month_end_escalation
from tests.integration.clock import frozen
from tests.integration.factories import email as address
from tests.integration.factories import make_feedback, make_user, set_settings

TODAY = date(2026, 3, 31)
CUSTOMER_A = "CS ESC Customer A"
CUSTOMER_B = "CS ESC Customer B"
GM = [address("gm"), address("gm-deputy")]
SHEET_NAME = re.compile(r"QFS-\d{4}-\d+")


def sheet(customer, item, defect, occurred, actions=(), submit=True):
	doc = make_feedback(
		customer=customer, item=item, defect=defect, occurred_at=occurred, reported_at=occurred, submit=submit
	)
	for row in actions:
		doc.append("corrective_actions", row)
	if actions:
		doc.save()
	return doc.name


@pytest.fixture
def seed():
	set_settings(gm_recipients="\n".join(GM), recurrence_window_days=90, recurrence_min_occurrences=2)
	frappe.db.delete(once.DOCTYPE, {"job": once.MONTH_END_ESCALATION})  # the site's own runs
	baseline = escalation_lists(TODAY)
	owner = make_user("cs-esc-owner", "QA Engineer")
	s1 = sheet(
		CUSTOMER_A,
		"CS-ESC-P1",
		"Loose bolt",
		"2026-02-10 09:00:00",
		[
			{"action": "Replace torque tool", "action_owner": owner, "due_date": "2026-03-20"},
			{"action": "Train the operators", "action_owner": owner, "due_date": "2026-03-01",
			 "status": "Done", "closed_on": "2026-03-02"},
			{"action": "Audit the supplier", "action_owner": owner, "due_date": "2026-04-15"},
		],
	)  # fmt: skip
	s2 = sheet(
		CUSTOMER_A,
		"CS-ESC-P1",
		"loose  BOLT",
		"2026-03-05 11:00:00",
		[
			{
				"action": "Add a poka-yoke",
				"action_owner": owner,
				"due_date": "2026-03-30",
				"status": "In Progress",
			}
		],
	)
	s3 = sheet(
		CUSTOMER_A,
		"CS-ESC-P2",
		"Scratch",
		"2026-03-15 10:00:00",
		[{"action": "Protective film", "action_owner": owner, "due_date": "2026-03-31"}],
	)
	s4 = sheet(CUSTOMER_B, "CS-ESC-P1", "Loose bolt", "2026-03-12 10:00:00")
	s5 = sheet(CUSTOMER_A, "CS-ESC-P2", "Scratch", "2025-12-31 10:00:00")
	draft = sheet(
		CUSTOMER_A,
		"CS-ESC-P2",
		"Scratch",
		"2026-03-20 10:00:00",
		[{"action": "Draft action", "action_owner": owner, "due_date": "2026-03-01"}],
		submit=False,
	)
	return frappe._dict(baseline=baseline, owner=owner, s1=s1, s2=s2, s3=s3, s4=s4, s5=s5, draft=draft)


def new_mails(before):
	return frappe.get_all("Email Queue", filters={"name": ("not in", before or [""])}, pluck="name")


def all_mails():
	return frappe.get_all("Email Queue", pluck="name")


def html_of(mail_name):
	"""The HTML part of a queued e-mail, decoded from its MIME text."""
	message = email.message_from_string(frappe.get_doc("Email Queue", mail_name).message)
	for part in message.walk():
		if part.get_content_type() == "text/html":
			return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
	raise AssertionError("no HTML part")


def test_escalation_lists_hold_the_overdue_actions_and_the_recurring_problem(seed):
	"""R-FB-6: overdue = not done and due before today, on submitted sheets only; recurring =
	same customer, part and defect twice within 90 days."""
	lists = escalation_lists(TODAY)
	overdue = [r for r in lists.overdue_actions if r not in seed.baseline.overdue_actions]
	assert [(r.sheet, r.action, r.action_owner, r.due_date, r.days_overdue) for r in overdue] == [
		(seed.s1, "Replace torque tool", seed.owner, date(2026, 3, 20), 11),
		(seed.s2, "Add a poka-yoke", seed.owner, date(2026, 3, 30), 1),
	]
	assert {(r.customer, r.item) for r in overdue} == {(CUSTOMER_A, "CS-ESC-P1")}
	recurring = [r for r in lists.recurring_problems if r not in seed.baseline.recurring_problems]
	assert [(r.customer, r.item, r.defect, r.count, r.sheets, r.first, r.last) for r in recurring] == [
		(CUSTOMER_A, "CS-ESC-P1", "Loose bolt", 2, [seed.s1, seed.s2], date(2026, 2, 10), date(2026, 3, 5))
	]


def test_one_email_to_the_general_manager_lists_exactly_the_escalated_items(seed):
	"""R-FB-6, R-US-4: one queued e-mail, to every GM recipient, naming the overdue actions and
	the recurring problem and nothing of the noise."""
	before = all_mails()
	mail = send_escalation(TODAY)
	queued = new_mails(before)
	assert queued == [mail]
	mail = frappe.get_doc("Email Queue", queued[0])
	assert sorted(r.recipient for r in mail.recipients) == sorted(GM)

	html = html_of(queued[0])
	baseline_sheets = {r.sheet for r in seed.baseline.overdue_actions} | {
		s for r in seed.baseline.recurring_problems for s in r.sheets
	}
	assert set(SHEET_NAME.findall(html)) - baseline_sheets == {seed.s1, seed.s2}
	for text in ("Replace torque tool", "Add a poka-yoke", "Loose bolt", CUSTOMER_A, seed.owner):
		assert text in html
	for noise in ("Train the operators", "Audit the supplier", "Protective film", "Draft action", CUSTOMER_B):
		assert noise not in html


def test_no_general_manager_recipient_means_no_email(seed):
	set_settings(gm_recipients="")
	before = all_mails()
	assert send_escalation(TODAY) is None
	assert new_mails(before) == []


def test_nothing_to_escalate_means_no_email(seed):
	"""On 1 January 2026 no seeded action is overdue and no problem has recurred yet."""
	day = date(2026, 1, 1)
	lists = escalation_lists(day)
	if lists.overdue_actions or lists.recurring_problems or lists.overdue_8d_steps:
		pytest.skip("the site holds other overdue actions, recurring problems or 8D reports on that day")
	before = all_mails()
	assert send_escalation(day) is None
	assert new_mails(before) == []


def test_the_monthly_job_acts_on_the_last_day_of_the_month_only(seed):
	"""R-FB-6: the job runs every morning; with February escalated, nothing is sent on the 30th
	of March, and one e-mail on the 31st."""
	with frozen("2026-02-28 06:00:00.100000"):
		month_end_escalation()  # February's own escalation (if the site has anything to escalate)
	before = all_mails()
	with frozen("2026-03-30 06:00:00.100000"):
		month_end_escalation()
	assert new_mails(before) == []
	with frozen("2026-03-31 06:00:00.100000"):
		month_end_escalation()
	assert len(new_mails(before)) == 1


def test_a_late_escalation_says_so_and_lists_the_month_end(seed):
	"""R-FB-6: made good on 2 April, the e-mail lists what was overdue on 31 March and says
	that it is late."""
	before = all_mails()
	with frozen("2026-04-02 06:00:00.100000"):
		month_end_escalation()
	[mail] = new_mails(before)
	html = html_of(mail)
	assert "was missed" in html
	assert set(SHEET_NAME.findall(html)) >= {seed.s1, seed.s2}
	assert "Protective film" not in html  # due on the 31st: not overdue as of the 31st


def test_the_job_is_scheduled_by_cron():
	"""R-US-4: the scheduler runs the job by itself, every morning (it acts on what is due)."""
	cron = frappe.get_hooks("scheduler_events")["cron"]
	assert "cs_service.jobs.scheduled.month_end_escalation" in cron["0 6 * * *"]
	assert (
		frappe.db.get_value(
			"Scheduled Job Type", {"method": "cs_service.jobs.scheduled.month_end_escalation"}, "cron_format"
		)
		== "0 6 * * *"
	)


def test_the_desk_report_shows_the_same_lists(seed):
	"""R-FB-6: "the same lists are visible in the desk"."""
	columns, data = execute(frappe._dict(as_of="2026-03-31"))
	lists = escalation_lists(TODAY)
	assert [(r["kind"], r["sheet"], r.get("description")) for r in data] == [
		("Overdue Action", a.sheet, a.action) for a in lists.overdue_actions
	] + [("Recurring Problem", p.sheets[-1], p.defect) for p in lists.recurring_problems] + [
		("Overdue 8D Discipline", s.sheet, f"{s.step} {s.title}") for s in lists.overdue_8d_steps
	]
	ours = [r for r in data if r["customer"] == CUSTOMER_A]
	assert [(r["kind"], r["sheet"], r.get("days_overdue"), r.get("sheets")) for r in ours] == [
		("Overdue Action", seed.s1, 11, None),
		("Overdue Action", seed.s2, 1, None),
		("Recurring Problem", seed.s2, None, f"{seed.s1}, {seed.s2}"),
	]
	assert {c["fieldname"] for c in columns} >= {k for r in data for k in r}


def test_a_customer_sqe_cannot_run_the_escalation_report(seed):
	"""The escalation spans all customers: it is internal, also if the role is added to the report."""
	frappe.set_user(make_user("cs-esc-sqe", "Customer SQE"))
	with pytest.raises(frappe.PermissionError):
		execute(frappe._dict(as_of="2026-03-31"))


def test_a_cs_manager_runs_the_escalation_report_from_the_desk(seed):
	from frappe.desk.query_report import run as run_report

	frappe.set_user(make_user("cs-esc-manager", "CS Manager"))
	result = run_report("Month-end Escalation", {"as_of": "2026-03-31"})
	ours = [(r["kind"], r["sheet"]) for r in result["result"] if r["customer"] == CUSTOMER_A]
	assert ours == [
		("Overdue Action", seed.s1),
		("Overdue Action", seed.s2),
		("Recurring Problem", seed.s2),
	]
