"""A document's rows are its own, and a row is read only by who may read its record (R-CT-9).

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
from frappe.model.document import Document

from cs_service.access.roles import is_outsider
from cs_service.access.scope import customers_of, record_customers


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


class ScopedChildRow(Document):
	"""Base of every child table of the module.

	Frappe checks a child row read on its own (``/api/resource/<child>/<name>``) against the
	parent *DocType* only, not against the parent record, so an outsider with read on the
	parent DocType would read any customer's rows. The row asks the customer scope first,
	and for a row of an engineer's personal record whether the record is the user's own."""

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		from cs_service.access import personal

		user = user or frappe.session.user
		if is_outsider(user):
			owners = record_customers(self.doctype, self.name, self)
			if not owners or not owners <= set(customers_of(user)):
				return False
		if not personal.row_allowed(self, user):
			return False
		return super().has_permission(permtype, debug=debug, user=user)
