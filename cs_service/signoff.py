"""The customer's SQE signs our sheets (R-CT-9, R-US-2).

A Frappe Workflow (shipped as fixtures) takes Suspect Part Slips and Service Confirmation
Sheets Draft -> Pending SQE -> Signed (submitted) or Returned for Correction. The rule
that only a Customer SQE *of the document's customer* signs or returns is enforced here,
from the controllers, so it holds however an administrator edits (or disables) the
workflow: submitting *is* signing.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

DRAFT = "Draft"
PENDING = "Pending SQE"
SIGNED = "Signed"
RETURNED = "Returned for Correction"


class NotCustomerSQE(frappe.PermissionError):
	pass


def is_sqe_of(user: str, customer: str) -> bool:
	"""The user is listed as SQE on an active Customer Site of the customer."""
	site = frappe.qb.DocType("Customer Site")
	sqe = frappe.qb.DocType("Customer Site SQE")
	found = (
		frappe.qb.from_(sqe)
		.join(site)
		.on(site.name == sqe.parent)
		.select(sqe.user)
		.where(
			(sqe.parenttype == "Customer Site")
			& (sqe.user == user)
			& (site.customer == customer)
			& (site.disabled == 0)
		)
		.limit(1)
		.run()
	)
	return bool(found)


def _require_sqe_of_customer(doc):
	if not is_sqe_of(frappe.session.user, doc.customer):
		frappe.throw(
			_("Only a Customer SQE of {0} may sign or return {1} {2}").format(
				doc.customer, _(doc.doctype), doc.name
			),
			NotCustomerSQE,
		)


def validate_return_for_correction(doc):
	"""validate(): moving into Returned for Correction is the SQE's act, with a reason."""
	before = doc.get_doc_before_save()
	if doc.get("workflow_state") != RETURNED or (before and before.get("workflow_state") == RETURNED):
		return
	_require_sqe_of_customer(doc)
	if not (doc.sqe_remarks or "").strip():
		frappe.throw(_("{0}: say what must be corrected").format(_("SQE Remarks")))


def sign(doc):
	"""before_submit(): only the customer's SQE submits; record who signed and when."""
	_require_sqe_of_customer(doc)
	doc.signed_by = frappe.session.user
	doc.signed_at = now_datetime()
