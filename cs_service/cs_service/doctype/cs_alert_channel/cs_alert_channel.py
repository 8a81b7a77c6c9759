# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""A group robot of WeCom, DingTalk or Feishu that posts the department's alerts.

What each event says and when it is sent: :mod:`cs_service.notifications.chat`; which channel wants which
event: :mod:`cs_service.rules.chat`.
"""

from __future__ import annotations

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_url_to_form

from cs_service.notifications.chat import delivery, platforms
from cs_service.rules import chat

WEB_ADDRESS = re.compile(r"^https?://[^\s/?#]+[^\s]*$")


class InvalidWebhook(frappe.ValidationError):
	pass


class IncompleteChannel(frappe.ValidationError):
	pass


class CSAlertChannel(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.cs_alert_channel_site.cs_alert_channel_site import (
			CSAlertChannelSite,
		)

		all_sites: DF.Check
		channel_name: DF.Data
		customer_sites: DF.Table[CSAlertChannelSite]
		enabled: DF.Check
		language: DF.Link
		line_stop_minutes: DF.Int
		managers_channel: DF.Check
		on_line_stop: DF.Check
		on_overdue_actions: DF.Check
		on_qualification_revoked: DF.Check
		on_sheet_sent: DF.Check
		on_waiting_for_sqe: DF.Check
		platform: DF.Literal["WeCom", "DingTalk", "Feishu"]
		secret: DF.Password | None
		timeout_seconds: DF.Int
		waiting_hours: DF.Int
		webhook_url: DF.Password

	# end: auto-generated types
	def validate(self):
		self.validate_webhook_url()
		self.drop_repeated_sites()
		self.validate_events()

	def validate_webhook_url(self):
		"""A new address (Frappe shows a stored one as asterisks) is a web address."""
		url = (self.webhook_url or "").strip()
		if url and not self.is_dummy_password(url):
			if not WEB_ADDRESS.match(url):
				frappe.throw(
					_(
						"{0}: enter the robot's address starting with https://, as the group's robot settings show it"
					).format(_("Webhook URL")),
					InvalidWebhook,
				)
			self.webhook_url = url

	def drop_repeated_sites(self):
		seen = set()
		rows = []
		for row in self.customer_sites:
			if row.customer_site not in seen:
				seen.add(row.customer_site)
				rows.append(row)
		self.set("customer_sites", rows)

	@frappe.whitelist()
	def send_test_message(self) -> dict:
		"""Post a test message to the robot now and say what it answered (not logged: no event)."""
		self.check_permission("write")
		lang = self.language or "zh"
		alert = platforms.Alert(
			title=_("Test message from {0}", lang=lang).format(self.channel_name),
			lines=((_("Platform", lang=lang), _(self.platform, lang=lang)),),
			url=get_url_to_form(self.doctype, self.name),
			link_text=_("Open {0}", lang=lang).format(self.channel_name),
		)
		status, text = delivery.post(self, alert)
		answer = platforms.read_answer(self.platform, status, text)
		return {"ok": answer.ok, "reason": answer.reason}

	def validate_events(self):
		"""Every missing setting named at once, nothing saved."""
		missing = chat.missing_settings(as_rule(self))
		if missing:
			frappe.throw(
				_("Complete the channel: {0}").format(
					", ".join(_(self.meta.get_label(field)) for field in missing)
				),
				IncompleteChannel,
			)


def as_rule(channel) -> dict:
	"""The channel as :mod:`cs_service.rules.chat` reads it."""
	return {
		"name": channel.name,
		"enabled": channel.enabled,
		"all_sites": channel.all_sites,
		"sites": tuple(row.customer_site for row in channel.customer_sites),
		"managers_channel": channel.managers_channel,
		**{field: channel.get(field) for field in chat.EVENT_FIELDS.values()},
		**{field: channel.get(field) for field in chat.THRESHOLD_FIELDS.values()},
	}
