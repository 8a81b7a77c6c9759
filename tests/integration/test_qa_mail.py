"""The e-mail to QA of a sent sheet is queued once, by a job after the submit (R-FB-4).

Tests run the job inside the submit (``frappe.flags.in_test``); here the job is also taken away,
as if Redis had lost it, and the catch-up must queue the e-mail exactly once.
"""

import frappe
from frappe.utils import add_to_date, get_datetime

from cs_service.feedback import qa_mail
from tests.integration.clock import frozen
from tests.integration.factories import make_feedback, set_settings
from tests.integration.test_quality_feedback_sheet import queued_for

SENT = "2026-03-10 23:58:00"


def sent_sheet(**kw):
	set_settings()
	doc = make_feedback(occurred_at="2026-03-10 23:50:00", reported_at="2026-03-10 23:55:00", **kw)
	with frozen(SENT):
		doc.submit()
	return doc


def test_a_sent_sheet_has_its_email_queued_once_and_recorded():
	doc = sent_sheet()
	assert len(queued_for(doc.name)) == 1
	recorded = frappe.db.get_value(qa_mail.SHEET, doc.name, "qa_mail_queued_at")
	assert recorded
	assert qa_mail.send_once(doc.name) is False  # a retried job
	assert len(queued_for(doc.name)) == 1
	assert doc.name not in qa_mail.unqueued_sheets()


def test_a_lost_job_is_made_good_by_the_catch_up_exactly_once(monkeypatch):
	monkeypatch.setattr(qa_mail, "queue_sheet", lambda sheet: None)  # the job never runs
	doc = sent_sheet()
	assert queued_for(doc.name) == []
	with frozen(add_to_date(get_datetime(SENT), minutes=1)):
		assert doc.name not in qa_mail.unqueued_sheets()  # its job may still be on its way
	with frozen(add_to_date(get_datetime(SENT), minutes=3)):
		assert doc.name in qa_mail.unqueued_sheets()
		assert qa_mail.send_once(doc.name) is True
		assert qa_mail.send_once(doc.name) is False
		assert doc.name not in qa_mail.unqueued_sheets()
	assert len(queued_for(doc.name)) == 1


def test_a_draft_or_cancelled_sheet_gets_no_email():
	set_settings()
	draft = make_feedback(occurred_at="2026-03-10 23:50:00", reported_at="2026-03-10 23:55:00")
	assert qa_mail.send_once(draft.name) is False
	assert queued_for(draft.name) == []


def test_nobody_records_the_email_by_saving_the_sheet():
	"""A client that sends ``qa_mail_queued_at`` with a new sheet (REST) would otherwise stop the
	e-mail for good: the value is the job's alone."""
	set_settings()
	draft = make_feedback(
		occurred_at="2026-03-10 23:50:00",
		reported_at="2026-03-10 23:55:00",
		qa_mail_queued_at="2026-03-10 23:56:00",
	)
	assert draft.qa_mail_queued_at is None
	with frozen(SENT):
		draft.submit()
	assert len(queued_for(draft.name)) == 1
	draft.reload()
	stored = draft.qa_mail_queued_at
	draft.qa_mail_queued_at = None
	draft.save()
	assert frappe.db.get_value(qa_mail.SHEET, draft.name, "qa_mail_queued_at") == stored


def test_without_an_outgoing_email_account_the_sheet_is_sent_and_its_email_waits(monkeypatch):
	"""A new site (the demo department's day one) has no outgoing e-mail account: the sheet is
	sent and judged, the job neither fails nor records the e-mail, and the catch-up queues it
	once an account is set up (R-FB-4)."""
	monkeypatch.setattr(qa_mail, "queue_sheet", lambda sheet: None)  # the job runs below, by hand
	doc = sent_sheet()
	accounts = frappe.get_all("Email Account", filters={"enable_outgoing": 1}, pluck="name")
	for account in accounts:
		frappe.db.set_value("Email Account", account, "enable_outgoing", 0)
	frappe.local.outgoing_email_account = {}  # Frappe keeps the account found for the request
	assert qa_mail.send_once(doc.name) is False
	assert queued_for(doc.name) == []
	assert frappe.db.get_value(qa_mail.SHEET, doc.name, ["docstatus", "qa_mail_queued_at"]) == (1, None)
	for account in accounts:  # an account is set up
		frappe.db.set_value("Email Account", account, "enable_outgoing", 1)
	frappe.local.outgoing_email_account = {}
	with frozen(add_to_date(get_datetime(SENT), minutes=3)):
		assert doc.name in qa_mail.unqueued_sheets()
		assert qa_mail.send_once(doc.name) is True
	assert len(queued_for(doc.name)) == 1
