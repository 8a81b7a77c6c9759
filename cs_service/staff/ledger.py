"""The staff violation ledger: booking a violation once per source (R-ST-1..4, R-CT-8, R-FB-7).

The source documents book their violations here: a Service Confirmation Sheet the SQE
marks *Not Executed as Required*, a breakpoint that failed for a missed area, a feedback
sheet QA finds incomplete, a handover or shift report that leaves a problem out, an
attendance spot check. :func:`book` is idempotent: the same source (document, type and
detail) never makes a second entry, also when the manager has cancelled the first one.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import format_datetime, get_datetime, getdate, now_datetime

from cs_service import settings
from cs_service.rules import containment, staff

VIOLATION = "Staff Violation"


def existing(violation_type: str, source_doctype: str, source_name: str, detail: str = "") -> str | None:
	filters = {
		"violation_type": violation_type,
		"source_doctype": source_doctype,
		"source_name": source_name,
		"source_detail": detail or ("is", "not set"),
	}
	return frappe.db.get_value(VIOLATION, filters, "name")


def book(
	engineer: str,
	violation_type: str,
	violation_date,
	source,
	detail: str = "",
	customer_site: str | None = None,
	description: str | None = None,
) -> str | None:
	"""Books and submits one violation of ``engineer`` caused by the document ``source``;
	returns its name, or None when this source had already booked it."""
	staff.check_violation_type(violation_type)
	if not engineer or existing(violation_type, source.doctype, source.name, detail):
		return None
	entry = frappe.get_doc(
		{
			"doctype": VIOLATION,
			"engineer": engineer,
			"violation_type": violation_type,
			"violation_date": getdate(violation_date),
			"source_doctype": source.doctype,
			"source_name": source.name,
			"source_detail": detail or None,
			"customer_site": customer_site,
			"description": description,
		}
	)
	entry.flags.ignore_permissions = True  # booked by the system on behalf of the source's author
	entry.submit()  # inserted as submitted, in one step
	return entry.name


# ---------------------------------------------------------------- called by the sources' controllers


def on_confirmation_submit(doc, method=None):
	"""R-ST-2: a Service Confirmation Sheet the SQE signed as *Not Executed as Required*."""
	if doc.sqe_verdict == staff.NOT_EXECUTED:
		book(doc.engineer, staff.NOT_EXECUTED, doc.service_date, doc, customer_site=doc.customer_site)


def on_screening_update(doc, method=None):
	"""R-CT-8: a breakpoint that failed because an area had not been screened; one entry per
	failure, keyed by the round that failed as the engineer's answer recorded it, so saving the
	screening again, or a CS Manager's correction of the evidence (the screening round
	included), books nothing more."""
	if not doc.failed_at or not containment.failure_penalty(containment.parse_areas(doc.missed_areas), 0, 0):
		return
	failed_round = doc.get("failed_round") or max((doc.screening_round or 1) - 1, 1)
	book(
		doc.engineer,
		staff.BREAKPOINT_FAILURE,
		doc.failed_at,
		doc,
		detail=str(failed_round),
		customer_site=doc.customer_site,
		description=doc.missed_areas,
	)


def on_feedback_review(doc, method=None):
	"""R-FB-7: QA found the feedback incomplete or inaccurate: a violation of its author,
	who gets a month of retraining (booked by the Staff Violation)."""
	if doc.get("qa_review") == INCOMPLETE_REVIEW:
		book(
			doc.owner,
			staff.INCOMPLETE_FEEDBACK,
			doc.get("qa_reviewed_at") or frappe.utils.nowdate(),
			doc,
			customer_site=doc.customer_site,
			description=doc.get("qa_review_note"),
		)


INCOMPLETE_REVIEW = "Incomplete or Inaccurate"


# ---------------------------------------------------------------- handovers not confirmed (R-ST-3)


def book_unconfirmed_handovers(now=None) -> list[str]:
	"""Hourly: a handover not confirmed by the set time after its shift ended is a violation of
	the outgoing engineer, booked once (the ledger's source key), caught up on any later run."""
	now = get_datetime(now or now_datetime())
	hours = settings.handover_confirmation_hours()
	booked = []
	for rec in frappe.get_all(
		"Shift Handover Record",
		filters={"status": staff.HANDOVER_OPEN, "shift_end": ("<", now)},
		fields=["name", "shift_end"],
	):
		deadline = staff.confirmation_deadline(get_datetime(rec.shift_end), hours)
		if deadline > now:
			continue
		doc = frappe.get_doc("Shift Handover Record", rec.name)
		entry = book(
			doc.outgoing_engineer,
			staff.SHIFT_HANDOVER,
			doc.handover_date,
			doc,
			detail="not-confirmed",
			customer_site=doc.customer_site,
			description=_("Not confirmed by the incoming engineer by {0}").format(format_datetime(deadline)),
		)
		if entry:
			booked.append(entry)
	return booked
