"""Month-end escalation (R-FB-6): each month, once, corrective actions past their due date,
problems that recur at a customer (or at sister plants of one customer group) and disciplines
of 8D reports past the customer's due date are escalated to the general manager in
one e-mail, as of the last day of the month.

The daily job (:func:`cs_service.jobs.scheduled.month_end_escalation`) escalates the latest month-end
not escalated yet: on the last day itself, or on the first run after it when that run was
missed; a CS Job Record of the month is written in the transaction that queues the e-mail.
The same lists are shown in the desk by the Month-end Escalation report.
"""

from __future__ import annotations

from datetime import date, datetime, time

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce
from frappe.utils import (
	add_days,
	formatdate,
	get_datetime,
	get_url_to_report,
	getdate,
	now_datetime,
	nowdate,
)

from cs_service import settings
from cs_service.jobs import once
from cs_service.notifications import mail
from cs_service.rules import eight_d, jobs, months, recurrence, tracking

ESCALATION_TEMPLATE = "month_end_escalation"


def escalate_month_end(today: date | str | None = None) -> str | None:
	"""Escalate the month that ended on or before ``today`` (today on a last day; otherwise the
	month before, whose last-day run was missed), unless it was escalated. The CS Job Record
	of the month is written in the transaction that queues the e-mail. Returns the Email
	Queue's name when an e-mail was queued now."""
	today = getdate(today or nowdate())
	month_end = jobs.month_end_due(today)
	done_for = months.month_key(month_end)
	if once.is_done(once.MONTH_END_ESCALATION, done_for):
		return None
	if not settings.gm_recipients():
		return None  # nothing done, nothing recorded: made good once the recipients are set
	record = once.claim(once.MONTH_END_ESCALATION, done_for)
	if not record:
		return None  # another run escalated the month meanwhile
	lists = escalation_lists(month_end)
	mail = send_escalation(month_end, sent_on=today, lists=lists)
	if mail:
		once.finish(
			record,
			once.DONE,
			_("{0} overdue actions and {1} recurring problems as of {2}, sent on {3}").format(
				len(lists.overdue_actions),
				len(lists.recurring_problems),
				formatdate(month_end),
				formatdate(today),
			),
			email_queue=mail,
		)
	else:
		once.finish(
			record,
			once.NOTHING_TO_DO,
			_("No overdue action and no recurring problem as of {0}").format(formatdate(month_end)),
		)
	return mail


def send_escalation(
	today: date | str | None = None,
	sent_on: date | str | None = None,
	lists: frappe._dict | None = None,
) -> str | None:
	"""Queue ONE e-mail to the general-manager recipients of CS Service Settings listing the
	overdue actions and recurring problems as of ``today`` (the month-end), noting when it is
	sent later (``sent_on``). Returns the Email Queue's name; None (nothing queued) when there
	is no recipient or nothing to escalate."""
	today = getdate(today or nowdate())
	sent_on = getdate(sent_on or today)
	recipients = settings.gm_recipients()
	if not recipients:
		return None
	lists = lists or escalation_lists(today)
	if not (lists.overdue_actions or lists.recurring_problems or lists.overdue_8d_steps):
		return None
	queued = mail.queue_email(
		recipients,
		_("Month-end escalation {0}: {1} overdue actions, {2} recurring problems").format(
			formatdate(today), len(lists.overdue_actions), len(lists.recurring_problems)
		),
		template=ESCALATION_TEMPLATE,
		args={
			**lists,
			"today": today,
			"sent_on": sent_on,
			"late": jobs.is_late(today, sent_on),
			"report_url": get_url_to_report("Month-end Escalation"),
			"tracking_url": get_url_to_report("Customer Quality Issue Tracking"),
		},
	)
	return mail.queued_name(queued)


def escalation_lists(today: date | str | None = None) -> frappe._dict:
	"""What is escalated as of ``today``: ``overdue_actions`` (rows of submitted sheets whose
	action is not done and was due before today), ``recurring_problems`` (same customer group,
	part and defect at least ``min_occurrences`` times in the last ``window_days`` days) and
	``overdue_8d_steps`` (disciplines of 8D reports not done by the customer's due time)."""
	today = getdate(today or nowdate())
	window_days, min_occurrences, grouping = settings.recurrence_rule()
	return frappe._dict(
		overdue_actions=overdue_actions_as_of(today),
		recurring_problems=_recurring_problems(today, window_days, min_occurrences, grouping),
		overdue_8d_steps=overdue_8d_steps(today),
		window_days=window_days,
		min_occurrences=min_occurrences,
		grouping=grouping,
	)


def overdue_actions_as_of(today: date) -> list[frappe._dict]:
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
		.where(tracking.ACTION_OVERDUE.criterion(action, today=today))  # the rule's own predicate
		.orderby(action.due_date)
		.orderby(sheet.name)
		.orderby(action.idx)
	).run(as_dict=True)
	for row in rows:
		row.days_overdue = tracking.days_overdue(getdate(row.due_date), today)
	return rows


def _recurring_problems(
	today: date, window_days: int, min_occurrences: int, grouping: str = recurrence.PARENT_CUSTOMER
) -> list[frappe._dict]:
	"""Recurring problems (cs_service.rules.recurrence): the defect code when the sheet has one,
	else its text; sister plants of one customer group (``grouping``) count together."""
	sheet = frappe.qb.DocType("Quality Feedback Sheet")
	start = add_days(today, 1 - window_days)
	rows = (
		frappe.qb.from_(sheet)
		.select(
			sheet.name,
			sheet.customer,
			sheet.item,
			sheet.item_name,
			sheet.defect,
			sheet.defect_code,
			sheet.occurred_at,
		)
		.where(sheet.docstatus == 1)
		.where(sheet.occurred_at >= start)
		.where(sheet.occurred_at < add_days(today, 1))
		.where((Coalesce(sheet.defect, "") != "") | (Coalesce(sheet.defect_code, "") != ""))
	).run(as_dict=True)
	item_names = {row.name: row.item_name for row in rows}
	groups = _customer_groups({row.customer for row in rows}, grouping)
	return [
		frappe._dict(
			customer=group.customer,
			item=group.item,
			item_name=item_names.get(group.sheets[-1]),
			defect=group.defect,
			defect_code=group.defect_code,
			group=group.group,
			customers=group.customers,
			count=group.count,
			sheets=group.sheets,
			first=group.first,
			last=group.last,
		)
		for group in recurrence.recurring_problems(rows, today, window_days, min_occurrences, groups)
	]


def _customer_groups(customers: set[str], grouping: str) -> dict[str, str]:
	"""``{customer: group}`` of ``customers``: their top-most Parent Customer (the custom field
	``cs_parent_customer``) or their Customer Group, as ``grouping`` says."""
	if grouping == recurrence.SAME_CUSTOMER or not customers:
		return {}
	found: dict[str, dict] = {}
	wanted = set(customers)
	while wanted:  # follow the parents up, a generation per query
		rows = frappe.get_all(
			"Customer",
			filters={"name": ("in", list(wanted))},
			fields=["name", "cs_parent_customer as parent_customer", "customer_group"],
		)
		found.update({row.name: row for row in rows})
		wanted = {row.parent_customer for row in rows if row.parent_customer} - set(found)
	return recurrence.customer_groups(found, grouping)


def overdue_8d_steps(today: date) -> list[frappe._dict]:
	"""Disciplines of 8D reports not done by the customer's due time, as of the end of
	``today`` (as of now, when that is earlier), with the hours they are late."""
	moment = min(now_datetime(), datetime.combine(today, time.max))
	eight_d_report = frappe.qb.DocType("CS 8D Report")
	step = frappe.qb.DocType("CS 8D Step")
	rows = (
		frappe.qb.from_(step)
		.join(eight_d_report)
		.on(
			(step.parent == eight_d_report.name)
			& (step.parenttype == "CS 8D Report")
			& (step.parentfield == "steps")
		)
		.select(
			eight_d_report.name.as_("report"),
			eight_d_report.quality_feedback_sheet.as_("sheet"),
			eight_d_report.customer,
			eight_d_report.item,
			eight_d_report.item_name,
			step.step,
			step.title,
			step.status,
			step.due_at,
		)
		.where(eight_d.STEP_OVERDUE.criterion(step, now=moment))
		.orderby(step.due_at)
		.orderby(eight_d_report.name)
		.orderby(step.idx)
	).run(as_dict=True)
	for row in rows:
		row.hours_overdue = int((moment - get_datetime(row.due_at)).total_seconds() // 3600)
		row.days_overdue = tracking.days_overdue(getdate(row.due_at), today)
	return rows
