"""Customer SQE users, outsiders who work in the SQE portal, get nothing of the
Customer Sites, not even their own customer's (in-process no right; over REST the gate refuses
them); CS Engineers edit only the sites they are assigned to (R-CT-9,
R-US-2).

The data is committed (the REST calls run in their own database connection) and removed
at the end of the module."""

import frappe
import pytest

from tests.integration import rest
from tests.integration.factories import api_credentials, make_customer, make_site, make_user
from tests.integration.outsider import assert_no_right, refused_by_the_gate


@pytest.fixture(scope="module")
def world():
	frappe.set_user("Administrator")
	customer_a = make_customer("CS Perm Customer A")
	customer_b = make_customer("CS Perm Customer B")
	sqe_a = make_user("cs-perm-sqe-a", "Customer SQE")
	engineer = make_user("cs-perm-engineer", "CS Engineer")
	outsider = make_user("cs-perm-engineer-2", "CS Engineer")
	site_a = make_site(customer_a, "Plant A", sqe_users=[sqe_a], engineers=[engineer]).name
	site_b = make_site(customer_b, "Plant B", engineers=[engineer]).name
	credentials = {u: api_credentials(u) for u in (sqe_a, engineer, outsider)}
	frappe.db.commit()
	yield frappe._dict(
		customer_a=customer_a,
		customer_b=customer_b,
		sqe_a=sqe_a,
		engineer=engineer,
		outsider=outsider,
		site_a=site_a,
		site_b=site_b,
		credentials=credentials,
	)
	frappe.set_user("Administrator")
	for site in (site_a, site_b):
		frappe.delete_doc("Customer Site", site, force=True)
	frappe.db.commit()


def test_sqe_has_no_right_on_the_sites_of_their_customer_or_another(world):
	for site in (world.site_a, world.site_b):
		assert_no_right(world.sqe_a, "Customer Site", site)


def test_sqe_is_refused_the_sites_through_the_rest_api(world):
	credentials = world.credentials[world.sqe_a]
	for path in (
		rest.resource("Customer Site", world.site_a),
		rest.resource("Customer Site", world.site_b),
		rest.resource("Customer Site") + '?fields=["name","customer"]',
		rest.resource("Customer Site") + f'?filters=[["customer","=","{world.customer_b}"]]',
	):
		response = rest.request("GET", path, credentials)
		assert refused_by_the_gate(response), (path, response.text)


def test_sqe_without_any_customer_has_no_right_either(world):
	lonely = make_user("cs-perm-sqe-lonely", "Customer SQE")
	assert_no_right(lonely, "Customer Site", world.site_a)


def test_engineer_edits_assigned_site_but_not_another(world):
	frappe.set_user(world.outsider)
	assert frappe.has_permission("Customer Site", "read", world.site_a)
	assert not frappe.has_permission("Customer Site", "write", world.site_a)
	site = frappe.get_doc("Customer Site", world.site_a)
	site.city = "Harbin"
	with pytest.raises(frappe.PermissionError):
		site.save()

	frappe.set_user(world.engineer)
	site = frappe.get_doc("Customer Site", world.site_a)
	site.city = "Harbin"
	site.save()
	assert frappe.db.get_value("Customer Site", world.site_a, "city") == "Harbin"


def test_unassigned_engineer_gets_403_when_editing_through_rest(world):
	response = rest.request(
		"PUT",
		rest.resource("Customer Site", world.site_a),
		world.credentials[world.outsider],
		json={"city": "Shenyang"},
	)
	assert response.status_code == 403, response.text
	assert frappe.db.get_value("Customer Site", world.site_a, "city") != "Shenyang"


def test_sqe_cannot_edit_their_own_site(world):
	frappe.set_user(world.sqe_a)
	assert not frappe.has_permission("Customer Site", "write", world.site_a)


def test_unassigned_engineer_cannot_assign_themselves_and_edit_in_one_request(world):
	site = frappe.get_doc("Customer Site", world.site_a)
	engineers = [{"user": row.user} for row in site.engineers] + [{"user": world.outsider}]
	response = rest.request(
		"PUT",
		rest.resource("Customer Site", world.site_a),
		world.credentials[world.outsider],
		json={"city": "Dalian", "engineers": engineers},
	)
	assert response.status_code == 403, response.text
	assert world.outsider not in frappe.get_all(
		"Customer Site Engineer", filters={"parent": world.site_a}, pluck="user"
	)
