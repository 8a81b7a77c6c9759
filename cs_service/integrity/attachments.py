"""An attachment field holds the URL of a File attached to its own document (R-US-1,
R-CT-9).

``doc_events`` validate of every DocType of the module, the record and its rows: an ``Attach`` or
``Attach Image`` value (the sheet's photo, *Customer Part.image*, *Service Photo.photo*, the
decks) that is new or changed must be the ``file_url`` of a File attached to this document (a
row's to its parent). A value such as ``/files/x.png" onerror="...`` broke out of the print
view's ``<img src>``; another document's or another customer's file, an outside URL or a
``javascript:`` link are refused the same way, with the field named.

A document written in the desk before its first save has its files attached to the form's
temporary name (``__temporary_name``, Frappe relinks them after the insert): those of the
uploader count too.
"""

from __future__ import annotations

import frappe
from frappe import _

ATTACH_TYPES = ("Attach", "Attach Image")


class NotAnAttachment(frappe.ValidationError):
	pass


def validate(doc, method=None):
	before = doc.get_doc_before_save() if not doc.is_new() else None
	stored_rows = {row.name: row for row in before.get_all_children()} if before else {}
	for row in [doc, *doc.get_all_children()]:
		stored = before if row is doc else stored_rows.get(row.name)
		for df in row.meta.get("fields", {"fieldtype": ("in", ATTACH_TYPES)}):
			value = row.get(df.fieldname)
			if not value or (stored is not None and stored.get(df.fieldname) == value):
				continue
			if not isinstance(value, str) or not attached_here(doc, value):
				frappe.throw(_message(doc, row, df), exc=NotAnAttachment, title=_("Invalid Value"))


def attached_here(doc, url: str) -> bool:
	"""A File of this URL is attached to ``doc`` (or, for a document not saved yet, to the form's
	temporary name by the current user)."""
	if frappe.db.exists(
		"File", {"file_url": url, "attached_to_doctype": doc.doctype, "attached_to_name": doc.name}
	):
		return True
	temporary = doc.get("__temporary_name")
	return bool(
		temporary
		and frappe.db.exists(
			"File",
			{
				"file_url": url,
				"attached_to_doctype": doc.doctype,
				"attached_to_name": temporary,
				"owner": frappe.session.user,
			},
		)
	)


def _message(doc, row, df) -> str:
	label = _(df.label or df.fieldname)
	if row is not doc:
		table = doc.meta.get_field(row.parentfield)
		label = _("{0}, row {1}: {2}").format(_(table.label if table else row.doctype), row.idx, label)
	return _("{0}: attach the file to this document first, then choose it").format(label)
