# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_date, get_first_day

from cs_service.rules import staff
from cs_service.staff import assessment, qualification


class EngineerMonthlyAssessment(Document):
	"""An engineer's assessment of a month against the KPIs of the CS Manager (R-ST-5). Values
	the app knows are filled in while the assessment is a draft; manual KPIs are scored by
	the manager; the total is the weighted score."""

	def validate(self):
		self.month = get_first_day(self.month)
		self.employee = self.employee or qualification.employee_of(self.engineer)
		self.check_unique()
		if not self.items:
			self.add_kpi_items()
		self.fill_values()

	def check_unique(self):
		other = frappe.db.get_value(
			self.doctype,
			{
				"engineer": self.engineer,
				"month": self.month,
				"docstatus": ("<", 2),
				"name": ("!=", self.name),
			},
			"name",
		)
		if other:
			frappe.throw(
				_("{0} already has the assessment {1} for {2}").format(
					self.engineer, other, format_date(self.month, "MMMM yyyy")
				)
			)

	def add_kpi_items(self):
		for kpi in frappe.get_all(
			"CS KPI Item",
			filters={"enabled": 1},
			fields=["name", "source", "weight", "target", "lower_is_better"],
			order_by="creation asc",
		):
			self.append(
				"items",
				{
					"kpi_item": kpi.name,
					"source": kpi.source,
					"weight": kpi.weight,
					"target": kpi.target,
					"lower_is_better": kpi.lower_is_better,
				},
			)

	def fill_values(self):
		values, ledger = assessment.kpi_values(self.engineer, self.month)
		self.violations, self.fines, self.bonus_forfeited = (
			ledger.violations,
			ledger.fines,
			int(ledger.bonus_forfeited),
		)
		label = _(self.meta.get_label("items"))
		for row in self.items:
			kpi = frappe.db.get_value(
				"CS KPI Item", row.kpi_item, ["source", "lower_is_better", "weight", "target"], as_dict=True
			)
			if not kpi:  # a row without its KPI item was an error of the server
				missing = _("{0}: missing").format(_(row.meta.get_label("kpi_item")))
				frappe.throw(_("{0}, row {1}: {2}").format(label, row.idx, missing), frappe.MandatoryError)
			row.source, row.lower_is_better = kpi.source, kpi.lower_is_better
			if row.weight is None:
				row.weight = kpi.weight
			if (row.weight or 0) < 0:
				frappe.throw(_("{0}, row {1}: {2} cannot be negative").format(label, row.idx, _("Weight")))
			if row.source != staff.MANUAL:
				row.value = values.get(row.source)
				if row.value is None and not row.remarks:
					row.remarks = _("Nothing to measure this month")
			row.score = staff.kpi_score(row.value, row.target, bool(row.lower_is_better))
		self.total_score = staff.weighted_score((row.weight, row.score) for row in self.items)
