# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Annual Service Plan (R-PL-1): the visits planned per month for a customer (or one of its
sites) in a year, against the Customer Visit Logs of that year (:mod:`cs_service.planning.visits`). A
month that ended with fewer visits than planned is behind plan; the daily job
:func:`cs_service.planning.visits.flag_plans_behind` tells the CS Managers once per month."""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate, nowdate

from cs_service.planning.sites import validate_site_of_customer
from cs_service.planning.visits import PLAN, visit_counts
from cs_service.rules import planning


class DuplicatePlan(frappe.ValidationError):
	pass


class InvalidPlan(frappe.ValidationError):
	pass


class AnnualServicePlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.annual_service_plan_visit.annual_service_plan_visit import (
			AnnualServicePlanVisit,
		)

		customer: DF.Link
		customer_site: DF.Link | None
		remarks: DF.SmallText | None
		visits: DF.Table[AnnualServicePlanVisit]
		year: DF.Int
	# end: auto-generated types

	def autoname(self):
		self.name = f"{self.year} {self.customer_site or self.customer}"

	def validate(self):
		validate_site_of_customer(self.customer_site, self.customer)
		self.validate_year()
		self.validate_months()
		self.validate_unique()

	def onload(self):
		self.set_progress(getdate(nowdate()))

	def validate_year(self):
		if not 2000 <= cint(self.year) <= 2100:
			frappe.throw(_("{0}: {1} is not a year").format(_("Year"), self.year), exc=InvalidPlan)

	def validate_months(self):
		repeated = planning.repeated_months(row.month for row in self.visits)
		if repeated:
			frappe.throw(
				_("{0}: each month may appear once, repeated: {1}").format(
					_("Planned Visits"), ", ".join(_(planning.month_name(m)) for m in repeated)
				),
				exc=InvalidPlan,
			)

	def validate_unique(self):
		existing = frappe.db.get_value(
			PLAN,
			{
				"year": self.year,
				"customer": self.customer,
				"customer_site": self.customer_site or ("is", "not set"),
				"name": ("!=", "" if self.is_new() else self.name),
			},
		)
		if existing:
			frappe.throw(
				_("{0}: {1} already plans the visits of {2} in {3}").format(
					_("Annual Service Plan"), existing, self.customer_site or self.customer, self.year
				),
				exc=DuplicatePlan,
			)

	# ------------------------------------------------------------ plan vs actual

	def progress(self, today: date) -> list[planning.MonthProgress]:
		planned = {planning.month_number(row.month): cint(row.planned_visits) for row in self.visits}
		actual = planning.visits_for_plan(
			visit_counts(cint(self.year), [self.customer]), self.customer, self.customer_site
		)
		return planning.plan_progress(cint(self.year), planned, actual, today)

	def set_progress(self, today: date):
		"""Visits made and status of each planned month (virtual fields), and the year to date."""
		progress = {p.month: p for p in self.progress(today)}
		for row in self.visits:
			month = progress.get(planning.month_number(row.month))
			row.actual_visits = month.actual if month else 0
			row.plan_status = month.status if month else None
		planned, actual = planning.year_to_date(progress.values(), cint(self.year), today)
		self.set_onload(
			"year_to_date",
			{
				"planned": planned,
				"actual": actual,
				"behind": [_(p.month_name) for p in planning.behind_plan(progress.values())],
			},
		)
