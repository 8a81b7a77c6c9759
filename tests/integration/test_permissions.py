"""Customer SQE users see only their customer's Customer Sites; CS Engineers edit only the
sites they are assigned to (issue 2 acceptance; R-CT-9, R-US-2).

The data is committed (the REST calls run in their own database connection) and removed
at the end of the module."""

import frappe
import pytest

from tests.integration import rest
from tests.integration.factories import api_credentials, make_customer, make_site, make_user


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


def test_sqe_lists_only_the_sites_of_their_customer(world):
	frappe.set_user(world.sqe_a)
	names = frappe.get_list("Customer Site", pluck="name")
	assert world.site_a in names
	assert world.site_b not in names
	# asking for B by name or by customer does not reveal it either
	assert frappe.get_list("Customer Site", filters={"name": world.site_b}) == []
	assert frappe.get_list("Customer Site", filters={"customer": world.customer_b}) == []


def test_sqe_cannot_read_a_site_of_another_customer_through_get_doc(world):
	frappe.set_user(world.sqe_a)
	frappe.get_doc("Customer Site", world.site_a).check_permission("read")
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Customer Site", world.site_b).check_permission("read")
	assert not frappe.has_permission("Customer Site", "read", world.site_b)


def test_sqe_gets_403_through_the_rest_api(world):
	credentials = world.credentials[world.sqe_a]
	own = rest.request("GET", rest.resource("Customer Site", world.site_a), credentials)
	assert own.status_code == 200, own.text
	assert own.json["data"]["customer"] == world.customer_a
	other = rest.request("GET", rest.resource("Customer Site", world.site_b), credentials)
	assert other.status_code == 403, other.text
	listing = rest.request("GET", rest.resource("Customer Site") + '?fields=["name"]', credentials)
	assert listing.status_code == 200
	assert [r["name"] for r in listing.json["data"]] == [world.site_a]


def test_sqe_without_any_customer_sees_nothing(world):
	lonely = make_user("cs-perm-sqe-lonely", "Customer SQE")
	frappe.set_user(lonely)
	assert frappe.get_list("Customer Site", filters={"name": ("in", [world.site_a, world.site_b])}) == []
	assert not frappe.has_permission("Customer Site", "read", world.site_a)


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
