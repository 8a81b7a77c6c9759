"""Where each role lands, and who may hold which role (R-US-1, R-US-2).

Frappe sends a desk user to the user's *default workspace* after login (``User.default_workspace``)
and a website user to the home page of their role (``Role.home_page``). So:

- our staff (CS Engineer, CS Manager, QA Engineer) land on the Customer Service workspace,
  unless they chose another default workspace themselves;
- a customer's SQE is a Website User (the Customer SQE role has no desk access) and lands on
  the SQE portal ``/sqe`` (the role's home page, shipped with the role); the outsiders' gate
  (:mod:`cs_service.access.gate`) keeps them there.

The Customer SQE role and the roles of the desk exclude each other (:func:`check_roles_exclusive`):
an outsider never holds a role that opens the desk, and one of our people is never an outsider.

Applied whenever a User is saved (so when a user gets or loses a role) and, for the users
that exist already, on install and migrate.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.permissions import AUTOMATIC_ROLES
from frappe.utils.user import get_users_with_role

from cs_service.access.roles import CS_ENGINEER, CS_MANAGER, CUSTOMER_SQE, QA_ENGINEER

MODULE = "CS Service"
CS_HOME = "Customer Service"
# this app's entry on Frappe's apps screen (hooks.add_to_apps_screen) is the phone
# page /cs; a user whose default app it is lands there after login
APP = "cs_service"
CS_ROLES = (CS_ENGINEER, CS_MANAGER, QA_ENGINEER)

# What earlier versions gave a customer's SQE in the desk, removed by the upgrade (patch
# cs_service.patches.v1.sqe_website_users) and on uninstall.
OLD_SQE_HOME = "Pending My Signature"
OLD_SQE_MODULE_PROFILE = "Customer SQE"


class RolesExcludeEachOther(frappe.ValidationError):
	pass


def validate_user(doc, method=None):
	"""doc_events validate of User."""
	check_roles_exclusive(doc)
	set_home(doc)


def check_roles_exclusive(user) -> None:
	"""A Customer SQE is a person of a customer: refused together with any role that opens the
	desk (ours, System Manager, ERPNext's), with the roles named."""
	roles = {row.role for row in user.roles}
	if CUSTOMER_SQE not in roles:
		return
	if user.name == "Administrator" or frappe.flags.in_setup_wizard or frappe.flags.in_install:
		# Frappe gives these users every role (the setup wizard's first user, ERPNext's install and
		# test setup of Administrator): every role but an outsider's
		user.set("roles", [row for row in user.roles if row.role != CUSTOMER_SQE])
		return
	others = sorted(roles - {CUSTOMER_SQE, *AUTOMATIC_ROLES})
	desk = [role for role in others if frappe.db.get_value("Role", role, "desk_access")]
	if desk:
		frappe.throw(
			_(
				"Roles: {0} is a person of a customer and cannot also hold {1}. Give a customer's SQE "
				"the Customer SQE role only, and our people our roles only."
			).format(_(CUSTOMER_SQE), ", ".join(_(r) for r in desk)),
			RolesExcludeEachOther,
			title=_("Roles Exclude Each Other"),
		)


def set_home(user) -> None:
	if user.name in ("Administrator", "Guest") or user.user_type != "System User":
		return
	if user.module_profile == OLD_SQE_MODULE_PROFILE:
		user.module_profile = None
		user.set("block_modules", [])
	if user.default_workspace == OLD_SQE_HOME:
		user.default_workspace = None
	roles = {row.role for row in user.roles}
	if user.default_app == APP:
		# Frappe sends a user to the default workspace before the default app: the phone page
		# chosen as landing page needs the workspace we set out of its way
		if user.default_workspace == CS_HOME:
			user.default_workspace = None
		return
	if not user.default_workspace and roles & set(CS_ROLES) and frappe.db.exists("Workspace", CS_HOME):
		user.default_workspace = CS_HOME


def set_default_app(user: str, app: str | None) -> None:
	"""The user's landing page after login: Frappe's *default app* (the apps screen's "Set as
	default"), with the workspace we set moved out of its way and put back when it is unset."""
	doc = frappe.get_doc("User", user)
	doc.default_app = app or None
	set_home(doc)
	frappe.db.set_value(
		"User", user, {"default_app": doc.default_app, "default_workspace": doc.default_workspace}
	)


@frappe.whitelist(methods=["POST"])
def set_app_as_default(app_name: str) -> None:
	"""Frappe's ``frappe.apps.set_app_as_default`` (hooks.override_whitelisted_methods): the same
	toggle of the user's default app, keeping the default workspace in step (:func:`set_home`)."""
	if not isinstance(app_name, str) or app_name not in frappe.get_installed_apps():
		# the apps screen names an installed app; anything else is refused, not written
		# (a long name made the User's default_app column overflow: HTTP 500)
		frappe.throw(_("{0}: not an app of this site").format(_("App")), frappe.ValidationError)
	current = frappe.db.get_value("User", frappe.session.user, "default_app")
	set_default_app(frappe.session.user, None if current == app_name else app_name)


def apply_homes():
	"""install / migrate: the homes of the enabled users that hold our roles already (a user
	enabled later gets theirs when the User is saved, :func:`validate_user`)."""
	users = dict.fromkeys(user for role in CS_ROLES for user in get_users_with_role(role))
	for name in users:
		user = frappe.get_doc("User", name)
		before = user.default_workspace
		set_home(user)
		if before != user.default_workspace:
			user.flags.ignore_password_policy = True
			user.save(ignore_permissions=True)


def remove_old_sqe_desk():
	"""What earlier versions gave the SQE in the desk: their workspace, the Module Profile that
	hid the rest of the desk, and the users' references to both."""
	for name in frappe.get_all("User", filters={"module_profile": OLD_SQE_MODULE_PROFILE}, pluck="name"):
		frappe.db.set_value("User", name, "module_profile", None, update_modified=False)
		frappe.db.delete("Block Module", {"parenttype": "User", "parent": name})
	if frappe.db.exists("Module Profile", OLD_SQE_MODULE_PROFILE):
		frappe.delete_doc("Module Profile", OLD_SQE_MODULE_PROFILE, ignore_permissions=True, force=True)
	frappe.db.set_value(
		"User", {"default_workspace": OLD_SQE_HOME}, "default_workspace", None, update_modified=False
	)
	if frappe.db.exists("Workspace", OLD_SQE_HOME):
		frappe.delete_doc("Workspace", OLD_SQE_HOME, ignore_permissions=True, force=True)


def remove_homes():
	"""uninstall: the default workspace we set, and what earlier versions gave the SQE."""
	remove_old_sqe_desk()
	frappe.db.set_value(
		"User", {"default_workspace": CS_HOME}, "default_workspace", None, update_modified=False
	)
