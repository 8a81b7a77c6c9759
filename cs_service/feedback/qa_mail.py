"""The e-mail that a sent Quality Feedback Sheet owes QA (R-FB-4), queued once, off the request.

Submitting a sheet *is* sending it: the submit records when (``sent_at``, the 15-minute rule
is judged on it) and asks for the e-mail. Building the e-mail (Frappe inlines its style sheet
into the HTML) is the heaviest part of a submit, and the engineer at the line does not wait
for it: :func:`queue` puts a job on the short queue once the submit is committed.

Exactly once, whatever happens between the commit and the job:

- :func:`send` locks the sheet's row, queues the e-mail in Frappe's e-mail queue and records
  ``qa_mail_queued_at`` in one transaction; a second run (a retried job, a catch-up) finds the
  record and does nothing.
- A job lost before it ran (Redis restarted, no worker) is made good by :func:`catch_up`, every
  five minutes, for every sent sheet without the record.
- Tests (``frappe.flags.in_test``) run the job at once, inside the submit, as Frappe's own
  jobs do.
"""

from __future__ import annotations

import frappe
from frappe.utils import add_to_date, now_datetime

from cs_service.jobs import once

SHEET = "Quality Feedback Sheet"
JOB = "cs-qa-mail"  # the job id of a sheet's e-mail: once.job_id(JOB, sheet)
CATCH_UP_AFTER_MINUTES = 2  # a job normally runs within seconds of the submit


def queue_sheet(sheet: str) -> None:
	"""Called by the sheet's submit: the e-mail is queued by a job after the commit."""
	once.enqueue_once(
		"cs_service.feedback.qa_mail.send_once", once.job_id(JOB, sheet), after_commit=True, sheet=sheet
	)


def send_once(sheet: str) -> bool:
	"""Queue the sheet's e-mail to QA unless it was queued already; True when it queued it."""
	row = frappe.db.sql(
		f"SELECT docstatus, qa_mail_queued_at FROM `tab{SHEET}` WHERE name = %s FOR UPDATE",
		sheet,
		as_dict=True,
	)
	if not row or row[0].docstatus != 1 or row[0].qa_mail_queued_at:
		return False
	try:
		frappe.get_doc(SHEET, sheet).send_to_qa()
	except frappe.OutgoingEmailError:
		# a new site without an outgoing e-mail account: the sheet is sent and counted; its
		# e-mail waits, and the catch-up (due) queues it once an account is set up
		frappe.clear_last_message()
		return False
	frappe.db.set_value(SHEET, sheet, "qa_mail_queued_at", now_datetime(), update_modified=False)
	return True


def unqueued_sheets() -> list[str]:
	"""Sent sheets whose e-mail to QA is not queued a while after they were sent."""
	return frappe.get_all(
		SHEET,
		filters={
			"docstatus": 1,
			"qa_mail_queued_at": ("is", "not set"),
			"sent_at": ("<", add_to_date(now_datetime(), minutes=-CATCH_UP_AFTER_MINUTES)),
		},
		pluck="name",
		order_by="sent_at",
	)


def catch_up() -> int:
	"""Scheduled: queue the e-mails of sent sheets whose job never ran. One sheet per
	transaction, so a failing one does not hold back the others."""
	queued = 0
	for sheet in unqueued_sheets():
		try:
			queued += send_once(sheet)
			frappe.db.commit()  # nosemgrep: one sheet per transaction
		except Exception:
			frappe.db.rollback()
			frappe.log_error(title=f"E-mail to QA of {sheet}")
	return queued
