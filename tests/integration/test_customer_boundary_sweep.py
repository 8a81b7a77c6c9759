"""The outsiders' gate, swept by construction (R-CT-9, R-US-2).

The SQE of customer B tries, over HTTP through a real server (gunicorn on loopback), with the
cookie of a logged-in session *and* with an API key and secret:

- every whitelisted method of every installed app: every module of frappe, erpnext and
  cs_service is imported (their test, patch and command modules aside, which Frappe does not
  route to) and ``frappe.whitelisted`` read; module functions by their dotted path
  (``/api/method/<path>``), DocType methods through ``run_doc_method``;
- every DocType's REST routes: ``/api/resource`` list, insert, read, update, delete,
  ``/api/v2/document`` read, ``/api/v2/doctype/*/meta`` and ``count``, on a record of A where
  the DocType is ours;
- every web page the apps ship (``www`` and ``templates/pages``, and their route rules),
  ``/app``, ``/printview``, ``download_pdf``, ``/private/files`` (A's photo, the monthly deck),
  ``upload_file``.

Each is refused (HTTP 403 by the gate itself, ``OutsiderRefused``, with nothing of A in the
answer) unless the gate's allowlist (:mod:`cs_service.access.gate`) lets it through, and no
record of the site changed. The allowlisted methods get the A-against-B sweep, record by record
(:data:`ALLOWLIST_CALLS`); a method on the allowlist that does not exist, or that has no entry
there, fails the test. A method, DocType or page added to any app is covered without editing
this file. The counts are printed.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlparse, urlsplit

import frappe
import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from cs_service.access import allowlist, gate
from cs_service.access.doctypes import module_doctypes
from tests.integration import boundary_world
from tests.integration.server import Server, sites_path

APPS = ("frappe", "erpnext", "cs_service")
# Modules Frappe never routes a request to.
NOT_ROUTED = re.compile(r"\.(tests?|patches|commands)(\.|$)|\.test_")
# Records a refused request may still write: the log of logins and of errors.
LOGS = {"Activity Log", "Access Log", "Error Log", "Scheduled Job Log", "Route History"}
THREADS = 8
AUTHS = ("token", "cookie")


@dataclass
class Attempt:
	kind: str  # method, rest, page, file
	http: str  # GET, POST, ...
	path: str
	data: dict | None = None
	files: dict | None = None
	asked: tuple[str, ...] = ()  # what the request names itself (a refusal may repeat it)
	expected: str = ""  # the gate's verdict, decided here (the threads that send hold no site)

	def __post_init__(self):
		self.expected = gate.decide(unquote(self.path.split("?")[0]), (self.data or {}).get("cmd"))


@dataclass
class Tally:
	tried: Counter = field(default_factory=Counter)  # (auth, kind)
	verdicts: Counter = field(default_factory=Counter)  # (auth, refused | portal | allowed)
	problems: list[str] = field(default_factory=list)
	lock: threading.Lock = field(default_factory=threading.Lock)

	def add(self, auth: str, attempt: Attempt, verdict: str, problem: str | None):
		with self.lock:
			self.tried[(auth, attempt.kind)] += 1
			self.verdicts[(auth, verdict)] += 1
			if problem:
				self.problems.append(f"{auth} {attempt.http} {attempt.path}: {problem}")


# ---------------------------------------------------------------- the world and its clients


@pytest.fixture(scope="module")
def world(boundary):
	w = boundary
	# a server of its own with a few workers: thousands of requests
	w.sweep_server = Server(sites_path(), frappe.local.site, workers=3, threads=4).start()
	w.cookie_session = w.sweep_server.login(w.sqe_b, w.password)
	yield w
	w.sweep_server.stop()


class Clients:
	"""The HTTP sessions of one thread, one per way of logging in."""

	def __init__(self, w):
		token = requests.Session()
		token.headers.update(w.sweep_server.headers(w.credentials[w.sqe_b]))
		cookie = requests.Session()
		cookie.headers.update(w.cookie_session.headers)
		cookie.cookies.update(w.cookie_session.cookies)
		# a kept-alive connection that a worker closed meanwhile is opened again (every request of
		# this sweep is refused: sending one twice changes nothing)
		retry = Retry(total=3, connect=3, read=3, status=0, allowed_methods=None, raise_on_status=False)
		for session in (token, cookie):
			session.mount("http://", HTTPAdapter(max_retries=retry))
			session.trust_env = False  # no proxy or .netrc lookups per request: loopback only
		self.sessions = {"token": token, "cookie": cookie}


def send(w, clients: Clients, auth: str, attempt: Attempt) -> requests.Response:
	return clients.sessions[auth].request(
		attempt.http,
		f"{w.sweep_server.url}{attempt.path}",
		data=attempt.data,
		files=attempt.files,
		allow_redirects=False,
		timeout=120,
	)


def leaked(w, text: str, asked: tuple[str, ...] = ()) -> str | None:
	"""A sentinel of A in ``text``, other than what the request itself named."""
	for value in asked:
		text = text.replace(value, "")
	return next((s for s in w.sentinels if s and s in text), None)


def judge(w, attempt: Attempt, response: requests.Response) -> tuple[str, str | None]:
	"""(verdict, problem) of one answer: refused by the gate, sent to the portal, or allowed."""
	body = response.content
	text = body.decode("utf-8", "replace")
	for content in (w.photo_bytes, w.deck_bytes):
		if content in body:
			return "leak", "the bytes of A's private file"
	if (found := leaked(w, text, attempt.asked)) is not None:
		return "leak", f"{response.status_code} carries {found!r}"
	expected = attempt.expected
	if expected == allowlist.REFUSE:
		if response.status_code != 403:
			return "allowed", f"not refused: {response.status_code} {text[:120]}"
		if not refused_by_the_gate(response):
			return "refused", f"refused, but not by the gate: {text[:120]}"
		return "refused", None
	if expected == allowlist.PORTAL:
		target = urlsplit(response.headers.get("Location", "")).path
		ok = response.status_code == 302 and (target == "/sqe" or target.startswith("/sqe/"))
		return "portal", None if ok else f"not sent to the portal: {response.status_code}"
	return "allowed", None


def refused_by_the_gate(response: requests.Response) -> bool:
	try:
		answer = response.json()
	except ValueError:
		return False
	types = {answer.get("exc_type")} | {e.get("type") for e in answer.get("errors") or []}
	return "OutsiderRefused" in types


def sweep(w, attempts: list[Attempt], tally: Tally):
	clients_of = {}

	def one(pair):
		auth, attempt = pair
		clients = clients_of.setdefault(threading.get_ident(), Clients(w))
		response = send(w, clients, auth, attempt)
		verdict, problem = judge(w, attempt, response)
		tally.add(auth, attempt, verdict, problem)

	with ThreadPoolExecutor(THREADS) as pool:
		list(pool.map(one, [(auth, attempt) for attempt in attempts for auth in AUTHS]))


# ---------------------------------------------------------------- what there is


def whitelisted_functions() -> tuple[list, int]:
	"""Every ``@frappe.whitelist`` function of the installed apps, and how many modules did not
	import (Frappe could not route to them either)."""
	failed = 0
	for app in APPS:
		package = importlib.import_module(app)
		for info in pkgutil.walk_packages(package.__path__, f"{app}.", onerror=lambda name: None):
			if NOT_ROUTED.search(info.name):
				continue
			try:
				importlib.import_module(info.name)
			except Exception:
				failed += 1
	return list(frappe.whitelisted), failed


def dotted(fn) -> str:
	return f"{fn.__module__}.{fn.__qualname__}"


def controller_doctypes() -> dict[str, str]:
	"""{controller module: DocType} of the DocTypes with a controller of their own."""
	from frappe.modules import get_module_name

	found = {}
	for doctype in frappe.get_all("DocType", filters={"custom": 0}, fields=["name", "module"]):
		try:
			found[get_module_name(doctype.name, doctype.module)] = doctype.name
		except Exception:
			continue  # a module of an app that is not installed
	return found


def method_attempts(w) -> tuple[list[Attempt], int, set[str]]:
	functions, failed = whitelisted_functions()
	controllers = controller_doctypes()
	attempts, allowed = [], set()
	for fn in functions:
		path = dotted(fn)
		if "." in fn.__qualname__ and "<locals>" not in fn.__qualname__:  # a DocType's method
			doctype = controllers.get(fn.__module__)
			if doctype:
				name = own_record(w, doctype) or "sweep"
				attempts.append(
					Attempt(
						"method",
						"POST",
						"/api/method/run_doc_method",
						{"dt": doctype, "dn": name, "method": fn.__name__},
						asked=(name,),
					)
				)
			continue
		if gate.resolved_method(path) in allowlist.ALLOWED_METHODS:
			allowed.add(gate.resolved_method(path))  # swept record by record below
			continue
		attempts.append(Attempt("method", "POST", f"/api/method/{path}"))
	return attempts, failed, allowed


def own_record(w, doctype: str) -> str | None:
	"""A record of A where the DocType is the module's."""
	if doctype in module_doctypes() and not module_doctypes()[doctype].istable:
		return boundary_world.record_of_a(w, doctype)
	return None


def rest_attempts(w) -> list[Attempt]:
	attempts = []
	for doctype in frappe.get_all("DocType", filters={"is_virtual": 0}, pluck="name"):
		name = own_record(w, doctype) or "sweep"
		dt, dn = quote(doctype), quote(name, safe="")
		body = {"data": json.dumps({"customer": w.customer_b, "description": "changed by B"})}
		for http, path, data in (
			("GET", f"/api/resource/{dt}?fields=%5B%22*%22%5D&limit_page_length=0", None),
			("POST", f"/api/resource/{dt}", body),
			("GET", f"/api/resource/{dt}/{dn}", None),
			("PUT", f"/api/resource/{dt}/{dn}", body),
			("DELETE", f"/api/resource/{dt}/{dn}", None),
			("GET", f"/api/v2/document/{dt}/{dn}", None),
			("GET", f"/api/v2/doctype/{dt}/meta", None),
			("GET", f"/api/v2/doctype/{dt}/count", None),
		):
			attempts.append(Attempt("rest", http, path, data, asked=(name,)))
	return attempts


def web_routes() -> set[str]:
	"""The routes of the pages every app ships, and of their route rules."""
	routes = set()
	for app in APPS:
		base = Path(frappe.get_app_path(app))
		for folder in ("www", "templates/pages"):
			for path in (base / folder).rglob("*"):
				if path.is_dir() or path.name.startswith(("_", ".")) or "__pycache__" in path.parts:
					continue
				route = str(path.relative_to(base / folder))
				route = re.sub(r"(^|/)index\.(html|md|py)$", "", route)
				route = re.sub(r"\.(html|md|py)$", "", route)
				routes.add(route)
	for rule in frappe.get_hooks("website_route_rules"):
		routes.add(re.sub(r"<[^>]+>", "sweep", rule["from_route"]).strip("/"))
	return routes


def page_attempts(w) -> list[Attempt]:
	sheet = f"doctype=Quality+Feedback+Sheet&name={quote(w.sheet_a)}"
	attempts = [Attempt("page", "GET", f"/{route}") for route in sorted(web_routes())]
	attempts += [
		Attempt("page", "GET", "/app"),
		Attempt("page", "GET", f"/app/quality-feedback-sheet/{quote(w.sheet_a)}"),
		Attempt("page", "GET", f"/printview?{sheet}&format=Quality+Feedback+Sheet"),
		Attempt("page", "GET", f"/api/method/frappe.utils.print_format.download_pdf?{sheet}"),
		Attempt("page", "GET", f"/sqe/../printview?{sheet}"),
		Attempt("page", "GET", f"/sqe/%2e%2e/app/quality-feedback-sheet/{quote(w.sheet_a)}"),
		Attempt("file", "GET", w.photo_a.url),
		Attempt("file", "GET", w.deck.url),
		Attempt("file", "GET", f"/api/method/frappe.handler.download_file?file_url={quote(w.photo_a.url)}"),
		Attempt("file", "POST", "/api/method/upload_file", {"file_url": w.photo_a.url, "is_private": 1}),
		Attempt("file", "POST", "/api/method/upload_file", {"file_url": w.deck.url, "is_private": 1}),
		Attempt(
			"file",
			"POST",
			"/api/method/upload_file",
			{"doctype": "Quality Feedback Sheet", "docname": w.sheet_a, "is_private": 1},
			files={"file": ("b.txt", b"uploaded by B")},
			asked=(w.sheet_a,),
		),
		Attempt("file", "POST", "/api/v2/method/upload_file", {"file_url": w.photo_a.url}),
		# the legacy cmd runs whatever the path: a portal path does not carry it through
		Attempt("method", "POST", "/sqe", {"cmd": "frappe.client.get_list", "doctype": "Customer"}),
	]
	return attempts


# ---------------------------------------------------------------- nothing changed


def database_state() -> dict:
	"""Per table: the number of records and the latest ``modified``; per single: a checksum."""
	frappe.db.rollback()  # a fresh snapshot of what the server committed
	state = {}
	for doctype in frappe.get_all("DocType", filters={"is_virtual": 0, "issingle": 0}, pluck="name"):
		if doctype in LOGS or not frappe.db.table_exists(doctype):
			continue
		state[doctype] = frappe.db.sql(f"select count(*), max(`modified`) from `tab{doctype}`")[0]
	state["Singles"] = frappe.db.sql(
		"""select `doctype`, sum(crc32(concat(`field`, '=', ifnull(`value`, ''))))
		from `tabSingles` group by `doctype` order by `doctype`"""
	)
	return state


def changes(before: dict, after: dict) -> list[str]:
	return [key for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)]


# ---------------------------------------------------------------- the refusals


SUMMARY: dict = {}


def test_sweep_everything_off_the_allowlist_is_refused(world):
	w = world
	started = time.monotonic()
	methods, failed_imports, allowed = method_attempts(w)
	attempts = methods + rest_attempts(w) + page_attempts(w)
	assert len(methods) > 1000, "the sweep found too few whitelisted methods"
	before = database_state()
	tally = Tally()
	sending = time.monotonic()
	sweep(w, attempts, tally)
	sent = time.monotonic() - sending
	changed = changes(before, database_state())
	elapsed = time.monotonic() - started
	print(f"\ngate sweep: {len(attempts) * len(AUTHS)} requests sent in {sent:.0f} s")
	SUMMARY.update(tally=tally, allowed_methods=allowed, failed_imports=failed_imports, seconds=elapsed)
	print_summary(tally, allowed, failed_imports, elapsed, changed)
	assert changed == [], f"records changed during the sweep: {changed}"
	assert tally.problems == [], "\n".join(tally.problems[:50])
	assert sum(tally.tried.values()) == len(attempts) * len(AUTHS)


def print_summary(tally: Tally, allowed: set[str], failed_imports: int, elapsed: float, changed: list):
	print()
	for auth in AUTHS:
		tried = ", ".join(f"{kind} {n}" for (a, kind), n in sorted(tally.tried.items()) if a == auth)
		verdicts = ", ".join(f"{v} {n}" for (a, v), n in sorted(tally.verdicts.items()) if a == auth)
		print(
			f"gate sweep ({auth}): tried {sum(n for (a, _k), n in tally.tried.items() if a == auth)} ({tried}); {verdicts}"
		)
	leaks = [p for p in tally.problems if "carries" in p or "bytes" in p or "not refused" in p]
	print(
		f"gate sweep: allowlisted methods met {len(allowed)}; modules that did not import {failed_imports}; "
		f"records changed {len(changed)}; {len(leaks)} leaks; {len(tally.problems)} problems; {elapsed:.0f} s"
	)
	for problem in tally.problems[:50]:
		print(f"  {problem}")


# ---------------------------------------------------------------- the allowlist, record by record


@dataclass
class Call:
	"""One call of an allowlisted method, and what it must not do."""

	http: str
	data: dict
	asked: tuple[str, ...] = ()
	refused: bool = False  # must be refused (4xx)
	to_portal: bool = False  # must be a redirect to a page of the portal, which judges the rest
	session: str = "sweep"  # "sweep": the SQE of B's cookie and token; "fresh": a new login of B


def _sign_calls(w) -> list[Call]:
	"""The workflow e-mail's link applies nothing: it leads to the document's portal page, which
	refuses B (cs_service.containment.signoff.apply_action)."""
	pending = w.pending_a
	base = {"doctype": "Suspect Part Slip", "docname": pending, "action": "Sign"}
	return [
		Call(
			"GET",
			{**base, "current_state": "Pending SQE", "user": user},
			(pending, w.sqe_a),
			to_portal=True,
		)
		for user in (w.sqe_a, w.sqe_b)
	]


def _confirm_calls(w) -> list[Call]:
	pending = w.pending_a
	base = {"doctype": "Suspect Part Slip", "docname": pending, "action": "Sign"}
	return [
		Call("GET", {**base, "user": user}, (pending, w.sqe_a), to_portal=True) for user in (w.sqe_a, w.sqe_b)
	]


def _a_records(w) -> list[tuple[str, str]]:
	"""A's documents the portal deals in: the slip waiting for A's SQE, a confirmation sheet, an
	8D report and a feedback sheet (with its photo)."""
	return [
		("Suspect Part Slip", w.pending_a),
		("Service Confirmation Sheet", boundary_world.record_of_a(w, "Service Confirmation Sheet")),
		("CS 8D Report", boundary_world.record_of_a(w, "CS 8D Report")),
		("Quality Feedback Sheet", w.sheet_a),
	]


def _modified(doctype: str, name: str) -> str:
	return str(frappe.db.get_value(doctype, name, "modified"))


def _document_calls(w) -> list[Call]:
	return [Call("GET", {"doctype": dt, "name": dn}, (dn,), refused=True) for dt, dn in _a_records(w)]


def _photo_calls(w) -> list[Call]:
	"""A's photos by A's documents, and by B's own slip (a file of A named on B's document)."""
	files = [(w.slip_photo_a.name, "Suspect Part Slip", w.pending_a), (w.photo_a.name, *_a_records(w)[3])]
	calls = []
	for file, dt, dn in files:
		for size in ("thumb", "screen", None):
			calls.append(
				Call("GET", {"doctype": dt, "name": dn, "file": file, "size": size}, (dn, file), refused=True)
			)
		calls.append(
			Call(
				"GET", {"doctype": "Suspect Part Slip", "name": w.slip_b, "file": file}, (file,), refused=True
			)
		)
	return calls


def _act_calls(w, verdict: bool) -> list[Call]:
	calls = []
	for dt, dn in _a_records(w)[:2]:
		data = {"doctype": dt, "name": dn, "modified": _modified(dt, dn), "remarks": f"by B {w.run}"}
		if verdict and dt == "Service Confirmation Sheet":
			data["verdict"] = "Not Executed as Required"
		calls.append(Call("POST", data, (dn,), refused=True))
	return calls


def _acknowledge_calls(w) -> list[Call]:
	name = boundary_world.record_of_a(w, "CS 8D Report")
	return [
		Call(
			"POST",
			{"name": name, "modified": _modified("CS 8D Report", name), "remarks": "by B"},
			(name,),
			refused=True,
		)
	]


# The allowlist's methods and how the sweep calls each, as the SQE of B, on A's records. A method
# on the allowlist without an entry here fails the test; so does an entry whose function does not
# exist. The lists of the portal (pending, signed, open problems) answer B, with nothing of A.
ALLOWLIST_CALLS: dict[str, Callable | None] = {
	"frappe.handler.login": lambda w: [
		Call("POST", {"usr": w.sqe_a, "pwd": w.password + "x"}, (w.sqe_a,), refused=True, session="fresh"),
		Call("POST", {"usr": w.sqe_b, "pwd": w.password}, session="fresh"),
	],
	"frappe.handler.logout": lambda w: [Call("POST", {}, session="fresh")],
	"frappe.handler.web_logout": lambda w: [Call("GET", {}, session="fresh")],
	"frappe.core.doctype.user.user.update_password": lambda w: [
		Call("POST", {"new_password": "Sweep-New-Pw-2026!", "old_password": "wrong"}, refused=True),
		Call("POST", {"new_password": "Sweep-New-Pw-2026!", "key": "not-a-key"}, refused=True),
	],
	"frappe.core.doctype.user.user.test_password_strength": lambda w: [
		Call(
			"POST",
			{"new_password": w.customer_a, "user_data": json.dumps([w.sqe_a])},
			(w.customer_a, w.sqe_a),
		)
	],
	"frappe.core.doctype.user.user.reset_password": lambda w: [
		Call("POST", {"user": f"nobody-{w.run.lower()}@example.com"}, refused=True)
	],
	"cs_service.containment.signoff.apply_action": _sign_calls,
	"cs_service.containment.signoff.confirm_action": _confirm_calls,
	"cs_service.pages.portal.api.pending": lambda w: [Call("GET", {})],
	"cs_service.pages.portal.api.document": _document_calls,
	"cs_service.pages.portal.api.photo": _photo_calls,
	"cs_service.pages.portal.api.sign": lambda w: _act_calls(w, verdict=True),
	"cs_service.pages.portal.api.return_for_correction": lambda w: _act_calls(w, verdict=False),
	"cs_service.pages.portal.api.acknowledge": _acknowledge_calls,
	"cs_service.pages.portal.api.signed": lambda w: [Call("GET", {})],
	"cs_service.pages.portal.api.open_problems": lambda w: [Call("GET", {})],
}


def allowlisted_function(path: str):
	"""The function of an allowlisted dotted path, or None; Frappe's login has none (it logs in
	in frappe.auth before routing)."""
	module, _dot, name = path.rpartition(".")
	try:
		return getattr(importlib.import_module(module), name)
	except (ImportError, AttributeError):
		return None


def test_sweep_the_allowlist_record_by_record(world):
	w = world
	problems, tried = [], Counter()
	stamps = {(dt, n): frappe.db.get_value(dt, n, "modified") for dt, n in w.created}
	for path in sorted(allowlist.ALLOWED_METHODS):
		if path not in allowlist.NOT_FUNCTIONS and not allowlisted_function(path):
			problems.append(f"{path}: on the allowlist but there is no such function")
			continue
		build = ALLOWLIST_CALLS.get(path)
		if build is None:
			problems.append(f"{path}: on the allowlist but the sweep has no calls for it (ALLOWLIST_CALLS)")
			continue
		route = allowlist.NOT_FUNCTIONS.get(path, f"/api/method/{path}")
		for call in build(w):
			for auth, session in sessions_for(w, call):
				response = w.sweep_server.request(call.http, route, session=session, data=call.data)
				tried[auth] += 1
				problem = judge_call(w, call, response)
				if not problem and call.to_portal:  # the portal page answers B with nothing of A
					location = urlparse(response.headers["Location"])
					page = w.sweep_server.request(
						"GET",
						location.path + (f"?{location.query}" if location.query else ""),
						session=session,
					)
					if page.ok or (found := leaked(w, page.text, call.asked)):
						problem = f"the portal page {page.status_code}: {'shown' if page.ok else found}"
				if problem:
					problems.append(f"{auth} {path} {call.data}: {problem}")
	frappe.db.rollback()
	after = {(dt, n): frappe.db.get_value(dt, n, "modified") for dt, n in w.created}
	if after != stamps:
		problems.append(f"a record of A changed: {[k for k in stamps if stamps[k] != after[k]]}")
	print(f"\ngate sweep, the allowlist: {dict(tried)} calls; {len(problems)} problems")
	for problem in problems:
		print(f"  {problem}")
	assert problems == []


def sessions_for(w, call: Call):
	if call.session == "fresh":
		fresh = requests.Session()
		fresh.headers.update(w.sweep_server.headers())
		if call.data.get("usr") is None:  # logging out: a session of its own, logged in first
			fresh = w.sweep_server.login(w.sqe_b, w.password)
		yield "cookie", fresh
		return
	token = requests.Session()
	token.headers.update(w.sweep_server.headers(w.credentials[w.sqe_b]))
	yield "token", token
	yield "cookie", w.cookie_session


def judge_call(w, call: Call, response: requests.Response) -> str | None:
	body = response.content
	if w.photo_bytes in body or w.deck_bytes in body:
		return "the bytes of A's private file"
	if found := leaked(w, body.decode("utf-8", "replace"), call.asked):
		return f"{response.status_code} carries {found!r}"
	if call.refused and response.ok:
		return f"not refused: {response.status_code} {response.text[:120]}"
	if call.to_portal and not (
		response.is_redirect and urlparse(response.headers["Location"]).path.startswith("/sqe/")
	):
		return f"not sent to the portal: {response.status_code} {response.headers.get('Location')}"
	if refused_by_the_gate(response):
		return "refused by the gate although on the allowlist"
	return None


def test_sweep_summary(world):
	"""The counts of the sweep, once more at the end of the module's output."""
	tally = SUMMARY.get("tally")
	assert tally is not None, "the refusal sweep did not run"
	print_summary(tally, SUMMARY["allowed_methods"], SUMMARY["failed_imports"], SUMMARY["seconds"], [])
