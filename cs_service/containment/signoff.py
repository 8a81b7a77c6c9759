"""The customer's SQE signs our sheets (R-CT-9, R-US-2).

A Frappe Workflow (shipped as fixtures) takes Suspect Part Slips and Service Confirmation
Sheets Draft -> Pending SQE -> Signed (submitted) or Returned for Correction. The rule
that only a Customer SQE *of the document's customer* signs or returns is enforced here,
from the controllers, so it holds however an administrator edits (or disables) the
workflow: submitting *is* signing. The SQE signs in the SQE portal (:mod:`cs_service.pages.portal`),
where every action is the workflow's transition applied by the SQE themselves; the workflow
e-mail's links lead there too.
"""

from urllib.parse import quote

import frappe
from frappe import _
from frappe.utils import now_datetime
from frappe.workflow.doctype.workflow_action import workflow_action

from cs_service.access.roles import is_outsider
from cs_service.access.sqes import is_sqe_of

DRAFT = "Draft"
PENDING = "Pending SQE"
SIGNED = "Signed"
RETURNED = "Returned for Correction"


# The sheets signed through the workflows, and the fields that are the SQE's on each.
SQE_FIELDS: dict[str, tuple[str, ...]] = {
	"Suspect Part Slip": ("sqe_remarks",),
	"Service Confirmation Sheet": ("sqe_verdict", "sqe_remarks"),
}
# Set by the server while signing, never by either side's edits.
SERVER_FIELDS = ("workflow_state", "signed_by", "signed_at", "assessment_year", "return_delivery_note")
ENGINEER_STATES = (None, "", DRAFT, RETURNED)


class NotCustomerSQE(frappe.PermissionError):
	pass


class NotYourFieldOrState(frappe.PermissionError):
	pass


class NotTheSignTransition(frappe.PermissionError):
	pass


def _require_sqe_of_customer(doc):
	user = frappe.session.user
	if not is_sqe_of(user, doc.customer):
		frappe.throw(
			_("Only a Customer SQE of {0} may sign or return {1} {2}").format(
				doc.customer, _(doc.doctype), doc.name
			),
			NotCustomerSQE,
		)
	if user in (doc.owner, doc.get("engineer")) or user == _sent_by(doc):
		# a user who is both one of ours and an SQE does not sign their own work
		frappe.throw(
			_("{0} {1} is your own document: another Customer SQE signs it").format(_(doc.doctype), doc.name),
			NotCustomerSQE,
		)


def _sent_by(doc) -> str | None:
	"""Who last sent the document to the SQE (the Workflow Action Frappe records), if anyone."""
	return frappe.db.get_value(
		"Workflow Action",
		{"reference_doctype": doc.doctype, "reference_name": doc.name, "workflow_state": PENDING},
		"owner",
		order_by="creation desc",
	)


def _changed_fields(doc, before) -> set[str]:
	"""The fields (tables included) whose values differ between ``before`` and ``doc``."""
	changed = set()
	for df in doc.meta.fields:
		if df.fieldtype in frappe.model.no_value_fields:
			continue
		if df.fieldtype in frappe.model.table_fields:
			if _rows(doc.get(df.fieldname)) != _rows(before.get(df.fieldname)):
				changed.add(df.fieldname)
		elif _value(doc.get(df.fieldname)) != _value(before.get(df.fieldname)):
			changed.add(df.fieldname)
	return changed


def _value(value):
	return None if value in (None, "", 0) else str(value)


def _rows(rows) -> list[dict]:
	skip = set(frappe.model.default_fields) - {"idx"}
	return [
		{
			k: _value(v)
			for k, v in row.as_dict(no_default_fields=False).items()
			if k not in skip and not k.startswith("__")
		}
		for row in rows or []
	]


def validate_edit_rights(doc):
	"""validate(): each side edits only its own fields, in its own states (R-CT-9).

	Our engineers edit the sheet while it is a draft or returned for correction; once sent,
	what the SQE signs is exactly what was sent. The SQE edits only the SQE's fields, and
	only while the sheet waits for them. Neither side sets the fields the signing sets."""
	before = None if doc.is_new() else doc.get_doc_before_save()
	if before is None and not doc.is_new():
		before = frappe.get_doc(doc.doctype, doc.name)
	sqe_fields = set(SQE_FIELDS.get(doc.doctype, ()))
	if before is None:
		filled = {f for f in sqe_fields if doc.get(f)}
		if filled or is_outsider():
			_refuse_fields(doc, filled or {"customer"})
		return
	if before.docstatus == 1 and not is_outsider():
		return  # after signing, Frappe allows only the fields marked Allow on Submit
	changed = _changed_fields(doc, before) - set(SERVER_FIELDS)
	if not changed:
		return
	state = before.get("workflow_state")
	if is_outsider():
		allowed = sqe_fields if state == PENDING else set()
	else:
		allowed = (
			(set(f.fieldname for f in doc.meta.fields) - sqe_fields) if state in ENGINEER_STATES else set()
		)
	refused = changed - allowed
	if refused:
		_refuse_fields(doc, refused, state)


def _refuse_fields(doc, fields, state=None):
	labels = ", ".join(sorted(_(doc.meta.get_label(f)) for f in fields))
	if state:
		message = _("{0}: these fields cannot be changed by you while the document is {1}").format(
			labels, _(state)
		)
	else:
		message = _("{0}: these fields are not yours to fill").format(labels)
	frappe.throw(message, NotYourFieldOrState)


def _to_document(doctype: str, docname: str):
	"""Answer a workflow e-mail link of our sheets with the document's page instead of acting:
	the SQE signs in the portal, after seeing the document (a guest logs in first); one of our
	own users gets the document in the desk."""
	from cs_service.pages.portal.records import portal_url

	name = docname if isinstance(docname, str) else ""
	user = frappe.session.user
	if user == "Guest":
		location = "/login?redirect-to=" + quote(portal_url(doctype, name), safe="")
	elif is_outsider(user):
		location = portal_url(doctype, name)
	else:
		location = f"/app/{frappe.scrub(doctype).replace('_', '-')}/{quote(name, safe='')}"
	frappe.local.response["type"] = "redirect"
	frappe.local.response["location"] = location


@frappe.whitelist(allow_guest=True)
def apply_action(action, doctype, docname, current_state, user=None, last_modified=None):
	"""Frappe's workflow e-mail link, which works without logging in. For our sheets it applies
	nothing: it leads to the document's page in the SQE portal (R-CT-9)."""
	if doctype in SQE_FIELDS:
		return _to_document(doctype, docname)
	return workflow_action.apply_action(action, doctype, docname, current_state, user, last_modified)


@frappe.whitelist(allow_guest=True)
def confirm_action(doctype, docname, user, action):
	"""See :func:`apply_action`: for our sheets, the document's page, never an action."""
	if doctype in SQE_FIELDS:
		return _to_document(doctype, docname)
	return workflow_action.confirm_action(doctype, docname, user, action)


def validate_return_for_correction(doc):
	"""validate(): moving into Returned for Correction is the SQE's act, with a reason."""
	before = doc.get_doc_before_save()
	if doc.get("workflow_state") != RETURNED or (before and before.get("workflow_state") == RETURNED):
		return
	_require_sqe_of_customer(doc)
	if not (doc.sqe_remarks or "").strip():
		frappe.throw(_("{0}: say what must be corrected").format(_("SQE Remarks")))


def sign_off(doc):
	"""before_submit(): only the customer's SQE submits, and only by the workflow's Sign
	transition; record who signed and when."""
	_require_sqe_of_customer(doc)
	_require_sign_transition(doc)
	doc.signed_by = frappe.session.user
	doc.signed_at = now_datetime()


def _require_sign_transition(doc):
	"""Submitting is the move from Pending SQE (as stored) to Signed, as
	``frappe.model.workflow.apply_workflow`` makes it: never a submit of a draft that was not
	sent (a REST ``PUT {"docstatus": 1}``), of a returned sheet, or a submit that leaves the
	state where it was (before_submit runs before Frappe's own workflow check)."""
	before = doc.get_doc_before_save()
	stored = before.get("workflow_state") if before else None
	if stored != PENDING or doc.get("workflow_state") != SIGNED:
		frappe.throw(
			_("{0} {1} is signed only with Sign while it is {2}").format(
				_(doc.doctype), doc.name, _(PENDING)
			),
			NotTheSignTransition,
		)


def being_sent(doc) -> bool:
	"""The document moves into Pending SQE with this save (the engineer's Send to SQE)."""
	before = doc.get_doc_before_save()
	return doc.get("workflow_state") == PENDING and not (before and before.get("workflow_state") == PENDING)


def notify_sqe(doc):
	"""on_update: when a sheet is sent to the SQE, each SQE of the customer gets an e-mail in
	their language linking to the document's page in the SQE portal; the workflow's
	own e-mail links lead there too (:func:`apply_action`)."""
	if not being_sent(doc):
		return
	from cs_service.pages.portal.notices import send_notices

	send_notices(doc)
