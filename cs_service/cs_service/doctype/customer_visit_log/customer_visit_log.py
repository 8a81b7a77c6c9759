# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Customer Visit Log (R-PL-1, R-FB-8): one visit made to a customer. It counts against the
Annual Service Plan by customer, site and date; each problem the customer raises can become a
Quality Feedback Sheet *Reported by Customer* that links back to the visit."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, nowdate

from cs_service.planning.sites import validate_site_of_customer
from cs_service.planning.visits import task_problem_message
from cs_service.rules import feedback, planning

QFS = "Quality Feedback Sheet"


class VisitInFuture(frappe.ValidationError):
	pass


class ContactOfAnotherCustomer(frappe.ValidationError):
	pass


class ProblemAlreadyReported(frappe.ValidationError):
	pass


class CustomerVisitLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.customer_visit_action.customer_visit_action import (
			CustomerVisitAction,
		)
		from cs_service.cs_service.doctype.customer_visit_contact.customer_visit_contact import (
			CustomerVisitContact,
		)
		from cs_service.cs_service.doctype.customer_visit_problem.customer_visit_problem import (
			CustomerVisitProblem,
		)
		from cs_service.cs_service.doctype.customer_visit_visitor.customer_visit_visitor import (
			CustomerVisitVisitor,
		)
		from cs_service.cs_service.doctype.service_photo.service_photo import ServicePhoto

		contacts: DF.Table[CustomerVisitContact]
		customer: DF.Link
		customer_opinions: DF.Text | None
		customer_site: DF.Link | None
		follow_up_actions: DF.Table[CustomerVisitAction]
		naming_series: DF.Literal["CVL-.YYYY.-"]
		photos: DF.Table[ServicePhoto]
		problems: DF.Table[CustomerVisitProblem]
		purpose: DF.Data | None
		topics: DF.Text
		visit_date: DF.Date
		visitors: DF.TableMultiSelect[CustomerVisitVisitor]
	# end: auto-generated types

	def validate(self):
		validate_site_of_customer(self.customer_site, self.customer)
		self.validate_visit_date()
		self.validate_visitors()
		self.validate_contacts()
		self.validate_follow_ups()

	def validate_visit_date(self):
		if planning.visit_problems(getdate(self.visit_date), getdate(nowdate())):
			frappe.throw(
				_("{0}: a visit log records a visit made, {1} is in the future").format(
					_("Visit Date"), frappe.format(self.visit_date, "Date")
				),
				exc=VisitInFuture,
			)

	def validate_visitors(self):
		users = [row.user for row in self.visitors]
		repeated = sorted({user for user in users if user and users.count(user) > 1})
		if repeated:
			frappe.throw(_("{0}: {1} is listed twice").format(_("Visitors"), ", ".join(repeated)))

	def validate_contacts(self):
		"""The people met are the customer's contacts (ERPNext Contacts linked to the Customer)."""
		contacts = {
			row.contact for row in self.contacts if row.contact
		}  # an empty row: Frappe's mandatory check
		if not contacts:
			return
		linked = set(
			frappe.get_all(
				"Dynamic Link",
				filters={
					"parenttype": "Contact",
					"parent": ("in", list(contacts)),
					"link_doctype": "Customer",
					"link_name": self.customer,
				},
				pluck="parent",
			)
		)
		others = sorted(contacts - linked)
		if others:
			frappe.throw(
				_("{0}: {1} is not a contact of customer {2}").format(
					_("People Met"), ", ".join(others), self.customer
				),
				exc=ContactOfAnotherCustomer,
			)

	def validate_follow_ups(self):
		for row in self.follow_up_actions:
			problems = planning.task_problems(row.as_dict())
			if problems:
				frappe.throw(
					_("{0}, row {1}: {2}").format(
						_("Follow-up Actions"), row.idx, "; ".join(task_problem_message(p) for p in problems)
					)
				)


@frappe.whitelist()
def make_feedback_sheet(visit_log: str, problem: str) -> str:
	"""R-FB-8: turn a problem raised at the visit into a draft Quality Feedback Sheet *Reported by
	Customer*, prefilled from the visit; the problem row remembers the sheet. Returns its name."""
	visit = frappe.get_doc("Customer Visit Log", visit_log)
	visit.check_permission("write")
	frappe.has_permission(QFS, "create", throw=True)
	row = next((r for r in visit.problems if r.name == problem), None)
	if not row:
		frappe.throw(_("{0}: no such problem on {1}").format(_("Problems Raised"), visit.name))
	if row.quality_feedback_sheet:
		frappe.throw(
			_("{0}, row {1}: already reported in {2}").format(
				_("Problems Raised"), row.idx, row.quality_feedback_sheet
			),
			exc=ProblemAlreadyReported,
		)
	sheet = frappe.get_doc(
		{
			"doctype": QFS,
			"customer": visit.customer,
			"customer_site": visit.customer_site,
			"source": feedback.REPORTED_BY_CUSTOMER,
			"customer_visit_log": visit.name,
			# the customer reports it now, to the engineer turning it into a sheet
			"reported_at": now_datetime(),
			"item": row.item,
			"defect": row.defect,
			"description": row.description,
			# the sheet needs a quantity; the engineer confirms it on the draft
			"quantity": row.quantity,  # none given: the engineer fills it before sending
		}
	).insert()
	row.quality_feedback_sheet = sheet.name
	visit.save()
	return sheet.name
