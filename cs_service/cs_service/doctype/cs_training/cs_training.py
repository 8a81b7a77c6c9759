# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from cs_service.staff import qualification

RETRAINING = "Retraining"
PASSED, FAILED = "Passed", "Failed"


class CSTraining(Document):
	"""A training held (R-ST-5). Submitted with each attendee's result; a retraining that an
	attendee fails revokes their post qualification (R-FB-7)."""

	def validate(self):
		label = _(self.meta.get_label("attendees"))
		seen = set()
		for row in self.attendees:
			if row.engineer in seen:
				frappe.throw(_("{0}: {1} is listed twice").format(label, row.engineer))
			seen.add(row.engineer)
			if row.result and not row.attended:
				frappe.throw(
					_("{0}, row {1}: {2} has a result but did not attend").format(
						label, row.idx, row.engineer
					)
				)
		if self.due_date and self.due_date < self.training_date:
			frappe.throw(_("{0} cannot be before {1}").format(_("Retraining Ends"), _("Training Date")))

	def before_submit(self):
		if not self.attendees:
			frappe.throw(_("{0}: nobody attended").format(_(self.meta.get_label("attendees"))))
		label = _(self.meta.get_label("attendees"))
		for row in self.attendees:
			if self.training_type == RETRAINING and not row.result:
				frappe.throw(
					_("{0}, row {1}: the result of the retraining of {2} is required").format(
						label, row.idx, row.engineer
					)
				)

	def on_submit(self):
		if self.training_type != RETRAINING:
			return
		for row in self.attendees:
			if row.result == FAILED or not row.attended:
				qualification.revoke(
					row.engineer,
					_("Retraining {0} not passed").format(self.name),
					violation=self.staff_violation,
				)
