"""Each metadata check must be able to fail: run it on a broken sample."""

import json

from tests.meta import checks

GOOD = {
	"doctype": "DocType",
	"name": "Sample",
	"module": "CS Service",
	"modified": "2026-01-01 00:00:00",
	"fields": [
		{"fieldname": "customer", "fieldtype": "Link", "options": "Customer", "label": "Customer"},
		{"fieldname": "rows", "fieldtype": "Table", "options": "Sample Row", "label": "Rows"},
	],
	"field_order": ["customer", "rows"],
	"permissions": [{"role": "CS Manager", "read": 1}],
}
ROW = {
	"doctype": "DocType",
	"name": "Sample Row",
	"module": "CS Service",
	"modified": "2026-01-01 00:00:00",
	"istable": 1,
	"fields": [{"fieldname": "item", "fieldtype": "Link", "options": "Item", "label": "Item"}],
	"field_order": ["item"],
}


def test_good_sample_passes():
	assert checks.check_doctype(GOOD) == []
	assert checks.check_links({"Sample": GOOD, "Sample Row": ROW}, {"Customer", "Item"}) == []


def test_link_to_a_missing_doctype_fails():
	broken = json.loads(json.dumps(GOOD))
	broken["fields"][0]["options"] = "Custmer"
	problems = checks.check_links({"Sample": broken, "Sample Row": ROW}, {"Customer", "Item"})
	assert problems == ["Sample.customer: links to unknown DocType 'Custmer'"]


def test_table_of_a_non_child_doctype_fails():
	not_child = dict(ROW, istable=0)
	problems = checks.check_links({"Sample": GOOD, "Sample Row": not_child}, {"Customer", "Item"})
	assert "not a child table" in problems[0]


def test_field_order_drift_and_bad_fieldtype_fail():
	broken = json.loads(json.dumps(GOOD))
	broken["field_order"] = ["rows", "customer"]
	broken["fields"][0]["fieldtype"] = "Lnk"
	problems = checks.check_doctype(broken)
	assert any("field_order" in p for p in problems)
	assert any("unknown fieldtype 'Lnk'" in p for p in problems)


def test_hook_naming_a_missing_callable_fails(tmp_path):
	pkg = tmp_path / "cs_service"
	pkg.mkdir()
	(pkg / "__init__.py").write_text("")
	(pkg / "jobs").mkdir()
	(pkg / "jobs" / "__init__.py").write_text("")
	(pkg / "jobs" / "scheduled.py").write_text("def daily():\n\tpass\n")
	hooks = {
		"scheduler_events": {
			"daily": ["cs_service.jobs.scheduled.daily", "cs_service.jobs.scheduled.hourly"]
		},
		"after_install": "cs_service.setup.install.after_install",
	}
	problems = checks.check_hooks(hooks, root=tmp_path)
	assert problems == [
		"hooks.scheduler_events: cs_service.jobs.scheduled.hourly: cs_service/jobs/scheduled.py defines no 'hourly'",
		"hooks.after_install: cs_service.setup.install.after_install: no module cs_service.setup.install",
	]


def test_unfiltered_or_mismatched_fixture_fails(tmp_path):
	(tmp_path / "role.json").write_text(json.dumps([{"doctype": "Role", "name": "Stranger"}]))
	problems = checks.check_fixtures(
		["Custom Field", {"dt": "Role", "filters": [["name", "in", ["CS Manager"]]]}], tmp_path
	)
	assert problems[0].startswith("fixture 'Custom Field': has no filters")
	assert any("'Stranger' is outside the filter" in p for p in problems)
	assert any("without a record ['CS Manager']" in p for p in problems)


def test_label_without_translation_fails():
	strings = dict.fromkeys(checks.doctype_strings(GOOD), "DocType Sample")
	problems = checks.check_translations(strings, {"Sample": "样例", "Customer": "客户"})
	assert problems == ["DocType Sample: no zh translation for 'Rows'"]


def test_strings_are_found_in_python_and_js():
	assert list(checks.python_strings('frappe.throw(_("Quantity {0}").format(q))\nx = _(name)')) == [
		"Quantity {0}"
	]
	assert list(checks.js_strings("frm.set_intro(__('Time left: {0}', [t])); __(\"It's\")")) == [
		"Time left: {0}",
		"It's",
	]


def test_requirement_id_in_a_user_facing_string_fails():
	broken = json.loads(json.dumps(GOOD))
	broken["fields"][1]["description"] = "Every area is screened (R-CT-6, R-CT-8)."
	strings = dict.fromkeys(checks.doctype_strings(broken), "DocType Sample")
	strings.update(dict.fromkeys(checks.js_strings("__('Signed per R-CT-9')"), "sample.js"))
	strings["Requirements R and FB-3 are not IDs"] = "sample.py"
	assert checks.check_no_requirement_ids(strings) == [
		"DocType Sample: requirement ID in a user-facing string 'Every area is screened (R-CT-6, R-CT-8).'",
		"sample.js: requirement ID in a user-facing string 'Signed per R-CT-9'",
	]


def test_custom_field_help_texts_are_read_from_the_install_module():
	source = (
		"CUSTOM_FIELDS: dict[str, list[dict]] = {\n"
		'\t"Item": [{"fieldname": "x", "label": "Drawing No.", "description": "Shown on sheets (R-FB-2)."}],\n'
		"}\n"
	)
	assert list(checks.custom_field_strings(source)) == ["Drawing No.", "Shown on sheets (R-FB-2)."]
	assert checks.check_no_requirement_ids(dict.fromkeys(checks.custom_field_strings(source), "install"))


def test_dashboard_label_translated_on_the_server_fails():
	source = (
		"from frappe import _\n\n\ndef get_data():\n"
		'\treturn {"transactions": [{"label": _("Return to Us"), "items": ["Delivery Note"]}]}\n'
	)
	assert checks.check_dashboard_labels(source, "x_dashboard.py") == [
		"x_dashboard.py: dashboard label translated on the server (line 5)"
	]
	fixed = source.replace('_("Return to Us")', '"Return to Us"')
	assert checks.check_dashboard_labels(fixed, "x_dashboard.py") == []
	assert list(checks.dashboard_labels(fixed)) == ["Return to Us"]


def test_an_import_cycle_fails_also_through_a_lazy_import(tmp_path):
	sources = {
		"__init__": "",
		"a": "from app import b\n",
		"b": "def later():\n\tfrom app.c import thing\n",
		"c": "import app.a\n",
		"d": "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n\tfrom app import a\n",
	}
	(tmp_path / "app").mkdir()
	for name, source in sources.items():
		(tmp_path / "app" / f"{name}.py").write_text(source)
	graph = checks.import_graph(checks.app_modules(tmp_path, "app"))
	assert checks.check_import_cycles(graph) == ["import cycle: app.a -> app.b -> app.c -> app.a"]
	assert graph["app.d"] == set()  # an import for type checkers only never runs
	assert checks.check_import_cycles({"app.a": {"app.b"}, "app.b": set()}) == []


def test_a_report_importing_the_scheduler_or_a_controller_fails():
	report = "cs_service.cs_service.report.sample.sample"
	controller = "cs_service.cs_service.doctype.sample.sample"
	graph = {report: {"cs_service.jobs.scheduled", controller, "cs_service.planning.visits"}}
	assert checks.check_report_imports(graph) == [
		f"{report} imports {controller}",
		f"{report} imports cs_service.jobs.scheduled",
	]


# ---------------------------------------------------------------- one home per concern

CONTROLLER = "cs_service.cs_service.doctype.quality_feedback_sheet.quality_feedback_sheet"
CHILD = "cs_service.cs_service.doctype.quality_feedback_action.quality_feedback_action"
SIBLING = "cs_service.cs_service.doctype.customer_site.customer_site"


def test_a_plain_module_importing_a_controller_fails():
	graph = {
		"cs_service.figures.kept": {CONTROLLER, "cs_service.rules.aggregate"},
		CONTROLLER: {"cs_service.figures.kept"},  # a controller may import plain modules
		"cs_service.cs_service.report.sample.sample": {SIBLING},
	}
	assert checks.check_controller_imports(graph) == [
		f"cs_service.cs_service.report.sample.sample imports the controller {SIBLING}",
		f"cs_service.figures.kept imports the controller {CONTROLLER}",
	]
	assert checks.check_controller_imports({"cs_service.figures.kept": {"cs_service.rules.aggregate"}}) == []


def test_a_controller_importing_a_sibling_fails_and_its_child_rows_do_not():
	children = checks.child_folders(
		{
			"Quality Feedback Sheet": {
				"fields": [
					{"fieldname": "actions", "fieldtype": "Table", "options": "Quality Feedback Action"}
				]
			}
		}
	)
	assert children == {"quality_feedback_sheet": {"quality_feedback_action"}}
	assert checks.check_controller_siblings({CONTROLLER: {CHILD}}, children) == []
	assert checks.check_controller_siblings({CONTROLLER: {CHILD, SIBLING}}, children) == [
		f"{CONTROLLER} imports {SIBLING}, of another DocType"
	]


def test_sending_mail_outside_the_notifications_home_fails():
	home = "import frappe\n\ndef queue_email(**kw):\n\treturn frappe.sendmail(**kw)\n"
	elsewhere = "import frappe\n\ndef tell(doc):\n\tfrappe.sendmail(recipients=['a@b.c'], subject='x')\n"
	alert = "from frappe.desk.doctype.notification_log.notification_log import make_notification_logs\n"
	assert checks.check_notifications_home({checks.NOTIFICATIONS_HOME: home}) == []
	assert checks.check_notifications_home(
		{checks.NOTIFICATIONS_HOME: home, "cs_service.staff.ledger": elsewhere, "cs_service.visits": alert}
	) == [
		"cs_service.staff.ledger:4: sends mail or a notification outside cs_service.notifications.mail",
		"cs_service.visits:1: sends mail or a notification outside cs_service.notifications.mail",
	]


def test_queueing_a_job_outside_the_one_way_fails():
	home = "import frappe\n\ndef enqueue_once(method, key):\n\treturn frappe.enqueue(method, job_id=key)\n"
	direct = "import frappe\n\ndef start():\n\tfrappe.enqueue('cs_service.x.run', queue='long')\n"
	imported = "from frappe.utils.background_jobs import enqueue\n"
	assert checks.check_jobs_queue_home({checks.JOBS_QUEUE_HOME: home}) == []
	assert checks.check_jobs_queue_home(
		{
			checks.JOBS_QUEUE_HOME: home,
			"cs_service.setup.demo.buttons": direct,
			"cs_service.decks.x": imported,
		}
	) == [
		"cs_service.decks.x:1: queues a job outside cs_service.jobs.once",
		"cs_service.setup.demo.buttons:4: queues a job outside cs_service.jobs.once",
	]


def test_reading_the_settings_outside_their_home_fails():
	home = "import frappe\n\ndef report_day():\n\treturn frappe.db.get_single_value('CS Service Settings', 'monthly_report_day')\n"
	ad_hoc = "import frappe\n\ndef hours():\n\treturn frappe.db.get_single_value('CS Service Settings', 'max_offline_hours') or 12\n"
	cached = "import frappe\n\ndef fine():\n\treturn frappe.get_cached_doc('CS Service Settings').fine\n"
	assert checks.check_settings_home({checks.SETTINGS_HOME: home, "cs_service.patches.v1.x": ad_hoc}) == []
	assert checks.check_settings_home(
		{checks.SETTINGS_HOME: home, "cs_service.pages.capture": ad_hoc, "cs_service.staff.ledger": cached}
	) == [
		"cs_service.pages.capture:4: reads CS Service Settings outside cs_service.settings",
		"cs_service.staff.ledger:4: reads CS Service Settings outside cs_service.settings",
	]


def test_a_public_function_name_defined_twice_fails_and_frappes_entry_names_do_not():
	sources = {
		"cs_service.decks.sending": "def queue(doc):\n\tpass\n\ndef validate(doc, method=None):\n\tpass\n",
		"cs_service.feedback.qa_mail": "def queue(sheet):\n\tpass\n\ndef _helper():\n\tpass\n",
		"cs_service.integrity.numbers": "def validate(doc, method=None):\n\tpass\n\ndef _helper():\n\tpass\n",
	}
	assert checks.check_function_names(sources) == [
		"queue is defined in cs_service.decks.sending, cs_service.feedback.qa_mail"
	]


def test_two_modules_of_one_name_fail(tmp_path):
	for path in ("app/rules/quality.py", "app/figures/quality.py", "app/figures/live.py"):
		(tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
		(tmp_path / path).write_text("")
	for package in ("app", "app/rules", "app/figures"):
		(tmp_path / package / "__init__.py").write_text("")
	modules = checks.app_modules(tmp_path, "app")
	assert checks.check_module_names(modules) == ["quality: app.figures.quality, app.rules.quality"]


def test_a_module_imported_under_another_name_fails():
	sources = {
		"cs_service.rules.quality": "",
		"cs_service.figures.live": "from cs_service.rules import quality as rules\n",
		"cs_service.decks.series": "from cs_service.rules import quality\nfrom cs_service.rules.quality import ppm as p\n",
	}
	assert checks.check_module_aliases(sources) == [
		"cs_service.figures.live:1: cs_service.rules.quality imported as rules"
	]


def test_an_effect_of_our_own_doctype_in_doc_events_fails():
	guards = {"validate": ["cs_service.integrity.numbers.validate"], "before_update_after_submit": []}
	doc_events = {
		"Quality Feedback Sheet": {**guards, "on_submit": "cs_service.figures.kept.on_sheet_submit"},
		"Delivery Note": {"on_submit": "cs_service.integrations.erpnext.delivery_note.on_submit"},
		"Customer Site": guards,
	}
	assert checks.check_doc_events(doc_events, {"Quality Feedback Sheet", "Customer Site"}) == [
		"doc_events['Quality Feedback Sheet']['on_submit']: the controller calls its effects by name"
	]


# ---------------------------------------------------------------- the outsiders' gate

GATE_SOURCE = """
ALLOWED_METHODS = frozenset({"pkg.api.allowed", "frappe.handler.login"})
ALLOWED_PAGES = frozenset({"login"})
NOT_FUNCTIONS = {"frappe.handler.login": "/api/method/login"}
"""


def test_a_gate_missing_from_auth_hooks_fails():
	assert checks.check_auth_hooks({"auth_hooks": [checks.GATE_HOOK]}) == []
	assert checks.check_auth_hooks({}) != []
	assert checks.check_auth_hooks({"auth_hooks": ["cs_service.other.gate"]}) != []
	assert checks.check_auth_hooks({"auth_hooks": [checks.GATE_HOOK, checks.PAYLOAD_HOOK]}) == []
	assert checks.check_auth_hooks({"auth_hooks": [checks.PAYLOAD_HOOK, checks.GATE_HOOK]}) != []


def test_an_allowlist_outside_the_gate_or_not_literal_fails():
	assert checks.check_allowlist_in_one_module({checks.ALLOWLIST_MODULE: GATE_SOURCE}) == []
	elsewhere = {
		checks.ALLOWLIST_MODULE: GATE_SOURCE,
		"cs_service.pages.portal.api": "from cs_service.access import gate\nallowlist.ALLOWED_METHODS |= {'x.y'}\n",
	}
	assert checks.check_allowlist_in_one_module(elsewhere) == [
		"cs_service.pages.portal.api: names ALLOWED_METHODS; the allowlist lives in cs_service.access.allowlist only"
	]
	computed = GATE_SOURCE.replace('frozenset({"login"})', "frozenset(pages())")
	assert checks.check_allowlist_in_one_module({checks.ALLOWLIST_MODULE: computed}) == [
		"ALLOWED_PAGES: not a literal of strings"
	]
	assert checks.check_allowlist_in_one_module({}) != []


def test_an_allowlisted_method_that_is_no_whitelisted_function_fails():
	sources = {
		"pkg.api": "import frappe\n\n@frappe.whitelist()\ndef allowed():\n\tpass\n\ndef plain():\n\tpass\n",
	}
	specials = {"frappe.handler.login": "/api/method/login"}
	check = checks.check_allowlisted_methods
	assert check({"pkg.api.allowed", "frappe.handler.login"}, specials, sources.get) == []
	assert check({"pkg.api.plain"}, specials, sources.get) == [
		"pkg.api.plain: not decorated with @frappe.whitelist"
	]
	assert check({"pkg.api.gone"}, specials, sources.get) == [
		"pkg.api.gone: pkg.api defines no function 'gone'"
	]
	assert check({"pkg.nothing.here"}, specials, sources.get) == ["pkg.nothing.here: no module pkg.nothing"]


def test_a_template_printing_a_value_without_escaping_fails():
	source = (
		"{%- macro row(label, value) -%}<td>{{ value | as_typed | e }}</td>{%- endmacro -%}"
		'<img src="{{ doc.photo }}">{{ doc.station }}{{ _("Part") }}{{ row("Part", doc.item) }}'
		'{{ _("At {0}: {1}").format(doc.customer | e, doc.shop) }}{{ doc.name | e }}'
	)
	assert checks.unescaped_jinja_outputs(source) == [
		"doc.photo",
		"doc.station",
		'_("At {0}: {1}").format(doc.customer | e, doc.shop)',
	]
	assert checks.unescaped_js_outputs('{%= esc(v.name) %}{%= v.station %}{%= __("Visits") %}') == [
		"v.station"
	]
