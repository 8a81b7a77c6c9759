"""A document's rows are its own (R-CT-9).

Frappe saves a document's child rows by their ``name`` (``Document.update_child_table`` ->
``db_update`` ... ``where name = %s``): a client that sends, in the rows of a document it may
write, the ``name`` of a row of *another* document rewrites that row and moves it to its own
document, and the other document loses it. Such a row is refused, with the table named and
nothing of the other document, before anything is written. A ``doc_event`` of every DocType of
the module (hooks.py), on every save: validate, and the update of a submitted document.
"""

from __future__ import annotations

import frappe
from frappe import _


class RowOfAnotherDocument(frappe.ValidationError):
	pass


def check_own_rows(doc, method=None):
	"""Every row that carries the name of a stored row is a row of this document's table."""
	for df in doc.meta.get_table_fields():
		named = {row.name: row for row in doc.get(df.fieldname) or [] if row.get("name")}
		if not named:
			continue
		for stored in frappe.get_all(
			df.options,
			filters={"name": ("in", list(named))},
			fields=["name", "parent", "parenttype", "parentfield"],
		):
			if (stored.parent, stored.parenttype, stored.parentfield) != (
				str(doc.name),
				doc.doctype,
				df.fieldname,
			):
				frappe.throw(
					_(
						"{0}: row {1} is a row of another document. Add it as a new row, without its name."
					).format(_(df.label or df.fieldname), named[stored.name].idx),
					RowOfAnotherDocument,
					title=_("Not Permitted"),
				)
