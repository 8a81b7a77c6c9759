"""Free text stays text (R-US-1): what somebody types into a sheet is shown as they typed it
in the desk, the e-mail to QA and the printed sheet, never as markup.

Frappe's own filter runs after ``validate`` and only strips what it finds dangerous; the
desk's list and read-only views then render the rest as HTML. So the app's plain-text
fields keep ``<`` and ``>`` as entities, which every view shows as the characters typed.
"""

from __future__ import annotations

# Autocomplete (shop, station, shift, time zone) is typed text too (a station
# ``<img src=x onerror=...>`` showed as markup in the list view, the print and the QA e-mail).
PLAIN_TEXT_TYPES = ("Data", "Small Text", "Text", "Long Text", "Autocomplete")
NOT_FREE_TEXT_OPTIONS = ("Email", "URL", "Phone", "Name")


def escape_markup(value: str) -> str:
	return value.replace("<", "&lt;").replace(">", "&gt;")


def as_typed(value):
	"""The text as it was typed (what :func:`escape_markup` stored), for a view that escapes
	what it shows itself: the SQE portal's autoescaped templates, and as the Jinja filter
	``as_typed`` (hooks) the print formats and e-mails, which print ``value | as_typed | e``. Not a text: returned as it is (``None`` as empty)."""
	if value is None:
		return ""
	if not isinstance(value, str):
		return value
	return value.replace("&lt;", "<").replace("&gt;", ">")


def validate(doc, method=None):
	"""doc_events validate of the module's DocTypes: the record and its rows."""
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.fields:
			if df.fieldtype not in PLAIN_TEXT_TYPES or df.options in NOT_FREE_TEXT_OPTIONS:
				continue
			value = row.get(df.fieldname)
			if isinstance(value, str) and ("<" in value or ">" in value):
				row.set(df.fieldname, escape_markup(value))
