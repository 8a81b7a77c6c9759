# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from cs_service.rules import staff


class CSKPIItem(Document):
	"""A KPI of the monthly assessment (R-ST-5), set by the CS Manager."""

	def validate(self):
		if (self.weight or 0) <= 0:
			frappe.throw(_("{0} must be more than 0").format(_("Weight")))
		if (self.target or 0) < 0:
			frappe.throw(_("{0} cannot be negative").format(_("Target")))
		if self.source in staff.LOWER_IS_BETTER:
			self.lower_is_better = 1
