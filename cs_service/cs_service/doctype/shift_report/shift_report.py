# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from cs_service.access.roles import CS_MANAGER, has_role
from cs_service.rules import staff
from cs_service.staff import ledger, site_shifts


class ShiftReport(Document):
	"""An engineer's report of a shift to the CS Manager or deputy (R-ST-4). The problems of
	the shift are proposed from the site's feedback sheets first reported in it; on submit,
	each one left out is a violation (fine of CS Service Settings)."""

	def before_validate(self):
		if self.is_new() and not self.engineer:
			self.engineer = frappe.session.user

	def validate(self):
		if not has_role([CS_MANAGER], self.report_to):
			frappe.throw(_("{0}: {1} is not a CS Manager or deputy").format(_("Report To"), self.report_to))
		occ = site_shifts.occurrence(self.customer_site, self.shift, self.shift_date, "Shift")
		self.shift_start, self.shift_end = occ.start, occ.end
		if occ.start > now_datetime():
			frappe.throw(_("{0}: the shift has not started yet").format(_("Shift")))
		self.check_problems()

	def check_problems(self):
		label = _(self.meta.get_label("problems"))
		seen = set()
		for row in self.problems:
			if row.quality_feedback_sheet in seen:
				frappe.throw(
					_("{0}, row {1}: {2} is listed twice").format(label, row.idx, row.quality_feedback_sheet)
				)
			seen.add(row.quality_feedback_sheet)
			sheet = frappe.db.get_value(
				"Quality Feedback Sheet",
				row.quality_feedback_sheet,
				["customer_site", "item", "defect", "tracking_status"],
				as_dict=True,
			)
			if not sheet or sheet.customer_site != self.customer_site:
				frappe.throw(
					_("{0}, row {1}: {2} is not a feedback sheet of {3}").format(
						label, row.idx, row.quality_feedback_sheet, self.customer_site
					)
				)
			row.summary = " - ".join(str(v) for v in (sheet.item, sheet.defect) if v)[:140]
			row.status = sheet.tracking_status

	def expected_problems(self) -> list[str]:
		"""The sheets of the site first reported in the shift, up to now for a running shift."""
		end = min(get_datetime(self.shift_end), now_datetime())
		return [
			p.name
			for p in site_shifts.shift_problems(self.customer_site, get_datetime(self.shift_start), end)
		]

	@frappe.whitelist()
	def propose_problems(self):
		"""Lists the shift's problems that the report does not list yet."""
		occ = site_shifts.occurrence(self.customer_site, self.shift, self.shift_date, "Shift")
		self.shift_start, self.shift_end = occ.start, occ.end
		listed = {r.quality_feedback_sheet for r in self.problems}
		for name in self.expected_problems():
			if name not in listed:
				self.append("problems", {"quality_feedback_sheet": name})
		self.check_problems()
		return self.problems

	def on_submit(self):
		listed = [r.quality_feedback_sheet for r in self.problems]
		for sheet in staff.left_out(self.expected_problems(), listed):
			ledger.book(
				self.engineer,
				staff.UNREPORTED_PROBLEM,
				self.shift_date,
				self,
				detail=sheet,
				customer_site=self.customer_site,
				description=_("{0} was not reported in the shift report").format(sheet),
			)
