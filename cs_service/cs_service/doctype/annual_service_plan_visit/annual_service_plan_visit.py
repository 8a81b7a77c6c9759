# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from cs_service.access.rows import ScopedChildRow


class AnnualServicePlanVisit(ScopedChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		flagged_on: DF.Date | None
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
		other_visitors: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		plan_status: DF.Literal["", "Done", "Behind Plan", "In Progress", "Upcoming"]
		planned_visits: DF.Int
		purpose: DF.SmallText | None
		visitor: DF.Link | None
	# end: auto-generated types

	# Visits made and status of the month are virtual: the plan sets them when it is loaded
	# (AnnualServicePlan.set_progress); as properties, Frappe reads them instead of
	# evaluating the Select options as an expression.
	@property
	def actual_visits(self) -> int | None:
		return self.__dict__.get("_actual_visits")

	@actual_visits.setter
	def actual_visits(self, value: int | None):
		self.__dict__["_actual_visits"] = value

	@property
	def plan_status(self) -> str | None:
		return self.__dict__.get("_plan_status")

	@plan_status.setter
	def plan_status(self, value: str | None):
		self.__dict__["_plan_status"] = value
