"""The SQE's notice that a document waits for them (R-CT-9, R-US-2).

When a slip or confirmation sheet is sent to the SQE, each SQE of the customer gets one e-mail
through Frappe's e-mail queue, in their own language, linking to the document's page in the
portal (where they log in first, see the document as it was sent and act). An SQE is a Website
User: the desk's bell (Notification Log) is not theirs any more.
"""

from __future__ import annotations

import contextlib

import frappe
from frappe import _
from frappe.utils import get_url

from cs_service.access.sqes import sqe_users
from cs_service.notifications import mail
from cs_service.pages.portal.page import render
from cs_service.pages.portal.records import CONFIRMATION, portal_url
from cs_service.pages.portal.shown import shown_text

TEMPLATE = "templates/emails/sqe_waiting.html"


@contextlib.contextmanager
def language(lang: str):
	"""Translate into ``lang`` within the block (an e-mail in its recipient's language)."""
	before = frappe.local.lang
	frappe.local.lang = lang
	try:
		yield
	finally:
		frappe.local.lang = before


def user_language(user: str) -> str:
	return frappe.db.get_value("User", user, "language") or frappe.db.get_default("lang") or "en"


def send_notices(doc) -> list[str]:
	"""Queue the notice of ``doc`` (just sent to the SQE) to each SQE of its customer but the
	sender; returns the Email Queue names."""
	queued = []
	for user in sqe_users(doc.customer):
		if user == frappe.session.user:
			continue
		address = frappe.db.get_value("User", user, "email")
		if not address:
			continue
		with language(user_language(user)):
			subject, message = _notice(doc, user)
		try:
			email = mail.queue_email(
				[address], subject, reference=doc, message=message, add_unsubscribe_link=0
			)
		except frappe.OutgoingEmailError:
			# sending goes on: the document waits in the portal; the sender is told
			frappe.msgprint(
				_(
					"The customer's SQE could not be told by e-mail: set up an outgoing e-mail account. "
					"The document waits for them in the SQE portal."
				),
				indicator="orange",
				alert=True,
			)
			return queued
		if email:
			queued.append(email.name)
	return queued


def _notice(doc, user: str) -> tuple[str, str]:
	if doc.doctype == CONFIRMATION:
		part = frappe.db.get_value("Quality Feedback Sheet", doc.quality_feedback_sheet, "item_name") or ""
	else:
		part = doc.get("item_name") or doc.get("item") or ""
	subject = _("{0} {1} waits for your signature: {2}").format(
		_(doc.doctype), doc.name, shown_text(part) or doc.customer
	)
	message = render(
		TEMPLATE,
		{
			"full_name": frappe.db.get_value("User", user, "full_name") or user,
			"doctype": _(doc.doctype),
			"name": doc.name,
			"customer": doc.customer,
			"customer_site": doc.get("customer_site") or "",
			"part": shown_text(part),
			"quantity": doc.get("quantity") if doc.get("quantity") is not None else doc.get("qty_sorted"),
			"url": get_url(portal_url(doc.doctype, doc.name)),
		},
	)
	return subject, message
