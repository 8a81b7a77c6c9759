"""Upgrade to the recorded month-end escalation: the old job (28th-31st, no record)
may already have escalated the month that ended last; record it, so that the first daily run
of the new job does not send it a second time."""

import frappe
from frappe.utils import getdate, nowdate

from cs_service.jobs import once
from cs_service.rules import jobs, months


def execute():
	if frappe.db.count(once.DOCTYPE, {"job": once.MONTH_END_ESCALATION}):
		return  # the new job has run: it keeps its own records
	month_end = jobs.month_end_due(getdate(nowdate()))
	if month_end == getdate(nowdate()):
		return  # a last day: today's run escalates it, the old job has not (it runs at 06:00 too)
	once.claim(
		once.MONTH_END_ESCALATION,
		months.month_key(month_end),
		details="Escalated by the job before the upgrade",
	)
