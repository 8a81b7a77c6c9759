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
from frappe.utils import cint, flt, get_datetime, getdate

from cs_service.access.roles import is_outsider
from cs_service.access.sqes import sqe_customers
from cs_service.feedback.parts import customer_part_nos
from cs_service.integrity.text import as_typed
from cs_service.pages.portal import photos
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
				"fields": _present(
					[
						(_("Customer Site"), shown_text(row.customer_site)),
						(_("Shop"), shown_text(shown_name(row.shop))),
						(_("Station"), shown_text(row.station)),
						(_("Suspect Part Area"), shown_text(row.suspect_area)),
						(_("Part"), shown_text(row.item)),
						(_("Defect"), shown_text(row.defect)),
						(_("Problem Description"), shown_text(row.description)),
						(_("Quantity"), _number(row.quantity)),
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


# ---------------------------------------------------------------- one document, as sent


def document_view(doctype: str, name: str, customers: tuple[str, ...]) -> dict:
	"""The portal's view of one document: its sections of label / value pairs, its photos
	and what the SQE may do with it. Refused (one answer) unless the SQE may see it."""
	row = stored(doctype, name, customers)
	if not row:
		refuse_request()
	doc = frappe.get_doc(doctype, name)  # read on the server; only the fields below leave it
	build = {SLIP: _slip_view, CONFIRMATION: _confirmation_view, EIGHT_D: _eight_d_view}[doctype]
	view = build(doc)
	waiting = is_waiting(doctype, row)
	view.update(
		{
			"doctype": doctype,
			"doctype_label": _(doctype),
			"name": doc.name,
			"customer": doc.customer,
			"url": portal_url(doctype, doc.name),
			"modified": str(row.modified),
			"waiting": waiting,
			"state": _state(doctype, row, waiting),
		}
	)
	view["photos"] = [] if doctype == EIGHT_D else photos.document_photos(doc)
	view["sections"] = [s for s in view["sections"] if s.get("rows") or s.get("items")]
	return view


def _state(doctype: str, row, waiting: bool) -> str:
	if doctype == EIGHT_D:
		return _("Waiting for Your Acknowledgement") if waiting else _("Acknowledged")
	return _(PENDING) if waiting else _(SIGNED)


def _summary(title: str, *quantities) -> str:
	"""One line of what is signed, shown again when the SQE confirms: the part and quantities."""
	return " · ".join([title, *(f"{label} {_number(value)}" for label, value in quantities)])


def _section(title: str, rows=(), items=()) -> dict:
	return {"title": title, "rows": _present(rows), "items": [_present(i) for i in items]}


def _slip_view(doc) -> dict:
	part_no = customer_part_nos(doc.customer, [doc.item]).get(doc.item)
	return {
		"title": shown_text(doc.item_name or doc.item),
		"subtitle": shown_text(part_no),
		"summary": _summary(
			shown_text(doc.item_name or doc.item),
			(_("Quantity"), doc.quantity),
			(_("Repaired on Site"), doc.qty_repaired),
			(_("Exchanged"), doc.qty_exchanged),
			(_("Returned"), doc.qty_returned),
		),
		"sections": [
			_section(
				_("Part"),
				[
					(_("Part"), shown_text(doc.item)),
					(_("Product Name"), shown_text(doc.item_name)),
					(_("Customer Part No."), shown_text(part_no)),
					(_("Quantity"), _number(doc.quantity)),
					(_("Needs Check on the Checking Fixture"), yes_no(doc.needs_fixture_check)),
					(_("Already Welded to Vehicles"), yes_no(doc.welded_to_vehicle)),
				],
			),
			_section(
				_("Where"),
				[
					(_("Customer"), shown_text(doc.customer)),
					(_("Customer Site"), shown_text(doc.customer_site)),
					(_("Shop"), shown_text(shown_name(doc.shop))),
					(_("Station"), shown_text(doc.station)),
					(_("Parts Moved To"), _(doc.moved_to) if doc.moved_to else ""),
					(_("Quality Feedback Sheet"), shown_text(doc.quality_feedback_sheet)),
				],
			),
			_section(
				_("Disposition"),
				[
					(_("Repaired on Site"), _number(doc.qty_repaired)),
					(_("Exchanged"), _number(doc.qty_exchanged)),
					(_("Returned"), _number(doc.qty_returned)),
				],
			),
			_section(
				_("Vehicles"),
				items=[
					[
						(_("Vehicle Body No. / VIN"), shown_text(v.vin)),
						(_("Where"), _(v.location) if v.location else ""),
						(_("Repaired By"), shown_text(v.repaired_by)),
						(_("Status"), _(v.status) if v.status else ""),
						(_("Verified At"), when(v.verified_at)),
					]
					for v in doc.vehicles
				],
			),
			_signoff_section(doc),
		],
	}


def _confirmation_view(doc) -> dict:
	sheet = (
		frappe.db.get_value(
			SHEET,
			doc.quality_feedback_sheet,
			["item", "item_name", "customer_part_no", "defect"],
			as_dict=True,
		)
		if doc.quality_feedback_sheet
		else None
	) or frappe._dict()
	return {
		"title": shown_text(sheet.item_name or sheet.item) or _(CONFIRMATION),
		"subtitle": shown_text(sheet.customer_part_no),
		"summary": _summary(
			shown_text(sheet.item_name or sheet.item),
			(_("Quantity Sorted"), doc.qty_sorted),
			(_("Quantity Good"), doc.qty_good),
			(_("Quantity Defective"), doc.qty_defective),
		),
		"verdicts": [
			{"value": v, "label": _(v)}
			for v in frappe.get_meta(CONFIRMATION).get_options("sqe_verdict").split("\n")
			if v
		],
		"sections": [
			_section(
				_("Service"),
				[
					(_("Customer"), shown_text(doc.customer)),
					(_("Customer Site"), shown_text(doc.customer_site)),
					(_("Quality Feedback Sheet"), shown_text(doc.quality_feedback_sheet)),
					(_("Part"), shown_text(sheet.item)),
					(_("Customer Part No."), shown_text(sheet.customer_part_no)),
					(_("Defect"), shown_text(sheet.defect)),
					(_("Resident Engineer"), full_name(doc.engineer)),
					(_("Service Date"), day(doc.service_date)),
				],
			),
			_section(
				_("Agreed Plan"),
				[(_("Repair / Sorting Plan Agreed"), shown_text(doc.plan))],
				items=[
					[
						(_("Agreed With"), shown_text(c.full_name or c.contact)),
						(_("Role"), _(c.role) if c.role else ""),
					]
					for c in doc.agreed_with
				],
			),
			_section(
				_("Work Done"),
				[
					(_("Quantity Sorted"), _number(doc.qty_sorted)),
					(_("Quantity Good"), _number(doc.qty_good)),
					(_("Quantity Defective"), _number(doc.qty_defective)),
					(_("Hours"), _number(doc.hours)),
					(_("People"), _number(doc.people)),
					(
						_("Short-term Measure Effective"),
						_(doc.measure_effective) if doc.measure_effective else "",
					),
				],
			),
			_signoff_section(doc, verdict=True),
		],
	}


def _signoff_section(doc, verdict: bool = False) -> dict:
	return _section(
		_("SQE Sign-off"),
		[
			*([(_("SQE Verdict"), _(doc.sqe_verdict) if doc.sqe_verdict else "")] if verdict else []),
			(_("SQE Remarks"), shown_text(doc.sqe_remarks)),
			(_("Signed By"), full_name(doc.signed_by)),
			(_("Signed At"), when(doc.signed_at)),
		],
	)


def _eight_d_view(doc) -> dict:
	"""The 8D report as the customer received it (the sections of its print format)."""
	return {
		"title": shown_text(doc.item_name or doc.item),
		"subtitle": shown_text(doc.customer_part_no),
		"summary": shown_text(doc.item_name or doc.item),
		"sections": [
			_section(
				_("8D Report"),
				[
					(_("Customer"), shown_text(doc.customer)),
					(_("Customer Site"), shown_text(doc.customer_site)),
					(_("Part"), shown_text(doc.item)),
					(_("Customer Part No."), shown_text(doc.customer_part_no)),
					(_("First Reported At"), when(doc.opened_at)),
					(_("Status"), _(doc.status) if doc.status else ""),
					(_("Sent to the Customer At"), when(doc.sent_to_customer_at)),
				],
			),
			_section(
				_("Status per Discipline"),
				items=[
					[
						(_("Discipline"), f"{s.step} {_(s.title) if s.title else ''}".strip()),
						(_("Status"), _(s.status) if s.status else ""),
						(_("Due"), when(s.due_at)),
						(_("Done At"), when(s.done_at)),
					]
					for s in doc.steps
				],
			),
			_section(_("D0 Preparation"), [(_("Emergency Response"), shown_text(doc.preparation))]),
			_section(
				_("D1 Team"),
				items=[
					[
						(_("Name"), shown_text(m.member_name) or full_name(m.user) or shown_text(m.contact)),
						(_("Member Of"), _(m.member_type) if m.member_type else ""),
						(_("Role in the Team"), _(m.team_role) if m.team_role else ""),
						(_("Function"), shown_text(m.function)),
					]
					for m in doc.team
				],
			),
			_section(
				_("D2 Problem Description"),
				[
					(_("Problem Description"), shown_text(doc.problem_description)),
					(_("Defect Code"), shown_text(doc.defect_code)),
					(_("Defect Location Code"), shown_text(doc.defect_location_code)),
					(_("Quantity Affected"), _number(doc.quantity)),
				],
				items=[
					[
						(_("Quality Feedback Sheet"), shown_text(s.quality_feedback_sheet)),
						(_("Customer Site"), shown_text(s.customer_site)),
						(_("First Reported At"), when(s.reported_at)),
						(_("Defect"), shown_text(s.defect)),
						(_("Quantity"), _number(s.quantity)),
					]
					for s in doc.sheets
				]
				+ [
					[
						(_("Question"), _(r.dimension) if r.dimension else ""),
						(_("Is"), shown_text(r.is_text)),
						(_("Is Not"), shown_text(r.is_not_text)),
					]
					for r in doc.is_is_not
				],
			),
			_section(
				_("D3 Containment"),
				[
					(_("Total Quantity Checked"), _number(doc.total_checked)),
					(_("Total Quantity Suspect or Defective"), _number(doc.total_suspect)),
				],
				items=[
					[
						(_("Source"), _(c.source) if c.source else ""),
						(
							_("Document"),
							shown_text(
								c.quality_feedback_sheet
								or c.containment_screening
								or c.suspect_part_slip
								or c.service_confirmation_sheet
							),
						),
						(_("Action"), shown_text(c.action)),
						(_("Quantity Checked"), _number(c.qty_checked)),
						(_("Quantity Suspect or Defective"), _number(c.qty_suspect)),
						(_("Breakpoint"), shown_text(c.breakpoint)),
						(_("Status"), _(c.status) if c.status else ""),
					]
					for c in doc.containment
				],
			),
			_section(
				_("D4 Root Cause"),
				[
					(_("Root Cause of Occurrence"), shown_text(doc.occurrence_root_cause)),
					(_("Root Cause of Non-detection"), shown_text(doc.escape_root_cause)),
					(_("Cause Code"), shown_text(doc.cause_code)),
				],
				items=[
					[(_(w.chain) if w.chain else _("Why? Because"), shown_text(w.why))] for w in doc.five_whys
				]
				+ [
					[
						(_("Category"), _(c.category) if c.category else ""),
						(_("Possible Cause"), shown_text(c.cause)),
						(_("Result"), _(c.result) if c.result else ""),
						(_("Evidence"), shown_text(c.evidence)),
					]
					for c in doc.ishikawa
				],
			),
			_section(
				_("D5 and D6 Corrective Actions and Verification"),
				items=[
					[
						(_("Action"), shown_text(a.action)),
						(_("Owner"), full_name(a.action_owner)),
						(_("Due Date"), day(a.due_date)),
						(_("Status"), _(a.status) if a.status else ""),
						(_("Verified By"), full_name(a.verified_by)),
						(_("Verification of Effectiveness"), shown_text(a.verification)),
					]
					for a in doc.actions
				],
			),
			_section(
				_("D7 Prevention"),
				items=[
					[
						(_("Document to Update"), _(p.document) if p.document else ""),
						(_("What Changes"), shown_text(p.change)),
						(_("Owner"), full_name(p.responsible)),
						(_("Due Date"), day(p.due_date)),
						(_("Status"), _(p.status) if p.status else ""),
					]
					for p in doc.prevention
				],
			),
			_section(
				_("D8 Closure and Recognition"),
				[
					(_("Closure Summary"), shown_text(doc.closure_summary)),
					(_("Team Recognition"), shown_text(doc.recognition)),
					(_("Closed On"), day(doc.closed_on)),
				],
			),
			_section(
				_("Acknowledged"),
				[
					(_("Acknowledged By"), full_name(doc.acknowledged_by)),
					(_("Acknowledged At"), when(doc.acknowledged_at)),
					(_("Remarks of the Customer's SQE"), shown_text(doc.acknowledgement_remarks)),
				],
			),
		],
	}


# ---------------------------------------------------------------- values as shown


def shown_text(value) -> str:
	"""Free text as typed (the portal's templates escape it)."""
	return as_typed(str(value)).strip() if value not in (None, "") else ""


def _number(value) -> str:
	value = flt(value)
	return str(int(value)) if value == int(value) else f"{value:g}"


def when(value) -> str:
	return get_datetime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def day(value) -> str:
	return getdate(value).isoformat() if value else ""


def yes_no(value) -> str:
	return _("Yes") if cint(value) else _("No")


def full_name(user: str | None) -> str:
	if not user:
		return ""
	return shown_text(frappe.db.get_value("User", user, "full_name") or user)


def _present(pairs) -> list[dict]:
	"""The label / value pairs that have a value (numbers count, also 0)."""
	return [{"label": label, "value": value} for label, value in pairs if value not in (None, "")]
