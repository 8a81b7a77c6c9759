"""The breakpoint's follow-up (R-CT-7): when the follow-up of a breakpoint is over, the resident
engineer gets a ToDo on the Containment Screening asking whether the breakpoint held, once per
follow-up, and only if the engineer is one of our users (never a customer's SQE)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign
from frappe.utils import format_datetime, get_datetime, now_datetime

from cs_service.access.roles import is_internal_user
from cs_service.jobs import once
from cs_service.rules import containment, jobs

SCREENING = "Containment Screening"


def remind_all():
	"""Assign each screening whose follow-up is over to its engineer,
	asking to confirm whether the breakpoint held. Once per follow-up and engineer (a CS Job
	Record, so a ToDo the engineer closed is not made again), and only to our own users:
	an assignment shares the screening with a user who cannot read it, so a customer's SQE
	is never assigned. Each screening is done in a savepoint: one that
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
	record = once.claim(once.BREAKPOINT_REMINDER, row.done_for, SCREENING, row.name)
	if not record:
		return  # another run reminded this follow-up meanwhile
	if not is_internal_user(row.engineer):
		once.finish(
			record,
			once.SKIPPED,
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
		once.finish(record, once.DONE, _("{0} was reminded already").format(row.engineer))
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
	once.finish(record, once.DONE, _("Assigned to {0}").format(row.engineer))


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
			once.DOCTYPE,
			filters={
				"job": once.BREAKPOINT_REMINDER,
				"reference_doctype": SCREENING,
				"reference_name": ("in", [r.name for r in rows]),
			},
			pluck="done_for",
		)
	)
	for row in rows:
		row.done_for = jobs.reminder_key(row.name, get_datetime(row.follow_up_until), row.engineer)
	return [row for row in rows if row.done_for not in done]
