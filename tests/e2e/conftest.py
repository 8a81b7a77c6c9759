"""End-to-end tests in a real browser: Playwright (Python) driving Debian's
Chromium at phone size against a real site served by gunicorn on loopback.

    CS_SERVICE_BENCH=/path/to/frappe-bench CS_SERVICE_SITE=test.localhost \\
        /path/to/frappe-bench/env/bin/python -m pytest tests/e2e

Skipped, with one reason, without a site, without the playwright package or without
Chromium (``apt install chromium``; no browser download: ``CS_SERVICE_CHROMIUM`` names
another binary). ``CS_SERVICE_SCREENSHOTS=docs/screenshots`` keeps the page's screenshots.

The fixtures start the server and the browser; the pages the tests drive, logged in and
watched, are tests/e2e/browser.py's, the records they make tests/e2e/worlds.py's.
"""

import os
import shutil

import pytest

BENCH = os.environ.get("CS_SERVICE_BENCH")
SITE = os.environ.get("CS_SERVICE_SITE")
CHROMIUM = os.environ.get("CS_SERVICE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

if not (BENCH and SITE):
	pytest.skip(
		"e2e tests need a Frappe site: set CS_SERVICE_BENCH and CS_SERVICE_SITE (see README)",
		allow_module_level=True,
	)
try:
	import playwright.sync_api  # noqa: F401
except ImportError:
	pytest.skip("e2e tests need the playwright package in the bench's Python", allow_module_level=True)
if not os.path.exists(CHROMIUM):
	pytest.skip(
		f"e2e tests need Chromium ({CHROMIUM} not found; apt install chromium)", allow_module_level=True
	)

import frappe

SITES_PATH = os.path.join(os.path.abspath(BENCH), "sites")
os.chdir(SITES_PATH)
frappe.init(site=SITE, sites_path=SITES_PATH)
frappe.connect()
# as in the integration layer: the factories' e-mail account is not checked against an SMTP
# server and nothing leaves the queue of this process
frappe.flags.in_test = True
frappe.set_user("Administrator")


def pytest_sessionfinish(session, exitstatus):
	if getattr(frappe.local, "db", None):  # `pytest tests` loads both layers: the first closes it
		frappe.db.rollback()
		frappe.destroy()


@pytest.fixture(scope="session")
def server():
	from tests.integration.server import Server, sites_path

	srv = Server(sites_path(), frappe.local.site, statics=True).start()
	try:
		yield srv
	finally:
		srv.stop()


@pytest.fixture(scope="session")
def browser(server):
	from playwright.sync_api import sync_playwright

	origin = f"http://{SITE}:{server.port}"
	with sync_playwright() as p:
		browser = p.chromium.launch(
			executable_path=CHROMIUM,
			args=[
				f"--host-resolver-rules=MAP {SITE} 127.0.0.1",
				f"--unsafely-treat-insecure-origin-as-secure={origin}",
				"--no-sandbox",
			],
		)
		browser.origin = origin
		try:
			yield browser
		finally:
			browser.close()
