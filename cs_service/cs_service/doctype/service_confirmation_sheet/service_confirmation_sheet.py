# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from cs_service import settings
from cs_service.access.roles import CS_ENGINEER, SITE_ADMIN_ROLES, has_role
from cs_service.containment import signoff
from cs_service.feedback.sheets import fill_from_sheet
from cs_service.pages.portal.photos import relink_row_photos
from cs_service.planning.sites import validate_site_of_customer
from cs_service.rules.staff import assessment_year
from cs_service.staff import ledger

EXECUTED = "Executed as Required"
NOT_EXECUTED = "Not Executed as Required"


class InvalidConfirmationEngineer(frappe.ValidationError):
	pass


class ServiceConfirmationSheet(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.service_confirmation_contact.service_confirmation_contact import (
			ServiceConfirmationContact,
		)
		from cs_service.cs_service.doctype.service_photo.service_photo import ServicePhoto

		agreed_with: DF.Table[ServiceConfirmationContact]
		amended_from: DF.Link | None
		assessment_year: DF.Int
		customer: DF.Link
		customer_site: DF.Link
		engineer: DF.Link
		hours: DF.Float
		measure_effective: DF.Literal["", "Effective", "Not Effective"]
		naming_series: DF.Literal["SCS-.YYYY.-"]
		people: DF.Int
		photos: DF.Table[ServicePhoto]
		plan: DF.Text
		qty_defective: DF.Int
		qty_good: DF.Int
		qty_sorted: DF.Int
		quality_feedback_sheet: DF.Link
		service_date: DF.Date
		signed_at: DF.Datetime | None
		signed_by: DF.Link | None
		sqe_remarks: DF.SmallText | None
		sqe_verdict: DF.Literal["", "Executed as Required", "Not Executed as Required"]
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		fill_from_sheet(self, ("customer", "customer_site"))
		self.validate_site()
		self.validate_feedback_sheet()
		self.validate_engineer()
		self.validate_work()
		signoff.validate_edit_rights(self)
		signoff.validate_return_for_correction(self)

	def after_insert(self):
		relink_row_photos(self)  # photos uploaded before the first save

	def on_update(self):
		signoff.notify_sqe(self)

	def on_submit(self):
		ledger.on_confirmation_submit(self)  # R-ST-2: signed as not executed as required

	def before_submit(self):
		signoff.sign_off(self)
		if not self.sqe_verdict:
			frappe.throw(_("{0}: the SQE gives the verdict before signing").format(_("SQE Verdict")))
		# R-ST-2: a verdict counts in the assessment year of the service, not of the signature
		self.assessment_year = assessment_year(
			getdate(self.service_date),
			settings.assessment_year_start_month(),
		)

	def validate_site(self):
		validate_site_of_customer(self.customer_site, self.customer)

	def validate_feedback_sheet(self):
		if (
			frappe.db.get_value("Quality Feedback Sheet", self.quality_feedback_sheet, "customer")
			!= self.customer
		):
			frappe.throw(
				_("{0}: {1} is not a feedback sheet of {2}").format(
					_("Quality Feedback Sheet"), self.quality_feedback_sheet, self.customer
				)
			)

	def validate_engineer(self):
		"""R-ST-2: the engineer answers for the SQE's verdict (the fine, the count toward
		revocation), so it is the sheet's author, or one of the site's CS Engineers chosen by a CS
		Manager -- never a colleague named by another engineer."""
		stored = None if self.is_new() else frappe.db.get_value(self.doctype, self.name, "engineer")
		if stored and stored == self.engineer:
			return
		label = _(self.meta.get_label("engineer"))
		if self.engineer == (self.owner or frappe.session.user):
			return
		if not has_role(SITE_ADMIN_ROLES):
			frappe.throw(
				_(
					"{0}: you are the engineer of the sheets you write; only a CS Manager names another"
				).format(label),
				exc=InvalidConfirmationEngineer,
			)
		if not has_role([CS_ENGINEER], self.engineer):
			frappe.throw(
				_("{0}: {1} is not a CS Engineer").format(label, self.engineer),
				exc=InvalidConfirmationEngineer,
			)
		if not frappe.db.exists(
			"Customer Site Engineer",
			{"parenttype": "Customer Site", "parent": self.customer_site, "user": self.engineer},
		):
			frappe.throw(
				_("{0}: {1} is not assigned to {2}").format(label, self.engineer, self.customer_site),
				exc=InvalidConfirmationEngineer,
			)

	def validate_work(self):
		if self.qty_sorted and (self.qty_good or 0) + (self.qty_defective or 0) != self.qty_sorted:
			frappe.throw(
				_("{0}: good {1} + defective {2} must equal the {3} parts sorted").format(
					_("Work Done"), self.qty_good or 0, self.qty_defective or 0, self.qty_sorted
				)
			)


def not_executed_confirmations(engineer: str, year: int) -> list[str]:
	"""Signed sheets the SQE marked Not Executed as Required, for an engineer and an assessment
	year: what the penalty ledger (R-ST-2: fine each, revocation at the threshold) counts."""
	return frappe.get_all(
		"Service Confirmation Sheet",
		filters={"engineer": engineer, "assessment_year": year, "sqe_verdict": NOT_EXECUTED, "docstatus": 1},
		pluck="name",
		order_by="signed_at asc",
	)
