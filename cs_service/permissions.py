"""Record-level permissions of cs_service.

The main mechanism is Frappe's User Permission on Customer: every Customer SQE user gets
one for their customer (see :mod:`cs_service.cs_service.doctype.customer_site.customer_site`),
and Frappe then filters lists, reports, link searches and the REST API by it. The hooks
here add what User Permissions cannot say:

- a Customer SQE who has no customer at all sees nothing (instead of everything);
- a CS Engineer may edit only the Customer Sites they are assigned to.
"""

import frappe
from frappe.core.doctype.user_permission.user_permission import get_user_permissions

from cs_service.roles import CS_ENGINEER, CUSTOMER_SQE, INTERNAL_ROLES, SITE_ADMIN_ROLES

WRITE_PTYPES = frozenset({"write", "delete", "submit", "cancel", "amend"})


def is_external_sqe(user: str) -> bool:
	"""A customer's SQE who holds none of our internal roles."""
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	return CUSTOMER_SQE in roles and not roles.intersection(INTERNAL_ROLES)


def is_site_engineer_only(user: str) -> bool:
	"""A CS Engineer who is not also a CS Manager or System Manager."""
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	return CS_ENGINEER in roles and not roles.intersection(SITE_ADMIN_ROLES)


def allowed_customers(user: str) -> list[str]:
	return [p.get("doc") for p in get_user_permissions(user).get("Customer", [])]


def customer_scope_condition(doctype: str, user: str | None, customer_field: str = "customer") -> str:
	"""SQL condition that limits an external SQE to their customers; empty for everyone else."""
	user = user or frappe.session.user
	if not is_external_sqe(user):
		return ""
	customers = allowed_customers(user)
	if not customers:
		return "1=0"
	values = ", ".join(frappe.db.escape(c) for c in customers)
	return f"`tab{doctype}`.`{customer_field}` in ({values})"


def customer_scope_allows(doc, user: str, customer_field: str = "customer") -> bool | None:
	"""False when an external SQE looks at another customer's record; None (no opinion) otherwise."""
	if not is_external_sqe(user):
		return None
	return doc.get(customer_field) in allowed_customers(user) or False


def customer_scoped_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook for every app DocType with a ``customer`` field."""
	return customer_scope_condition(doctype, user)


def customer_scoped_has_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	"""has_permission hook for every app DocType with a ``customer`` field."""
	return customer_scope_allows(doc, user or frappe.session.user)


def customer_site_has_permission(doc, ptype: str | None = None, user: str | None = None, debug=False):
	user = user or frappe.session.user
	if customer_scoped_has_permission(doc, ptype, user) is False:
		return False
	if ptype in WRITE_PTYPES and is_site_engineer_only(user):
		# the engineers stored for the site, not those of the document being saved: an
		# engineer cannot assign themselves to a site and edit it in the same request
		return bool(
			doc.get("name")
			and frappe.db.exists(
				"Customer Site Engineer", {"parenttype": "Customer Site", "parent": doc.name, "user": user}
			)
		)
	return None
