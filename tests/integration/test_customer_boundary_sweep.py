"""The customer boundary, swept by construction (issue 9; R-CT-9, R-US-2).

The SQE of customer B tries every path on customer A's data: for every DocType of the
module (parents and child tables, found from the DocType JSON), read, list, write and
move-to-B; for every child table the ``?parent=`` list; every ``@frappe.whitelist`` method
of the app; every report; every number card and dashboard chart. Over REST through a
real HTTP server (gunicorn on loopback) and in-process. A new DocType, method, report or
card is swept without editing this file; a method the sweep cannot call fails it.

A *leak* is an answer that lets B have anything of A: a 2xx answer that carries one of A's
sentinels (A's customer, part, record names, a string written into every record of A), a
read or write that is allowed, a record of A that changed.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from collections import Counter

import frappe
import pytest

import cs_service
from cs_service.module_doctypes import module_doctypes
from tests.integration import boundary_world
from tests.integration.rest import resource

ATTEMPTS: Counter = Counter()
LEAKS: list[str] = []


@pytest.fixture(scope="module")
def world(boundary):
	boundary.stamps = stamps(boundary)
	return boundary


def stamps(w) -> dict:
	"""``modified`` of every record of A, to tell whether anything of A changed."""
	return {(dt, name): frappe.db.get_value(dt, name, "modified") for dt, name in w.created}


def leaked(w, text: str, asked: tuple[str, ...] = ()) -> str | None:
	"""A sentinel of A in ``text``, other than what the request itself named (a refusal may
	repeat the name that was asked for, but nothing else)."""
	for value in asked:
		text = text.replace(value, "")
	return next((s for s in w.sentinels if s and s in text), None)


def record(path: str, what: str, ok: bool):
	ATTEMPTS[path] += 1
	if not ok:
		LEAKS.append(f"{path}: {what}")


def rest(w, method: str, path: str, **kw):
	return w.server.request(method, path, w.credentials[w.sqe_b], **kw)


# ---------------------------------------------------------------- DocTypes


def test_sweep_doctypes(world):
	w = world
	for mod in module_doctypes().values():
		if mod.istable:
			sweep_child(w, mod.name)
		else:
			sweep_parent(w, mod)
	assert stamps(w) == w.stamps, "a record of A changed"


def sweep_parent(w, mod):
	doctype = mod.name
	name = boundary_world.record_of_a(w, doctype)
	# read: in-process and REST
	frappe.set_user(w.sqe_b)
	try:
		allowed = frappe.has_permission(doctype, "read", doc=name, user=w.sqe_b)
	finally:
		frappe.set_user("Administrator")
	record("read", f"{doctype} {name} readable in-process", not allowed)
	response = rest(w, "GET", resource(doctype, name))
	record(
		"read",
		f"{doctype} {name}: REST GET {response.status_code}",
		not response.ok and not leaked(w, response.text, (name,)),
	)
	# list
	if not mod.issingle:
		frappe.set_user(w.sqe_b)
		try:
			names = frappe.get_list(doctype, pluck="name", limit_page_length=0)
		except frappe.PermissionError:
			names = []
		finally:
			frappe.set_user("Administrator")
		record("list", f"{doctype}: in-process list shows {name}", name not in names)
		response = rest(w, "GET", resource(doctype), params={"fields": '["*"]', "limit_page_length": 0})
		record("list", f"{doctype}: REST list {response.status_code}", not leaked(w, response.text))
	# write: a harmless change, in-process and REST
	field = writable_field(doctype)
	wrote = saved_by(w.sqe_b, doctype, name, {field: "changed by B"})
	record("write", f"{doctype} {name}: in-process save by B", not wrote)
	response = rest(w, "PUT", resource(doctype, name), json={field: "changed by B"})
	record(
		"write",
		f"{doctype} {name}: REST PUT {response.status_code}",
		not response.ok and not leaked(w, response.text, (name,)),
	)
	# move to B: the client's values name B's customer and site
	if mod.customer_field:
		response = rest(
			w, "PUT", resource(doctype, name), json={"customer": w.customer_b, "customer_site": w.site_b}
		)
		stored = frappe.db.get_value(doctype, name, "customer")
		record(
			"move",
			f"{doctype} {name}: REST PUT to B {response.status_code}, customer now {stored}",
			not response.ok and stored == w.customer_a and not leaked(w, response.text, (name,)),
		)
		moved = saved_by(w.sqe_b, doctype, name, {"customer": w.customer_b, "customer_site": w.site_b})
		record("move", f"{doctype} {name}: in-process move by B", not moved)


def saved_by(user: str, doctype: str, name: str, values: dict) -> bool:
	"""Whether ``user`` could save ``values`` into the record in-process (rolled back)."""
	frappe.set_user(user)
	try:
		doc = frappe.get_doc(doctype, name)
		doc.update(values)
		doc.save()
		return True
	except (frappe.PermissionError, frappe.ValidationError):
		return False
	finally:
		frappe.set_user("Administrator")
		frappe.db.rollback()


def writable_field(doctype: str) -> str:
	meta = frappe.get_meta(doctype)
	for df in meta.fields:
		if (
			df.fieldtype in ("Data", "Small Text", "Text")
			and not df.read_only
			and df.fieldname != "naming_series"
		):
			return df.fieldname
	return "modified_by"


def sweep_child(w, child: str):
	rows = boundary_world.child_rows(w, child)
	assert rows, f"the sweep's world has no row of A in {child}"
	for parenttype in sorted({r.parenttype for r in rows}):
		names = {r.name for r in rows if r.parenttype == parenttype}
		frappe.set_user(w.sqe_b)
		try:
			listed = set(frappe.get_list(child, parent_doctype=parenttype, pluck="name", limit_page_length=0))
		except frappe.PermissionError:
			listed = set()
		finally:
			frappe.set_user("Administrator")
		record("child list", f"{child} of {parenttype}: in-process list shows A's rows", not names & listed)
		response = rest(
			w,
			"GET",
			resource(child),
			params={"parent": parenttype, "fields": '["*"]', "limit_page_length": 0},
		)
		body = response.text
		record(
			"child list",
			f"{child} of {parenttype}: REST list {response.status_code}",
			not any(n in body for n in names) and not leaked(w, body),
		)
		row = next(iter(names))
		response = rest(w, "GET", resource(child, row))
		record(
			"child list",
			f"{child}: REST GET of a row {response.status_code}",
			not response.ok and not leaked(w, response.text, (row,)),
		)


# ---------------------------------------------------------------- methods


def app_methods() -> list:
	"""Every ``@frappe.whitelist`` function of the app (module functions and DocType methods)."""
	for info in pkgutil.walk_packages(cs_service.__path__, "cs_service."):
		if ".benchmarks" in info.name or info.name.endswith(".hooks"):
			continue
		importlib.import_module(info.name)
	return sorted(
		(fn for fn in frappe.whitelisted if getattr(fn, "__module__", "").startswith("cs_service")),
		key=lambda fn: (fn.__module__, fn.__qualname__),
	)


def arguments(w, fn) -> dict:
	"""Arguments naming A's data, by parameter name; a parameter the sweep cannot fill fails it."""
	known = {
		"suspect_part_slip": w.slip_a,
		"visit_log": w.visit_a,
		"problem": w.visit_problem_a,
		"item": w.part_a,
		"customer": w.customer_a,
		"customer_site": w.site_a,
		"qty": 1,
		"limit": 5,
		"filters": {"customer": w.customer_a, "item_code": w.part_a},
		"doctype": "Delivery Note",
		"txt": "",
		"searchfield": "name",
		"start": 0,
		"page_len": 20,
		"held": 1,
		"missed_areas": "",
		"reason": f"sweep {w.sentinel}",
		"capture": "{}",
		# issue 13: an 8D report of A's sheet, sent to and acknowledged by the customer
		"quality_feedback_sheet": w.sheet_a,
		"recipients": f"sweep-{w.run.lower()}@example.com",
		"message": f"sweep {w.sentinel}",
		"remarks": f"sweep {w.sentinel}",
		# a workflow action link on A's slip, as the e-mail carries it
		"action": "Sign",
		"docname": w.slip_a,
		"current_state": "Pending SQE",
		"user": w.sqe_a,
		"last_modified": None,
	}
	params = inspect.signature(fn).parameters
	if "docname" in params:
		known["doctype"] = "Suspect Part Slip"
	args = {}
	for name, param in params.items():
		if name == "self" or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
			continue
		if name in known:
			args[name] = known[name]
		elif param.default is inspect.Parameter.empty:
			pytest.fail(f"the sweep cannot call {fn.__module__}.{fn.__qualname__}: no value for {name!r}")
	return args


def doctype_of_method(fn) -> str | None:
	if "." not in fn.__qualname__:
		return None
	cls = fn.__qualname__.split(".")[0]
	return next((d for d in module_doctypes() if d.replace(" ", "") == cls), None)


def test_sweep_methods(world):
	w = world
	methods = app_methods()
	assert methods, "no whitelisted method found"
	for fn in methods:
		args = arguments(w, fn)
		doctype = doctype_of_method(fn)
		if doctype:
			name = boundary_world.record_of_a(w, doctype)
			path = "/api/method/run_doc_method"
			payload = {"dt": doctype, "dn": name, "method": fn.__name__, "args": json.dumps(args)}
		else:
			path = f"/api/method/{fn.__module__}.{fn.__name__}"
			payload = args
		response = rest(w, "POST", path, json=payload)
		asked = tuple(str(v) for v in args.values() if isinstance(v, str)) + ((name,) if doctype else ())
		asked += (
			tuple(v for v in (args.get("filters") or {}).values())
			if isinstance(args.get("filters"), dict)
			else ()
		)
		record(
			"method",
			f"{fn.__module__}.{fn.__qualname__}: REST {response.status_code}",
			not (response.ok and leaked(w, response.text)) and not leaked(w, response.text, asked),
		)
		frappe.set_user(w.sqe_b)
		try:
			if doctype:  # as run_doc_method does: read permission, then the method
				doc = frappe.get_doc(doctype, name)
				doc.check_permission("read")
				result = getattr(doc, fn.__name__)(**args)
			else:
				result = frappe.call(fn, **args)
			text = frappe.as_json(result)
		except (frappe.PermissionError, frappe.ValidationError):
			text = ""
		finally:
			frappe.set_user("Administrator")
			frappe.db.rollback()
		record("method", f"{fn.__module__}.{fn.__qualname__}: in-process", not leaked(w, text))
	assert stamps(w) == w.stamps, "a method changed a record of A"


# ---------------------------------------------------------------- reports, cards, charts


def test_sweep_reports(world):
	w = world
	reports = frappe.get_all("Report", filters={"module": "CS Service"}, pluck="name")
	assert reports
	for report in reports:
		roles = set(
			frappe.get_all("Has Role", filters={"parent": report, "parenttype": "Report"}, pluck="role")
		)
		for filters in ({"customer": w.customer_a}, {}):
			response = rest(
				w,
				"POST",
				"/api/method/frappe.desk.query_report.run",
				data={"report_name": report, "filters": json.dumps(filters)},
			)
			if "Customer SQE" in roles:
				# a report given to the SQE runs for them, and shows nothing of A
				ok = response.ok and not leaked(w, response.text)
			else:
				ok = not response.ok and not leaked(w, response.text)
			record("report", f"{report} {filters}: {response.status_code}", ok)


def test_sweep_cards_and_charts(world):
	w = world
	for card in frappe.get_all("Number Card", filters={"module": "CS Service"}, pluck="name"):
		doc = frappe.get_doc("Number Card", card)
		response = rest(
			w,
			"POST",
			"/api/method/frappe.desk.doctype.number_card.number_card.get_result",
			data={"doc": doc.as_json(), "filters": doc.filters_json or "[]"},
		)
		# refused, or a figure of B's own records (B has none): never a figure of A
		ok = not response.ok or response.json().get("message") in (0, None)
		record(
			"card",
			f"{card}: {response.status_code} {response.text[:80]}",
			ok and not leaked(w, response.text),
		)
	for chart in frappe.get_all("Dashboard Chart", filters={"module": "CS Service"}, pluck="name"):
		response = rest(
			w,
			"POST",
			"/api/method/frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
			data={"chart_name": chart, "refresh": 1},
		)
		values = []
		if response.ok:
			for dataset in (response.json().get("message") or {}).get("datasets", []):
				values += dataset.get("values", [])
		record(
			"card", f"chart {chart}: {response.status_code}", not any(values) and not leaked(w, response.text)
		)


def test_sweep_summary(world):
	"""Prints the attempts per path and fails on any leak (runs last in this module)."""
	summary = ", ".join(f"{path} {n}" for path, n in sorted(ATTEMPTS.items()))
	print(f"\nboundary sweep: {summary}; {len(LEAKS)} leaks")
	for leak in LEAKS:
		print(f"  LEAK {leak}")
	for path in ("read", "list", "write", "move", "child list", "method", "report", "card"):
		assert ATTEMPTS[path], f"the sweep made no {path} attempt"
	assert LEAKS == []
