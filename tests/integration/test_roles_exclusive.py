"""Customer SQE and the roles of the desk exclude each other (R-CT-9, R-US-2): an outsider never
holds a role that opens the desk, and one of our people is never an outsider."""

import frappe
import pytest
from frappe.desk.page.setup_wizard.setup_wizard import add_all_roles_to

from cs_service.access.roles import CS_ENGINEER, CUSTOMER_SQE
from cs_service.integrations.desk.home import RolesExcludeEachOther
from tests.integration.factories import email, make_user


def test_a_user_given_customer_sqe_and_a_desk_role_is_refused_with_the_roles_named():
	user = frappe.get_doc("User", make_user("cs-excl-eng", CS_ENGINEER))
	user.append("roles", {"role": CUSTOMER_SQE})
	with pytest.raises(RolesExcludeEachOther) as refused:
		user.save()
	assert CS_ENGINEER in str(refused.value) and CUSTOMER_SQE in str(refused.value)
	assert CUSTOMER_SQE not in frappe.get_roles(user.name)


def test_an_sqe_given_an_erpnext_desk_role_is_refused_too():
	user = frappe.get_doc("User", make_user("cs-excl-sqe", CUSTOMER_SQE))
	user.append("roles", {"role": "Sales User"})
	with pytest.raises(RolesExcludeEachOther):
		user.save()
	assert frappe.db.get_value("User", user.name, "user_type") == "Website User"


def test_a_new_user_with_both_is_not_created():
	with pytest.raises(RolesExcludeEachOther):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email("cs-excl-new"),
				"first_name": "Both",
				"send_welcome_email": 0,
				"roles": [{"role": CUSTOMER_SQE}, {"role": "System Manager"}],
			}
		).insert()
	assert not frappe.db.exists("User", email("cs-excl-new"))


def test_frappes_every_role_for_administrator_leaves_out_the_outsiders_role():
	"""ERPNext's install and test setup give Administrator every role of the site."""
	add_all_roles_to("Administrator")
	roles = {row.role for row in frappe.get_doc("User", "Administrator").roles}
	assert CS_ENGINEER in roles and CUSTOMER_SQE not in roles


def test_the_setup_wizards_first_user_gets_every_role_but_the_outsiders():
	name = make_user("cs-excl-wizard", "System Manager")
	frappe.flags.in_setup_wizard = True
	try:
		add_all_roles_to(name)
	finally:
		frappe.flags.in_setup_wizard = False
	roles = frappe.get_roles(name)
	assert CS_ENGINEER in roles and CUSTOMER_SQE not in roles
