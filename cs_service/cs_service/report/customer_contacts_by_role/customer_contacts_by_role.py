# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Customer Contacts by Role (R-PL-5): the customer's people, per site and shop, by their role at
the customer (SQE, project / product / logistics engineer, incoming inspection, section chief,
team leader, operator), from ERPNext Contacts linked to the Customer."""

from __future__ import annotations

import frappe
from frappe import _

from cs_service.access.roles import is_outsider

ROLES = (
	"SQE",
	"Project Engineer",
	"Product Engineer",
	"Logistics Engineer",
	"Incoming Inspection",
	"Section Chief",
	"Team Leader",
	"Operator",
)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 140,
		},
		{
			"fieldname": "customer_site",
			"label": _("Customer Site"),
			"fieldtype": "Link",
			"options": "Customer Site",
			"width": 140,
		},
		{"fieldname": "role", "label": _("Role at the Customer"), "fieldtype": "Data", "width": 140},
		{"fieldname": "shop", "label": _("Shop"), "fieldtype": "Data", "width": 120},
		{
			"fieldname": "contact",
			"label": _("Contact"),
			"fieldtype": "Link",
			"options": "Contact",
			"width": 140,
		},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 140},
		{"fieldname": "designation", "label": _("Designation"), "fieldtype": "Data", "width": 120},
		{"fieldname": "mobile_no", "label": _("Mobile No"), "fieldtype": "Data", "width": 120},
		{"fieldname": "phone", "label": _("Phone"), "fieldtype": "Data", "width": 120},
		{"fieldname": "email_id", "label": _("Email"), "fieldtype": "Data", "width": 180},
	]


def get_data(filters: frappe._dict) -> list[dict]:
	if is_outsider(frappe.session.user):
		return []
	frappe.has_permission("Contact", "read", throw=True)
	contact = frappe.qb.DocType("Contact")
	link = frappe.qb.DocType("Dynamic Link")
	query = (
		frappe.qb.from_(contact)
		.join(link)
		.on(
			(link.parent == contact.name) & (link.parenttype == "Contact") & (link.link_doctype == "Customer")
		)
		.select(
			link.link_name.as_("customer"),
			contact.cs_customer_site.as_("customer_site"),
			contact.cs_customer_role.as_("role"),
			contact.cs_shop.as_("shop"),
			contact.name.as_("contact"),
			contact.full_name,
			contact.designation,
			contact.mobile_no,
			contact.phone,
			contact.email_id,
		)
	)
	if filters.get("customer"):
		query = query.where(link.link_name == filters.customer)
	if filters.get("customer_site"):
		query = query.where(contact.cs_customer_site == filters.customer_site)
	if filters.get("role"):
		query = query.where(contact.cs_customer_role == filters.role)
	if filters.get("shop"):
		query = query.where(contact.cs_shop == filters.shop)
	rows = query.run(as_dict=True)
	order = {role: i for i, role in enumerate(ROLES)}
	rows.sort(
		key=lambda r: (r.customer, r.customer_site or "", order.get(r.role, len(ROLES)), r.full_name or "")
	)
	return rows
