"""The SQE portal's methods (R-CT-9, R-US-2), each on the outsiders' gate's allowlist
(:mod:`cs_service.access.allowlist`) and each for customers' SQE users only.

Every method decides on the server which customer's records the caller reaches
(:func:`cs_service.pages.portal.records.portal_customers`) and checks each record against them; a
record of another customer, a draft and a name that does not exist get the same refusal,
which names nothing. Reading is GET, acting is POST (with the session's CSRF token, or an API
key and secret).
"""

from __future__ import annotations

import frappe

from cs_service.pages.portal import actions, photos, records, views


@frappe.whitelist(methods=["GET"])
def pending() -> dict:
	"""What waits for the SQE: ``{"slips": [...], "confirmations": [...], "eight_d": [...]}``."""
	return records.pending_entries(records.portal_customers())


@frappe.whitelist(methods=["GET"])
def document(doctype: str, name: str) -> dict:
	"""One document as it was sent: sections of label / value pairs, photos, state."""
	return views.document_view(doctype, name, records.portal_customers())


@frappe.whitelist(methods=["GET"])
def photo(doctype: str, name: str, file: str, size: str | None = None):
	"""A photo of a document the SQE may see: as stored, or ``size=thumb`` (a small JPEG) or
	``size=screen`` (a JPEG the size of a phone's screen)."""
	found = records.photo_file(doctype, name, file, records.portal_customers())
	if not found:
		records.refuse_request()
	return photos.response(found, size=size if size in photos.SIZES else None)


@frappe.whitelist(methods=["POST"])
def sign(doctype: str, name: str, modified: str, remarks: str | None = None, verdict: str | None = None):
	"""Sign a slip or confirmation sheet (the workflow's Sign, by the SQE); ``modified`` is the
	version the SQE saw; ``verdict`` is required for a confirmation sheet."""
	return actions.sign_document(doctype, name, modified, remarks=remarks, verdict=verdict)


@frappe.whitelist(methods=["POST"])
def return_for_correction(doctype: str, name: str, modified: str, remarks: str | None = None):
	"""Return a slip or confirmation sheet to our engineer, saying what must be corrected."""
	return actions.return_document(doctype, name, modified, remarks=remarks)


@frappe.whitelist(methods=["POST"])
def acknowledge(name: str, modified: str, remarks: str | None = None) -> dict:
	"""Acknowledge an 8D report sent to the customer."""
	return actions.acknowledge_report(name, modified, remarks=remarks)


@frappe.whitelist(methods=["GET"])
def signed() -> list:
	"""The documents the SQE signed or acknowledged, most recent first."""
	customers = records.portal_customers()
	return records.signed_entries(frappe.session.user, customers)


@frappe.whitelist(methods=["GET"])
def open_problems() -> list:
	"""Their customer's problems not closed yet, without our internal measures."""
	return records.open_problem_entries(records.portal_customers())
