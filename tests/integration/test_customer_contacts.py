"""The customer's people by role (R-PL-5): ERPNext Contacts linked to the Customer, with their
role, site and shop, listed per site and role."""

import frappe
import pytest

from cs_service.cs_service.report.customer_contacts_by_role.customer_contacts_by_role import execute
from cs_service.planning.sites import SiteOfAnotherCustomer
from tests.integration.factories import make_contact, make_customer, make_site

CUSTOMER_A = "CS Contact Customer A"
CUSTOMER_B = "CS Contact Customer B"


def test_contacts_are_listed_per_site_by_role():
	site_1 = make_site(make_customer(CUSTOMER_A), "Plant 1").name
	site_2 = make_site(CUSTOMER_A, "Plant 2").name
	make_customer(CUSTOMER_B)
	leader = make_contact(
		CUSTOMER_A, "Zhou", role="Team Leader", customer_site=site_1, cs_shop="final assembly"
	)
	sqe = make_contact(
		CUSTOMER_A,
		"Wang",
		role="SQE",
		customer_site=site_1,
		phone_nos=[{"phone": "13800000001", "is_primary_mobile_no": 1}],
	)
	make_contact(CUSTOMER_A, "Qian", role="SQE", customer_site=site_2)
	make_contact(CUSTOMER_B, "Sun", role="SQE")
	assert leader.cs_shop == "Final Assembly"  # the site's spelling

	rows = execute(frappe._dict(customer=CUSTOMER_A, customer_site=site_1))[1]
	assert [(r.full_name, r.role, r.shop) for r in rows] == [
		("Wang", "SQE", None),
		("Zhou", "Team Leader", "Final Assembly"),
	]
	assert rows[0].contact == sqe.name and rows[0].mobile_no == "13800000001"

	sqes = execute(frappe._dict(customer=CUSTOMER_A, role="SQE"))[1]
	assert [(r.full_name, r.customer_site) for r in sqes] == [("Wang", site_1), ("Qian", site_2)]


def test_a_contact_site_belongs_to_a_linked_customer_and_its_shop_to_the_site():
	site_a = make_site(make_customer(CUSTOMER_A), "Plant 1").name
	make_customer(CUSTOMER_B)
	with pytest.raises(SiteOfAnotherCustomer):
		make_contact(CUSTOMER_B, "Li", role="Operator", customer_site=site_a)
	with pytest.raises(frappe.ValidationError):
		make_contact(CUSTOMER_A, "Li", role="Operator", customer_site=site_a, cs_shop="Press Shop")
