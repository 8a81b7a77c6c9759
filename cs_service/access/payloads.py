"""What a request writes into a record of the module has the shape of the record.

Frappe builds a document from a REST body before any hook of the document runs: a table given
as a text, a text given as a list, a number given as a word reached Frappe's own code or our
controllers' first comparisons and ended as HTTP 500 (a fuzz run over HTTP found them). This
``auth_hooks`` hook runs after the login and before the request is routed, for the REST routes
of the module's DocTypes (``/api/resource``, ``/api/v2/document``) and for their controllers'
methods (``run_doc_method``), and refuses a body of the wrong shape with one translated message
naming the field:

- a table is a list of rows (objects), each row checked as a record of the child DocType;
- a text, a link, a choice, a date is a text (a number is taken as its text), never a list or
  an object; a date or time is one Frappe reads, between the years 1900 and 2199;
- a number is a number (a numeric text is taken as its number; empty is none);
- a controller's method takes only the arguments it names.

The values themselves are judged later by the documents (bounds, links, customers...).
"""

from __future__ import annotations

import inspect
import json
import re
from datetime import datetime
from urllib.parse import unquote

import frappe
from frappe import _

from cs_service.access.doctypes import module_doctypes

ROUTE = re.compile(r"^/api/(?:resource|v2/document)/([^/]+)(?:/([^/]+))?/?$")
WRITES = ("POST", "PUT", "PATCH")
NUMBER_TYPES = ("Int", "Long Int", "Float", "Currency", "Percent", "Check", "Rating")
DATE_TYPES = ("Date", "Datetime", "Time")
TABLE_TYPES = ("Table", "Table MultiSelect")
NO_VALUE = ("Section Break", "Column Break", "Tab Break", "HTML", "Button", "Fold", "Heading")
YEARS = (1900, 2199)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?$")
TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?$")


class BadPayload(frappe.ValidationError):
	pass


def check():
	"""``auth_hooks``: refuse a write to a record of the module, or a call of its controller's
	method, whose body does not have the record's (or the method's) shape."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return
	path = unquote(request.path or "")
	if request.method in WRITES and (match := ROUTE.match(path)):
		doctype = match.group(1)
		if doctype in module_doctypes():
			check_body(doctype, v2=path.startswith("/api/v2/"))
	elif path.rstrip("/").endswith("/run_doc_method") or frappe.form_dict.get("cmd") == "run_doc_method":
		check_method_call()


def check_body(doctype: str, v2: bool = False):
	"""The body as Frappe's REST handler will read it, checked and written back cleaned: v1
	reads ``form_dict.data`` (else the raw body), v2 the ``form_dict`` itself."""
	if v2:
		frappe.form_dict.update(clean_record(doctype, dict(frappe.form_dict), None))
		return
	data = frappe.form_dict.get("data")
	raw = frappe.safe_decode(frappe.local.request.get_data() or b"") or "{}" if data is None else data
	try:
		body = json.loads(raw) if isinstance(raw, str) else raw
	except ValueError:
		body = None
	if not isinstance(body, dict):
		_refuse(_("The request body is not a JSON object"))
	frappe.form_dict["data"] = json.dumps(clean_record(doctype, body, None))


def clean_record(doctype: str, values: dict, row_label: str | None) -> dict:
	meta = frappe.get_meta(doctype)
	cleaned = dict(values)
	for fieldname, value in values.items():
		df = meta.get_field(fieldname) if isinstance(fieldname, str) else None
		if df is None or df.fieldtype in NO_VALUE:
			continue
		label = _(df.label or df.fieldname)
		if row_label:
			label = f"{row_label}: {label}"
		cleaned[fieldname] = clean_value(df, value, label)
	return cleaned


def clean_value(df, value, label: str):
	if value is None:
		return None
	if df.fieldtype in TABLE_TYPES:
		if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
			_refuse(_("{0}: must be a list of rows"), label)
		return [
			clean_record(df.options, row, _("{0}, row {1}").format(label, index))
			for index, row in enumerate(value, 1)
		]
	if isinstance(value, dict | list):
		_refuse(_("{0}: must be a single value, not a list"), label)
	if df.fieldtype in NUMBER_TYPES:
		return clean_number(value, label)
	if isinstance(value, bool):
		_refuse(_("{0}: must be text"), label)
	if isinstance(value, int | float):
		value = str(value)
	if df.fieldtype in DATE_TYPES:
		return clean_date(df.fieldtype, value, label)
	if df.fieldtype == "Select" and value not in ("", *(df.options or "").split("\n")):
		_refuse(
			_("{0}: choose one of {1}"), label, ", ".join(_(o) for o in (df.options or "").split("\n") if o)
		)
	return value


def clean_number(value, label: str):
	if isinstance(value, bool | int | float):
		return value
	text = value.strip() if isinstance(value, str) else ""
	if not text:
		return None
	try:
		number = float(text)
	except ValueError:
		_refuse(_("{0}: must be a number"), label)
	return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number


def clean_date(fieldtype: str, value: str, label: str):
	"""A date, time or date and time as Frappe stores it (``2026-03-10``, ``10:05:00``,
	``2026-03-10 10:05:00``); Frappe's own reading takes ``-1`` or ``12`` for a day of this month."""
	text = value.strip()
	if not text:
		return None
	if fieldtype == "Time":
		if not TIME.match(text):
			_refuse(_("{0}: not a time"), label)
		return text
	if not DATE.match(text):
		_refuse(_("{0}: not a date"), label)
	try:
		parsed = datetime.fromisoformat(text.replace("T", " ", 1))
	except ValueError:
		_refuse(_("{0}: not a date"), label)
	if not YEARS[0] <= parsed.year <= YEARS[1]:
		_refuse(_("{0}: must be a date between the years {1} and {2}"), label, *YEARS)
	return text


def check_method_call():
	"""A controller's method of the module gets only the arguments it names (Frappe passes any
	argument to it, and an unknown one was a TypeError, HTTP 500)."""
	form = frappe.form_dict
	doctype = form.get("dt") or _doctype_of(form.get("docs"))
	if doctype not in module_doctypes() or not isinstance(form.get("method"), str):
		return
	from frappe.model.base_document import get_controller

	method = getattr(get_controller(doctype), form.method, None)
	if method is None:
		return
	args = form.get("args") or form.get("arg")
	if args in (None, ""):
		return
	try:
		args = frappe.parse_json(args) if isinstance(args, str) else args
	except ValueError:
		args = None
	parameters = [p for p in inspect.signature(method).parameters if p != "self"]
	if not isinstance(args, dict):
		_refuse(_("{0}: the arguments must be named"), form.method)
	unknown = sorted(str(k) for k in args if k not in parameters)
	if unknown:
		_refuse(_("{0}: unknown argument {1}"), form.method, ", ".join(unknown)[:200])


def _doctype_of(docs) -> str | None:
	try:
		doc = frappe.parse_json(docs) if isinstance(docs, str) else docs
	except ValueError:
		return None
	return doc.get("doctype") if isinstance(doc, dict) else None


def _refuse(message: str, *args):
	frappe.throw(message.format(*args), BadPayload, title=_("Invalid Value"))
