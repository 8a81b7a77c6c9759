"""Bad input, everywhere: generated payloads over HTTP, 0 x 500, 0 partial writes.

For every DocType of the module (REST insert as a draft and, where submittable, as submitted;
REST update of A's record) and every whitelisted method of the app (its own path, or
``run_doc_method`` for a controller's method), as each of our roles with their API key and
secret, through a real server (gunicorn on loopback) on the committed world of the customer
boundary sweep (tests/integration/boundary_world.py: customers A and B, a record of A in every
DocType). The payloads are generated with ``hypothesis``: wrong types, huge and negative
numbers, far past and future dates, long strings, markup, unknown fields, links to missing
records and to the other customer's.

Every answer is either accepted (2xx) or refused (4xx) with a message; no answer is a 5xx, and
a refused request leaves every table of the module (and Frappe's side records: versions,
comments, files, e-mails, to-dos) as it was. The run prints its counts per DocType and method.

``CS_SERVICE_FUZZ_EXAMPLES`` sets the payloads per DocType, operation and role (default 20; the
issue's run used 100).
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import time
from collections import Counter, defaultdict

import frappe
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cs_service.access.doctypes import module_doctypes
from tests.integration.factories import api_credentials, make_user
from tests.integration.rest import resource

EXAMPLES = int(os.environ.get("CS_SERVICE_FUZZ_EXAMPLES") or 20)
MARKUP = "<img src=x onerror=alert(23)>"
BREAKOUT = '/files/x.png" onerror="alert(23)'
SYSTEM_FIELDS = {"name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "amended_from"}
CHILD_SYSTEM = SYSTEM_FIELDS | {"parent", "parentfield", "parenttype"}
SIDE_TABLES = ("Version", "Comment", "Email Queue", "File", "ToDo", "Communication", "Workflow Action")
SQE_SHARE = 4  # the gate refuses every request of an SQE: a few payloads show it


# ---------------------------------------------------------------- values


def texts(w):
	names = [w.customer_b, w.site_b, w.slip_b, "MISSING-23", w.customer_a, w.part_b]
	return st.one_of(
		st.text(max_size=30),
		st.sampled_from([MARKUP, BREAKOUT, "' OR 1=1 --", "../../etc/passwd", "\x00\x01", "😀" * 5, " "]),
		st.sampled_from(["x" * 5000, "长" * 20000]),
		st.sampled_from(names),
	)


NUMBERS = st.one_of(
	st.integers(min_value=-(10**30), max_value=10**30),
	st.sampled_from([2**31, 2**63, -1, 0, 1e308, -1e-9]),
	st.floats(allow_nan=False, allow_infinity=False),
)
DATES = st.one_of(
	st.sampled_from(
		[
			"0001-01-01",
			"1900-01-01 00:00:00",
			"9999-12-31 23:59:59",
			"2026-02-30",
			"2026-13-01",
			"yesterday",
			"",
		]
	),
	st.datetimes().map(str),
)
JSONISH = st.recursive(
	st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=8),
	lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
	max_leaves=6,
)


def bad_value(w, df):
	"""A value a client might send for the field ``df``: mostly wrong, sometimes right."""
	t = texts(w)
	if df.fieldtype in ("Int", "Float", "Currency", "Percent", "Check", "Long Int"):
		return st.one_of(NUMBERS, t, JSONISH)
	if df.fieldtype in ("Date", "Datetime", "Time"):
		return st.one_of(DATES, t, NUMBERS)
	if df.fieldtype in ("Table", "Table MultiSelect"):
		row_fields = [f for f in frappe.get_meta(df.options).fields if f.fieldname]
		row = st.lists(
			st.sampled_from(row_fields), min_size=1, max_size=3, unique_by=lambda f: f.fieldname
		).flatmap(lambda fields: st.fixed_dictionaries({f.fieldname: bad_value(w, f) for f in fields}))
		return st.one_of(st.lists(row, max_size=3), JSONISH)
	if df.fieldtype == "Select":
		return st.one_of(st.sampled_from([o for o in (df.options or "").split("\n")] or [""]), t, NUMBERS)
	if df.fieldtype in ("Attach", "Attach Image"):
		return st.one_of(st.sampled_from([BREAKOUT, "javascript:alert(23)", "/private/files/x.png"]), t)
	return st.one_of(t, NUMBERS, JSONISH)


def payloads(w, doctype: str, base: dict):
	"""``base`` with one to three of its fields (or unknown ones) replaced by generated values."""
	fields = [f for f in frappe.get_meta(doctype).fields if f.fieldname and f.fieldtype not in NO_VALUE]
	unknown = st.fixed_dictionaries({"not_a_field": JSONISH, "__islocal": st.booleans()})
	chosen = st.lists(st.sampled_from(fields), min_size=1, max_size=3, unique_by=lambda f: f.fieldname)
	changes = chosen.flatmap(lambda fs: st.fixed_dictionaries({f.fieldname: bad_value(w, f) for f in fs}))
	return st.tuples(changes, st.one_of(st.just({}), unknown)).map(lambda c: {**base, **c[0], **c[1]})


NO_VALUE = {"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Fold", "Heading", "Read Only"}


# ---------------------------------------------------------------- the world and its state


@pytest.fixture(scope="module")
def world():
	from tests.integration import boundary_world
	from tests.integration.server import Server, sites_path

	frappe.set_user("Administrator")
	frappe.db.rollback()
	w = boundary_world.build(frappe.generate_hash(length=6).upper())
	w.qa = make_user(f"csw-qa-{w.run.lower()}", "QA Engineer")
	w.credentials[w.manager] = api_credentials(w.manager)
	w.credentials[w.qa] = api_credentials(w.qa)
	frappe.db.commit()
	# the Settings a CS Manager's accepted payload may change: put back afterwards
	settings = frappe.db.sql("SELECT field, value FROM tabSingles WHERE doctype = 'CS Service Settings'")
	recipients = frappe.db.sql(
		"SELECT * FROM `tabCS Department Recipient` WHERE parent = 'CS Service Settings'", as_dict=True
	)
	w.started = frappe.utils.now()
	w.server = Server(sites_path(), frappe.local.site).start()
	try:
		yield w
	finally:
		w.server.stop()
		remove_fuzzed(w)
		frappe.db.delete("Singles", {"doctype": "CS Service Settings"})
		for field, value in settings:
			frappe.db.sql(
				"INSERT INTO tabSingles (doctype, field, value) VALUES ('CS Service Settings', %s, %s)",
				(field, value),
			)
		frappe.db.delete("CS Department Recipient", {"parent": "CS Service Settings"})
		for row in recipients:
			frappe.get_doc({"doctype": "CS Department Recipient", **row}).db_insert()
		frappe.clear_document_cache("CS Service Settings", "CS Service Settings")
		frappe.delete_doc("User", w.qa, force=True, ignore_permissions=True)
		frappe.db.commit()
		boundary_world.remove(w)


def watched_tables() -> list[str]:
	"""Every table of the module (a single's values in tabSingles) and Frappe's side records."""
	doctypes = [dt for dt, mod in module_doctypes().items() if not mod.issingle]
	return sorted(
		[*doctypes, *SIDE_TABLES, *(f"Singles:{dt}" for dt, m in module_doctypes().items() if m.issingle)]
	)


def _measure(table: str) -> str:
	if table.startswith("Singles:"):
		doctype = table.split(":", 1)[1]
		return (
			"(SELECT MD5(GROUP_CONCAT(field, '=', IFNULL(value, '') ORDER BY field SEPARATOR '|')) "
			f"FROM tabSingles WHERE doctype = {frappe.db.escape(doctype)})"
		)
	return f"(SELECT CONCAT(COUNT(*), '/', IFNULL(MAX(modified), '')) FROM `tab{table}`)"


def state(tables: list[str]) -> tuple:
	"""Rows and last change of every watched table, in one query, as committed."""
	frappe.db.rollback()
	return frappe.db.sql(f"SELECT {', '.join(_measure(t) for t in tables)}")[0]


def remove_fuzzed(w):
	"""What the accepted payloads made (every record of the module created since the run began)."""
	frappe.set_user("Administrator")
	frappe.db.rollback()
	for mod in module_doctypes().values():
		if mod.istable or mod.issingle:
			continue
		names = frappe.get_all(mod.name, filters={"creation": (">=", w.started)}, pluck="name")
		if not names:
			continue
		for _field, child in mod.tables:
			frappe.db.delete(child, {"parent": ("in", names), "parenttype": mod.name})
		frappe.db.delete(mod.name, {"name": ("in", names)})
		for table, field in (
			("Version", "docname"),
			("Comment", "reference_name"),
			("Email Queue", "reference_name"),
		):
			frappe.db.delete(table, {field: ("in", names)})
		for file in frappe.get_all("File", filters={"attached_to_name": ("in", names)}, pluck="name"):
			frappe.delete_doc("File", file, force=True, ignore_permissions=True)
	frappe.db.commit()


# ---------------------------------------------------------------- one request


class Tally:
	def __init__(self):
		self.by_target = defaultdict(Counter)
		self.failures = []  # (target, role, status, exc_type, payload)
		self.partial = []  # (target, role, tables changed)
		self.silent = []  # refusals without a message

	def record(self, target: str, role: str, response, payload, before, after, tables, names=()):
		counts = self.by_target[target]
		counts["tried"] += 1
		status = response.status_code
		body = _json(response)
		if status >= 500:
			counts["500"] += 1
			self.failures.append((target, role, status, body.get("exc_type"), _short(payload), _where(body)))
		elif status >= 400:
			counts["refused"] += 1
			text = _messages(body)
			if not body and status == 400:
				counts["malformed"] += 1  # refused by the HTTP layer (werkzeug) before Frappe
			elif not text and not body.get("exc_type"):
				self.silent.append((target, role, status, response.text[:200], _short(payload)))
			elif any(name and name in text for name in names):
				counts["named"] += 1
			if before != after:
				changed = [t for t, a, b in zip(tables, before, after, strict=True) if a != b]
				counts["partial"] += 1
				self.partial.append((target, role, status, changed, _short(payload)))
		else:
			counts["accepted"] += 1

	def summary(self) -> str:
		lines = [f"{'target':58} {'tried':>6} {'accepted':>9} {'refused':>8} {'500':>4} {'partial':>8}"]
		total = Counter()
		for target in sorted(self.by_target):
			c = self.by_target[target]
			total.update(c)
			lines.append(
				f"{target[:58]:58} {c['tried']:>6} {c['accepted']:>9} {c['refused']:>8} {c['500']:>4} {c['partial']:>8}"
			)
		lines.append(
			f"fuzz over HTTP: payloads tried {total['tried']}, accepted {total['accepted']}, refused "
			f"{total['refused']} (naming a field or argument of the payload {total['named']}, refused "
			f"by the HTTP layer as malformed {total['malformed']}, without a message {len(self.silent)}), "
			f"HTTP 500 {total['500']}, partial writes {total['partial']}"
		)
		return "\n".join(lines)


def _json(response) -> dict:
	try:
		body = response.json()
	except ValueError:
		return {}
	return body if isinstance(body, dict) else {}


def _where(body: dict) -> str:
	"""The last frames of a server error's traceback: where the defect is."""
	try:
		trace = json.loads(body.get("exc") or "[]")[0]
	except (ValueError, IndexError, TypeError):
		return _short(body)
	frames = [line.strip() for line in trace.splitlines() if line.strip().startswith("File ")]
	return " <- ".join(reversed(frames[-3:])) + " :: " + trace.strip().splitlines()[-1][:200]


def _messages(body: dict) -> str:
	try:
		return " ".join(
			str(json.loads(m).get("message", "")) for m in json.loads(body.get("_server_messages") or "[]")
		)
	except (ValueError, AttributeError, TypeError):
		return str(body.get("_server_messages") or "")


def names_of(doctype: str | None, payload) -> set[str]:
	"""What a refusal of ``payload`` may name: its keys and, of a DocType, their labels (English
	and Chinese)."""
	from frappe.translate import get_all_translations

	keys = [k for k in payload if isinstance(k, str)] if isinstance(payload, dict) else []
	names = set(keys)
	if doctype:
		meta = frappe.get_meta(doctype)
		names |= {meta.get_label(k) for k in keys if meta.get_field(k)}
	zh = get_all_translations("zh")
	return {n for n in names | {zh.get(n) for n in names} if n and len(n) > 1}


def _short(value) -> str:
	text = json.dumps(value, default=str, ensure_ascii=False) if not isinstance(value, str) else value
	return text[:300]


def fire(
	w, tally: Tally, tables, target: str, user: str, method: str, path: str, payload, doctype=None, **kw
):
	before = state(tables)
	try:
		response = w.server.request(method, path, w.credentials[user], **kw)
	except Exception as e:  # a request that cannot even be sent (e.g. a NUL in a URL) is the client's
		tally.by_target[target]["unsendable"] += 1
		return str(e)
	after = state(tables) if response.status_code >= 400 else before
	names = names_of(doctype, payload) if response.status_code >= 400 else ()
	tally.record(target, ROLES[user_role(w, user)], response, payload, before, after, tables, names)
	return response


def user_role(w, user: str) -> str:
	return {w.engineer: "engineer", w.manager: "manager", w.qa: "qa", w.sqe_b: "sqe"}[user]


ROLES = {"engineer": "CS Engineer", "manager": "CS Manager", "qa": "QA Engineer", "sqe": "Customer SQE"}


def run(examples: int, strategy, body):
	"""Draw ``examples`` values of ``strategy`` with hypothesis and call ``body`` with each."""

	@settings(
		max_examples=examples,
		deadline=None,
		database=None,
		phases=[Phase.generate],
		suppress_health_check=list(HealthCheck),
	)
	@given(strategy)
	def each(value):
		body(value)

	each()


# ---------------------------------------------------------------- the run


def base_of(doctype: str, name: str) -> dict:
	doc = frappe.get_doc(doctype, name).as_dict(no_default_fields=True)
	base = {k: v for k, v in doc.items() if k not in SYSTEM_FIELDS and not k.startswith("_")}
	for df in frappe.get_meta(doctype).get_table_fields():
		base[df.fieldname] = [
			{k: v for k, v in row.items() if k not in CHILD_SYSTEM and not k.startswith("_")}
			for row in doc.get(df.fieldname) or []
		]
	return json.loads(json.dumps(base, default=str))


def app_methods() -> list[tuple[str, object]]:
	"""Every whitelisted function of the app: ``(path, function)``."""
	import cs_service

	for module in pkgutil.walk_packages(cs_service.__path__, "cs_service."):
		if ".patches." in module.name or module.name.endswith(".hooks"):
			continue
		try:
			importlib.import_module(module.name)
		except Exception:
			continue
	return sorted(
		(f"{fn.__module__}.{fn.__qualname__}", fn)
		for fn in frappe.whitelisted
		if getattr(fn, "__module__", "").startswith("cs_service.")
	)


def method_payloads(w, fn):
	signature = inspect.signature(fn)
	params = [
		p for p in signature.parameters.values() if p.name != "self" and p.kind is p.POSITIONAL_OR_KEYWORD
	]
	value = st.one_of(texts(w), NUMBERS, JSONISH.map(json.dumps), DATES)
	required = {p.name: value for p in params if p.default is inspect.Parameter.empty}
	optional = {p.name: value for p in params if p.default is not inspect.Parameter.empty}
	optional["not_an_argument"] = value
	return st.fixed_dictionaries(required, optional=optional)


def test_bad_input_everywhere_gives_no_500_and_no_partial_write(world):
	w = world
	tally = Tally()
	tables = watched_tables()
	roles = [
		(w.engineer, EXAMPLES),
		(w.manager, EXAMPLES),
		(w.qa, max(EXAMPLES // 2, 1)),
		(w.sqe_b, SQE_SHARE),
	]
	from tests.integration.boundary_world import record_of_a

	started = time.monotonic()
	for mod in sorted(module_doctypes().values(), key=lambda m: m.name):
		if mod.istable:
			continue
		name = record_of_a(w, mod.name)
		base = base_of(mod.name, name)
		submittable = frappe.get_meta(mod.name).is_submittable
		for user, examples in roles:

			def update(payload, user=user, name=name, doctype=mod.name):
				fire(
					w,
					tally,
					tables,
					f"{doctype} update",
					user,
					"PUT",
					resource(doctype, name),
					payload,
					doctype=doctype,
					json=payload,
				)

			run(examples, payloads(w, mod.name, base), update)
			if mod.issingle:
				continue

			def insert(payload, user=user, doctype=mod.name):
				fire(
					w,
					tally,
					tables,
					f"{doctype} insert",
					user,
					"POST",
					resource(doctype),
					payload,
					doctype=doctype,
					json=payload,
				)

			run(examples, payloads(w, mod.name, base), insert)
			if submittable:
				submitted = payloads(w, mod.name, {**base, "docstatus": 1})
				run(max(examples // 2, 1), submitted, insert)

	for path, fn in app_methods():
		owner = fn.__qualname__.split(".")[0] if "." in fn.__qualname__ else None
		doctype = next((m.name for m in module_doctypes().values() if m.name.replace(" ", "") == owner), None)
		methods = frappe.allowed_http_methods_for_whitelisted_func.get(fn) or ["POST"]
		verb = "POST" if "POST" in methods else methods[0]
		for user, examples in roles:

			def call(args, user=user, path=path, fn=fn, doctype=doctype, verb=verb):
				if doctype:
					data = {
						"dt": doctype,
						"dn": record_of_a(w, doctype),
						"method": fn.__name__,
						"args": json.dumps(args, default=str),
					}
					fire(w, tally, tables, path, user, "POST", "/api/method/run_doc_method", args, data=data)
				elif verb == "GET":
					params = {k: v if isinstance(v, str) else json.dumps(v) for k, v in args.items()}
					fire(w, tally, tables, path, user, "GET", f"/api/method/{path}", args, params=params)
				else:
					fire(w, tally, tables, path, user, verb, f"/api/method/{path}", args, json=args)

			run(examples, method_payloads(w, fn), call)

	print(
		f"\n{tally.summary()}\n(in {time.monotonic() - started:.0f} s, {EXAMPLES} payloads per role and operation)"
	)
	for failure in tally.failures[:40]:
		print("500:", *failure)
	for partial in tally.partial[:40]:
		print("partial write:", *partial)
	for silent in tally.silent[:20]:
		print("refused without a message:", *silent)
	assert tally.failures == [] and tally.partial == []
