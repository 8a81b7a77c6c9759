"""Scheduled jobs of cs_service (R-US-4).

Every job records what it did (a CS Job Record) in the transaction that does it: a re-run
does nothing more, a worker killed half-way leaves nothing half-done (the scheduler commits
a job's work at its end, or nothing), and a run that was missed is made good by the next one.

Month-end escalation (R-FB-6): every morning the latest month-end not escalated yet is
escalated to the general manager (:mod:`cs_service.feedback.escalation`).

Breakpoint confirmation (R-CT-7): when the follow-up of a breakpoint is over, the resident
engineer gets a ToDo on the Containment Screening asking whether the breakpoint held, once
per follow-up, and only if the engineer is one of our users (never a customer's SQE).

Visits behind plan (R-PL-1): months that ended behind the annual service plan are flagged to
the CS Managers once (:mod:`cs_service.planning.visits`).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign
from frappe.utils import format_datetime, get_datetime, getdate, now_datetime, nowdate

from cs_service.access.roles import INTERNAL_ROLES
from cs_service.access.scope import is_external
from cs_service.cs_service.doctype.cs_job_record import cs_job_record as job_record
from cs_service.feedback.escalation import escalate_month_end
from cs_service.notifications.chat import alerts
from cs_service.planning.visits import flag_plans_behind
from cs_service.rules import containment, jobs


def month_end_escalation():
	"""Cron ``0 6 * * *`` (hooks.scheduler_events): escalates the latest month-end once (see
	:func:`cs_service.feedback.escalation.escalate_month_end`)."""
	escalate_month_end(getdate(nowdate()))
	alerts.overdue_at_month_end(getdate(nowdate()))  # the group chats that want it (issue 26)


def alert_waiting_for_sqe():
	"""Cron ``*/15 * * * *``: sheets waiting for the customer's SQE longer than a channel's hours
	are posted to it, once per sending (:func:`cs_service.notifications.chat.alerts.waiting_for_sqe`)."""
	alerts.waiting_for_sqe()


# ---------------------------------------------------------------- breakpoint confirmation (R-CT-7)

SCREENING = "Containment Screening"


def remind_breakpoint_confirmation():
	"""Cron ``*/15 * * * *``: assign each screening whose follow-up is over to its engineer,
	asking to confirm whether the breakpoint held. Once per follow-up and engineer (a CS Job
	Record, so a ToDo the engineer closed is not made again), and only to our own users:
	an assignment shares the screening with a user who cannot read it, so a customer's SQE
	is never assigned (issue 11, item 2). Each screening is done in a savepoint: one that
	fails leaves nothing behind and is tried again on the next run."""
	for row in screenings_awaiting_confirmation():
		savepoint = "cs_breakpoint_reminder"
		frappe.db.savepoint(savepoint)
		try:
			remind(row)
		except Exception:
			frappe.db.rollback(save_point=savepoint)
			frappe.log_error(
				title=_("Breakpoint reminder failed for {0}").format(row.name),
				reference_doctype=SCREENING,
				reference_name=row.name,
			)
		else:
			frappe.db.release_savepoint(savepoint)


def remind(row: frappe._dict):
	record = job_record.claim(job_record.BREAKPOINT_REMINDER, row.done_for, SCREENING, row.name)
	if not record:
		return  # another run reminded this follow-up meanwhile
	if not is_internal_user(row.engineer):
		job_record.finish(
			record,
			job_record.SKIPPED,
			_("{0} is not an internal user: no reminder is assigned").format(row.engineer),
		)
		return
	if frappe.db.exists(
		"ToDo",
		{
			"reference_type": SCREENING,
			"reference_name": row.name,
			"allocated_to": row.engineer,
			"creation": (">=", row.follow_up_until),
		},
	):  # reminded before this record was kept (whether the ToDo is open, closed or cancelled)
		job_record.finish(record, job_record.DONE, _("{0} was reminded already").format(row.engineer))
		return
	assign(
		{
			"assign_to": [row.engineer],
			"doctype": SCREENING,
			"name": row.name,
			"description": _(
				"The breakpoint follow-up of {0} ended at {1}: confirm whether the breakpoint held"
			).format(row.name, format_datetime(row.follow_up_until)),
		},
		ignore_permissions=True,  # a system reminder, not a user's action
	)
	job_record.finish(record, job_record.DONE, _("Assigned to {0}").format(row.engineer))


def is_internal_user(user: str) -> bool:
	"""An enabled desk user holding one of our internal roles, and not a customer's SQE."""
	if user == "Administrator":
		return True
	enabled, user_type = frappe.db.get_value("User", user, ["enabled", "user_type"]) or (0, None)
	if not enabled or user_type != "System User" or is_external(user):
		return False
	return bool(set(frappe.get_roles(user)) & set(INTERNAL_ROLES))


def screenings_awaiting_confirmation() -> list[frappe._dict]:
	"""Screenings in follow-up whose follow-up is over and whose reminder (for this follow-up
	and engineer) was not recorded yet; each with its ``done_for`` key."""
	screening = frappe.qb.DocType(SCREENING)
	rows = (
		frappe.qb.from_(screening)
		.select(screening.name, screening.engineer, screening.follow_up_until)
		.where(screening.breakpoint_status == containment.FOLLOWING_UP)
		.where(screening.follow_up_until <= now_datetime())
		.where(screening.engineer.isnotnull())
		.where(screening.engineer != "")
		.orderby(screening.follow_up_until)
	).run(as_dict=True)
	if not rows:
		return []
	done = set(
		frappe.get_all(
			job_record.DOCTYPE,
			filters={
				"job": job_record.BREAKPOINT_REMINDER,
				"reference_doctype": SCREENING,
				"reference_name": ("in", [r.name for r in rows]),
			},
			pluck="done_for",
		)
	)
	for row in rows:
		row.done_for = jobs.reminder_key(row.name, get_datetime(row.follow_up_until), row.engineer)
	return [row for row in rows if row.done_for not in done]


# ---------------------------------------------------------------- annual service plan (R-PL-1)


def flag_visits_behind_plan():
	"""Daily: planned months that ended with fewer visits than planned are flagged to the CS
	Managers, once each, a plan at a time (see :func:`cs_service.planning.visits.flag_plans_behind`); a
	month not flagged (a failure, a missed run) is flagged by the next run."""
	flag_plans_behind(getdate(nowdate()))
