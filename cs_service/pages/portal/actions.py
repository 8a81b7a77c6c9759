"""What the SQE does in the portal (R-CT-9, R-US-2).

**Sign** and **Return for Correction** are the Frappe Workflow's transitions, applied by the SQE
user themselves (``frappe.model.workflow.apply_workflow``): states, the document's history,
Workflow Actions and the workflow's e-mails stay Frappe's, and the controllers' rules (only an
SQE of the document's customer signs, a return needs a remark, a confirmation sheet needs the
verdict) hold as in the desk. The SQE's own fields (remarks, verdict) are saved by the SQE first,
in the same transaction -- ``apply_workflow`` reloads the document from the database.

Each action decides on the stored record, locked: the SQE's customer, the document waiting for
them, and ``modified`` equal to the version the SQE saw on the page, so a document changed since
(returned and sent again) is not signed unseen. Anything refused leaves nothing written.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from cs_service.pages.portal.records import (
	CONFIRMATION,
	EIGHT_D,
	SIGNED_DOCTYPES,
	is_waiting,
	portal_customers,
	portal_url,
	refuse_request,
	stored,
)

SIGN = "Sign"
RETURN = "Return for Correction"
SAVEPOINT = "cs_sqe_portal"


class ChangedSinceSeen(frappe.ValidationError):
	pass


class NotWaiting(frappe.ValidationError):
	pass


def _waiting_record(doctype: str, name: str, seen: str | None, doctypes=SIGNED_DOCTYPES):
	"""The stored, locked record the SQE acts on, refused unless it is one of ``doctypes``, waits
	for them and is the version they saw."""
	customers = portal_customers()
	if doctype not in doctypes:
		refuse_request()
	row = stored(doctype, name, customers, for_update=True)
	if not row:
		refuse_request()
	if not is_waiting(doctype, row):
		frappe.throw(
			_("{0} {1} is not waiting for you any more.").format(_(doctype), name),
			NotWaiting,
		)
	if not seen or str(seen) != str(row.modified):
		frappe.throw(
			_("{0} {1} has changed since you opened it: open it again and check it before you act.").format(
				_(doctype), name
			),
			ChangedSinceSeen,
		)
	return row


def _remarks(value) -> str | None:
	return (value.strip() or None) if isinstance(value, str) else None


def _apply(doctype: str, name: str, action: str, values: dict) -> dict:
	frappe.db.savepoint(SAVEPOINT)
	try:
		doc = frappe.get_doc(doctype, name)
		if any((doc.get(field) or None) != value for field, value in values.items()):
			doc.update(values)
			doc.save()
		doc = apply_workflow(doc, action)
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)
		raise
	return {
		"doctype": doctype,
		"name": doc.name,
		"workflow_state": doc.workflow_state,
		"docstatus": int(doc.docstatus),
		"url": portal_url(doctype, doc.name),
	}


def sign_document(
	doctype: str, name: str, modified: str, remarks: str | None = None, verdict: str | None = None
):
	_waiting_record(doctype, name, modified)
	values = {"sqe_remarks": _remarks(remarks)}
	if doctype == CONFIRMATION:
		options = [v for v in frappe.get_meta(CONFIRMATION).get_options("sqe_verdict").split("\n") if v]
		if verdict not in options:
			frappe.throw(
				_("{0}: choose {1}").format(_("SQE Verdict"), " / ".join(_(v) for v in options)),
				frappe.MandatoryError,
			)
		values["sqe_verdict"] = verdict
	return _apply(doctype, name, SIGN, values)


def return_document(doctype: str, name: str, modified: str, remarks: str | None = None):
	_waiting_record(doctype, name, modified)
	remarks = _remarks(remarks)
	if not remarks:
		frappe.throw(_("{0}: say what must be corrected").format(_("SQE Remarks")), frappe.MandatoryError)
	return _apply(doctype, name, RETURN, {"sqe_remarks": remarks})


def acknowledge_report(name: str, modified: str, remarks: str | None = None) -> dict:
	_waiting_record(EIGHT_D, name, modified, doctypes=(EIGHT_D,))
	frappe.db.savepoint(SAVEPOINT)
	try:
		done = frappe.get_doc(EIGHT_D, name).acknowledge(_remarks(remarks))
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)
		raise
	return {
		"doctype": EIGHT_D,
		"name": name,
		"acknowledged_at": str(done["acknowledged_at"]),
		"url": portal_url(EIGHT_D, name),
	}
