# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_system_timezone

from cs_service.access.roles import CS_ENGINEER, CS_MANAGER, CUSTOMER_SQE, SITE_ADMIN_ROLES, has_role
from cs_service.access.sqes import grant_customer, release_customer, sqe_rows
from cs_service.planning.sites import DEFAULT_SHOPS, shift_error_message
from cs_service.rules import shifts
from cs_service.staff.qualification import check_site_engineers


class InvalidShiftPattern(frappe.ValidationError):
	pass


class CustomerSite(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.customer_site_engineer.customer_site_engineer import (
			CustomerSiteEngineer,
		)
		from cs_service.cs_service.doctype.customer_site_shift.customer_site_shift import CustomerSiteShift
		from cs_service.cs_service.doctype.customer_site_shop.customer_site_shop import CustomerSiteShop
		from cs_service.cs_service.doctype.customer_site_sqe.customer_site_sqe import CustomerSiteSQE
		from cs_service.cs_service.doctype.customer_site_station.customer_site_station import (
			CustomerSiteStation,
		)

		city: DF.Data | None
		customer: DF.Link
		disabled: DF.Check
		engineers: DF.Table[CustomerSiteEngineer]
		shifts: DF.Table[CustomerSiteShift]
		shops: DF.Table[CustomerSiteShop]
		site_name: DF.Data
		sqe_users: DF.Table[CustomerSiteSQE]
		stations: DF.Table[CustomerSiteStation]
		time_zone: DF.Autocomplete | None
	# end: auto-generated types

	def before_insert(self):
		self.set_default_shops()

	def validate(self):
		self.validate_time_zone()
		self.validate_shops()
		self.validate_stations()
		self.validate_shifts()
		self.validate_engineers()
		self.validate_sqe_users()

	def on_update(self):
		self.sync_sqe_user_permissions()

	def on_trash(self):
		for user in {row.user for row in self.sqe_users}:
			release_customer(user, self.customer, exclude_site=self.name)

	def set_default_shops(self):
		"""Body shop, paint shop, final assembly and logistics warehouse: the areas R-CT-6 screens."""
		if not self.shops:
			for shop, shop_type in DEFAULT_SHOPS:
				self.append("shops", {"shop": _(shop), "shop_type": shop_type, "screening_area": 1})

	def validate_time_zone(self):
		"""The shift times are on the plant's clock; by default the system's."""
		self.time_zone = (self.time_zone or "").strip() or get_system_timezone()
		if not shifts.is_time_zone(self.time_zone):
			frappe.throw(
				_("{0}: {1} is not a time zone (e.g. Asia/Shanghai)").format(
					_(self.meta.get_label("time_zone")), self.time_zone
				)
			)

	def validate_shops(self):
		names = [(row.shop or "").strip().casefold() for row in self.shops]
		repeated = sorted(
			{row.shop for row, name in zip(self.shops, names, strict=True) if name and names.count(name) > 1}
		)
		if repeated:
			frappe.throw(_("Shops: each shop may appear once, repeated: {0}").format(", ".join(repeated)))

	def validate_stations(self):
		shops = {(row.shop or "").strip().casefold() for row in self.shops}
		unknown = [
			_("row {0}: {1}").format(row.idx, row.shop)
			for row in self.stations
			if (row.shop or "").strip().casefold() not in shops
		]
		if unknown:
			frappe.throw(
				_("Stations: the shop must be one of the site's shops ({0})").format("; ".join(unknown))
			)

	def validate_shifts(self):
		if self.shifts:
			try:
				self.shift_pattern()
			except shifts.ShiftPatternError as e:
				frappe.throw(shift_error_message(e), title=_("Shift Pattern"), exc=InvalidShiftPattern)

	def shift_pattern(self) -> list[shifts.Shift]:
		"""The site's shifts as a pattern of :mod:`cs_service.rules.shifts` (validated)."""
		return shifts.make_pattern((row.shift_name, row.start_time, row.end_time) for row in self.shifts)

	def validate_engineers(self):
		self._validate_people("engineers", (CS_ENGINEER, CS_MANAGER))
		check_site_engineers(self)  # a revoked post qualification keeps an engineer off every site

	def validate_sqe_users(self):
		self.check_who_grants_access()
		self._validate_people("sqe_users", (CUSTOMER_SQE,))
		users = [row.user for row in self.sqe_users]
		if not users:
			return
		# disabled sites too: enabling one again must not give an SQE a second customer
		query, site, sqe = sqe_rows("user", "customer", active_only=False)
		elsewhere = query.where(sqe.user.isin(users) & (site.customer != self.customer)).run(as_dict=True)
		if elsewhere:
			frappe.throw(
				_(
					"Customer SQE Users: {0} already belongs to customer {1}; an SQE signs for one customer only"
				).format(elsewhere[0].user, elsewhere[0].customer)
			)

	def check_who_grants_access(self):
		"""Listing a user as SQE gives an outsider our customer's records: only a CS Manager or
		System Manager decides it (R-CT-9), a CS Engineer edits the rest of their sites."""
		before = (
			None
			if self.is_new()
			else frappe.db.get_all(
				"Customer Site SQE",
				filters={"parenttype": "Customer Site", "parent": self.name},
				pluck="user",
			)
		)
		now = [row.user for row in self.sqe_users]
		if sorted(before or []) == sorted(now):
			return
		user = frappe.session.user
		if user != "Administrator" and not has_role(SITE_ADMIN_ROLES, user):
			frappe.throw(
				_("{0}: only a CS Manager decides who is a customer's SQE").format(
					_(self.meta.get_label("sqe_users"))
				),
				frappe.PermissionError,
			)

	def _validate_people(self, table: str, roles: tuple[str, ...]):
		label = _(self.meta.get_label(table))
		seen = set()
		for row in self.get(table):
			if row.user in seen:
				frappe.throw(_("{0}: {1} is listed twice").format(label, row.user))
			seen.add(row.user)
			if not has_role(roles, row.user):
				frappe.throw(
					_("{0}: user {1} needs the role {2}").format(
						label, row.user, " / ".join(_(role) for role in roles)
					)
				)

	def sync_sqe_user_permissions(self):
		"""Give each SQE a User Permission on this site's customer, and take it back from SQEs
		removed from the site (unless another site of that customer still lists them)."""
		for user in {row.user for row in self.sqe_users}:
			grant_customer(user, self.customer)
		before = self.get_doc_before_save()
		if not before:
			return
		kept = {row.user for row in self.sqe_users} if before.customer == self.customer else set()
		for user in {row.user for row in before.sqe_users} - kept:
			release_customer(user, before.customer, exclude_site=self.name)
