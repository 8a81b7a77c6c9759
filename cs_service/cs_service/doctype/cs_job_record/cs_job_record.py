# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""What a scheduled job did, recorded once: see :mod:`cs_service.jobs.once`."""

from frappe.model.document import Document

from cs_service.jobs.once import record_name


class CSJobRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		details: DF.SmallText | None
		done_at: DF.Datetime
		done_for: DF.SmallText
		email_queue: DF.Link | None
		job: DF.Literal["Month-end Escalation", "Breakpoint Reminder", "Visits Behind Plan"]
		outcome: DF.Literal["Done", "Nothing to Do", "Skipped"]
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
	# end: auto-generated types

	def autoname(self):
		self.name = record_name(self.job, self.done_for)
