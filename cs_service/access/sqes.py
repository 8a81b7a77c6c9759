"""The customers' SQEs (R-CT-9, R-US-2): the Customer Sites list a customer's SQE users, which
gives each of them a User Permission on the customer -- the grant the customer scope
(:mod:`cs_service.access.scope`) reads -- and the portal and the notices find them here."""

from __future__ import annotations

import frappe


def sqe_rows(*columns, active_only: bool = True):
	"""The SQE rows of the Customer Sites (the active ones, unless not ``active_only``), selecting
	``columns`` (names of the site's and the row's fields: ``"customer"``, ``"user"``); with the
	two tables to filter on."""
	site, sqe = frappe.qb.DocType("Customer Site"), frappe.qb.DocType("Customer Site SQE")
	fields = {"customer": site.customer, "user": sqe.user}
	query = (
		frappe.qb.from_(sqe)
		.join(site)
		.on(site.name == sqe.parent)
		.select(*(fields[c] for c in columns))
		.where(sqe.parenttype == "Customer Site")
	)
	if active_only:
		query = query.where(site.disabled == 0)
	return query, site, sqe


def is_sqe_of(user: str, customer: str) -> bool:
	"""The user is listed as SQE on an active Customer Site of the customer."""
	query, site, sqe = sqe_rows("user")
	return bool(query.where((sqe.user == user) & (site.customer == customer)).limit(1).run())


def sqe_customers(user: str) -> tuple[str, ...]:
	"""The customers of the active Customer Sites that list ``user`` as SQE: the customers whose
	records the SQE portal shows the user (:func:`is_sqe_of` reads the same lists)."""
	query, _site, sqe = sqe_rows("customer")
	found = query.distinct().where(sqe.user == user).run(pluck=True)
	return tuple(sorted(c for c in found if c))


def sqe_users(customer: str, enabled_only: bool = True) -> list[str]:
	"""The users listed as SQE on an active Customer Site of the customer (the enabled ones,
	unless not ``enabled_only``)."""
	query, site, sqe = sqe_rows("user")
	query = query.distinct().where(site.customer == customer)
	if enabled_only:
		user = frappe.qb.DocType("User")
		query = query.join(user).on(user.name == sqe.user).where(user.enabled == 1)
	return sorted(query.run(pluck=True))


def grant_customer(user: str, customer: str):
	"""The User Permission on ``customer`` that makes it the SQE's: a side record of the
	Customer Site, created by the system, not by the user."""
	if frappe.db.exists("User Permission", {"user": user, "allow": "Customer", "for_value": customer}):
		return
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": user,
			"allow": "Customer",
			"for_value": customer,
			"apply_to_all_doctypes": 1,
		}
	).insert(ignore_permissions=True)


def release_customer(user: str, customer: str, exclude_site: str | None = None):
	"""Take the User Permission on ``customer`` back, unless a Customer Site of the customer
	(other than ``exclude_site``) still lists the user as SQE."""
	query, site, sqe = sqe_rows("user", active_only=False)
	still_listed = (sqe.user == user) & (site.customer == customer) & (site.name != (exclude_site or ""))
	if query.where(still_listed).limit(1).run():
		return
	for name in frappe.get_all(
		"User Permission", filters={"user": user, "allow": "Customer", "for_value": customer}, pluck="name"
	):
		frappe.delete_doc("User Permission", name, ignore_permissions=True)


def release_all_customers():
	"""Uninstall: the User Permissions on Customer that the Customer Sites gave their SQEs."""
	if not frappe.db.table_exists("Customer Site SQE"):
		return
	query, _site, _sqe = sqe_rows("user", "customer", active_only=False)
	pairs = query.distinct().run(as_dict=True)
	for row in pairs:
		frappe.db.delete(
			"User Permission", {"user": row.user, "allow": "Customer", "for_value": row.customer}
		)
