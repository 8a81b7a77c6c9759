"""The app is installed with its roles, settings and metadata (issue 2)."""

import frappe

from cs_service.roles import APP_ROLES
from tests.meta import checks


def test_roles_are_installed_with_desk_access():
	for role in APP_ROLES:
		assert frappe.db.get_value("Role", role, "desk_access") == 1, role


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
