"""One design at a glance (issue 14): the app's modules import each other without cycles, the
Script Reports import neither the scheduler nor a DocType controller, and the benchmarks
live outside the app's package (see checks.py for each rule)."""

from tests.meta import checks

GRAPH = checks.import_graph(checks.app_modules())


def test_the_import_graph_counts_lazy_imports_and_not_type_checking_ones():
	assert "cs_service.figures.live" in GRAPH["cs_service.figures.cards"]
	assert "cs_service.access.personal" in GRAPH["cs_service.access.scope"]  # inside a method
	report = "cs_service.cs_service.doctype.monthly_quality_report.monthly_quality_report"
	assert not any(".monthly_quality_report_" in m for m in GRAPH[report])  # the typing block


def test_no_import_cycle_among_the_apps_modules():
	assert checks.check_import_cycles(GRAPH) == []


def test_no_report_imports_the_scheduler_or_a_controller():
	assert checks.check_report_imports(GRAPH) == []


def test_the_benchmarks_are_not_in_the_apps_package():
	assert not (checks.APP / "benchmarks").exists()
