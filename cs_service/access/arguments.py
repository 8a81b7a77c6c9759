"""Arguments of the app's whitelisted methods, read or refused with a clear message.

A fuzz run over HTTP sent every method of the app wrong types: a JSON that does not parse, a
number where a name goes, an unknown field of a leaderboard. Each method reads its arguments
through these helpers, which refuse with a translated message naming the argument (HTTP 417 or
404) instead of an error of the server.
"""

from __future__ import annotations

import frappe
from frappe import _


class BadArgument(frappe.ValidationError):
	pass


def json_argument(value, label: str):
	"""``value`` parsed from JSON when it is a text (a dict or list as it is)."""
	if value is None or value == "" or isinstance(value, dict | list):
		return value or None
	if not isinstance(value, str):
		frappe.throw(_("{0}: not valid JSON").format(_(label)), BadArgument)
	try:
		return frappe.parse_json(value)
	except ValueError:
		frappe.throw(_("{0}: not valid JSON").format(_(label)), BadArgument)


def existing_name(doctype: str, value) -> str:
	"""The name of an existing record of ``doctype``, else DoesNotExistError (404)."""
	if not isinstance(value, str) or not value or not frappe.db.exists(doctype, value):
		frappe.throw(
			_("{0} {1} not found").format(_(doctype), value if isinstance(value, str) else ""),
			frappe.DoesNotExistError,
		)
	return value


def whole_number(value, label: str, default: int | None = None, lowest: int = 0, highest: int = 10_000):
	"""A whole number between ``lowest`` and ``highest`` (``default`` when empty)."""
	if value in (None, ""):
		return default
	try:
		number = int(str(value).strip())
	except ValueError:
		number = None
	if number is None or not lowest <= number <= highest:
		frappe.throw(
			_("{0}: must be a whole number between {1} and {2}").format(_(label), lowest, highest),
			BadArgument,
		)
	return number
