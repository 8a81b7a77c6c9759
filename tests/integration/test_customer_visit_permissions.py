"""A Customer SQE sees the visit logs, trial fits and part knowledge of their own customer only
(issue 5 acceptance; R-PL-1, R-US-2). The data is committed (the REST calls run in their own
database connection) and removed at the end of the module."""

import frappe
import pytest

from tests.integration import rest
from tests.integration.factories import (
	api_credentials,
	make_customer,
	make_site,
	make_user,
	make_visit,
)

CUSTOMER_A = "CS VPerm Customer A"
CUSTOMER_B = "CS VPerm Customer B"


@pytest.fixture(scope="module")
def world():
	frappe.set_user("Administrator")
	sqe_a = make_user("cs-vperm-sqe-a", "Customer SQE")
	site_a = make_site(make_customer(CUSTOMER_A), "Plant A", sqe_users=[sqe_a]).name
	site_b = make_site(make_customer(CUSTOMER_B), "Plant B").name
	visit_a = make_visit(CUSTOMER_A, "2025-03-10", customer_site=site_a).name
	visit_b = make_visit(CUSTOMER_B, "2025-03-11", customer_site=site_b).name
	credentials = api_credentials(sqe_a)
	frappe.db.commit()
	yield frappe._dict(sqe_a=sqe_a, visit_a=visit_a, visit_b=visit_b, credentials=credentials)
	frappe.set_user("Administrator")
	for visit in (visit_a, visit_b):
		frappe.delete_doc("Customer Visit Log", visit, force=True)
	for site in (site_a, site_b):
		frappe.delete_doc("Customer Site", site, force=True)
	frappe.db.commit()


def test_sqe_reads_the_visit_log_of_their_customer_and_gets_403_for_another(world):
	own = rest.request("GET", rest.resource("Customer Visit Log", world.visit_a), world.credentials)
	assert own.status_code == 200, own.text
	assert own.json["data"]["customer"] == CUSTOMER_A
	other = rest.request("GET", rest.resource("Customer Visit Log", world.visit_b), world.credentials)
	assert other.status_code == 403, other.text


def test_sqe_lists_only_their_customers_visit_logs(world):
	listing = rest.request(
		"GET",
		rest.resource("Customer Visit Log") + '?fields=["name","customer"]&limit_page_length=0',
		world.credentials,
	)
	assert listing.status_code == 200, listing.text
	names = [r["name"] for r in listing.json["data"]]
	assert world.visit_a in names
	assert world.visit_b not in names
	assert {r["customer"] for r in listing.json["data"]} == {CUSTOMER_A}


def test_sqe_cannot_write_a_visit_log(world):
	response = rest.request(
		"PUT", rest.resource("Customer Visit Log", world.visit_a), world.credentials, json={"topics": "x"}
	)
	assert response.status_code == 403, response.text


def test_sqe_in_the_desk(world):
	frappe.set_user(world.sqe_a)
	assert frappe.has_permission("Customer Visit Log", "read", world.visit_a)
	assert not frappe.has_permission("Customer Visit Log", "read", world.visit_b)
	assert not frappe.has_permission("Annual Service Plan", "read")
