"""Install and uninstall of cs_service.

Roles come as filtered fixtures (hooks.fixtures). Frappe's uninstall removes the module's
DocTypes, Reports, Workspaces and the Custom Fields whose ``module`` is CS Service, but
not Roles, Workflows, the ``workflow_state`` field a Workflow adds, nor the User
Permissions we gave to Customer SQE users; :func:`before_uninstall` removes those.
"""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from cs_service.access.doctypes import module_doctypes
from cs_service.access.roles import APP_ROLES, CS_ENGINEER, CS_MANAGER, CUSTOMER_SQE, QA_ENGINEER
from cs_service.access.sqes import release_all_customers
from cs_service.integrations.desk.home import apply_homes, remove_homes

MODULE = "CS Service"

# Custom fields on ERPNext / Frappe doctypes, {doctype: [field, ...]}; every field carries
# module=CS Service so that uninstall-app removes it.
CUSTOM_FIELDS: dict[str, list[dict]] = {
	"Delivery Note": [
		{
			"fieldname": "cs_suspect_part_slip",
			"label": "Suspect Part Slip",
			"fieldtype": "Link",
			"options": "Suspect Part Slip",
			"insert_after": "return_against",
			"read_only": 1,
			"no_copy": 1,
			"search_index": 1,
			"depends_on": "eval:doc.is_return",
			"description": "The slip whose suspect parts this return brings back.",
		},
	],
	"Customer": [
		{
			"fieldname": "cs_major_customer",
			"label": "Major Customer (CS Reports)",
			"fieldtype": "Check",
			"insert_after": "customer_group",
			"description": "Gets its own charts in the monthly quality decks when CS Service Settings choose major customers by this flag.",
		},
		# sister plants that are separate customers recur together (cs_service.rules.recurrence)
		{
			"fieldname": "cs_parent_customer",
			"label": "Parent Customer (CS Recurrence)",
			"fieldtype": "Link",
			"options": "Customer",
			"insert_after": "cs_major_customer",
			"description": "The customer group this plant belongs to: the same part and defect at two plants under one parent customer is a recurring problem.",
		},
	],
	"Item": [
		{
			"fieldname": "cs_drawing_no",
			"label": "Drawing No.",
			"fieldtype": "Data",
			"insert_after": "item_name",
			"search_index": 1,
			"description": "Our drawing number of the part, shown on Quality Feedback Sheets.",
		},
	],
	# R-PL-5: the customer's people by role, per site and shop.
	"Contact": [
		{
			"fieldname": "cs_customer_role",
			"label": "Role at the Customer",
			"fieldtype": "Select",
			"options": "\nSQE\nProject Engineer\nProduct Engineer\nLogistics Engineer\nIncoming Inspection"
			"\nSection Chief\nTeam Leader\nOperator",
			"insert_after": "designation",
			"in_standard_filter": 1,
			"in_list_view": 1,
			"search_index": 1,
		},
		{
			"fieldname": "cs_customer_site",
			"label": "Customer Site",
			"fieldtype": "Link",
			"options": "Customer Site",
			"insert_after": "cs_customer_role",
			"in_standard_filter": 1,
			"search_index": 1,
			"description": "The customer's plant where the contact works.",
		},
		{
			"fieldname": "cs_shop",
			"label": "Shop",
			"fieldtype": "Data",
			"insert_after": "cs_customer_site",
			"depends_on": "cs_customer_site",
			"description": "One of the shops of the Customer Site.",
		},
	],
}

# Workflows shipped as fixtures, {workflow name: document type}.
WORKFLOWS: dict[str, str] = {
	"Suspect Part Slip SQE Sign-off": "Suspect Part Slip",
	"Service Confirmation SQE Sign-off": "Service Confirmation Sheet",
}


# What our roles may do on ERPNext / Frappe doctypes so that links, searches and reports work
# in the desk, {doctype: {role: rights}}; given as Custom DocPerm (removed with the roles).
# Exactly these rights: Frappe's add_permission grants read by default. A Customer SQE has none
# on any ERPNext or Frappe DocType: they work in the SQE portal (cs_service.pages.portal) only.
INTERNAL = (CS_ENGINEER, CS_MANAGER, QA_ENGINEER)
RIGHTS = ("read", "select", "report", "write", "create", "delete")
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
	"Customer": dict.fromkeys(INTERNAL, ("read", "select", "report")),
	"Item": dict.fromkeys(INTERNAL, ("read", "select", "report")),
	"Contact": {
		CS_ENGINEER: ("read", "select", "report", "write", "create"),
		CS_MANAGER: ("read", "select", "report", "write", "create"),
		QA_ENGINEER: ("read", "select", "report"),
	},
	"Delivery Note": dict.fromkeys(INTERNAL, ("read", "select")),
	"Department": dict.fromkeys(INTERNAL, ("read", "select")),
}


def after_install():
	make_custom_fields()
	make_role_permissions()
	apply_homes()
	add_report_indexes()
	build_quality_figures()


def build_quality_figures():
	"""A site that installs the app on years of deliveries gets its monthly figures at once,
	month by month (``bench --site SITE rebuild-quality-figures`` does the same later)."""
	from cs_service.figures import kept

	kept.rebuild(progress=lambda done, total, month: print(f"quality figures: {done}/{total} {month}"))


def after_migrate():
	make_custom_fields()
	make_role_permissions()
	apply_homes()
	add_report_indexes()


# Covering indexes of the sheets' figures that the monthly aggregate does not keep: the sheets
# behind the line-stop minutes, and the complaint-handling counts. A report reads a
# year of them from the index alone, without visiting the rows.
REPORT_INDEXES = {
	"cs_line_stop_sheets": ["occurred_at", "docstatus", "line_stop_minutes", "problem_type", "customer"],
	"cs_complaint_counts": [
		"occurred_at",
		"docstatus",
		"customer",
		"source",
		"tracking_status",
		"timeliness",
		"is_major",
	],
}


def add_report_indexes():
	for name, fields in REPORT_INDEXES.items():
		frappe.db.add_index("Quality Feedback Sheet", [f"`{field}`" for field in fields], name)


def make_role_permissions():
	from frappe.permissions import add_permission, update_permission_property

	remove_outsider_permissions()
	for doctype, roles in ROLE_PERMISSIONS.items():
		for role, rights in roles.items():
			if not frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
				add_permission(doctype, role, 0)
			for right in RIGHTS:
				update_permission_property(doctype, role, 0, right, int(right in rights), validate=False)
		frappe.clear_cache(doctype=doctype)


def remove_outsider_permissions():
	"""The Customer SQE role holds no permission on another app's DocType (earlier versions gave
	it read on Customer and select on Item); its rights on our own DocTypes are in their JSON."""
	ours = module_doctypes()
	for doctype in frappe.get_all(
		"Custom DocPerm", filters={"role": CUSTOMER_SQE}, pluck="parent", distinct=True
	):
		if doctype in ours:
			continue
		frappe.db.delete("Custom DocPerm", {"role": CUSTOMER_SQE, "parent": doctype})
		frappe.clear_cache(doctype=doctype)


def make_custom_fields():
	fields = {dt: [dict(df, module=MODULE) for df in dfs] for dt, dfs in CUSTOM_FIELDS.items()}
	if fields:
		create_custom_fields(fields, ignore_validate=True, update=True)


def before_uninstall():
	remove_scheduled_jobs()
	remove_homes()
	release_all_customers()  # the User Permissions the Customer Sites gave their SQEs
	remove_workflows()
	remove_custom_fields()
	remove_roles()


def remove_scheduled_jobs():
	"""Frappe keeps the Scheduled Job Types of an uninstalled app, which then fail every run."""
	for name in frappe.get_all(
		"Scheduled Job Type", filters={"method": ("like", "cs_service.%")}, pluck="name"
	):
		frappe.delete_doc("Scheduled Job Type", name, ignore_permissions=True, force=True)


# Workflow States and Actions our workflows brought; removed when no other workflow uses them.
WORKFLOW_STATES = ("Pending SQE", "Signed", "Returned for Correction")
WORKFLOW_ACTIONS = ("Send to SQE", "Sign", "Return for Correction")


def remove_workflows():
	for workflow, doctype in WORKFLOWS.items():
		if frappe.db.exists("Workflow", workflow):
			frappe.delete_doc("Workflow", workflow, ignore_permissions=True, force=True)
		frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": "workflow_state"})
	for doctype, names, used_in, field in (
		("Workflow State", WORKFLOW_STATES, "Workflow Document State", "state"),
		("Workflow Action Master", WORKFLOW_ACTIONS, "Workflow Transition", "action"),
	):
		for name in names:
			if frappe.db.exists(doctype, name) and not frappe.db.exists(used_in, {field: name}):
				frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)


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
