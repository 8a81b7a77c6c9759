# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class CSTrainingPlan(Document):
	"""The department's training plan of a year (R-ST-5): topics, who, when."""

	def validate(self):
		if not 2000 <= (self.year or 0) <= 2100:
			frappe.throw(_("{0} must be a year such as 2026").format(_("Year")))
		if not self.topics:
			frappe.throw(_("{0}: the plan has no topic").format(_(self.meta.get_label("topics"))))
