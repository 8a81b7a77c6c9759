"""Scheduled and background jobs of the Monthly Quality Report (R-RP-3, R-US-4).

Cron cannot read the report day from CS Service Settings, so :func:`monthly_quality_report`
runs every morning and acts from that day (default the 20th) up to the 21st, before the 22nd
deadline: for each company whose previous-month report is not sent yet it queues one long,
deduplicated job that creates the report, builds both decks and e-mails them. The jobs are
idempotent: run again, they find the report and its ``sent_at`` and neither create nor send
anything a second time; a report that failed on its day is tried again the next morning.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, getdate, nowdate

from cs_service.monthly_report import months
from cs_service.rules import quality as rules

REPORT = "Monthly Quality Report"
JOB_TIMEOUT = 1800  # seconds; the decks of a large month take well under a minute


def monthly_quality_report() -> list:
	"""Daily cron (hooks.scheduler_events): from the report day to the 21st, queue the previous
	month's report of every company that delivered in it (or of the default company), unless
	it has gone out already."""
	today = getdate(nowdate())
	report_day = cint(frappe.db.get_single_value("CS Service Settings", "monthly_report_day"))
	if not months.in_report_window(today, report_day):
		return []
	month = rules.previous_month(today)
	return [
		enqueue_report(company, month)
		for company in report_companies(month)
		if not frappe.db.get_value(REPORT, {"company": company, "month": month}, "sent_at")
	]


def report_companies(month: str) -> list[str]:
	"""Companies with submitted Delivery Notes in ``month``; the default company when none."""
	from_date, to_date = rules.month_bounds(month)
	dn = frappe.qb.DocType("Delivery Note")
	companies = (
		frappe.qb.from_(dn)
		.select(dn.company)
		.distinct()
		.where(dn.docstatus == 1)
		.where(dn.posting_date[from_date:to_date])
		.orderby(dn.company)
	).run(pluck=True)
	default = frappe.defaults.get_global_default("company")
	return companies or ([default] if default else [])


def job_id(company: str, month: str) -> str:
	return f"cs_monthly_report::{company}::{month}"


def _enqueue(method: str, job: str, **kwargs):
	"""A long-queue job, one at a time per report; run inline in tests, so that they are
	deterministic (``frappe.enqueue(now=True)``)."""
	now = bool(frappe.flags.in_test)
	return frappe.enqueue(
		method,
		queue="long",
		timeout=JOB_TIMEOUT,
		job_id=job,
		deduplicate=not now,
		now=now,
		**kwargs,
	)


def enqueue_report(company: str, month: str):
	return _enqueue(
		"cs_service.monthly_report.tasks.make_report", job_id(company, month), company=company, month=month
	)


def make_report(company: str, month: str) -> str:
	"""Create the report of ``month`` for ``company`` if there is none, build its decks if
	not built yet and send it if not sent yet; returns its name."""
	name = frappe.db.get_value(REPORT, {"company": company, "month": month})
	doc = frappe.get_doc(REPORT, name) if name else frappe.new_doc(REPORT, company=company, month=month)
	if not name:
		doc.insert()
	if not doc.quality_deck or not doc.line_stop_deck:
		doc.make_decks()
	if not doc.sent_at:
		doc.send()
	return doc.name


def enqueue_regeneration(name: str):
	company, month = frappe.db.get_value(REPORT, name, ["company", "month"])
	return _enqueue("cs_service.monthly_report.tasks.regenerate_report", job_id(company, month), name=name)


def regenerate_report(name: str) -> None:
	"""Compute the figures of a report again and rebuild both decks, with progress shown on
	its form. Runs as the CS Manager who asked for it (checked again here)."""
	doc = frappe.get_doc(REPORT, name)
	doc.check_regenerate_permission()
	title = _("Regenerating {0}").format(name)
	steps = (
		(doc.refreeze, _("Computing the figures")),
		(doc.make_decks, _("Building the slide decks")),
	)
	for index, (step, description) in enumerate(steps):
		frappe.publish_progress(100 * index / len(steps), title, REPORT, name, description)
		step()
	frappe.publish_progress(100, title, REPORT, name, _("Done"))
