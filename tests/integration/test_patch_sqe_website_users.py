"""The upgrade that makes a customer's SQE a Website User of the portal (R-CT-9, R-US-2).

The site is put back in the state earlier versions left: the Customer SQE role opened the desk,
an SQE had the Module Profile that hid the rest of it, and a user could hold Customer SQE next
to one of our roles. The patch must leave each SQE a Website User with their User Permission
and their place on the Customer Site, and take Customer SQE from a user who held both."""

import frappe

from cs_service.access.roles import CS_ENGINEER, CUSTOMER_SQE
from cs_service.integrations.desk.home import OLD_SQE_MODULE_PROFILE
from cs_service.patches.v1 import sqe_website_users
from tests.integration.factories import make_customer, make_site, make_user


def old_state(sqe: str, both: str):
	frappe.db.set_value("Role", CUSTOMER_SQE, {"desk_access": 1, "home_page": None})
	if not frappe.db.exists("Module Profile", OLD_SQE_MODULE_PROFILE):
		frappe.get_doc(
			{
				"doctype": "Module Profile",
				"module_profile_name": OLD_SQE_MODULE_PROFILE,
				"block_modules": [{"module": "Selling"}],
			}
		).insert()
	frappe.db.set_value("User", sqe, {"user_type": "System User", "module_profile": OLD_SQE_MODULE_PROFILE})
	# a user of ours who was also listed as an SQE (the roles excluded each other only later)
	user = frappe.get_doc("User", both)
	row = user.append("roles", {"role": CUSTOMER_SQE})
	row.db_insert()
	frappe.clear_cache(user=both)


def test_sqe_users_become_website_users_and_keep_their_customer_and_site():
	customer = make_customer("CS Patch Customer")
	sqe = make_user("cs-patch-sqe", CUSTOMER_SQE)
	both = make_user("cs-patch-both", CS_ENGINEER)
	site = make_site(customer, "Patch Plant", sqe_users=[sqe])
	old_state(sqe, both)
	site.reload()
	site.append("sqe_users", {"user": both})
	site.db_update_all()
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": both,
			"allow": "Customer",
			"for_value": customer,
			"apply_to_all_doctypes": 1,
		}
	).insert(ignore_permissions=True)
	assert frappe.db.get_value("User", sqe, "user_type") == "System User"

	sqe_website_users.execute()

	assert frappe.db.get_value("Role", CUSTOMER_SQE, ["desk_access", "home_page"]) == (0, "sqe")
	assert frappe.db.get_value("User", sqe, ["user_type", "module_profile"]) == ("Website User", None)
	assert not frappe.db.exists("Module Profile", OLD_SQE_MODULE_PROFILE)
	assert frappe.db.exists("User Permission", {"user": sqe, "allow": "Customer", "for_value": customer})
	assert sqe in frappe.get_all("Customer Site SQE", filters={"parent": site.name}, pluck="user")
	# the user of ours keeps their desk role, loses Customer SQE and what it gave them
	assert set(frappe.get_roles(both)) >= {CS_ENGINEER} and CUSTOMER_SQE not in frappe.get_roles(both)
	assert frappe.db.get_value("User", both, "user_type") == "System User"
	assert both not in frappe.get_all("Customer Site SQE", filters={"parent": site.name}, pluck="user")
	assert not frappe.db.exists("User Permission", {"user": both, "allow": "Customer", "for_value": customer})


def test_the_patch_runs_twice_without_changing_anything_more():
	customer = make_customer("CS Patch Customer 2")
	sqe = make_user("cs-patch-sqe-2", CUSTOMER_SQE)
	make_site(customer, "Patch Plant", sqe_users=[sqe])
	sqe_website_users.execute()
	modified = frappe.db.get_value("User", sqe, "modified")
	sqe_website_users.execute()
	assert frappe.db.get_value("User", sqe, ["user_type", "modified"]) == ("Website User", modified)
