"""What a customer's SQE, an outsider, gets of a DocType (R-CT-9, R-US-2): no right in
the code's own checks, and the gate's refusal over HTTP."""

from __future__ import annotations

import frappe
import pytest

RIGHTS = ("read", "select", "write", "create", "delete", "report", "print")


def assert_no_right(user: str, doctype: str, name: str | None = None):
	"""``user`` holds no right on ``doctype`` (nor on the record ``name``), and lists nothing."""
	for right in RIGHTS:
		assert not frappe.has_permission(doctype, right, user=user), (doctype, right)
	if name:
		assert not frappe.has_permission(doctype, "read", doc=name, user=user), (doctype, name)
	current = frappe.session.user
	frappe.set_user(user)
	try:
		with pytest.raises(frappe.PermissionError):
			frappe.get_list(doctype, limit_page_length=1)
		if name:
			with pytest.raises(frappe.PermissionError):
				frappe.get_doc(doctype, name).check_permission("read")
	finally:
		frappe.set_user(current)


def refused_by_the_gate(response) -> bool:
	"""A 403 of the outsiders' gate (cs_service.access.gate.OutsiderRefused)."""
	answer = response.json() if callable(response.json) else response.json
	return response.status_code == 403 and answer.get("exc_type") == "OutsiderRefused"
