"""The app's metadata holds together without a site (see checks.py for each rule)."""

import json

import pytest

from tests.meta import checks

DOCTYPES = checks.load_doctypes()
HOOKS = checks.load_hooks()


def test_the_app_has_doctypes_in_its_module_folder():
	assert "Customer Site" in DOCTYPES
	assert all(d["module"] == "CS Service" for d in DOCTYPES.values())


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_doctype_json_is_consistent(name):
	assert checks.check_doctype(DOCTYPES[name]) == []


def test_links_point_to_existing_doctypes():
	assert checks.check_links(DOCTYPES, checks.load_external_doctypes()) == []


def test_every_doctype_has_a_controller():
	for name in DOCTYPES:
		folder = name.lower().replace(" ", "_")
		assert (checks.MODULE / "doctype" / folder / f"{folder}.py").exists(), name


def test_hooks_name_callables_that_exist():
	assert list(checks.hook_paths(HOOKS)), "hooks.py names no callable of the app"
	assert checks.check_hooks(HOOKS) == []


def test_required_apps_names_the_owner():
	assert HOOKS["required_apps"] == ["frappe/erpnext"]


def test_fixtures_are_filtered_and_valid():
	assert checks.check_fixtures(HOOKS["fixtures"], checks.APP / "fixtures") == []


def test_roles_of_the_fixtures_are_the_roles_of_the_code():
	"""Read from the source (cs_service.access.roles imports frappe, which the meta layer has not)."""
	source = (checks.APP / "access" / "roles.py").read_text(encoding="utf-8")
	constants = checks.module_constants(source)
	APP_ROLES = [constants[name] for name in checks.tuple_names(source, "APP_ROLES")]
	records = json.loads((checks.APP / "fixtures" / "role.json").read_text())
	assert sorted(r["name"] for r in records) == sorted(APP_ROLES)


def test_every_user_facing_string_has_a_zh_translation():
	assert checks.check_translations(checks.app_strings(), checks.load_translations("zh")) == []


def test_module_layout_is_the_one_bench_new_app_makes():
	assert (checks.APP / "modules.txt").read_text().strip() == "CS Service"
	assert (checks.APP / "patches.txt").exists()
	assert (checks.MODULE / "__init__.py").exists()


def test_workspace_gives_one_click_entry_to_a_new_feedback_sheet():
	workspace = checks.load_json_files(checks.MODULE, "workspace")["customer_service"]
	new_sheet = [
		s
		for s in workspace["shortcuts"]
		if s.get("link_to") == "Quality Feedback Sheet" and s.get("doc_view") == "New"
	]
	assert new_sheet, "no 'new Quality Feedback Sheet' shortcut"
	roles = {r["role"] for r in workspace["roles"]}
	assert {"CS Engineer", "CS Manager", "QA Engineer"} <= roles


def test_every_child_table_asks_the_customer_scope_when_read_alone():
	"""Frappe judges a child row read on its own by the parent DocType only: each
	child table's controller is a cs_service.access.rows.ScopedChildRow."""
	import ast

	missing = []
	for name, doc in checks.load_doctypes().items():
		if not doc.get("istable"):
			continue
		folder = checks.APP / "cs_service" / "doctype" / name.lower().replace(" ", "_")
		source = (folder / f"{folder.name}.py").read_text(encoding="utf-8")
		bases = [
			b.id
			for node in ast.parse(source).body
			if isinstance(node, ast.ClassDef) and node.name == name.replace(" ", "")
			for b in node.bases
			if isinstance(b, ast.Name)
		]
		if bases != ["ScopedChildRow"]:
			missing.append(name)
	assert missing == []


def test_no_user_facing_string_carries_a_requirement_id():
	"""Requirement IDs belong in code, tests and docs, not in labels, help texts and messages: every DocType, report, workspace, fixture, ``_()`` / ``__()`` string and the
	Custom Fields the app adds."""
	strings = checks.user_facing_strings()
	assert any("Custom Field" in where for where in strings.values())
	assert checks.check_no_requirement_ids(strings) == []


def test_dashboard_labels_are_translated_by_the_desk_not_the_cached_server_meta():
	"""an English user saw a Chinese dashboard group label ("退回我方")."""
	files = checks.dashboard_files()
	assert len(files) >= 5
	problems = [
		p for f in files for p in checks.check_dashboard_labels(f.read_text(encoding="utf-8"), f.name)
	]
	assert problems == []
	assert "Return to Us" in checks.app_strings()


# ---------------------------------------------------------------- the outsiders' gate


def test_the_gate_is_registered_in_auth_hooks():
	assert checks.check_auth_hooks(HOOKS) == []


def test_the_allowlist_lives_in_its_module_only():
	sources = {name: path.read_text(encoding="utf-8") for name, path in checks.app_modules().items()}
	assert checks.check_allowlist_in_one_module(sources) == []


def test_every_allowlisted_method_is_a_whitelisted_function():
	"""Read from the source, without importing frappe: the app's methods always; Frappe's and
	ERPNext's where they are installed (in the bench's environment; CI's plain virtualenv has
	neither, and tests/integration/test_gate.py checks them all on a site)."""
	allowlist, problems = checks.load_allowlist(
		(checks.APP / "access" / "allowlist.py").read_text(encoding="utf-8")
	)
	assert problems == []
	methods = {m for m in allowlist["ALLOWED_METHODS"] if checks.package_root(m.split(".")[0]) is not None}
	assert {m for m in methods if m.startswith("cs_service.")}, "no method of the app was checked"
	assert checks.check_allowlisted_methods(methods, allowlist["NOT_FUNCTIONS"], checks.module_source) == []


def test_suspect_parts_have_one_name_in_chinese():
	"""the phone page said 可疑件单 where the desk says 可疑品单; one term: every
	Chinese text says 可疑品 for suspect parts."""
	translations = checks.load_translations("zh")
	assert translations["Suspect Part Slip"] == "可疑品单"
	assert [source for source, text in translations.items() if "可疑件" in text] == []


def test_every_template_escapes_every_value_it_prints():
	"""R-US-1, R-CT-9: an Attach Image URL broke out of the print view's ``<img src>``
	and an Autocomplete station printed raw in the print view and the QA e-mail: every value a
	print format, e-mail or page prints goes through ``| e`` (attributes included)."""
	assert checks.check_templates_escape() == []
