# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.desk.form.assign_to import set_status
from frappe.model.document import Document
from frappe.utils import cint, format_datetime, get_datetime, now_datetime

from cs_service import settings
from cs_service.access.roles import CS_ENGINEER, SITE_ADMIN_ROLES, has_role
from cs_service.planning.sites import DEFAULT_SHOPS, shift_error_message
from cs_service.rules import containment, shifts
from cs_service.staff import ledger, site_shifts


class InvalidScreening(frappe.ValidationError):
	pass


class NoShiftPattern(frappe.ValidationError):
	pass


class BreakpointNotVerifiable(frappe.ValidationError):
	pass


class ContainmentScreening(Document):
	"""Screening of suspect parts per area and verification of the breakpoint (R-CT-6..8).

	Status: *Screening* until the breakpoint parts reach the line, then *Following Up* until
	the end of the next shift of the site, then *Verified* when the engineer confirms that the
	breakpoint held. A failed breakpoint records the areas that had not been screened, opens
	a new screening round and goes back to *Screening*; its save books the violation in the staff ledger
	(:meth:`on_update` calls :func:`cs_service.staff.ledger.on_screening_update`, with
	:meth:`breakpoint_failure_penalty`).
	"""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.containment_screening_area.containment_screening_area import (
			ContainmentScreeningArea,
		)

		areas: DF.Table[ContainmentScreeningArea]
		breakpoint_lot: DF.Data | None
		breakpoint_serial: DF.Data | None
		breakpoint_status: DF.Literal["Screening", "Following Up", "Verified"]
		breakpoint_time: DF.Datetime | None
		confirmed_at: DF.Datetime | None
		confirmed_by: DF.Link | None
		customer: DF.Link | None
		customer_site: DF.Link | None
		engineer: DF.Link
		evidence_correction_reason: DF.SmallText | None
		failed_at: DF.Datetime | None
		failed_round: DF.Int
		follow_up_until: DF.Datetime | None
		handed_at: DF.Datetime | None
		handed_to: DF.Data | None
		handed_to_contact: DF.Link | None
		item: DF.Link | None
		missed_areas: DF.SmallText | None
		naming_series: DF.Literal["CSCR-.YYYY.-"]
		parts_reached_line_at: DF.Datetime | None
		quality_feedback_sheet: DF.Link
		screening_round: DF.Int
	# end: auto-generated types

	def before_insert(self):
		self.set_default_areas()

	def on_update(self):
		ledger.on_screening_update(self)  # R-CT-8: a breakpoint failed for a missed area

	def validate(self):
		self.validate_feedback_sheet()
		self.validate_engineer()
		self.protect_failure_evidence()
		self.set_area_rounds()
		self.validate_areas()
		self.validate_verified_is_final()
		self.set_follow_up()

	# ------------------------------------------------------------ steps

	def set_default_areas(self):
		"""R-CT-6: one row per screening area of the site (body shop, paint shop, final
		assembly and logistics warehouse unless the site says otherwise)."""
		if self.areas:
			return
		for area, shop_type in screening_areas(self.customer_site):
			self.append("areas", new_area(area, shop_type, self.screening_round or 1))

	def validate_feedback_sheet(self):
		if frappe.db.get_value("Quality Feedback Sheet", self.quality_feedback_sheet, "docstatus") == 2:
			frappe.throw(
				_("{0} {1} is cancelled").format(_("Quality Feedback Sheet"), self.quality_feedback_sheet),
				exc=InvalidScreening,
			)

	def validate_engineer(self):
		"""The screening's engineer is a CS Engineer assigned to the site (who gets its reminders)."""
		label = self._label("engineer")
		if not has_role([CS_ENGINEER], self.engineer):
			frappe.throw(
				_("{0}: {1} is not a CS Engineer").format(label, self.engineer), exc=InvalidScreening
			)
		if self.customer_site and not frappe.db.exists(
			"Customer Site Engineer",
			{"parenttype": "Customer Site", "parent": self.customer_site, "user": self.engineer},
		):
			frappe.throw(
				_("{0}: {1} is not assigned to {2}").format(label, self.engineer, self.customer_site),
				exc=InvalidScreening,
			)

	def protect_failure_evidence(self):
		"""R-CT-8: a failure is recorded only by the engineer's answer at the end of the
		follow-up; afterwards only a CS Manager changes it, giving a reason (Frappe does not
		keep read-only fields on the server)."""
		if self.flags.breakpoint_failed:
			return
		# which failure the evidence belongs to is the engineer's answer's, never corrected
		self.failed_round = None if self.is_new() else self.db_get("failed_round")
		before = None if self.is_new() else self.get_doc_before_save()
		changed = containment.changed_evidence(before and before.as_dict(), self.as_dict())
		if not changed:
			return
		labels = ", ".join(self._label(f) for f in changed)
		if not has_role(SITE_ADMIN_ROLES) or self.is_new():
			frappe.throw(
				_("{0}: recorded failure evidence changes only through a CS Manager, with a reason").format(
					labels
				),
				frappe.PermissionError,
			)
		reason = (self.evidence_correction_reason or "").strip()
		if not reason or reason == (before.evidence_correction_reason or "").strip():
			frappe.throw(
				_("{0}: give the reason for correcting {1}").format(
					self._label("evidence_correction_reason"), labels
				),
				frappe.MandatoryError,
			)
		self.add_comment("Info", _("Failure evidence corrected ({0}): {1}").format(labels, reason))

	def set_area_rounds(self):
		self.screening_round = self.screening_round or 1
		for row in self.areas:
			row.round = row.round or self.screening_round

	def validate_areas(self):
		label = _(self.meta.get_label("areas"))
		for row in self.areas:
			problems = containment.area_problems(row.as_dict())
			if problems:
				frappe.throw(
					_("{0}, row {1}: {2}").format(
						label,
						row.idx,
						"; ".join(problem_message(self._area_label(field), code) for field, code in problems),
					),
					exc=InvalidScreening,
				)
		repeated = containment.duplicate_areas(row.as_dict() for row in self.areas)
		if repeated:
			frappe.throw(
				_("{0}: {1} is listed twice in the same screening round").format(label, ", ".join(repeated)),
				exc=InvalidScreening,
			)

	def validate_verified_is_final(self):
		before = self.get_doc_before_save()
		if (
			before
			and before.breakpoint_status == containment.VERIFIED
			and get_datetime(before.parts_reached_line_at) != get_datetime(self.parts_reached_line_at)
		):
			frappe.throw(
				_("{0}: the breakpoint is verified already").format(self._label("parts_reached_line_at")),
				exc=InvalidScreening,
			)

	def set_follow_up(self):
		"""R-CT-7: once the breakpoint parts reach the line, follow them to the end of the next shift."""
		# The status comes from the stored record, never from what a client sends: only
		# verify_breakpoint() (after the follow-up) may make it Verified.
		before = self.get_doc_before_save()
		stored = (
			containment.VERIFIED if self.flags.breakpoint_verified else (before and before.breakpoint_status)
		)
		self.breakpoint_status = containment.status(stored, self.parts_reached_line_at)
		if self.breakpoint_status != containment.FOLLOWING_UP:
			if self.breakpoint_status == containment.SCREENING:
				self.follow_up_until = None
			return
		problems = containment.follow_up_problems(self._rule_values(), now_datetime())
		if problems:
			frappe.throw(
				"; ".join(problem_message(self._label(field), code) for field, code in problems),
				title=_("Breakpoint Follow-up"),
				exc=InvalidScreening,
			)
		# the shifts are on the plant's clock, the record on the system's
		arrived = site_shifts.to_plant(self.customer_site, get_datetime(self.parts_reached_line_at))
		self.follow_up_until = site_shifts.to_system(
			self.customer_site, shifts.follow_up_end(self.shift_pattern(), arrived)
		)

	def shift_pattern(self) -> list[shifts.Shift]:
		"""The shift pattern of the site, or a clear error saying where to enter it."""
		if not self.customer_site:
			frappe.throw(
				_("{0} {1} names no {2}: the follow-up shift cannot be computed").format(
					_("Quality Feedback Sheet"), self.quality_feedback_sheet, _("Customer Site")
				),
				exc=NoShiftPattern,
			)
		site = frappe.get_doc("Customer Site", self.customer_site)
		if not site.shifts:
			frappe.throw(
				_("{0} {1} has no {2}: enter the site's shift pattern to follow up the breakpoint").format(
					_("Customer Site"), site.name, _("Shifts")
				),
				exc=NoShiftPattern,
			)
		try:
			return site.shift_pattern()
		except shifts.ShiftPatternError as e:
			frappe.throw(
				_("{0} {1}: {2}").format(_("Customer Site"), site.name, shift_error_message(e)),
				exc=NoShiftPattern,
			)

	# ------------------------------------------------------------ confirmation (R-CT-7, R-CT-8)

	@frappe.whitelist()
	def confirm_breakpoint(self, held: bool, missed_areas: str | None = None) -> str:
		"""The engineer's answer at the end of the follow-up: the breakpoint held (*Verified*)
		or it failed (new screening round; ``missed_areas`` adds areas found missed, one a line)."""
		self.check_permission("write")
		self.reload()  # act on the stored follow-up, not on the client's copy of it
		if self.breakpoint_status != containment.FOLLOWING_UP:
			frappe.throw(
				_("The breakpoint can be confirmed only while it is followed up, not in status {0}").format(
					_(self.breakpoint_status)
				),
				exc=BreakpointNotVerifiable,
			)
		if cint(held):
			self.verify_breakpoint()
			self.save()
		else:
			failed_round, missed = self.fail_breakpoint(missed_areas)
			self.save()
			self.add_comment(
				"Info",
				_("Breakpoint failed in screening round {0}; areas not screened: {1}").format(
					failed_round, ", ".join(missed) or _("none")
				),
			)
			self.run_method("on_breakpoint_failed")
		self.close_reminders()
		return self.breakpoint_status

	def verify_breakpoint(self):
		now = now_datetime()
		until = get_datetime(self.follow_up_until) if self.follow_up_until else None
		if not containment.can_confirm(now, until):
			frappe.throw(
				_(
					"The breakpoint parts are followed until {0}, the end of the next shift: "
					"the breakpoint can be confirmed as held only then"
				).format(format_datetime(until)),
				title=_("Breakpoint Follow-up"),
				exc=BreakpointNotVerifiable,
			)
		self.flags.breakpoint_verified = True
		self.breakpoint_status = containment.VERIFIED
		self.confirmed_by = frappe.session.user
		self.confirmed_at = now

	def fail_breakpoint(self, missed_areas: str | None) -> tuple[int, list[str]]:
		"""R-CT-8: record the areas not screened and open the next screening round with every
		area again (plus any area found missed that was not on the list)."""
		failed_round = self.screening_round or 1
		current = containment.round_rows([row.as_dict() for row in self.areas], failed_round)
		missed = containment.merge_areas(
			containment.unscreened_areas(current), containment.parse_areas(missed_areas)
		)
		self.flags.breakpoint_failed = True
		self.failed_at = now_datetime()
		self.missed_areas = "\n".join(missed)
		self.failed_round = failed_round
		self.screening_round = failed_round + 1
		for area, shop_type in containment.next_round_areas(current, missed):
			self.append("areas", new_area(area, shop_type, self.screening_round))
		# the next breakpoint is handed over and followed up afresh
		self.handed_at = None
		self.parts_reached_line_at = None
		self.follow_up_until = None
		self.breakpoint_status = containment.SCREENING
		return failed_round, missed

	def breakpoint_failure_penalty(self) -> containment.Penalty | None:
		"""R-CT-8: the fine and loss of bonus of the last failed breakpoint, when it failed
		because of missed areas (amounts from CS Service Settings); None otherwise."""
		if not self.failed_at:
			return None
		department = settings.single()
		return containment.failure_penalty(
			containment.parse_areas(self.missed_areas),
			department.breakpoint_failure_fine,
			department.breakpoint_failure_forfeits_bonus,
		)

	def close_reminders(self):
		"""The engineer's ToDo asking to confirm the breakpoint is done once it is confirmed."""
		for todo in frappe.get_all(
			"ToDo",
			filters={
				"reference_type": self.doctype,
				"reference_name": self.name,
				"allocated_to": self.engineer,
				"status": "Open",
			},
			pluck="name",
		):
			set_status(self.doctype, self.name, todo=todo, assign_to=self.engineer, status="Closed")

	# ------------------------------------------------------------ helpers

	def _rule_values(self) -> dict:
		values = self.as_dict()
		for field in ("parts_reached_line_at", "handed_at", "breakpoint_time"):
			values[field] = get_datetime(values[field]) if values.get(field) else None
		return values

	def _label(self, fieldname: str) -> str:
		return _(self.meta.get_label(fieldname))

	def _area_label(self, fieldname: str) -> str:
		return _(frappe.get_meta("Containment Screening Area").get_label(fieldname))


def screening_areas(customer_site: str | None) -> list[tuple[str, str]]:
	"""``(area, shop_type)`` of the site's shops marked for screening, in the site's order;
	the four default areas of R-CT-6 when there is no site or it marks none."""
	if customer_site:
		rows = frappe.get_all(
			"Customer Site Shop",
			filters={"parent": customer_site, "parenttype": "Customer Site", "screening_area": 1},
			fields=["shop", "shop_type"],
			order_by="idx",
		)
		if rows:
			return [(row.shop, row.shop_type) for row in rows]
	return [(_(shop), shop_type) for shop, shop_type in DEFAULT_SHOPS]


def new_area(area: str, shop_type: str, screening_round: int) -> dict:
	return {"area": area, "shop_type": shop_type, "round": screening_round, "screened": 0}


def problem_message(label: str, code: str) -> str:
	messages = {
		containment.NEGATIVE_QUANTITY: _("{0}: cannot be negative"),
		containment.SUSPECT_ABOVE_CHECKED: _("{0}: cannot be more than the quantity checked"),
		containment.SCREENED_BY_MISSING: _("{0}: say who screened the area"),
		containment.SCREENED_AT_MISSING: _("{0}: say when the area was screened"),
		containment.NO_BREAKPOINT: _(
			"{0}: give the breakpoint (lot, serial no. or time) before the follow-up"
		),
		containment.NOT_HANDED_OVER: _(
			"{0}: hand the breakpoint to the shift SQE (who and when) before the follow-up"
		),
		containment.REACHED_BEFORE_HANDOVER: _(
			"{0}: cannot be before the breakpoint was handed to the shift SQE"
		),
		containment.REACHED_IN_FUTURE: _("{0}: cannot be in the future"),
	}
	return messages.get(code, _("{0}: invalid")).format(label)
