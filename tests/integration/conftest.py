"""Integration tests run on a real Frappe site with ERPNext and cs_service installed.

Point them at a bench and a site with two environment variables and run pytest with the
bench's Python (see README):

    CS_SERVICE_BENCH=/path/to/frappe-bench CS_SERVICE_SITE=test.localhost \
        /path/to/frappe-bench/env/bin/python -m pytest tests/integration

Without them the whole folder is skipped, with that one reason.
"""

import os

import pytest

BENCH = os.environ.get("CS_SERVICE_BENCH")
SITE = os.environ.get("CS_SERVICE_SITE")

if not (BENCH and SITE):
	pytest.skip(
		"integration tests need a Frappe site: set CS_SERVICE_BENCH and CS_SERVICE_SITE (see README)",
		allow_module_level=True,
	)

import frappe

SITES_PATH = os.path.join(os.path.abspath(BENCH), "sites")
os.chdir(SITES_PATH)  # frappe resolves logs and files relative to the sites folder
frappe.init(site=SITE, sites_path=SITES_PATH)
frappe.connect()
frappe.flags.in_test = True
frappe.set_user("Administrator")


def pytest_sessionstart(session):
	missing = {"erpnext", "cs_service"} - set(frappe.get_installed_apps())
	if missing:
		pytest.exit(f"site {SITE} lacks the apps {sorted(missing)}: install them first", returncode=4)


def pytest_sessionfinish(session, exitstatus):
	if getattr(frappe.local, "db", None):  # `pytest tests` loads both layers: the first closes it
		frappe.db.rollback()
		frappe.destroy()


def pytest_collection_modifyitems(session, config, items):
	"""The demo department's test runs first, on the site as a new department finds it: the
	customer boundary world (a session fixture with a record in every DocType of the module, the
	demo's registry included) is made later."""
	first = [item for item in items if item.nodeid.startswith("tests/integration/test_demo.py")]
	if first:
		items[:] = first + [item for item in items if item not in first]


@pytest.fixture(autouse=True)
def rollback():
	"""Each test runs in its own transaction, rolled back afterwards."""
	frappe.set_user("Administrator")
	frappe.db.rollback()
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.message_log = []


@pytest.fixture(scope="session")
def boundary():
	"""Customers A and B with a record of A in every DocType of the module, committed, and a
	real HTTP server (gunicorn on loopback) on the site; removed at the end."""
	from tests.integration import boundary_world
	from tests.integration.server import Server, sites_path

	frappe.set_user("Administrator")
	frappe.db.rollback()
	world = boundary_world.build(frappe.generate_hash(length=6).upper())
	frappe.db.commit()
	world.server = Server(sites_path(), frappe.local.site).start()
	try:
		yield world
	finally:
		world.server.stop()
		boundary_world.remove(world)
