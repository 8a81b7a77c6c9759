"""The app is installed with its roles, settings and metadata."""

import frappe

from cs_service.access.roles import APP_ROLES, CUSTOMER_SQE
from tests.meta import checks


def test_our_roles_open_the_desk_and_the_customers_sqe_only_the_portal():
	"""The Customer SQE role is a website role whose home is the portal, with rights on
	the three documents the portal shows it and on nothing else (no DocType of ERPNext or Frappe,
	no report, no page, no workspace)."""
	for role in APP_ROLES:
		expected = (0, "sqe") if role == CUSTOMER_SQE else (1, None)
		assert frappe.db.get_value("Role", role, ["desk_access", "home_page"]) == expected, role
	rights = {
		(p.parent, p.permlevel): {r for r in ("read", "write", "create", "submit", "cancel", "delete", "print", "report", "export", "email", "share", "select") if p.get(r)}
		for p in frappe.get_all("DocPerm", filters={"role": CUSTOMER_SQE}, fields=["*"])
	}  # fmt: skip
	assert rights == {
		("Suspect Part Slip", 0): {"read", "write", "submit", "print"},
		("Service Confirmation Sheet", 0): {"read", "write", "submit", "print"},
		("CS 8D Report", 0): {"read", "print"},
	}
	assert frappe.get_all("Custom DocPerm", filters={"role": CUSTOMER_SQE}) == []
	assert frappe.get_all("Has Role", filters={"role": CUSTOMER_SQE, "parenttype": ("!=", "User")}) == []


def test_uninstall_removes_the_roles_and_what_they_were_given():
	"""before_uninstall (rolled back here): the roles, their rights and their users' rows, the
	workflows, the User Permissions the sites gave the SQEs, our homes."""
	from cs_service.setup.install import WORKFLOWS, before_uninstall
	from tests.integration.factories import make_customer, make_site, make_user

	sqe = make_user("cs-install-sqe", "Customer SQE")
	engineer = make_user("cs-install-engineer", "CS Engineer")
	make_site(make_customer("CS Install Customer"), sqe_users=[sqe], engineers=[engineer])
	assert frappe.db.exists("User Permission", {"user": sqe, "allow": "Customer"})
	before_uninstall()
	for role in APP_ROLES:
		assert not frappe.db.exists("Role", role), role
		for table in ("Has Role", "DocPerm", "Custom DocPerm"):
			assert not frappe.db.exists(table, {"role": role}), (table, role)
	assert not frappe.db.exists("User Permission", {"user": sqe, "allow": "Customer"})
	assert not frappe.db.exists("Workflow", {"name": ("in", list(WORKFLOWS))})
	assert frappe.db.get_value("User", engineer, "default_workspace") is None


def test_settings_have_the_seed_defaults():
	settings = frappe.get_single("CS Service Settings")
	assert settings.monthly_report_day == 20
	assert settings.attendance_violation_fine == 100
	assert settings.site_rule_revocation_count == 2
	assert settings.handover_revocation_count == 3
	assert settings.breakpoint_failure_fine == 200


def test_settings_refuse_a_report_day_after_the_21st_and_bad_emails():
	settings = frappe.get_single("CS Service Settings")
	settings.monthly_report_day = 25
	try:
		settings.save()
		raise AssertionError("report day 25 was accepted")
	except frappe.ValidationError as e:
		assert "Monthly Report Day" in str(e)
	settings.reload()
	settings.qa_recipients = "qa@example.com\nnot-an-address"
	try:
		settings.save()
		raise AssertionError("a bad address was accepted")
	except frappe.ValidationError as e:
		assert "QA Department Recipients" in str(e) and "not-an-address" in str(e)


def test_external_doctype_list_of_the_meta_tests_matches_the_site():
	"""tests/meta checks links against a committed list; the list must be true on a real site."""
	used = {
		f["options"]
		for doc in checks.load_doctypes().values()
		for f in doc["fields"]
		if f.get("fieldtype") in checks.LINKING_FIELDTYPES
	}
	external = used & checks.load_external_doctypes()
	assert external
	for doctype in external:
		assert frappe.db.exists("DocType", doctype), doctype


def test_every_app_doctype_is_synced():
	for name in checks.load_doctypes():
		assert frappe.db.exists("DocType", name), name


def test_zh_translations_are_served_by_frappe():
	from frappe.translate import get_translations_from_apps

	translations = get_translations_from_apps("zh", apps=["cs_service"])
	assert translations["Customer Site"] == "顾客处"
