# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, getdate

from cs_service import settings
from cs_service.rules import staff
from cs_service.staff import ledger, qualification


class DuplicateViolation(frappe.ValidationError):
	pass


class StaffViolation(Document):
	"""One entry of the violation ledger; submitted, so it changes only by cancel and amend.

	The fine, the loss of bonus and the assessment year are the settings' at the time the
	entry is made; an amendment keeps the fine of the entry it amends."""

	def validate(self):
		if self.violation_type not in staff.VIOLATION_TYPES:
			frappe.throw(_("{0}: unknown type {1}").format(_("Violation Type"), self.violation_type))
		if self.is_new() and not self.amended_from:
			department = settings.single().as_dict()
			self.fine = staff.fine_for(self.violation_type, department)
			self.forfeits_bonus = int(staff.forfeits_bonus(self.violation_type, department))
		self.assessment_year = staff.assessment_year(
			getdate(self.violation_date), settings.assessment_year_start_month()
		)
		self.employee = self.employee or qualification.employee_of(self.engineer)
		self.check_not_booked_twice()

	def check_not_booked_twice(self):
		if not self.source_name:
			return
		other = ledger.existing(
			self.violation_type, self.source_doctype, self.source_name, self.source_detail
		)
		if other and other != self.name and other != self.amended_from:
			if frappe.db.get_value("Staff Violation", other, "docstatus") != 2:
				frappe.throw(
					_("This violation of {0} {1} is already in the ledger as {2}").format(
						_(self.source_doctype), self.source_name, other
					),
					DuplicateViolation,
				)

	def on_submit(self):
		if self.violation_type == staff.INCOMPLETE_FEEDBACK:
			make_retraining(self)
		qualification.apply_thresholds(self)


def make_retraining(violation):
	"""R-FB-7: one month (CS Service Settings) of retraining for an incomplete feedback."""
	if frappe.db.exists("CS Training", {"staff_violation": violation.name, "docstatus": ("<", 2)}):
		return None
	months = settings.single().retraining_months or 1
	start = getdate(violation.violation_date)
	training = frappe.get_doc(
		{
			"doctype": "CS Training",
			"topic": _("Retraining: complete and accurate quality feedback"),
			"training_type": "Retraining",
			"staff_violation": violation.name,
			"training_date": start,
			"due_date": add_months(start, months),
			"attendees": [{"engineer": violation.engineer}],
		}
	)
	training.flags.ignore_permissions = True
	training.insert()
	return training.name
