"""The registry of what the demo made: one *CS Demo Record* per key.

- *Made*: a record the demo made; removed by :func:`remove_all`, newest first (a submitted one is
  cancelled first, through its controller, so the figures and the ledger take it back).
- *Note*: what the demo noted, e.g. the record counts before it ran.

A key made once is never made again: running the demo twice makes nothing twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import frappe
from frappe import _
from frappe.utils import now_datetime

DOCTYPE = "CS Demo Record"
MADE = "Made"
NOTE = "Note"

# Records the app and Frappe make beside a demo record (by its reference), removed with it.
SIDE_RECORDS = (
	("Version", "ref_doctype", "docname"),
	("Comment", "reference_doctype", "reference_name"),
	("Communication", "reference_doctype", "reference_name"),
	("Email Queue", "reference_doctype", "reference_name"),
	("Notification Log", "document_type", "document_name"),
	("ToDo", "reference_type", "reference_name"),
	("Workflow Action", "reference_doctype", "reference_name"),
	("CS Alert Message", "reference_doctype", "reference_name"),
	("CS Job Record", "reference_doctype", "reference_name"),
	("File", "attached_to_doctype", "attached_to_name"),
	("Deleted Document", "deleted_doctype", "deleted_name"),
)
# Records Frappe deletes along with a demo record (a user's, a site's), besides those it booked.
CASCADED = (
	"Staff Violation",
	"Engineer Qualification",
	"Contact",
	"Notification Settings",
	"User Permission",
	"File",
)
# The record counts the demo prints before it runs and after its removal.
COUNTED = (
	"User",
	"User Permission",
	"Customer",
	"Item",
	"Contact",
	"Stock Entry",
	"Delivery Note",
	"Stock Ledger Entry",
	"GL Entry",
	"Repost Item Valuation",
	"Customer Site",
	"Quality Feedback Sheet",
	"Suspect Part Slip",
	"Containment Screening",
	"Service Confirmation Sheet",
	"Staff Violation",
	"Engineer Qualification",
	"Annual Service Plan",
	"Customer Visit Log",
	"Shift Handover Record",
	"CS 8D Report",
	"Monthly Quality Report",
	"CS Quality Figure",
	"File",
	"Email Queue",
	"Email Queue Recipient",
	"Version",
	"Comment",
	"Communication",
	"Notification Log",
	"ToDo",
	"Workflow Action",
	"Deleted Document",
	"Activity Log",
	"Error Log",
	"Item Price",
	"Bin",
	"CS Demo Record",
)


def made(key: str) -> str | None:
	"""The name of the record made under ``key``, if it still exists."""
	row = frappe.db.get_value(DOCTYPE, key, ["reference_doctype", "reference_name", "kind"], as_dict=True)
	if not row:
		return None
	if row.kind == MADE and not frappe.db.exists(row.reference_doctype, row.reference_name):
		frappe.db.delete(DOCTYPE, {"name": key})  # removed by hand since: made again
		return None
	return row.reference_name


def keep(key: str, doctype: str, name: str, step: str, kind: str = MADE, previous_value=None):
	frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"demo_key": key,
			"step": step,
			"kind": kind,
			"reference_doctype": doctype,
			"reference_name": name,
			"previous_value": previous_value,
		}
	).insert(ignore_permissions=True)  # the demo's own bookkeeping


def counts() -> dict[str, int]:
	return {doctype: frappe.db.count(doctype) for doctype in COUNTED if frappe.db.table_exists(doctype)}


def note_counts():
	if not frappe.db.exists(DOCTYPE, "counts-before"):
		keep("counts-before", "DocType", DOCTYPE, "start", NOTE, json.dumps(counts()))


def counts_before() -> dict[str, int]:
	value = frappe.db.get_value(DOCTYPE, "counts-before", "previous_value")
	return json.loads(value) if value else {}


def remove_all(progress: Callable[[str], None]) -> int:
	"""Remove every record the demo made, newest first, and put back what it changed; one record
	per transaction. Returns how many were removed."""
	removed = 0
	rows = frappe.get_all(
		DOCTYPE,
		fields=["name", "reference_doctype", "reference_name", "kind", "previous_value", "step"],
		order_by="creation desc, name desc",
	)
	ledger_setting = frappe.db.get_single_value("Accounts Settings", "delete_linked_ledger_entries")
	# ERPNext deletes a cancelled transaction's ledger entries with it only when asked to
	frappe.db.set_single_value("Accounts Settings", "delete_linked_ledger_entries", 1)
	parties = {"customer": [], "item": []}
	started = now_datetime()
	try:
		for row in rows:
			if row.kind == MADE:
				if row.reference_doctype in ("Customer", "Item"):
					parties[row.reference_doctype.lower()].append(row.reference_name)
				done = remove_one(row.reference_doctype, row.reference_name)
				removed += done
				if done and removed % 20 == 0:
					progress(_("{0} records removed").format(removed))
			if row.name != "counts-before":
				frappe.db.delete(DOCTYPE, {"name": row.name})
			frappe.db.commit()  # nosemgrep: a command, one record per transaction
		# the monthly figures the demo's deliveries and sheets kept (all zero once they are cancelled)
		for field, names in parties.items():
			if names:
				frappe.db.delete("CS Quality Figure", {field: ("in", names)})
		# ERPNext's queue of valuation reposts its back-dated deliveries asked for: of parts that
		# are gone, they would fail in the hourly job
		if parties["item"]:
			for repost in frappe.get_all(
				"Repost Item Valuation", filters={"item_code": ("in", parties["item"])}, pluck="name"
			):
				remove_side_records("Repost Item Valuation", repost)
				frappe.db.delete("Repost Item Valuation", {"name": repost})
				frappe.db.delete(
					"Comment", {"reference_doctype": "Repost Item Valuation", "reference_name": repost}
				)
		# the feed's "Deleted" comments of this removal (they name the record in their subject only)
		touched = {row.reference_doctype for row in rows} | set(CASCADED)
		frappe.db.delete(
			"Comment",
			{
				"comment_type": "Deleted",
				"reference_doctype": ("in", list(touched)),
				"owner": frappe.session.user,
				"creation": (">=", started),
			},
		)
		frappe.db.delete(DOCTYPE, {"name": "counts-before"})
	finally:
		frappe.db.set_single_value("Accounts Settings", "delete_linked_ledger_entries", ledger_setting)
		frappe.db.commit()  # nosemgrep
	return removed


def booked_for(doctype: str, name: str) -> list[tuple[str, str]]:
	"""What the app and Frappe made because of a demo record: the violations its source or
	engineer booked, the engineer's qualification, the user's contact and notification settings,
	the User Permissions a site gave its SQEs."""
	found = [
		("Staff Violation", v)
		for v in frappe.get_all(
			"Staff Violation", filters={"source_doctype": doctype, "source_name": name}, pluck="name"
		)
	]
	if doctype == "User":
		found += [
			("Staff Violation", v)
			for v in frappe.get_all("Staff Violation", filters={"engineer": name}, pluck="name")
		]
		if frappe.db.exists("Engineer Qualification", name):
			found.append(("Engineer Qualification", name))
		# the contact and notification settings Frappe makes for a new user
		found += [("Contact", c) for c in frappe.get_all("Contact", filters={"user": name}, pluck="name")]
		found += [("Contact", c) for c in frappe.get_all("Contact", filters={"email_id": name}, pluck="name")]
		if frappe.db.exists("Notification Settings", name):
			found.append(("Notification Settings", name))
	if doctype == "Customer Site":  # the SQEs' User Permissions the site gave (customer_scope)
		site = frappe.get_doc(doctype, name)
		users = [row.user for row in site.sqe_users]
		if users:
			found += [
				("User Permission", p)
				for p in frappe.get_all(
					"User Permission",
					filters={"user": ("in", users), "allow": "Customer", "for_value": site.customer},
					pluck="name",
				)
			]
	return found


def remove_one(doctype: str, name: str) -> int:
	if not frappe.db.exists(doctype, name):
		return 0
	for booked_doctype, booked_name in dict.fromkeys(booked_for(doctype, name)):
		remove_one(booked_doctype, booked_name)
	doc = frappe.get_doc(doctype, name)
	if doc.docstatus == 1:
		doc.flags.ignore_permissions = True
		doc.flags.ignore_links = True
		doc.cancel()
	remove_side_records(doctype, name)
	frappe.delete_doc(doctype, name, ignore_permissions=True, force=True, delete_permanently=True)
	# what Frappe wrote about the deletion ("Attachment Removed"; "Deleted": see remove_all) and the
	# user's logins
	frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": name})
	if doctype == "User":
		frappe.db.delete("Activity Log", {"user": name})
	return 1


def remove_side_records(doctype: str, name: str):
	"""The versions, comments, e-mails, files... that refer to a record (:data:`SIDE_RECORDS`).

	A Deleted Document goes only when it was written since the record was made: an older one is
	a record of the same name that somebody deleted before (Frappe gives the name of the newest
	record of a series again once it is deleted), and stays in the site's recycle bin."""
	made_at = frappe.db.get_value(doctype, name, "creation")
	for side, type_field, name_field in SIDE_RECORDS:
		if side == "Deleted Document":
			if made_at:
				frappe.db.delete(side, {type_field: doctype, name_field: name, "creation": (">=", made_at)})
		elif side == "File":  # through its controller: the file on the disk goes too
			for file in frappe.get_all("File", filters={type_field: doctype, name_field: name}, pluck="name"):
				frappe.delete_doc("File", file, ignore_permissions=True, force=True, delete_permanently=True)
		elif side == "Email Queue":  # and its recipients (a child table)
			queued = frappe.get_all(side, filters={type_field: doctype, name_field: name}, pluck="name")
			if queued:
				frappe.db.delete("Email Queue Recipient", {"parent": ("in", queued)})
				frappe.db.delete(side, {"name": ("in", queued)})
		elif side != doctype and frappe.db.table_exists(side):
			frappe.db.delete(side, {type_field: doctype, name_field: name})
