"""What the SQE portal shows, read from the stored records (R-CT-9, R-US-2).

Who: a user holding the Customer SQE role; their customers are those of the active Customer
Sites that list them as SQE (:func:`cs_service.access.sqes.sqe_customers`, the lists
:func:`~cs_service.access.sqes.is_sqe_of` reads when a document is signed).

What: the portal picks its queries and fields itself, here. It never hands out a whole
document (``as_dict``) nor uses Frappe's portal list pages, which return level-restricted
fields (frappe #42640): our internal measures (the 15 minutes, the tracking status, internal
causes, QA's review) never leave the server. A record of another customer, a draft never sent
and a record that does not exist get the same answer, which names nothing.
"""

from __future__ import annotations

from urllib.parse import quote

import frappe
from frappe import _
from frappe.utils import cint, get_datetime

from cs_service.access.roles import is_outsider
from cs_service.access.sqes import sqe_customers
from cs_service.feedback.parts import customer_part_nos
from cs_service.pages.portal import photos
from cs_service.pages.portal.shown import day, present, shown_number, shown_text, when
from cs_service.planning.sites import shown_name

SLIP = "Suspect Part Slip"
CONFIRMATION = "Service Confirmation Sheet"
EIGHT_D = "CS 8D Report"
SHEET = "Quality Feedback Sheet"

PENDING = "Pending SQE"
SIGNED = "Signed"

# the portal's routes of each document: /sqe/<slug>/<name>
SLUGS = {"slip": SLIP, "confirmation": CONFIRMATION, "8d": EIGHT_D}
SLUG_OF = {doctype: slug for slug, doctype in SLUGS.items()}
SIGNED_DOCTYPES = (SLIP, CONFIRMATION)  # signed through the workflows

PORTAL = "/sqe"
LIST_LIMIT = 200
SIGNED_LIMIT = 50


class NotForPortal(frappe.PermissionError):
	"""The portal is for customers' SQE users."""

	http_status_code = 403


class NotAvailable(frappe.PermissionError):
	"""A record the SQE may not see: another customer's, a draft, or none at all -- one answer."""

	http_status_code = 403


# ---------------------------------------------------------------- who


def portal_customers() -> tuple[str, ...]:
	"""The customers of the SQE calling; refuses anybody else. Answers in the SQE's language
	(also when they came in with an API key, which Frappe reads after choosing the language)."""
	user = frappe.session.user
	if not is_outsider(user):
		frappe.throw(_("The SQE portal is for the customers' SQE users."), NotForPortal)
	if not frappe.form_dict.get("_lang"):
		language = frappe.db.get_value("User", user, "language")
		if language:
			frappe.local.lang = language
	return sqe_customers(user)


def refuse_request():
	frappe.throw(_("This document is not available to you."), NotAvailable, title=_("Not Permitted"))


def portal_url(doctype: str, name: str) -> str:
	return f"{PORTAL}/{SLUG_OF[doctype]}/{quote(name, safe='')}"


# ---------------------------------------------------------------- which records


def stored(doctype: str, name: str, customers: tuple[str, ...], for_update: bool = False):
	"""The stored state of a document the SQE may see, else None: a slip or confirmation sheet
	of their customer sent to them (waiting) or signed; an 8D report of their customer sent to
	the customer. ``for_update`` locks the row (an action decides on what it read)."""
	if doctype not in SLUG_OF or not name or not isinstance(name, str) or not customers:
		return None
	fields = ["name", "customer", "docstatus", "modified"]
	if doctype == EIGHT_D:
		fields += ["sent_to_customer_at", "acknowledged_at", "acknowledged_by"]
	else:
		fields += ["workflow_state"]
	row = frappe.db.get_value(doctype, name, fields, as_dict=True, for_update=for_update)
	if not row or row.customer not in customers:
		return None
	if doctype == EIGHT_D:
		return row if row.sent_to_customer_at else None
	if (row.docstatus == 0 and row.workflow_state == PENDING) or row.docstatus == 1:
		return row
	return None


def photo_file(doctype: str, name: str, file: str, customers: tuple[str, ...]):
	"""The File of a photo the portal serves: of a slip or confirmation sheet the SQE may see,
	named by its stored rows and attached to it; else None."""
	if doctype not in SIGNED_DOCTYPES or not stored(doctype, name, customers):
		return None
	return photos.named_file(doctype, name, file)


def returned(name, customers: tuple[str, ...]) -> str | None:
	"""``name`` if it is a slip or confirmation sheet of the SQE's customers returned for
	correction (the page says so after the SQE returned it; any other text is not echoed)."""
	if not name or not isinstance(name, str) or not customers:
		return None
	for doctype in SIGNED_DOCTYPES:
		if frappe.db.exists(
			doctype,
			{"name": name, "customer": ("in", customers), "workflow_state": "Returned for Correction"},
		):
			return name
	return None


def is_waiting(doctype: str, row) -> bool:
	if doctype == EIGHT_D:
		return not row.acknowledged_at
	return row.docstatus == 0 and row.workflow_state == PENDING


def pending_entries(customers: tuple[str, ...]) -> dict[str, list[dict]]:
	"""What waits for the SQE: slips and confirmation sheets sent for signing, 8D reports to
	acknowledge; oldest first (waiting longest)."""
	if not customers:
		return {"slips": [], "confirmations": [], "eight_d": []}
	slips, confirmations, reports = _listed(
		customers,
		signable={"workflow_state": PENDING, "docstatus": 0},
		reports={"acknowledged_at": ("is", "not set")},
		by=("modified", "sent_to_customer_at"),
		order="asc",
		limit=LIST_LIMIT,
	)
	return {
		"slips": [_slip_entry(r) for r in slips],
		"confirmations": [_confirmation_entry(r) for r in confirmations],
		"eight_d": [_eight_d_entry(r) for r in reports],
	}


def signed_entries(user: str, customers: tuple[str, ...]) -> list[dict]:
	"""The slips and confirmation sheets the user signed and the 8D reports they acknowledged,
	of their customers, most recent first."""
	if not customers:
		return []
	slips, confirmations, reports = _listed(
		customers,
		signable={"signed_by": user, "docstatus": 1},
		reports={"acknowledged_by": user},
		by=("signed_at", "acknowledged_at"),
		order="desc",
		limit=SIGNED_LIMIT,
		verdict=True,
	)
	entries = [
		*({**_slip_entry(r), "at": r.signed_at} for r in slips),
		*({**_confirmation_entry(r), "at": r.signed_at} for r in confirmations),
		*({**_eight_d_entry(r), "at": r.acknowledged_at} for r in reports),
	]
	entries.sort(key=lambda e: get_datetime(e["at"]) if e["at"] else get_datetime("1900-01-01"), reverse=True)
	for entry in entries[:SIGNED_LIMIT]:
		entry["at"] = when(entry["at"])
	return entries[:SIGNED_LIMIT]


def _listed(
	customers: tuple[str, ...],
	signable: dict,
	reports: dict,
	by: tuple[str, str],
	order: str,
	limit: int,
	verdict: bool = False,
) -> tuple[list, list, list]:
	"""The records of one of the portal's lists, of the ``customers``: their slips and
	confirmation sheets of the filters ``signable``, their 8D reports sent to them of the filters
	``reports``; each with the fields of its entry and the time it is listed by (``by``: of the
	slips and sheets, of the reports), ordered by it (``order``: asc or desc), at most ``limit``
	of each; ``verdict``: with the SQE's verdict of each sheet."""
	at, report_at = by
	signable = {"customer": ("in", customers), **signable}
	slips = frappe.get_all(
		SLIP,
		filters=signable,
		fields=["name", "customer", "customer_site", "item", "item_name", "quantity", at],
		order_by=f"{at} {order}",
		limit=limit,
	)
	confirmations = frappe.get_all(
		CONFIRMATION,
		filters=signable,
		fields=[
			"name",
			"customer",
			"customer_site",
			"quality_feedback_sheet",
			"service_date",
			*(["sqe_verdict"] if verdict else []),
			at,
		],
		order_by=f"{at} {order}",
		limit=limit,
	)
	eight_d = frappe.get_all(
		EIGHT_D,
		filters={"customer": ("in", customers), "sent_to_customer_at": ("is", "set"), **reports},
		fields=["name", "customer", "customer_site", "item", "item_name", "customer_part_no", report_at],
		order_by=f"{report_at} {order}",
		limit=limit,
	)
	return _with_part_nos(slips), _with_sheet_parts(confirmations), eight_d


# The customer-facing fields of a sent Quality Feedback Sheet (level 0, and among those not our
# internal measures: no 15-minute rule, sending times, tracking status, causes or QA's review).
PROBLEM_FIELDS = (
	"name",
	"customer",
	"customer_site",
	"reported_at",
	"shop",
	"station",
	"suspect_area",
	"item",
	"item_name",
	"customer_part_no",
	"defect",
	"description",
	"quantity",
	"temporary_measures",
	"breakpoint",
	"customer_communication",
)


def open_problem_entries(customers: tuple[str, ...]) -> list[dict]:
	"""The customer's problems we have not closed yet: sent feedback sheets, newest first, with
	what the customer was told -- the tracking status is used to choose them, never shown."""
	if not customers:
		return []
	rows = frappe.get_all(
		SHEET,
		filters={"customer": ("in", customers), "docstatus": 1, "tracking_status": ("!=", "Closed")},
		fields=list(PROBLEM_FIELDS),
		order_by="reported_at desc",
		limit=LIST_LIMIT,
	)
	problems = []
	for row in rows:
		problems.append(
			{
				"name": row.name,
				"title": shown_text(row.item_name or row.item),
				"customer_part_no": shown_text(row.customer_part_no),
				"reported_at": when(row.reported_at),
				"fields": present(
					[
						(_("Customer Site"), shown_text(row.customer_site)),
						(_("Shop"), shown_text(shown_name(row.shop))),
						(_("Station"), shown_text(row.station)),
						(_("Suspect Part Area"), shown_text(row.suspect_area)),
						(_("Part"), shown_text(row.item)),
						(_("Defect"), shown_text(row.defect)),
						(_("Problem Description"), shown_text(row.description)),
						(_("Quantity"), shown_number(row.quantity)),
						(_("Temporary Measures Taken"), shown_text(row.temporary_measures)),
						(_("Breakpoint"), shown_text(row.breakpoint)),
						(
							_("Result of Communication with the Customer"),
							shown_text(row.customer_communication),
						),
					]
				),
			}
		)
	return problems


# ---------------------------------------------------------------- list entries


def _with_part_nos(rows):
	by_customer: dict[str, set] = {}
	for row in rows:
		by_customer.setdefault(row.customer, set()).add(row.item)
	numbers = {c: customer_part_nos(c, sorted(items)) for c, items in by_customer.items()}
	for row in rows:
		row.customer_part_no = numbers[row.customer].get(row.item)
	return rows


def _with_sheet_parts(rows):
	"""The part of a confirmation sheet is the part of its feedback sheet."""
	names = sorted({r.quality_feedback_sheet for r in rows if r.quality_feedback_sheet})
	parts = {
		r.name: r
		for r in frappe.get_all(
			SHEET,
			filters={"name": ("in", names or [""])},
			fields=["name", "item", "item_name", "customer_part_no", "defect"],
		)
	}
	for row in rows:
		part = parts.get(row.quality_feedback_sheet) or frappe._dict()
		row.item, row.item_name = part.item, part.item_name
		row.customer_part_no, row.defect = part.customer_part_no, part.defect
	return rows


def _entry(doctype: str, row, title, details: list) -> dict:
	return {
		"doctype": doctype,
		"doctype_label": _(doctype),
		"name": row.name,
		"url": portal_url(doctype, row.name),
		"title": shown_text(title) or row.name,
		"customer_part_no": shown_text(row.get("customer_part_no")),
		"details": [d for d in details if d],
	}


def _slip_entry(row) -> dict:
	return {
		**_entry(SLIP, row, row.item_name or row.item, [row.name, shown_text(row.customer_site)]),
		"quantity": cint(row.quantity),
		"since": when(row.get("modified")),
	}


def _confirmation_entry(row) -> dict:
	return {
		**_entry(
			CONFIRMATION,
			row,
			row.item_name or row.item or _(CONFIRMATION),
			[row.name, shown_text(row.customer_site), day(row.service_date)],
		),
		"verdict": _(row.sqe_verdict) if row.get("sqe_verdict") else "",
		"since": when(row.get("modified")),
	}


def _eight_d_entry(row) -> dict:
	return {
		**_entry(EIGHT_D, row, row.item_name or row.item, [row.name, shown_text(row.customer_site)]),
		"since": when(row.get("sent_to_customer_at")),
	}
