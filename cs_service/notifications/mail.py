"""Every e-mail and desk alert the app sends goes through here: Frappe's e-mail queue (the queue
renders print attachments when it sends, retries and logs) and Frappe's notification log.

The callers compose what is said (their templates, subjects and recipients); this module is the
one place that hands it to Frappe, so that how the department's mail leaves -- reference to the
record, print attachments, one desk alert per person -- is the same for every message."""

from __future__ import annotations

import frappe
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs


def queue_email(recipients: list[str], subject: str, reference=None, **options):
	"""Queue one e-mail to ``recipients`` (Frappe's ``sendmail``: ``message`` or ``template`` and
	``args``, ``attachments``...), referring to the document ``reference`` when given. Returns the
	queued e-mail (its ``name`` is the Email Queue's)."""
	if reference is not None:
		options.setdefault("reference_doctype", reference.doctype)
		options.setdefault("reference_name", reference.name)
	return frappe.sendmail(recipients=recipients, subject=subject, **options)


def queued_name(queued) -> str | None:
	"""The Email Queue's name of what :func:`queue_email` returned (None when nothing was queued)."""
	return getattr(queued, "name", None)


def print_attachment(doc, print_format: str) -> dict:
	"""The document's print as a PDF attachment, rendered when the queue sends the e-mail."""
	return {
		"print_format_attachment": 1,
		"doctype": doc.doctype,
		"name": doc.name,
		"print_format": print_format,
		"file_name": doc.name,
	}


def alert_and_email(users: list[str], subject: str, doc, cc: list[str] | None = None):
	"""A desk alert per user about ``doc`` and one e-mail (through the e-mail queue) to them
	and ``cc``."""
	users = [u for u in dict.fromkeys(users) if u not in ("Administrator", "Guest")]
	if users:
		make_notification_logs(
			{
				"type": "Alert",
				"document_type": doc.doctype,
				"document_name": doc.name,
				"subject": subject,
				"from_user": "Administrator",
			},
			users,
		)
	recipients = list(dict.fromkeys([*users, *(cc or [])]))
	if recipients:
		queue_email(
			recipients,
			subject,
			reference=doc,
			message=frappe._("{0}: {1}").format(
				frappe._(doc.doctype), frappe.utils.get_link_to_form(doc.doctype, doc.name)
			),
		)
