"""A Customer SQE, an outsider who works in the SQE portal, gets nothing of our visit
logs and plans, not even of their own customer: no right in-process, and the gate refuses them
over REST (R-PL-1, R-US-2). The data is committed (the REST calls run in
their own database connection) and removed at the end of the module."""

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
from tests.integration.outsider import assert_no_right, refused_by_the_gate

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


def test_sqe_is_refused_the_visit_logs_of_their_customer_and_of_another(world):
	for visit in (world.visit_a, world.visit_b):
		response = rest.request("GET", rest.resource("Customer Visit Log", visit), world.credentials)
		assert refused_by_the_gate(response), response.text
		assert CUSTOMER_A not in response.text and CUSTOMER_B not in response.text


def test_sqe_is_refused_the_list_of_visit_logs(world):
	listing = rest.request(
		"GET",
		rest.resource("Customer Visit Log") + '?fields=["name","customer"]&limit_page_length=0',
		world.credentials,
	)
	assert refused_by_the_gate(listing), listing.text
	assert world.visit_a not in listing.text and world.visit_b not in listing.text


def test_sqe_cannot_write_a_visit_log(world):
	response = rest.request(
		"PUT", rest.resource("Customer Visit Log", world.visit_a), world.credentials, json={"topics": "x"}
	)
	assert response.status_code == 403, response.text


def test_sqe_has_no_right_on_visit_logs_and_plans(world):
	for visit in (world.visit_a, world.visit_b):
		assert_no_right(world.sqe_a, "Customer Visit Log", visit)
	assert_no_right(world.sqe_a, "Annual Service Plan")
