"""Customer SQE users become Website Users that work in the SQE portal (R-CT-9, R-US-2).

Earlier versions made a customer's SQE a desk user with their own workspace and a Module
Profile. Now the Customer SQE role has no desk access and the outsiders' gate
(cs_service.access.gate) refuses them everything but the portal. This patch runs before the
fixtures are synced, so it sets the role's desk access itself, then saves every SQE user so
that Frappe makes them Website Users; their User Permissions and their places on the Customer
Sites stay as they are.

A user who held Customer SQE *and* a desk role was treated as one of our people; the roles now
exclude each other, so such a user keeps their desk roles and loses Customer SQE (and with it
their places as SQE on Customer Sites and the User Permissions those gave). Each is printed.
"""

import frappe

from cs_service.access.roles import CUSTOMER_SQE
from cs_service.access.sqes import release_customer
from cs_service.integrations.desk.home import check_roles_exclusive, remove_old_sqe_desk


def execute():
	if not frappe.db.exists("Role", CUSTOMER_SQE):
		return
	frappe.db.set_value("Role", CUSTOMER_SQE, {"desk_access": 0, "home_page": "sqe"})
	remove_old_sqe_desk()
	users = frappe.get_all(
		"Has Role", filters={"role": CUSTOMER_SQE, "parenttype": "User"}, pluck="parent", distinct=True
	)
	for name in users:
		if name in ("Administrator", "Guest"):
			continue
		user = frappe.get_doc("User", name)
		try:
			check_roles_exclusive(user)
		except frappe.ValidationError:
			drop_sqe_role(user)
			print(f"{name}: holds desk roles; Customer SQE removed, with their SQE places on Customer Sites")
		else:
			if user.user_type == "Website User":
				continue  # upgraded already
		user.flags.ignore_password_policy = True
		user.save(ignore_permissions=True)


def drop_sqe_role(user):
	user.set("roles", [row for row in user.roles if row.role != CUSTOMER_SQE])
	for row in frappe.get_all(
		"Customer Site SQE",
		filters={"parenttype": "Customer Site", "user": user.name},
		fields=["name", "parent"],
	):
		customer = frappe.db.get_value("Customer Site", row.parent, "customer")
		frappe.db.delete("Customer Site SQE", {"name": row.name})
		if customer:
			release_customer(user.name, customer)
