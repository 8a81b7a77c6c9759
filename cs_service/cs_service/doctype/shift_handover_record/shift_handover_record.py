# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from cs_service.access.roles import CS_ENGINEER, has_role, is_site_admin
from cs_service.rules import staff
from cs_service.staff import ledger, site_shifts

OPEN, CONFIRMED, CLOSED = staff.HANDOVER_OPEN, staff.HANDOVER_CONFIRMED, staff.HANDOVER_CLOSED
SERVER_FIELDS = ("status", "confirmed_at", "closed_at")


class HandoverRefused(frappe.ValidationError):
	pass


class ShiftHandoverRecord(Document):
	"""The handover between two shifts of a site (R-ST-3): the outgoing engineer lists the open
	problems (proposed from the site's open sheets, slips and screenings), the incoming one
	confirms, and only then may the outgoing one close the record and leave."""

	def before_validate(self):
		if self.is_new() and not self.outgoing_engineer:
			self.outgoing_engineer = frappe.session.user

	def validate(self):
		self.keep_server_fields()
		self.check_editor()
		self.check_people()
		site_shifts.site_shift(self.customer_site, self.incoming_shift, "Incoming Shift")
		self.shift_end = site_shifts.occurrence(
			self.customer_site, self.outgoing_shift, self.handover_date, "Outgoing Shift"
		).end
		self.check_problems()
		self.check_mode()

	def keep_server_fields(self):
		if self.flags.handover_step:
			return
		stored = (
			None
			if self.is_new()
			else frappe.db.get_value(self.doctype, self.name, SERVER_FIELDS, as_dict=True)
		)
		for field in SERVER_FIELDS:
			self.set(field, stored.get(field) if stored else (OPEN if field == "status" else None))

	def check_editor(self):
		"""Once saved, only the two engineers of the handover (and the CS Manager) change it; a
		closed handover is final."""
		if self.is_new() or self.flags.handover_step:
			return
		if frappe.db.get_value(self.doctype, self.name, "status") == CLOSED:
			frappe.throw(_("A closed shift handover cannot be changed"), HandoverRefused)
		user = frappe.session.user
		stored = frappe.db.get_value(
			self.doctype, self.name, ["outgoing_engineer", "incoming_engineer"], as_dict=True
		)
		if user not in (stored.outgoing_engineer, stored.incoming_engineer) and not is_site_admin(user):
			frappe.throw(
				_("Only the outgoing or incoming engineer changes this handover"), frappe.PermissionError
			)

	def check_people(self):
		if self.outgoing_engineer == self.incoming_engineer:
			frappe.throw(
				_("{0} and {1} must be two people").format(_("Outgoing Engineer"), _("Incoming Engineer"))
			)
		for field in ("outgoing_engineer", "incoming_engineer"):
			if not has_role([CS_ENGINEER], self.get(field)) and not is_site_admin(self.get(field)):
				frappe.throw(
					_("{0}: {1} is not a CS Engineer").format(_(self.meta.get_label(field)), self.get(field))
				)

	def check_problems(self):
		seen = set()
		label = _(self.meta.get_label("problems"))
		for row in self.problems:
			key = (row.reference_doctype, row.reference_name)
			if key in seen:
				frappe.throw(
					_("{0}, row {1}: {2} is listed twice").format(label, row.idx, row.reference_name)
				)
			seen.add(key)
			if (
				frappe.db.get_value(row.reference_doctype, row.reference_name, "customer_site")
				!= self.customer_site
			):
				frappe.throw(
					_("{0}, row {1}: {2} is not a problem of {3}").format(
						label, row.idx, row.reference_name, self.customer_site
					)
				)

	def open_count(self) -> int:
		"""The open problems of the handover: those listed and those still open at the site."""
		listed = {(r.reference_doctype, r.reference_name) for r in self.problems}
		at_site = {
			(p.reference_doctype, p.reference_name)
			for p in site_shifts.site_open_problems(self.customer_site)
		}
		return len(listed | at_site)

	def check_mode(self):
		if self.handover_mode == staff.FACE_TO_FACE:
			return
		outgoing = site_shifts.site_shift(self.customer_site, self.outgoing_shift, "Outgoing Shift")
		incoming = site_shifts.site_shift(self.customer_site, self.incoming_shift, "Incoming Shift")
		if not staff.handover_mode_allowed(self.handover_mode, outgoing, incoming, self.open_count()):
			frappe.throw(
				_(
					"{0}: {1} is allowed only between a night and a day shift with no open problem; "
					"open problems are handed over face to face"
				).format(_("Handover Mode"), _(self.handover_mode)),
				HandoverRefused,
			)

	@frappe.whitelist()
	def propose_problems(self):
		"""Lists the site's open problems that the handover does not list yet."""
		listed = {(r.reference_doctype, r.reference_name) for r in self.problems}
		for problem in site_shifts.site_open_problems(self.customer_site):
			if (problem.reference_doctype, problem.reference_name) not in listed:
				self.append("problems", problem)
		return self.problems

	@frappe.whitelist()
	def confirm(self):
		"""The incoming engineer confirms the handover; a problem of the site left out of the
		list is a violation of the outgoing engineer."""
		self.check_permission("write")
		self.reload()
		if frappe.session.user != self.incoming_engineer:
			frappe.throw(
				_("Only the incoming engineer {0} confirms this handover").format(self.incoming_engineer),
				HandoverRefused,
			)
		if self.status != OPEN:
			frappe.throw(_("This handover is already {0}").format(_(self.status)), HandoverRefused)
		self.check_mode()
		self.book_left_out()
		self.status, self.confirmed_at = CONFIRMED, now_datetime()
		self.flags.handover_step = True
		self.save()
		return self.status

	@frappe.whitelist()
	def close(self):
		"""The outgoing engineer closes the handover, once the incoming engineer has confirmed it."""
		self.check_permission("write")
		self.reload()
		if frappe.session.user != self.outgoing_engineer and not is_site_admin(frappe.session.user):
			frappe.throw(
				_("Only the outgoing engineer {0} closes this handover").format(self.outgoing_engineer),
				HandoverRefused,
			)
		if self.status != CONFIRMED:
			frappe.throw(
				_("The incoming engineer confirms the handover before the outgoing engineer may close it"),
				HandoverRefused,
			)
		self.status, self.closed_at = CLOSED, now_datetime()
		self.flags.handover_step = True
		self.save()
		return self.status

	def book_left_out(self):
		listed = [(r.reference_doctype, r.reference_name) for r in self.problems]
		expected = [
			(p.reference_doctype, p.reference_name)
			for p in site_shifts.site_open_problems(self.customer_site)
		]
		missing = staff.left_out(expected, listed)
		if missing:
			ledger.book(
				self.outgoing_engineer,
				staff.SHIFT_HANDOVER,
				self.handover_date,
				self,
				detail="left-out",
				customer_site=self.customer_site,
				description=_("Open problems not handed over: {0}").format(
					", ".join(n for _dt, n in missing)
				),
			)
