"""The app's roles (shipped as filtered fixtures, see hooks.fixtures) and the one place that
asks which roles a user holds: who is an outsider, who administers every site, who is one of
our internal users, and the guard of what is ours only (R-CT-9, R-US-2, R-ST-5)."""

from __future__ import annotations

from collections.abc import Iterable

import frappe
from frappe import _

CS_ENGINEER = "CS Engineer"  # resident engineer at a customer site
CS_MANAGER = "CS Manager"
QA_ENGINEER = "QA Engineer"  # our quality assurance department
CUSTOMER_SQE = "Customer SQE"  # the customer's supplier quality engineer, signs our sheets
SYSTEM_MANAGER = "System Manager"

APP_ROLES = (CS_ENGINEER, CS_MANAGER, QA_ENGINEER, CUSTOMER_SQE)

# Roles that see every customer; a user holding none of them but Customer SQE is
# limited to the customers of their User Permissions.
INTERNAL_ROLES = (CS_ENGINEER, CS_MANAGER, QA_ENGINEER, SYSTEM_MANAGER)
# Roles that may edit any Customer Site, not only the sites they are assigned to.
SITE_ADMIN_ROLES = (CS_MANAGER, SYSTEM_MANAGER)
# Roles that correct a sent feedback sheet: its first-report time, type and codes (R-FB-4, R-FB-7).
RECLASSIFY_ROLES = (QA_ENGINEER, CS_MANAGER, SYSTEM_MANAGER)


class NotForCustomerUsers(frappe.PermissionError):
	"""Our internal figures and tools, asked for by a customer's user."""


def roles_of(user: str | None = None) -> set[str]:
	return set(frappe.get_roles(user or frappe.session.user))


def has_role(roles: Iterable[str], user: str | None = None) -> bool:
	"""Whether the user (the session's by default) holds one of ``roles``."""
	return bool(roles_of(user).intersection(roles))


def outsider_roles(roles: Iterable[str]) -> bool:
	"""Whether ``roles`` are an outsider's: they hold Customer SQE. Also for a User being saved,
	whose roles are not stored yet."""
	return CUSTOMER_SQE in set(roles)


def is_outsider(user: str | None = None) -> bool:
	"""A customer's SQE: a user holding the Customer SQE role. The role and our internal roles
	exclude each other (:func:`cs_service.integrations.desk.home.check_roles_exclusive`); should a
	user still hold both, they count as an outsider: refusing is the default."""
	user = user or frappe.session.user
	if not user or user in ("Guest", "Administrator"):
		return False
	return outsider_roles(roles_of(user))


def is_site_admin(user: str | None = None) -> bool:
	"""Administrator, a CS Manager or a System Manager: every site, every engineer's records."""
	user = user or frappe.session.user
	return user == "Administrator" or has_role(SITE_ADMIN_ROLES, user)


def is_site_engineer_only(user: str) -> bool:
	"""A CS Engineer who is not also a CS Manager or System Manager."""
	if user == "Administrator":
		return False
	roles = roles_of(user)
	return CS_ENGINEER in roles and not roles.intersection(SITE_ADMIN_ROLES)


def is_internal_user(user: str) -> bool:
	"""An enabled desk user holding one of our internal roles, and not a customer's SQE."""
	if user == "Administrator":
		return True
	enabled, user_type = frappe.db.get_value("User", user, ["enabled", "user_type"]) or (0, None)
	if not enabled or user_type != "System User" or is_outsider(user):
		return False
	return has_role(INTERNAL_ROLES, user)


def internal_only(what: str):
	"""The guard of our internal figures and tools: refused to outsiders, naming nothing of
	anybody's."""
	if is_outsider():
		frappe.throw(_("{0} is not available to customer users").format(_(what)), NotForCustomerUsers)


def require_role(roles: Iterable[str], message: str):
	"""Refuse the session's user unless they hold one of ``roles`` (``message`` is translated)."""
	if not has_role(roles):
		frappe.throw(message, frappe.PermissionError)
