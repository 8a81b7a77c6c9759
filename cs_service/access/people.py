"""Who an outsider finds of other people (R-CT-9, R-US-2): no other person -- not our staff, not
another customer's SQE (hooks.has_permission and permission_query_conditions of User)."""

from __future__ import annotations

import frappe

from cs_service.access.roles import is_outsider


def user_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of User: an external user finds no other person (the users
	list, link searches, the energy-point leaderboard) -- not our staff, not another
	customer's SQE. Our users see what Frappe shows them."""
	user = user or frappe.session.user
	if not is_outsider(user):
		return ""
	return f"`tabUser`.`name` = {frappe.db.escape(user)}"


def user_has_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool | None:
	"""has_permission of User: an external user reaches their own user record only."""
	user = user or frappe.session.user
	if is_outsider(user) and doc.get("name") != user:
		return False
	return None
