"""Where each role lands in the desk (R-US-1, R-US-2; issue 15).

Frappe sends a desk user to the user's *default workspace* after login (``User.default_workspace``;
``Role.home_page`` only applies to website users). So:

- our staff (CS Engineer, CS Manager, QA Engineer) land on the Customer Service workspace,
  unless they chose another default workspace themselves;
- a customer's SQE (an *external* user, :func:`cs_service.customer_scope.is_external`) lands
  on their own home, the workspace *Pending My Signature*, and the rest of ERPNext's
  workspaces is hidden from them by Frappe's own means: a **Module Profile** that blocks every
  module but ours (the sidebar lists only workspaces of modules a user is not blocked from).

Applied whenever a User is saved (so when a user gets or loses a role) and, for the users
that exist already, on install and migrate.
"""

from __future__ import annotations

import frappe
from frappe.utils.user import get_users_with_role

from cs_service.customer_scope import external_roles
from cs_service.roles import CS_ENGINEER, CS_MANAGER, CUSTOMER_SQE, QA_ENGINEER

MODULE = "CS Service"
CS_HOME = "Customer Service"
SQE_HOME = "Pending My Signature"
SQE_MODULE_PROFILE = "Customer SQE"
CS_ROLES = (CS_ENGINEER, CS_MANAGER, QA_ENGINEER)


def is_external_user(user) -> bool:
	"""The customer-scope rule applied to a User document's own (possibly unsaved) roles."""
	return user.name != "Administrator" and external_roles(row.role for row in user.roles)


def validate_user(doc, method=None):
	"""doc_events validate of User."""
	set_home(doc)


def set_home(user) -> None:
	if user.name in ("Administrator", "Guest") or user.user_type != "System User":
		return
	if is_external_user(user):
		if frappe.db.exists("Workspace", SQE_HOME):
			user.default_workspace = SQE_HOME
		if frappe.db.exists("Module Profile", SQE_MODULE_PROFILE):
			user.module_profile = SQE_MODULE_PROFILE
			# Frappe copies the profile's modules in the controller's validate, which ran already
			user.set("block_modules", [{"module": m} for m in blocked_modules()])
		return
	if user.module_profile == SQE_MODULE_PROFILE:
		user.module_profile = None
		user.set("block_modules", [])
	if user.default_workspace == SQE_HOME:
		user.default_workspace = None
	roles = {row.role for row in user.roles}
	if not user.default_workspace and roles & set(CS_ROLES) and frappe.db.exists("Workspace", CS_HOME):
		user.default_workspace = CS_HOME


def blocked_modules() -> list[str]:
	"""Every module of the site but ours."""
	return sorted(m for m in frappe.get_all("Module Def", pluck="name") if m != MODULE)


def make_sqe_module_profile():
	"""The Module Profile of external users, with today's modules (refreshed on migrate)."""
	if frappe.db.exists("Module Profile", SQE_MODULE_PROFILE):
		profile = frappe.get_doc("Module Profile", SQE_MODULE_PROFILE)
	else:
		profile = frappe.new_doc("Module Profile")
		profile.module_profile_name = SQE_MODULE_PROFILE
	blocked = blocked_modules()
	if sorted(row.module for row in profile.block_modules) != blocked or profile.is_new():
		profile.set("block_modules", [{"module": m} for m in blocked])
		profile.save(ignore_permissions=True)


def apply_homes():
	"""install / migrate: the homes of the enabled users that hold our roles already (a user
	enabled later gets theirs when the User is saved, :func:`validate_user`)."""
	make_sqe_module_profile()
	users = dict.fromkeys(user for role in (*CS_ROLES, CUSTOMER_SQE) for user in get_users_with_role(role))
	for name in users:
		user = frappe.get_doc("User", name)
		before = (user.default_workspace, user.module_profile, [r.module for r in user.block_modules])
		set_home(user)
		if before != (user.default_workspace, user.module_profile, [r.module for r in user.block_modules]):
			user.flags.ignore_password_policy = True
			user.save(ignore_permissions=True)


def remove_sqe_module_profile():
	"""uninstall: the profile and what it blocked for the users holding it."""
	for name in frappe.get_all("User", filters={"module_profile": SQE_MODULE_PROFILE}, pluck="name"):
		frappe.db.set_value("User", name, "module_profile", None, update_modified=False)
		frappe.db.delete("Block Module", {"parenttype": "User", "parent": name})
	frappe.db.set_value(
		"User",
		{"default_workspace": ("in", [SQE_HOME, CS_HOME])},
		"default_workspace",
		None,
		update_modified=False,
	)
	if frappe.db.exists("Module Profile", SQE_MODULE_PROFILE):
		frappe.delete_doc("Module Profile", SQE_MODULE_PROFILE, ignore_permissions=True, force=True)
