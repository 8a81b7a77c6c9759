"""Run exactly once: the one record of scheduled work done, and the one way to queue a job.

The CS Job Record: what a scheduled job did, recorded once (R-US-4; R-FB-6, R-CT-7, R-PL-1).
A job *claims* its work before doing it: :func:`claim` inserts the record whose name is
made from the job and what the work is for, in the job's transaction. The work (an e-mail in
the queue, a ToDo) is written in the same transaction, so both are committed together or
not at all -- a worker killed half-way leaves neither, and the next run does the work. A
re-run finds the record and does nothing; a run at the same time waits on the record's row
until the first commits and then finds it.

A job queued for a piece of work carries a job id made from it (:func:`enqueue_once`): RQ does
not queue a second job of the same id while the first waits, and the work itself records that
it is done (a CS Job Record here, a sheet's *QA e-mail queued at*, an alert message's status),
so a job run twice does it once.
"""

from __future__ import annotations

import hashlib

import frappe
from frappe.model.document import Document
from frappe.utils import now_datetime

DOCTYPE = "CS Job Record"

# Jobs (the options of the ``job`` field)
MONTH_END_ESCALATION = "Month-end Escalation"
BREAKPOINT_REMINDER = "Breakpoint Reminder"
VISITS_BEHIND_PLAN = "Visits Behind Plan"

# Outcomes
DONE = "Done"
NOTHING_TO_DO = "Nothing to Do"
SKIPPED = "Skipped"


def record_name(job: str, done_for: str) -> str:
	"""The same work of the same job always has the same name: the database refuses a second one."""
	return hashlib.sha1(f"{job}\n{done_for}".encode()).hexdigest()[:20]


def is_done(job: str, done_for: str) -> bool:
	return bool(frappe.db.exists(DOCTYPE, record_name(job, done_for)))


def claim(
	job: str,
	done_for: str,
	reference_doctype: str | None = None,
	reference_name: str | None = None,
	outcome: str = DONE,
	details: str | None = None,
) -> Document | None:
	"""Record that ``job`` does its work for ``done_for`` now; None when a run did it already
	(or does it at this moment: the insert waits for that run's transaction to end)."""
	doc = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"job": job,
			"done_for": done_for,
			"outcome": outcome,
			"done_at": now_datetime(),
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"details": details,
		}
	)
	savepoint = "cs_job_record_claim"
	frappe.db.savepoint(savepoint)
	try:
		doc.insert(ignore_permissions=True)  # a system record, not a user's
	except frappe.DuplicateEntryError:
		frappe.db.rollback(save_point=savepoint)
		return None
	return doc


def finish(record: Document, outcome: str = DONE, details: str | None = None, email_queue: str | None = None):
	"""What the claimed work came to, written in the same transaction."""
	record.db_set(
		{"outcome": outcome, "details": details, "email_queue": email_queue, "done_at": now_datetime()},
		update_modified=False,
	)


def job_id(kind: str, *parts: str) -> str:
	"""The id of the job doing ``kind`` of work for ``parts``: ``"cs-qa-mail::QFS-0001"``."""
	return "::".join((kind, *parts))


def enqueue_once(method: str, key: str, queue: str = "short", after_commit: bool = False, **kwargs):
	"""Queue ``method`` under the job id ``key`` (:func:`job_id`) unless a job of that id waits
	already. Tests
	(``frappe.flags.in_test``) run it at once, as Frappe's own jobs do, so they are deterministic."""
	now = bool(frappe.flags.in_test)
	return frappe.enqueue(
		method,
		queue=queue,
		job_id=key,
		deduplicate=not now,
		enqueue_after_commit=after_commit,
		now=now,
		**kwargs,
	)
