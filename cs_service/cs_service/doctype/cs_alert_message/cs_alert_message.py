# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""A message of a group-chat channel about an event of a record, with every attempt to send it. Its name is the key of channel, event, record and occasion: the database refuses a
second message for the same (:mod:`cs_service.notifications.chat.delivery`)."""

from __future__ import annotations

from frappe.model.document import Document

from cs_service.notifications.chat import platforms


class CSAlertMessage(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.cs_alert_attempt.cs_alert_attempt import CSAlertAttempt

		attempt_count: DF.Int
		attempts: DF.Table[CSAlertAttempt]
		channel: DF.Link
		content: DF.Code | None
		event: DF.Literal[
			"Sheet Sent", "Line Stop", "Waiting for SQE", "Overdue Actions", "Qualification Revoked"
		]
		next_attempt_at: DF.Datetime | None
		occasion: DF.Data | None
		platform: DF.Literal["WeCom", "DingTalk", "Feishu"]
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		sent_at: DF.Datetime | None
		status: DF.Literal["Queued", "Sent", "Retrying", "Failed"]
		title: DF.Data | None

	# end: auto-generated types
	def autoname(self):
		self.name = platforms.message_key(
			self.channel,
			self.event,
			f"{self.reference_doctype or ''}/{self.reference_name or ''}",
			self.occasion or "",
		)
