# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import validate_email_address

from cs_service.decks.series import LAST_REPORT_DAY  # the decks are due before the 22nd
from cs_service.settings import RECIPIENT_FIELDS, split_addresses

FINE_FIELDS = (
	"attendance_violation_fine",
	"site_rule_violation_fine",
	"handover_violation_fine",
	"unreported_problem_fine",
	"breakpoint_failure_fine",
)
COUNT_FIELDS = (
	"site_rule_revocation_count",
	"handover_revocation_count",
	"retraining_months",
	"handover_confirmation_hours",
	"recurrence_window_days",
	"recurrence_min_occurrences",
	"major_customer_count",
	"max_quantity",
	"max_line_stop_minutes",
	"max_offline_hours",
)


class CSServiceSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.cs_department_recipient.cs_department_recipient import (
			CSDepartmentRecipient,
		)

		assessment_year_start_month: DF.Int
		attendance_violation_fine: DF.Currency
		breakpoint_failure_fine: DF.Currency
		breakpoint_failure_forfeits_bonus: DF.Check
		department_recipients: DF.Table[CSDepartmentRecipient]
		gm_recipients: DF.SmallText | None
		handover_revocation_count: DF.Int
		handover_violation_fine: DF.Currency
		major_customer_basis: DF.Literal["Flag on Customer", "Top by Delivered Quantity"]
		major_customer_count: DF.Int
		max_line_stop_minutes: DF.Int
		max_offline_hours: DF.Int
		max_quantity: DF.Int
		monthly_report_day: DF.Int
		qa_recipients: DF.SmallText | None
		recurrence_across: DF.Literal["Same Customer", "Parent Customer", "Customer Group"]
		recurrence_min_occurrences: DF.Int
		recurrence_window_days: DF.Int
		retraining_months: DF.Int
		site_rule_revocation_count: DF.Int
		site_rule_violation_fine: DF.Currency
		unreported_problem_fine: DF.Currency
	# end: auto-generated types

	def validate(self):
		self.validate_recipients()
		self.validate_report_day()
		self.validate_assessment_year()
		self.validate_penalties()

	def validate_recipients(self):
		for fieldname in RECIPIENT_FIELDS:
			invalid = [e for e in split_addresses(self.get(fieldname) or "") if not validate_email_address(e)]
			if invalid:
				frappe.throw(
					_("{0}: not a valid e-mail address: {1}").format(
						self._label(fieldname), ", ".join(invalid)
					)
				)
			self.set(fieldname, "\n".join(split_addresses(self.get(fieldname) or "")))
		label = self._label("department_recipients")
		for row in self.department_recipients:
			invalid = [e for e in split_addresses(row.recipients) if not validate_email_address(e)]
			if invalid:
				frappe.throw(
					_("{0}, row {1}: not a valid e-mail address: {2}").format(
						label, row.idx, ", ".join(invalid)
					)
				)

	def validate_report_day(self):
		if not 1 <= (self.monthly_report_day or 0) <= LAST_REPORT_DAY:
			frappe.throw(
				_("{0} must be between 1 and {1}, so that the decks are ready before the 22nd").format(
					self._label("monthly_report_day"), LAST_REPORT_DAY
				)
			)

	def validate_assessment_year(self):
		if not 1 <= (self.assessment_year_start_month or 0) <= 12:
			frappe.throw(
				_("{0} must be a month from 1 to 12").format(self._label("assessment_year_start_month"))
			)

	def validate_penalties(self):
		for fieldname in FINE_FIELDS:
			if (self.get(fieldname) or 0) < 0:
				frappe.throw(_("{0} cannot be negative").format(self._label(fieldname)))
		for fieldname in COUNT_FIELDS:
			if (self.get(fieldname) or 0) < 1:
				frappe.throw(_("{0} must be at least 1").format(self._label(fieldname)))

	def _label(self, fieldname: str) -> str:
		return _(self.meta.get_label(fieldname))
