"""Install and uninstall of cs_service.

Roles come as filtered fixtures (hooks.fixtures). Frappe's uninstall removes the module's
DocTypes, Reports, Workspaces and the Custom Fields whose ``module`` is CS Service, but
not Roles, Workflows, the ``workflow_state`` field a Workflow adds, nor the User
Permissions we gave to Customer SQE users; :func:`before_uninstall` removes those.
"""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from cs_service.roles import APP_ROLES

MODULE = "CS Service"

# Custom fields on ERPNext / Frappe doctypes, {doctype: [field, ...]}; every field carries
# module=CS Service so that uninstall-app removes it.
CUSTOM_FIELDS: dict[str, list[dict]] = {
	"Item": [
		{
			"fieldname": "cs_drawing_no",
			"label": "Drawing No.",
			"fieldtype": "Data",
			"insert_after": "item_name",
			"search_index": 1,
			"description": "Our drawing number of the part, shown on Quality Feedback Sheets (R-FB-2).",
		},
	],
}

# Workflows shipped as fixtures, {workflow name: document type}; filled by later features.
WORKFLOWS: dict[str, str] = {}


def after_install():
	make_custom_fields()


def after_migrate():
	make_custom_fields()


def make_custom_fields():
	fields = {dt: [dict(df, module=MODULE) for df in dfs] for dt, dfs in CUSTOM_FIELDS.items()}
	if fields:
		create_custom_fields(fields, ignore_validate=True, update=True)


def before_uninstall():
	remove_sqe_user_permissions()
	remove_workflows()
	remove_custom_fields()
	remove_roles()


def remove_sqe_user_permissions():
	"""User Permissions on Customer that Customer Sites gave to their SQE users."""
	if not frappe.db.table_exists("Customer Site SQE"):
		return
	site = frappe.qb.DocType("Customer Site")
	sqe = frappe.qb.DocType("Customer Site SQE")
	pairs = (
		frappe.qb.from_(sqe)
		.join(site)
		.on(site.name == sqe.parent)
		.select(sqe.user, site.customer)
		.distinct()
		.run(as_dict=True)
	)
	for row in pairs:
		frappe.db.delete(
			"User Permission", {"user": row.user, "allow": "Customer", "for_value": row.customer}
		)


def remove_workflows():
	for workflow, doctype in WORKFLOWS.items():
		if frappe.db.exists("Workflow", workflow):
			frappe.delete_doc("Workflow", workflow, ignore_permissions=True, force=True)
		frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": "workflow_state"})


def remove_custom_fields():
	for doctype, fields in CUSTOM_FIELDS.items():
		for df in fields:
			frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": df["fieldname"]})
		frappe.clear_cache(doctype=doctype)


def remove_roles():
	for role in APP_ROLES:
		if not frappe.db.exists("Role", role):
			continue
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		frappe.db.delete("DocPerm", {"role": role})
		frappe.delete_doc("Role", role, ignore_permissions=True, force=True)
