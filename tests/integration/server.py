"""A real HTTP server for the site under test: gunicorn on loopback, started and stopped by
the tests that need it, with the same code (sys.path) as the test process."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import frappe
import requests


def _free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


class Server:
	def __init__(
		self,
		sites_path: str,
		site: str,
		statics: bool = False,
		workers: int | None = None,
		threads: int | None = None,
	):
		self.sites_path = sites_path
		self.site = site
		self.port = _free_port()
		self.process: subprocess.Popen | None = None
		# a browser needs the desk's assets too (tests/e2e), the app's own from the code under test
		self.app = "tests.integration.wsgi:application()" if statics else "frappe.app:application"
		# a browser loads the page, its assets and the service worker at once; a race test needs
		# two requests served at the same time
		self.workers = workers or (2 if statics else 1)
		# threads per worker (gunicorn's gthread workers, as frappe_docker serves Frappe): a request
		# mostly waits for the database and Redis
		self.threads = threads

	@property
	def url(self) -> str:
		return f"http://127.0.0.1:{self.port}"

	def start(self):
		gunicorn = Path(sys.executable).with_name("gunicorn")
		env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
		self.process = subprocess.Popen(
			[
				str(gunicorn),
				"-b",
				f"127.0.0.1:{self.port}",
				"-w",
				str(self.workers),
				"-t",
				"120",
				*(["-k", "gthread", "--threads", str(self.threads)] if self.threads else []),
				self.app,
			],
			cwd=self.sites_path,
			env=env,
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
		)
		deadline = time.monotonic() + 60
		while time.monotonic() < deadline:
			# a worker's first answer loads the whole app: slow on a busy machine, so wait it out
			with contextlib.suppress(requests.ConnectionError, requests.Timeout):
				requests.get(f"{self.url}/api/method/ping", headers=self.headers(), timeout=30)
				return self
			if self.process.poll() is not None:
				raise RuntimeError("gunicorn exited at start")
			time.sleep(0.3)
		self.stop()
		raise RuntimeError("gunicorn did not answer within 60 s")

	def stop(self):
		if self.process and self.process.poll() is None:
			self.process.terminate()
			try:
				self.process.wait(timeout=20)
			except subprocess.TimeoutExpired:
				self.process.kill()

	def headers(self, credentials: str | None = None) -> dict:
		headers = {"Host": self.site, "X-Frappe-Site-Name": self.site, "Accept": "application/json"}
		if credentials:
			headers["Authorization"] = f"token {credentials}"
		return headers

	def request(
		self,
		method: str,
		path: str,
		credentials: str | None = None,
		session: requests.Session | None = None,
		**kw,
	) -> requests.Response:
		"""A request authenticated by an API key and secret (``credentials``), by the cookie of a
		logged-in ``session`` (:meth:`login`), or as a guest."""
		if session is not None:
			kw.setdefault("allow_redirects", False)
			return session.request(method, f"{self.url}{path}", timeout=120, **kw)
		return requests.request(
			method, f"{self.url}{path}", headers=self.headers(credentials), timeout=120, **kw
		)

	def login(self, user: str, password: str) -> requests.Session:
		"""A browser's session of ``user``: logged in with the password, carrying the session's
		CSRF token as the desk and the portal pages do (a POST without it would be refused
		before any hook sees it)."""
		session = requests.Session()
		session.headers.update(self.headers())
		response = session.post(
			f"{self.url}/api/method/login", data={"usr": user, "pwd": password}, timeout=60
		)
		response.raise_for_status()
		sid = session.cookies.get("sid")
		data = frappe.cache.hget("session", sid)
		token = data["data"].get("csrf_token") or frappe.generate_hash()
		data["data"]["csrf_token"] = token
		frappe.cache.hset("session", sid, data)
		session.headers["X-Frappe-CSRF-Token"] = token
		return session


def sites_path() -> str:
	return os.path.abspath(frappe.local.sites_path)
