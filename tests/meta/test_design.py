"""One house a newcomer finds their way in: the app's modules import each other without cycles,
each concern has one home, and every document's life is in its controller (see checks.py for each
rule, and tests/meta/test_checks_fail_on_broken_samples.py for each rule failing on a sample)."""

from tests.meta import checks

MODULES = checks.app_modules()
GRAPH = checks.import_graph(MODULES)
SOURCES = {name: path.read_text(encoding="utf-8") for name, path in MODULES.items()}
PLAIN = checks.plain_modules(MODULES)


def test_the_import_graph_counts_lazy_imports_and_not_type_checking_ones():
	assert "cs_service.figures.live" in GRAPH["cs_service.figures.cards"]
	assert "cs_service.access.personal" in GRAPH["cs_service.access.rows"]  # inside a method
	report = "cs_service.cs_service.doctype.monthly_quality_report.monthly_quality_report"
	assert not any(".monthly_quality_report_" in m for m in GRAPH[report])  # the typing block


def test_no_import_cycle_among_the_apps_modules():
	assert checks.check_import_cycles(GRAPH) == []


def test_no_report_imports_the_scheduler_or_a_controller():
	assert checks.check_report_imports(GRAPH) == []


def test_nothing_outside_the_doctype_folders_imports_a_controller():
	assert checks.check_controller_imports(GRAPH) == []


def test_a_controller_imports_no_other_doctype_but_its_child_rows():
	children = checks.child_folders(checks.load_doctypes())
	assert checks.check_controller_siblings(GRAPH, children) == []


def test_mail_and_desk_alerts_leave_from_the_notifications_home_only():
	assert checks.check_notifications_home(SOURCES) == []
	assert checks.NOTIFICATIONS_HOME in SOURCES  # the home exists and is the one place


def test_jobs_are_queued_through_the_one_way_only():
	assert checks.check_jobs_queue_home(SOURCES) == []
	assert checks.JOBS_QUEUE_HOME in SOURCES


def test_the_settings_are_read_in_their_home_only():
	assert checks.check_settings_home(SOURCES) == []
	assert checks.SETTINGS_HOME in SOURCES


def test_doc_events_hold_other_apps_doctypes_and_the_module_wide_guards_only():
	hooks = checks.load_hooks()
	assert checks.check_doc_events(hooks["doc_events"], set(checks.load_doctypes())) == []


def test_the_scheduler_calls_the_jobs_home_only():
	paths = set(checks.hook_paths(checks.load_hooks()["scheduler_events"]))
	assert paths and all(p.startswith("cs_service.jobs.scheduled.") for p in paths)


def test_no_two_modules_define_a_public_function_of_the_same_name():
	assert checks.check_function_names({m: SOURCES[m] for m in PLAIN}) == []


def test_no_two_modules_share_a_name():
	assert checks.check_module_names(PLAIN) == []


def test_the_apps_modules_are_imported_under_their_own_names():
	assert checks.check_module_aliases(SOURCES) == []


def test_the_benchmarks_are_not_in_the_apps_package():
	assert not (checks.APP / "benchmarks").exists()
