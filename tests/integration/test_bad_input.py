"""One named test per defect the fuzz run over HTTP found ("Bad input, everywhere").

Each request below answered HTTP 500 on the code before the fix (tests/integration/test_fuzz_http.py
found them); now each is refused with a translated message naming the argument or field (or, for
a search term, answered), and nothing is written. Over HTTP through a real server (gunicorn on
loopback), in the logged-in sessions of the committed world of tests/integration/judged_world.py.
"""

from __future__ import annotations

import json

import frappe
import pytest

from tests.integration import judged_world
from tests.integration.rest import resource
from tests.integration.test_engineer_records import messages, zh


@pytest.fixture(scope="module")
def world():
	from tests.integration.factories import make_feedback, make_screening
	from tests.integration.server import Server, sites_path

	w = judged_world.build(frappe.generate_hash(length=6).upper())
	frappe.set_user(w.engineer)
	sheet = make_feedback(customer=w.customer, item=w.item, customer_site=w.site, submit=True)
	w.screening = make_screening(sheet.name, engineer=w.engineer).name
	frappe.set_user("Administrator")
	frappe.db.commit()
	w.server = Server(sites_path(), frappe.local.site).start()
	w.sessions = {user: w.server.login(user, judged_world.PASSWORD) for user in w.users}
	try:
		yield w
	finally:
		w.server.stop()
		judged_world.remove(w)


def call(w, user: str, method: str, path: str, **kw):
	return w.server.request(method, path, session=w.sessions[user], **kw)


def refused(response, status: int, *names: str) -> str:
	assert response.status_code == status, (response.status_code, response.text[:400])
	text = messages(response)
	assert text, response.text[:400]
	for name in names:
		assert zh(name) in text, (name, text)
	return text


def unchanged(doctype: str, before: int, **filters):
	frappe.db.rollback()
	assert frappe.db.count(doctype, filters) == before


def test_fuzz_defect_a_table_sent_as_a_text_is_refused_naming_it(world):
	"""A table given as a text: TypeError in Frappe's building of the document (R-CT-4)."""
	w = world
	before = frappe.db.count("Suspect Part Slip", {"customer": w.customer})
	slip = {
		"customer": w.customer,
		"customer_site": w.site,
		"item": w.item,
		"quantity": 3,
		"vehicles": "VIN1",
	}
	refused(call(w, w.engineer, "POST", resource("Suspect Part Slip"), json=slip), 417, "Vehicles")
	refused(
		call(w, w.engineer, "POST", resource("Suspect Part Slip"), json={**slip, "vehicles": [5]}),
		417,
		"Vehicles",
	)
	unchanged("Suspect Part Slip", before, customer=w.customer)


def test_fuzz_defect_wrong_kinds_of_values_are_refused_naming_the_field(world):
	"""A word as a weight (a comparison in the controller), an object as a shop (the database
	driver), a date in the year 838 (the shift arithmetic): each was HTTP 500 (R-ST-5, R-PL-4)."""
	w = world
	kpi = {"kpi_name": f"CSJ KPI {w.run}", "source": "Manual", "weight": "heavy"}
	refused(call(w, w.manager, "POST", resource("CS KPI Item"), json=kpi), 417, "Weight")
	part = {"customer": w.customer, "item": w.item, "shop": {"name": "Final Assembly"}}
	refused(call(w, w.manager, "POST", resource("Customer Part"), json=part), 417, "Shop")
	fit = {"customer": w.customer, "customer_site": w.site, "trial_date": "0838-06-23 02:35:00"}
	refused(call(w, w.engineer, "POST", resource("Trial Fit Verification"), json=fit), 417, "Trial Date")
	frappe.db.rollback()
	assert not frappe.db.exists("CS KPI Item", kpi["kpi_name"])
	# a number for a text and a numeric text for a number are taken as meant
	ok = call(w, w.manager, "POST", resource("CS KPI Item"), json={**kpi, "weight": "2", "description": 7})
	assert ok.status_code == 200, ok.text[:300]
	assert (ok.json()["data"]["weight"], ok.json()["data"]["description"]) == (2, "7")
	frappe.db.delete("CS KPI Item", {"name": kpi["kpi_name"]})
	frappe.db.commit()


def test_fuzz_defect_a_visit_log_row_without_its_contact_is_refused(world):
	"""A row of People Met without its contact: a sort of None in the controller (R-PL-1)."""
	w = world
	log = {
		"customer": w.customer,
		"visit_date": frappe.utils.nowdate(),
		"visitors": [{"user": w.engineer}],
		"topics": "Volumes",
		"contacts": [{"full_name": "Li"}],
	}
	before = frappe.db.count("Customer Visit Log", {"customer": w.customer})
	response = call(w, w.engineer, "POST", resource("Customer Visit Log"), json=log)
	assert response.status_code == 417 and messages(response), response.text[:300]
	unchanged("Customer Visit Log", before, customer=w.customer)


def test_fuzz_defect_a_controller_method_with_an_unknown_argument_is_refused(world):
	"""``run_doc_method`` passed any argument to the controller's method: TypeError (R-CT-7)."""
	w = world
	data = {
		"dt": "Containment Screening",
		"dn": w.screening,
		"method": "confirm_breakpoint",
		"args": json.dumps({"held": 1, "not_an_argument": 2}),
	}
	text = refused(call(w, w.engineer, "POST", "/api/method/run_doc_method", data=data), 417)
	assert "not_an_argument" in text
	data["args"] = json.dumps([1])
	refused(call(w, w.engineer, "POST", "/api/method/run_doc_method", data=data), 417)


def test_fuzz_defect_the_apps_methods_refuse_arguments_of_the_wrong_kind(world):
	"""The phone page's send given no capture, a number card's filters that are no JSON, a
	leaderboard field ERPNext does not know, an 8D report of no sheet, a search's filters that
	are no JSON, the list sidebar's counts of a field that does not exist: each was HTTP 500."""
	w = world
	send = "/api/method/cs_service.pages.capture.send"
	refused(call(w, w.engineer, "POST", send, json={"capture": ""}), 417, "Capture")
	refused(call(w, w.engineer, "POST", send, json={"capture": 5}), 417, "Capture")
	card = "/api/method/cs_service.figures.cards.card_overdue_actions"
	refused(call(w, w.manager, "GET", card, params={"filters": "¦"}), 417, "Filters")
	board = "/api/method/cs_service.integrations.desk.overrides.get_all_customers"
	refused(call(w, w.manager, "POST", board, json={"field": "x", "company": None}), 417, "Field")
	make = "/api/method/cs_service.cs_service.doctype.cs_8d_report.cs_8d_report.make_8d_report"
	refused(call(w, w.manager, "POST", make, json={"quality_feedback_sheet": ""}), 404)
	search = "/api/method/cs_service.access.doors.search_link"
	query = {"doctype": "Customer", "txt": "", "filters": "{not json"}
	refused(call(w, w.engineer, "POST", search, data=query), 417, "Filters")
	counts = "/api/method/cs_service.access.doors.get_group_by_count"
	query = {"doctype": "Suspect Part Slip", "current_filters": "[]", "field": "no_such_field"}
	refused(call(w, w.engineer, "POST", counts, data=query), 417, "Field")
	mentions = "/api/method/cs_service.integrations.desk.overrides.get_names_for_mentions"
	assert call(w, w.engineer, "POST", mentions, json={"search_term": 5}).status_code == 200


def test_fuzz_defect_an_assessment_row_without_its_kpi_item_is_refused_naming_it(world):
	"""A row of an Engineer Monthly Assessment without its KPI item: AttributeError on None in the
	controller (R-ST-5)."""
	w = world
	assessment = {
		"engineer": w.engineer,
		"month": frappe.utils.nowdate(),
		"items": [{"kpi_item": "", "value": 0}],
	}
	before = frappe.db.count("Engineer Monthly Assessment", {"engineer": w.engineer})
	response = call(w, w.manager, "POST", resource("Engineer Monthly Assessment"), json=assessment)
	refused(response, 417)
	unchanged("Engineer Monthly Assessment", before, engineer=w.engineer)


def test_fuzz_defect_the_default_app_of_the_apps_screen_must_be_an_app_of_the_site(world):
	"""The apps screen's *Set as default* (Frappe's, overridden to keep the workspace in step) wrote any text into the User's default_app: a long one was HTTP 500 (DataError)."""
	w = world
	path = "/api/method/frappe.apps.set_app_as_default"
	before = frappe.db.get_value("User", w.engineer, "default_app")
	refused(call(w, w.engineer, "POST", path, data={"app_name": "长" * 200}), 417, "App")
	refused(call(w, w.engineer, "POST", path, data={"app_name": "no_such_app"}), 417, "App")
	frappe.db.rollback()
	assert frappe.db.get_value("User", w.engineer, "default_app") == before
	assert call(w, w.engineer, "POST", path, data={"app_name": "cs_service"}).status_code == 200
	frappe.db.rollback()
	assert frappe.db.get_value("User", w.engineer, "default_app") == (
		None if before == "cs_service" else "cs_service"
	)
