"""The schedule of the Monthly Quality Report: its daily job and background jobs (R-RP-3, R-US-4).

Cron cannot read the report day from CS Service Settings, so :func:`monthly_quality_report`
runs every morning and acts from that day (default the 20th), before the 22nd deadline: for
each company whose previous-month report is not sent yet it queues one long, deduplicated
job that creates the report, builds both decks and e-mails them.

Run once, and catch up. The report records each step it has done -- it exists
(with its frozen figures), its decks are attached, ``sent_at`` is set in the transaction
that queues the e-mail -- and :func:`make_report` does only the steps not recorded yet. So a
re-run creates and sends nothing a second time, and a run killed half-way (the worker dies,
its transaction is lost; or a step was committed and the next one not) is completed by the
next morning's run: exactly one report and one e-mail. A report still not sent after the
21st is made good by the next run of the month, late, rather than never.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from cs_service import settings
from cs_service.decks import series
from cs_service.decks.errors import DuplicateReport
from cs_service.jobs import once
from cs_service.rules import months

REPORT = "Monthly Quality Report"
JOB_TIMEOUT = 1800  # seconds; the decks of a large month take well under a minute
JOB = "cs_monthly_report"  # a report's job id: once.job_id(JOB, company, month)


def queue_due_reports() -> list:
	"""Daily cron (hooks.scheduler_events): from the report day on, queue the previous month's
	report of every company that delivered in it (or of the default company), unless it has
	gone out already."""
	today = getdate(nowdate())
	if not series.in_report_window(today, settings.report_day()):
		return []
	month = months.previous_month(today)
	return [
		enqueue_report(company, month)
		for company in report_companies(month)
		if not frappe.db.get_value(REPORT, {"company": company, "month": month}, "sent_at")
	]


def report_companies(month: str) -> list[str]:
	"""Companies with submitted Delivery Notes in ``month``; the default company when none."""
	from_date, to_date = months.month_bounds(month)
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


def enqueue_report(company: str, month: str):
	return once.enqueue_once(
		"cs_service.decks.schedule.make_report",
		once.job_id(JOB, company, month),
		queue="long",
		timeout=JOB_TIMEOUT,
		company=company,
		month=month,
	)


def make_report(company: str, month: str) -> str:
	"""Create the report of ``month`` for ``company`` if there is none, build its decks if
	not built yet and send it if not sent yet; returns its name. Each step is recorded on
	the report, so a run does only what no run has done."""
	doc = report_of(company, month)
	if not doc.has_decks():
		doc.make_decks()
	if not doc.sent_at:
		doc.send()
	return doc.name


def report_of(company: str, month: str):
	"""The report of ``month`` for ``company``, locked for this run (a run at the same time
	waits for this one to end and then finds what it recorded); created when there is none."""
	name = find_report(company, month)
	if name:
		return frappe.get_doc(REPORT, name, for_update=True)
	doc = frappe.new_doc(REPORT, company=company, month=month)
	savepoint = "cs_monthly_report_insert"
	frappe.db.savepoint(savepoint)
	try:
		doc.insert()
	except (frappe.DuplicateEntryError, DuplicateReport):
		# another run inserted it since we looked (and has committed): continue from its work
		frappe.db.rollback(save_point=savepoint)
		return frappe.get_doc(REPORT, find_report(company, month), for_update=True)
	return doc


def find_report(company: str, month: str) -> str | None:
	return frappe.db.get_value(REPORT, {"company": company, "month": month})


def enqueue_regeneration(name: str):
	company, month = frappe.db.get_value(REPORT, name, ["company", "month"])
	return once.enqueue_once(
		"cs_service.decks.schedule.regenerate_report",
		once.job_id(JOB, company, month),
		queue="long",
		timeout=JOB_TIMEOUT,
		name=name,
	)


def regenerate_report(name: str) -> None:
	"""Compute the figures of a report again and rebuild both decks, with progress shown on
	its form. Runs as the CS Manager who asked for it (checked again here).

	All or nothing: the figures are computed and both decks built in memory
	before anything is written; then the figures, the new decks and their record are saved
	in one transaction, and the old decks' files are removed from the disk only once it is
	committed. A failure at any point leaves the report, its figures and its decks as they were."""
	doc = frappe.get_doc(REPORT, name, for_update=True)
	doc.check_regenerate_permission()
	title = _("Regenerating {0}").format(name)
	built = {}
	steps = (
		(doc.refreeze, _("Computing the figures")),
		(lambda: built.update(doc.build_decks()), _("Building the slide decks")),
		(lambda: doc.attach_decks(built), _("Saving the figures and the decks")),
	)
	for index, (step, description) in enumerate(steps):
		frappe.publish_progress(100 * index / len(steps), title, REPORT, name, description)
		step()
	doc.add_comment(
		"Info", _("Figures computed again from the current records by {0}").format(frappe.session.user)
	)
	frappe.publish_progress(100, title, REPORT, name, _("Done"))
