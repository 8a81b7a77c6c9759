# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Monthly Work Plan (R-PL-3): the CS department's work items of a month, each with its owner,
due date and status; the plan's progress is the share of items done."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from cs_service.planning.visits import task_problem_message
from cs_service.rules import planning


class DuplicateWorkPlan(frappe.ValidationError):
	pass


class InvalidWorkItem(frappe.ValidationError):
	pass


class MonthlyWorkPlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.monthly_work_plan_item.monthly_work_plan_item import (
			MonthlyWorkPlanItem,
		)

		department: DF.Link | None
		items: DF.Table[MonthlyWorkPlanItem]
		month: DF.Literal[
			"January",
			"February",
			"March",
			"April",
			"May",
			"June",
			"July",
			"August",
			"September",
			"October",
			"November",
			"December",
		]
		progress: DF.Percent
		review: DF.Text | None
		year: DF.Int
	# end: auto-generated types

	def autoname(self):
		try:
			month = planning.month_number(self.month)
		except planning.PlanningError:  # a month that is none was an error of the server
			frappe.throw(_("{0}: choose one of {1}").format(_("Month"), ", ".join(map(_, planning.MONTHS))))
		name = f"MWP-{cint(self.year)}-{month:02d}"
		self.name = f"{name}-{self.department}" if self.department else name

	def validate(self):
		self.validate_unique()
		self.validate_items()
		self.progress = planning.work_plan_progress(row.as_dict() for row in self.items)

	def validate_unique(self):
		existing = frappe.db.get_value(
			self.doctype,
			{
				"year": self.year,
				"month": self.month,
				"department": self.department or ("is", "not set"),
				"name": ("!=", "" if self.is_new() else self.name),
			},
		)
		if existing:
			frappe.throw(
				_("{0}: {1} is already the plan of {2} {3}").format(
					_("Monthly Work Plan"), existing, _(self.month), self.year
				),
				exc=DuplicateWorkPlan,
			)

	def validate_items(self):
		for row in self.items:
			problems = planning.task_problems(row.as_dict())
			if problems:
				frappe.throw(
					_("{0}, row {1}: {2}").format(
						_("Work Items"), row.idx, "; ".join(task_problem_message(p) for p in problems)
					),
					exc=InvalidWorkItem,
				)
