"""Personal staff records: an engineer reads only their own (R-ST-5).

Registered in hooks.py next to the customer scope for the DocTypes of
:data:`cs_service.staff.PERSONAL` and their child tables. The CS Manager and the System
Manager see every engineer's records; anybody else only the records about themselves,
judged on the *stored* record.
"""

from __future__ import annotations

import frappe

from cs_service.access.doctypes import module_doctypes, parents_of
from cs_service.access.roles import is_site_admin
from cs_service.staff import PERSONAL


def personal_children() -> dict[str, str]:
	"""{child DocType: its personal parent DocType}."""
	return {
		child: parent
		for child, mod in module_doctypes().items()
		if mod.istable
		for parent in parents_of(child)
		if parent in PERSONAL
	}


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if is_site_admin(user):
		return ""
	who = frappe.db.escape(user)
	if doctype in PERSONAL:
		return f"`tab{doctype}`.`{PERSONAL[doctype]}` = {who}"
	parent = personal_children().get(doctype)
	if parent:
		return (
			f"(`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)} and `tab{doctype}`.`parent` in "
			f"(select `name` from `tab{parent}` where `{PERSONAL[parent]}` = {who}))"
		)
	return ""


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool | None:
	"""False for another engineer's record; None (no opinion) otherwise."""
	user = user or frappe.session.user
	if doc.doctype not in PERSONAL or is_site_admin(user):
		return None
	field = PERSONAL[doc.doctype]
	stored = frappe.db.get_value(doc.doctype, doc.name, field) if doc.get("name") else None
	if stored is not None:
		return None if stored == user else False
	return None if doc.get(field) in (None, "", user) else False


def row_allowed(row, user: str) -> bool:
	"""A child row read on its own: allowed when its parent record is the user's own."""
	parent = personal_children().get(row.doctype)
	if not parent or is_site_admin(user):
		return True
	return frappe.db.get_value(parent, row.get("parent"), PERSONAL[parent]) == user
