"""Values as the SQE portal shows them: free text as typed, numbers, times, days, people."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, flt, get_datetime, getdate

from cs_service.integrity.text import as_typed


def shown_text(value) -> str:
	"""Free text as typed (the portal's templates escape it)."""
	return as_typed(str(value)).strip() if value not in (None, "") else ""


def shown_number(value) -> str:
	value = flt(value)
	return str(int(value)) if value == int(value) else f"{value:g}"


def when(value) -> str:
	return get_datetime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def day(value) -> str:
	return getdate(value).isoformat() if value else ""


def yes_no(value) -> str:
	return _("Yes") if cint(value) else _("No")


def full_name(user: str | None) -> str:
	if not user:
		return ""
	return shown_text(frappe.db.get_value("User", user, "full_name") or user)


def present(pairs) -> list[dict]:
	"""The label / value pairs that have a value (numbers count, also 0)."""
	return [{"label": label, "value": value} for label, value in pairs if value not in (None, "")]
