"""Scheduled jobs of cs_service (R-US-4).

Month-end escalation (R-FB-6): on the last day of each month, corrective actions past their
due date and problems that recur at a customer are escalated to the general manager in one
e-mail. The same lists are shown in the desk by the Month-end Escalation report.

Breakpoint confirmation (R-CT-7): when the follow-up of a breakpoint is over, the resident
engineer gets a ToDo on the Containment Screening asking whether the breakpoint held.
"""

from __future__ import annotations

from datetime import date, timedelta

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign
from frappe.query_builder.functions import Coalesce
from frappe.utils import cint, format_datetime, formatdate, get_url_to_report, getdate, now_datetime, nowdate

from cs_service.cs_service.doctype.annual_service_plan.annual_service_plan import flag_plans_behind
from cs_service.cs_service.doctype.cs_service_settings.cs_service_settings import get_recipients
from cs_service.rules import containment, recurrence, report, tracking

ESCALATION_TEMPLATE = "month_end_escalation"


def month_end_escalation():
	"""Cron ``0 6 28-31 * *`` (hooks.scheduler_events): acts on the last day of the month only."""
	today = getdate(nowdate())
	if report.is_last_day_of_month(today):
		send_escalation(today)


def send_escalation(today: date | str | None = None) -> bool:
	"""Queue ONE e-mail to the general-manager recipients of CS Service Settings listing the
	overdue actions and recurring problems as of ``today``. Sends nothing (and returns False)
	when there is no recipient or nothing to escalate."""
	today = getdate(today or nowdate())
	recipients = get_recipients("gm_recipients")
	if not recipients:
		return False
	lists = escalation_lists(today)
	if not (lists.overdue_actions or lists.recurring_problems):
		return False
	frappe.sendmail(
		recipients=recipients,
		subject=_("Month-end escalation {0}: {1} overdue actions, {2} recurring problems").format(
			formatdate(today), len(lists.overdue_actions), len(lists.recurring_problems)
		),
		template=ESCALATION_TEMPLATE,
		args={
			**lists,
			"today": today,
			"report_url": get_url_to_report("Month-end Escalation"),
			"tracking_url": get_url_to_report("Customer Quality Issue Tracking"),
		},
	)
	return True


def escalation_lists(today: date | str | None = None) -> frappe._dict:
	"""What is escalated as of ``today``: ``overdue_actions`` (rows of submitted sheets whose
	action is not done and was due before today) and ``recurring_problems`` (same customer,
	part and defect at least ``min_occurrences`` times in the last ``window_days`` days)."""
	today = getdate(today or nowdate())
	window_days = cint(frappe.db.get_single_value("CS Service Settings", "recurrence_window_days"))
	min_occurrences = cint(frappe.db.get_single_value("CS Service Settings", "recurrence_min_occurrences"))
	window_days = window_days or recurrence.DEFAULT_WINDOW_DAYS
	min_occurrences = min_occurrences or recurrence.DEFAULT_MIN_OCCURRENCES
	return frappe._dict(
		overdue_actions=overdue_actions(today),
		recurring_problems=recurring_problems(today, window_days, min_occurrences),
		window_days=window_days,
		min_occurrences=min_occurrences,
	)


def overdue_actions(today: date) -> list[frappe._dict]:
	sheet = frappe.qb.DocType("Quality Feedback Sheet")
	action = frappe.qb.DocType("Quality Feedback Action")
	rows = (
		frappe.qb.from_(action)
		.join(sheet)
		.on(
			(action.parent == sheet.name)
			& (action.parenttype == "Quality Feedback Sheet")
			& (action.parentfield == "corrective_actions")
		)
		.select(
			sheet.name.as_("sheet"),
			sheet.customer,
			sheet.customer_site,
			sheet.item,
			sheet.item_name,
			action.idx,
			action.action,
			action.action_owner,
			action.status,
			action.due_date,
		)
		.where(sheet.docstatus == 1)
		.where(action.status != tracking.ACTION_DONE)
		.where(action.due_date < today)
		.orderby(action.due_date)
		.orderby(sheet.name)
		.orderby(action.idx)
	).run(as_dict=True)
	for row in rows:
		row.days_overdue = report.days_overdue(getdate(row.due_date), today)
	return rows


def recurring_problems(today: date, window_days: int, min_occurrences: int) -> list[frappe._dict]:
	sheet = frappe.qb.DocType("Quality Feedback Sheet")
	start = today - timedelta(days=window_days - 1)
	rows = (
		frappe.qb.from_(sheet)
		.select(sheet.name, sheet.customer, sheet.item, sheet.item_name, sheet.defect, sheet.occurred_at)
		.where(sheet.docstatus == 1)
		.where(sheet.occurred_at >= start)
		.where(sheet.occurred_at < today + timedelta(days=1))
		.where(Coalesce(sheet.defect, "") != "")
	).run(as_dict=True)
	item_names = {row.name: row.item_name for row in rows}
	return [
		frappe._dict(
			customer=group.customer,
			item=group.item,
			item_name=item_names.get(group.sheets[-1]),
			defect=group.defect,
			count=group.count,
			sheets=group.sheets,
			first=group.first,
			last=group.last,
		)
		for group in recurrence.recurring_problems(rows, today, window_days, min_occurrences)
	]


# ---------------------------------------------------------------- breakpoint confirmation (R-CT-7)

SCREENING = "Containment Screening"


def remind_breakpoint_confirmation():
	"""Cron ``*/15 * * * *``: assign each screening whose follow-up is over to its engineer,
	asking to confirm whether the breakpoint held; once (not while an open ToDo exists)."""
	for row in screenings_awaiting_confirmation():
		try:
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
		except Exception:
			frappe.log_error(title=_("Breakpoint reminder failed for {0}").format(row.name))


def screenings_awaiting_confirmation() -> list[frappe._dict]:
	"""Screenings in follow-up whose follow-up is over and whose engineer has no open ToDo on them."""
	screening = frappe.qb.DocType(SCREENING)
	todo = frappe.qb.DocType("ToDo")
	return (
		frappe.qb.from_(screening)
		.left_join(todo)
		.on(
			(todo.reference_type == SCREENING)
			& (todo.reference_name == screening.name)
			& (todo.allocated_to == screening.engineer)
			& (todo.status == "Open")
		)
		.select(screening.name, screening.engineer, screening.follow_up_until)
		.where(screening.breakpoint_status == containment.FOLLOWING_UP)
		.where(screening.follow_up_until <= now_datetime())
		.where(screening.engineer.isnotnull())
		.where(todo.name.isnull())
		.orderby(screening.follow_up_until)
	).run(as_dict=True)


# ---------------------------------------------------------------- annual service plan (R-PL-1)


def flag_visits_behind_plan():
	"""Daily: planned months that ended with fewer visits than planned are flagged to the CS
	Managers, once each (see annual_service_plan.flag_plans_behind)."""
	flag_plans_behind(getdate(nowdate()))
