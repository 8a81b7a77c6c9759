"""The customer scope: what a user may reach of each customer's records (R-CT-9, R-US-2).

Customer SQE users are people of our customers, car makers that compete with each other.
An *external* user (the Customer SQE role and none of our internal roles) reaches only the
records of the customers of their User Permissions (given by the Customer Sites that list
them), and nothing of our internal records or figures. This module is the one place that
says so; hooks.py registers it for every DocType of the module (found from the DocType
JSON, :mod:`cs_service.access.doctypes`) and for the ERPNext records an SQE may touch, and
the reports, number cards and whitelisted methods call it.

- ``query_conditions``: lists, reports, link searches, child-table lists
  (``/api/resource/<child>?parent=``) and the REST API show an external user only their
  customers' rows; our internal DocTypes show them nothing.
- ``has_permission``: judged on the *stored* record, never on the values a client sends,
  so a write cannot move a record to another customer; it refuses before Frappe's own
  User Permission check, whose message would name the linked customer.
- ``validate``: a record's customer changes only on a draft and only by an internal user;
  every link to a customer-owned record (site, feedback sheet, contact, delivery note…),
  in the record and its rows, belongs to the same customer.
- Where the scope comes from: the Customer Sites list a customer's SQE users, which gives
  each of them a User Permission on the customer (:mod:`cs_service.access.sqes`).
- The base of every child row (:class:`cs_service.access.rows.ScopedChildRow`) and who an
  outsider finds of other people (:mod:`cs_service.access.people`) ask this module.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.core.doctype.user_permission.user_permission import get_user_permissions

from cs_service.access.doctypes import ERPNEXT_SCOPED, module_doctypes, parents_of
from cs_service.access.roles import is_outsider, is_site_engineer_only

WRITE_PTYPES = frozenset({"write", "create", "delete", "submit", "cancel", "amend"})

# What a record's link to a customer is, by DocType kind.
OWNED = "owned"  # a module DocType with a ``customer`` field
CHILD = "child"  # a module child table: the customer of its parent
INTERNAL = "internal"  # a module DocType of no customer: our internal records

# Workflow states in which an internal user may still change a record's customer.
DRAFT_STATES = (None, "", "Draft", "Returned for Correction")


class RecordOfAnotherCustomer(frappe.ValidationError):
	pass


class CustomerCannotChange(frappe.ValidationError):
	pass


# ---------------------------------------------------------------- who


def customers_of(user: str | None = None) -> tuple[str, ...]:
	"""The customers of an external user's User Permissions."""
	user = user or frappe.session.user
	return tuple(p.get("doc") for p in get_user_permissions(user).get("Customer", []))


def report_customers(customer: str | None = None, user: str | None = None) -> tuple[str, ...] | None:
	"""Customers a report or figure may cover: None for all, else a tuple (empty: none).

	An external user is limited to their customers, also when asking for another by name."""
	user = user or frappe.session.user
	if is_outsider(user):
		allowed = customers_of(user)
		if customer:
			return (customer,) if customer in allowed else ()
		return allowed
	return (customer,) if customer else None


# ---------------------------------------------------------------- what


def _kind_of(doctype: str) -> str | None:
	if doctype in ERPNEXT_SCOPED:
		return doctype
	mod = module_doctypes().get(doctype)
	if not mod:
		return None
	if mod.istable:
		return CHILD
	return OWNED if mod.customer_field else INTERNAL


def _in(values) -> str:
	return ", ".join(frappe.db.escape(v) for v in values) or "''"


def _condition(doctype: str, customers: tuple[str, ...]) -> str:
	"""SQL condition on ``tab<doctype>`` that keeps the rows of ``customers`` only."""
	kind = _kind_of(doctype)
	table = f"`tab{doctype}`"
	if not customers or kind in (None, INTERNAL):
		return "1=0"
	values = _in(customers)
	if kind == OWNED:
		return f"{table}.`customer` in ({values})"
	if kind == CHILD:
		parts = []
		for parent in parents_of(doctype):
			if _kind_of(parent) != OWNED:
				continue
			parts.append(
				f"({table}.`parenttype` = {frappe.db.escape(parent)} and {table}.`parent` in "
				f"(select `name` from `tab{parent}` where `tab{parent}`.`customer` in ({values})))"
			)
		return "(" + " or ".join(parts) + ")" if parts else "1=0"
	if kind == "Customer":
		return f"{table}.`name` in ({values})"
	if kind == "Item":
		return (
			f"({table}.`name` in (select `parent` from `tabItem Customer Detail` where "
			f"`parenttype` = 'Item' and `customer_name` in ({values})) or {table}.`name` in "
			f"(select `item` from `tabCustomer Part` where `customer` in ({values})))"
		)
	if kind == "Item Customer Detail":
		return f"({table}.`parenttype` = 'Item' and {table}.`customer_name` in ({values}))"
	if kind == "Contact":
		return (
			f"{table}.`name` in (select `parent` from `tabDynamic Link` where `parenttype` = 'Contact' "
			f"and `link_doctype` = 'Customer' and `link_name` in ({values}))"
		)
	if kind == "Delivery Note":
		return f"{table}.`customer` in ({values})"
	return "1=0"


def record_customers(doctype: str, name: str | None, doc=None) -> set[str] | None:
	"""The customers a *stored* record belongs to; None for our internal records.

	A record not stored yet belongs to the customers of ``doc``'s own values."""
	kind = _kind_of(doctype)
	if kind in (None, INTERNAL):
		return None
	if kind == OWNED:  # one look-up: the stored customer, or the record is not stored yet
		found = frappe.db.get_value(doctype, name, ["name", "customer"], as_dict=True) if name else None
		value = found.customer if found else (doc and doc.get("customer"))
		return {value} if value else set()
	stored = bool(name) and frappe.db.exists(doctype, name)
	if kind == CHILD:
		parent, parenttype = (
			frappe.db.get_value(doctype, name, ["parent", "parenttype"])
			if stored
			else (doc and doc.get("parent"), doc and doc.get("parenttype"))
		)
		if not (parent and parenttype) or parenttype not in parents_of(doctype):
			return None
		return record_customers(parenttype, parent)
	if kind == "Customer":
		return {name} if name else set()
	if kind == "Item":
		return set(
			frappe.get_all(
				"Item Customer Detail",
				filters={"parenttype": "Item", "parent": name},
				pluck="customer_name",
			)
		) | set(frappe.get_all("Customer Part", filters={"item": name}, pluck="customer"))
	if kind == "Item Customer Detail":
		value = frappe.db.get_value(doctype, name, "customer_name") if stored else doc.get("customer_name")
		return {value} if value else set()
	if kind == "Contact":
		return contact_customers(name)
	if kind == "Delivery Note":
		value = frappe.db.get_value(doctype, name, "customer") if stored else doc.get("customer")
		return {value} if value else set()
	return None


def contact_customers(contact: str | None) -> set[str]:
	return set(
		frappe.get_all(
			"Dynamic Link",
			filters={"parenttype": "Contact", "parent": contact, "link_doctype": "Customer"},
			pluck="link_name",
		)
	)


# ---------------------------------------------------------------- hooks


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook of every scoped DocType."""
	user = user or frappe.session.user
	if not is_outsider(user):
		return ""
	return _condition(doctype, customers_of(user))


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool | None:
	"""has_permission hook of every scoped DocType: False to refuse, None for no opinion."""
	user = user or frappe.session.user
	if doc.doctype == "Customer Site" and ptype in WRITE_PTYPES and is_site_engineer_only(user):
		return _assigned_to_site(doc.get("name"), user)
	if not is_outsider(user):
		return None
	kind = _kind_of(doc.doctype)
	if kind in ERPNEXT_SCOPED and ptype in WRITE_PTYPES:
		return False  # an outsider changes none of our masters
	owners = record_customers(doc.doctype, doc.get("name"), doc)
	if not owners:
		return False
	allowed = set(customers_of(user))
	if kind in (OWNED, CHILD, "Customer", "Item Customer Detail", "Delivery Note"):
		if not owners <= allowed:
			return False
	elif not owners & allowed:
		return False
	if ptype in WRITE_PTYPES and kind == OWNED and doc.get("customer") not in owners:
		return False  # the client's values would move the record to another customer
	return None


def _assigned_to_site(site: str | None, user: str) -> bool:
	"""The engineers *stored* for the site, not those of the document being saved: an engineer
	cannot assign themselves to a site and edit it in the same request."""
	return bool(
		site
		and frappe.db.exists(
			"Customer Site Engineer", {"parenttype": "Customer Site", "parent": site, "user": user}
		)
	)


def validate(doc, method=None):
	"""doc_events validate of every customer-owned DocType of the module."""
	check_customer_unchanged(doc)
	check_links_of_same_customer(doc)


def check_customer_unchanged(doc):
	if doc.is_new():
		return
	fields = ["customer", "docstatus"] + (["workflow_state"] if doc.meta.has_field("workflow_state") else [])
	stored = frappe.db.get_value(doc.doctype, doc.name, fields, as_dict=True)
	if not stored or stored.customer == doc.customer:
		return
	if is_outsider() or stored.docstatus != 0 or stored.get("workflow_state") not in DRAFT_STATES:
		frappe.throw(_("{0} cannot be changed any more").format(_("Customer")), CustomerCannotChange)


def _links_to_check(doc):
	"""(row, field) for every link of ``doc`` and its rows to a customer-owned record."""
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.get_link_fields():
			if df.fieldname == "amended_from" or not row.get(df.fieldname):
				continue
			if df.options == "Customer" or _kind_of(df.options) not in (OWNED, "Contact", "Delivery Note"):
				continue
			yield row, df


def check_links_of_same_customer(doc):
	customer = doc.get("customer")
	if not customer:
		return
	for row, df in _links_to_check(doc):
		value = row.get(df.fieldname)
		owners = record_customers(df.options, value)
		if owners is None or customer in owners:
			continue
		label = _(df.label or df.fieldname)
		if row is not doc:
			label = _("{0}, row {1}: {2}").format(_(row.meta.name), row.idx, label)
		frappe.throw(
			_("{0}: {1} does not belong to customer {2}").format(label, value, customer),
			RecordOfAnotherCustomer,
		)
