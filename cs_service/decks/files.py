"""The slide decks of a Monthly Quality Report as private Files (R-RP-3).

The built decks are attached to the report as private ``.pptx`` Files (Frappe's File
DocType), one per Attach field. The files of the decks they replace leave the database in
the same transaction, and their content leaves the disk only after the commit, so a
rollback finds the old decks whole.
"""

from __future__ import annotations

from functools import partial

import frappe
from frappe.utils.file_manager import delete_file

# The report's Attach field of each deck -> the suffix of its file name; the builders are in
# cs_service.decks.contents.BUILDERS
DECKS = {
	"quality_deck": "delivery-quality",
	"line_stop_deck": "line-stops",
}


def attach(doc, contents: dict[str, bytes]) -> None:
	"""Attach the built decks ``contents`` (by Attach field) to the report ``doc`` as private
	Files and set its fields to them (in memory; the caller saves, in the transaction that
	removed the records of the files they replace)."""
	old = deck_files(doc, current_only=False)
	for fieldname, suffix in DECKS.items():
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{doc.name}-{suffix}.pptx",
				"attached_to_doctype": doc.doctype,
				"attached_to_name": doc.name,
				"attached_to_field": fieldname,
				"is_private": 1,
				"content": contents[fieldname],
			}
		).insert(ignore_permissions=True)
		doc.set(fieldname, file.file_url)
	discard_files_after_commit(old)


def has_decks(doc) -> bool:
	"""Both decks recorded on ``doc``, each with its file."""
	return all(doc.get(fieldname) for fieldname in DECKS) and len(deck_files(doc)) == len(DECKS)


def deck_files(doc, current_only: bool = True) -> list[str]:
	"""Names of the File records of the decks: those the report records now, or (not
	``current_only``) every file attached to a deck field."""
	filters = {
		"attached_to_doctype": doc.doctype,
		"attached_to_name": doc.name,
		"attached_to_field": ("in", list(DECKS)),
	}
	if current_only:
		filters["file_url"] = ("in", [doc.get(fieldname) for fieldname in DECKS if doc.get(fieldname)])
	return frappe.get_all("File", filters=filters, pluck="name", order_by="attached_to_field desc")


def discard_files_after_commit(names: list[str]) -> None:
	"""Remove File records now, in the caller's transaction, and their content from the disk
	only once that transaction is committed (and only if no File uses it then): a rollback
	brings the records back with their content intact. ``frappe.delete_doc`` would delete the
	content at once."""
	for file in (
		frappe.get_all("File", filters={"name": ("in", names)}, fields=["name", "file_url"]) if names else []
	):
		frappe.db.delete("File", {"name": file.name})
		frappe.db.after_commit.add(partial(_delete_unused_content, file.file_url))


def _delete_unused_content(file_url: str) -> None:
	if file_url and not frappe.db.exists("File", {"file_url": file_url}):
		delete_file(file_url)
