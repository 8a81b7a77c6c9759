"""Upgrade to the recorded month-end escalation (issue 11): the old job (28th-31st, no record)
may already have escalated the month that ended last; record it, so that the first daily run
of the new job does not send it a second time."""

import frappe
from frappe.utils import getdate, nowdate

from cs_service.cs_service.doctype.cs_job_record import cs_job_record as job_record
from cs_service.rules import jobs


def execute():
	if frappe.db.count(job_record.DOCTYPE, {"job": job_record.MONTH_END_ESCALATION}):
		return  # the new job has run: it keeps its own records
	month_end = jobs.month_end_due(getdate(nowdate()))
	if month_end == getdate(nowdate()):
		return  # a last day: today's run escalates it, the old job has not (it runs at 06:00 too)
	job_record.claim(
		job_record.MONTH_END_ESCALATION,
		jobs.month_key(month_end),
		details="Escalated by the job before the upgrade",
	)
