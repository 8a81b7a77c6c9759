# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from cs_service.staff import qualification

# Changed only by the violation thresholds, a failed retraining and the manager's reinstatement.
STATUS_FIELDS = (
	"status",
	"revoked_on",
	"revoking_violation",
	"revocation_reason",
	"reinstated_on",
	"reinstated_by",
	"reinstatement_reason",
)


class EngineerQualification(Document):
	def validate(self):
		if self.flags.qualification_change:
			return
		before = (
			None
			if self.is_new()
			else frappe.db.get_value(self.doctype, self.name, STATUS_FIELDS, as_dict=True)
		)
		for field in STATUS_FIELDS:
			self.set(
				field,
				before.get(field) if before else (qualification.QUALIFIED if field == "status" else None),
			)
		self.employee = self.employee or qualification.employee_of(self.engineer)

	@frappe.whitelist()
	def reinstate(self, reason: str):
		"""The CS Manager reinstates the engineer after a passed retraining (R-FB-7, R-ST-2/3)."""
		self.check_permission("write")
		qualification.reinstate(self.name, reason)
		self.reload()
		return self.status
