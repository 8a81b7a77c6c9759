"""Doors of Frappe 15.70 that stay open to every logged-in user, shut for our own people too
(R-CT-9, R-US-2).

The outsiders' gate (:mod:`cs_service.access.gate`) keeps a customer's SQE away from all of
these; what follows holds for the users of the desk (our staff and the rest of the company's
ERPNext users), where Frappe 15.70 lacks the fix:

- **Link search** (``frappe.desk.search.search_link`` / ``search_widget``) turns the client's
  ``ignore_user_permissions`` into *ignore every permission* for any user with read on the
  DocType, skipping our scope hooks. The flag is honoured only when the form it comes from
  (``reference_doctype``) has a Link field to that DocType that ignores user permissions, as
  Frappe v16 does (frappe#34995); otherwise the search applies the permissions.
- **A File that points at another's private file**: ``upload_file`` with only a ``file_url``
  (or a REST insert of a File, or any save of a File) made a File owned by the caller that
  points at the bytes of somebody else's private file, and ``/private/files/...`` then served
  them to its owner. Making a File from the URL of a private file needs a File of that URL the
  user may read (:func:`file_has_permission`, asked on the URL the caller gave, before Frappe
  reads the file); and a File that ends up on the URL of a private file other Files use needs
  one of them readable, however it was made, permissions ignored too (:func:`validate_file`, a
  ``doc_event`` of File). This also keeps the monthly decks, whose names are predictable, from
  anybody without read on their Monthly Quality Report.
- **The list sidebar's counts** (``frappe.desk.listview.get_group_by_count``): for
  ``assigned_to`` Frappe counts over every record matching the filters, without any permission:
  an oracle over any field of any record that names our staff. Here it counts over the records
  the user's list shows, and only fields the user may read.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.core.doctype.file.file import has_permission as frappe_file_permission

from cs_service.access.arguments import BadArgument, existing_name, json_argument, whole_number

PRIVATE_FILES = "/private/files/"


class FileNotYours(frappe.PermissionError):
	pass


# ---------------------------------------------------------------- link search


def honours_ignore_user_permissions(doctype: str, reference_doctype: str | None) -> bool:
	"""Whether the form ``reference_doctype`` has a Link field to ``doctype`` that ignores user
	permissions (custom fields included)."""
	if not reference_doctype or not isinstance(reference_doctype, str):
		return False
	if not frappe.db.exists("DocType", reference_doctype):
		return False
	meta = frappe.get_meta(reference_doctype)
	return bool(meta.get("fields", {"fieldtype": "Link", "options": doctype, "ignore_user_permissions": 1}))


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
) -> list:
	from frappe.desk import search

	doctype, filters, page_length, searchfield = search_arguments(doctype, filters, page_length, searchfield)
	return search.search_link(
		doctype,
		txt if isinstance(txt, str) else "",
		query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=bool(ignore_user_permissions)
		and honours_ignore_user_permissions(doctype, reference_doctype),
	)


def search_arguments(doctype, filters, page_length, searchfield):
	"""The search's arguments of the right kinds, or a refusal naming the argument
	(Frappe's own search ended in an error of the server on a filter that is not JSON)."""
	existing_name("DocType", doctype)
	filters = json_argument(filters, "Filters")
	if filters is not None and not isinstance(filters, dict | list):
		frappe.throw(_("{0}: not valid JSON").format(_("Filters")), BadArgument)
	if searchfield not in (None, "") and (
		not isinstance(searchfield, str) or not frappe.get_meta(doctype).has_field(searchfield)
	):
		frappe.throw(_("{0}: not a field of {1}").format(_("Search Field"), _(doctype)), BadArgument)
	return (
		doctype,
		filters,
		whole_number(page_length, "Page Length", 10, lowest=1, highest=500),
		searchfield or None,
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	from frappe.desk import search

	doctype, filters, page_length, searchfield = search_arguments(doctype, filters, page_length, searchfield)
	filter_fields = json_argument(filter_fields, "Filter Fields")
	if filter_fields is not None and not (
		isinstance(filter_fields, list) and all(isinstance(f, str) for f in filter_fields)
	):
		frappe.throw(_("{0}: must be a list of field names").format(_("Filter Fields")), BadArgument)
	return search.search_widget(
		doctype,
		txt if isinstance(txt, str) else "",
		query,
		searchfield=searchfield,
		start=whole_number(start, "Start", 0, highest=10**9),
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=bool(ignore_user_permissions)
		and honours_ignore_user_permissions(doctype, reference_doctype),
	)


# ---------------------------------------------------------------- files


def file_has_permission(doc, ptype=None, user=None, debug=False):
	"""has_permission of File, for ``create``: a File made from the URL of a private file (no
	content of its own: ``upload_file`` with a ``file_url``, a REST insert) needs a File of that
	URL the user may read. Asked before Frappe reads the file (File.before_insert), on the URL the
	caller gave. None (no opinion) otherwise."""
	if ptype != "create" or doc is None or doc.get("is_folder") or doc.get("content"):
		return None
	url = doc.get("file_url") or ""
	if url.startswith(PRIVATE_FILES) and not may_read_a_file_of(url, user):
		refuse_file()
	return None


def validate_file(doc, method=None):
	"""doc_events validate of File, after Frappe has read or stored the bytes: a File that ends
	up on the URL of a private file other Files use (whichever way it was made, with permissions
	ignored too) needs one of those Files the user may read, unless the user sent these very
	bytes in this request's upload."""
	url = doc.file_url or ""
	if doc.is_folder or not url.startswith(PRIVATE_FILES):
		return
	if not doc.is_new() and not doc.has_value_changed("file_url"):
		return
	others = frappe.get_all(
		"File",
		filters={"file_url": url, "name": ("!=", doc.name or "")},
		fields=["name", "content_hash"],
	)
	if not others or uploaded_these_bytes(doc, others) or may_read_a_file_of(url, exclude=doc.name):
		return
	refuse_file()


def may_read_a_file_of(url: str, user: str | None = None, exclude: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	names = frappe.get_all("File", filters={"file_url": url, "name": ("!=", exclude or "")}, pluck="name")
	return any(frappe_file_permission(frappe.get_doc("File", name), "read", user=user) for name in names)


def uploaded_these_bytes(doc, others) -> bool:
	"""Frappe's upload of a file's content (``upload_file`` with the file itself, no URL) that
	Frappe stored under an existing file of the same content: the user sent those bytes."""
	return (
		getattr(frappe.local, "uploaded_file", None) is not None
		and not getattr(frappe.local, "uploaded_file_url", None)
		and bool(doc.content_hash)
		and all(f.content_hash == doc.content_hash for f in others)
	)


def refuse_file():
	frappe.throw(
		_("File URL: this file is not yours to use. Upload the file itself instead."),
		FileNotYours,
		title=_("Not Permitted"),
	)


# ---------------------------------------------------------------- the list sidebar's counts


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	from frappe.desk import listview

	existing_name("DocType", doctype)
	frappe.has_permission(doctype, "read", throw=True)
	filters = json_argument(current_filters, "Filters")
	if filters is not None and not isinstance(filters, dict | list):
		frappe.throw(_("{0}: not valid JSON").format(_("Filters")), BadArgument)
	if not isinstance(field, str) or (
		field != "assigned_to" and not frappe.get_meta(doctype).has_field(field)
	):
		frappe.throw(_("{0}: not a field of {1}").format(_("Field"), _(doctype)), BadArgument)
	if field != "assigned_to":
		meta = frappe.get_meta(doctype)
		df = meta.get_field(field)
		if df and df.permlevel not in meta.get_permlevel_access("read"):
			frappe.throw(_("{0}: not a field you may read").format(field), frappe.PermissionError)
		return listview.get_group_by_count(doctype, current_filters, field)
	return assigned_to_count(doctype, filters)


def assigned_to_count(doctype: str, filters) -> list[dict]:
	"""Frappe's count of open assignments per user, over the records the user's list shows."""
	records = frappe.get_list(doctype, filters=filters, fields=[f"`tab{doctype}`.`name`"], run=0)
	# the subquery is Frappe's own list query (its values escaped); no parameters are passed
	# below, so its % characters reach the database as they are
	return frappe.db.sql(
		f"""select `tabToDo`.`allocated_to` as name, count(*) as count
		from `tabToDo` join `tabUser` on `tabUser`.`name` = `tabToDo`.`allocated_to`
		where `tabToDo`.`status` != 'Cancelled' and `tabUser`.`user_type` = 'System User'
			and `tabToDo`.`reference_type` = {frappe.db.escape(doctype)}
			and `tabToDo`.`reference_name` in ({records})
		group by `tabToDo`.`allocated_to`
		order by count desc
		limit 50""",  # nosemgrep
		as_dict=True,
	)
