"""The e-mail of a Monthly Quality Report (R-US-4): both decks to the CS Managers and the
general-manager recipients, through Frappe's e-mail queue.

The body is the template ``templates/emails/monthly_quality_report.html``; the report's
controller queues the e-mail in the transaction that records ``sent_at``.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import get_url_to_form, getdate, nowdate
from frappe.utils.user import get_users_with_role

from cs_service import settings
from cs_service.access.roles import CS_MANAGER
from cs_service.decks import files, series
from cs_service.notifications import mail
from cs_service.rules.quality import format_rate

TEMPLATE = "cs_service/templates/emails/monthly_quality_report.html"


def report_recipients() -> list[str]:
	"""Enabled CS Managers (their e-mail addresses) and the general-manager recipients of CS
	Service Settings."""
	users = [u for u in get_users_with_role(CS_MANAGER) if u != "Guest"]  # enabled, not Administrator
	managers = (
		frappe.get_all("User", filters={"name": ("in", users)}, pluck="email", order_by="email")
		if users
		else []
	)
	recipients = []
	for email in [*managers, *settings.gm_recipients()]:
		if email and email not in recipients:
			recipients.append(email)
	return recipients


def queue_report(doc, recipients: list[str]) -> None:
	"""Queue the e-mail of the report ``doc`` with both decks to ``recipients``."""
	mail.queue_email(
		recipients,
		_("Monthly quality report {0} of {1}: delivery quality and line-stop decks").format(
			doc.month, doc.company
		),
		message=doc.email_message(),
		attachments=[{"fid": name} for name in files.deck_files(doc)],
		reference=doc,
	)


def report_message(doc) -> str:
	"""The body of the e-mail: the month's key figures from the stored figures of ``doc``,
	whether it is late, and a link to the report."""
	values = doc.figures()
	kpi = values["kpi"]
	return frappe.render_template(
		TEMPLATE,
		{
			"name": doc.name,
			"month": doc.month,
			"company": doc.company,
			"handling_rate": format_rate(kpi["rate"]),
			"handling_target": format_rate(kpi["target"]),
			"on_time_rate": format_rate(kpi["on_time_rate"]),
			"major_problems": len(values["major_problems"]),
			"late": series.is_report_late(getdate(nowdate())),
			"link": get_url_to_form(doc.doctype, doc.name),
		},
	)
