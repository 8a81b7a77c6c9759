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
	def __init__(self, sites_path: str, site: str, statics: bool = False, workers: int | None = None):
		self.sites_path = sites_path
		self.site = site
		self.port = _free_port()
		self.process: subprocess.Popen | None = None
		# a browser needs the desk's assets too (tests/e2e), the app's own from the code under test
		self.app = "tests.integration.wsgi:application()" if statics else "frappe.app:application"
		# a browser loads the page, its assets and the service worker at once; a race test needs
		# two requests served at the same time
		self.workers = workers or (2 if statics else 1)

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

	def request(self, method: str, path: str, credentials: str | None = None, **kw) -> requests.Response:
		return requests.request(
			method, f"{self.url}{path}", headers=self.headers(credentials), timeout=120, **kw
		)


def sites_path() -> str:
	return os.path.abspath(frappe.local.sites_path)
