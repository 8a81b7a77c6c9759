"""Annual Service Plan and Customer Visit Log (R-PL-1, R-FB-8)."""

from datetime import date

import frappe
import pytest

from cs_service.cs_service.doctype.annual_service_plan.annual_service_plan import DuplicatePlan, InvalidPlan
from cs_service.cs_service.doctype.customer_visit_log.customer_visit_log import (
	ContactOfAnotherCustomer,
	ProblemAlreadyReported,
	VisitInFuture,
	make_feedback_sheet,
)
from cs_service.cs_service.report.service_plan_vs_actual.service_plan_vs_actual import execute
from cs_service.planning.visits import flag_plans_behind, months_behind
from cs_service.rules import planning
from tests.integration.clock import frozen
from tests.integration.factories import (
	make_contact,
	make_customer,
	make_customer_part,
	make_plan,
	make_site,
	make_user,
	make_visit,
)

CUSTOMER_A = "CS Visit Customer A"
CUSTOMER_B = "CS Visit Customer B"
YEAR = 2025


def march_plan():
	"""2 visits planned at A in March 2025, 1 in April; one visit made at A in March, and one at B."""
	plan = make_plan(CUSTOMER_A, YEAR, {"March": 2, "April": 1})
	make_visit(CUSTOMER_A, "2025-03-12")
	make_visit(CUSTOMER_B, "2025-03-13")
	return plan


def test_plan_shows_one_of_two_visits_done_and_flags_the_shortfall():
	"""Acceptance: 2 planned in March, 1 logged: 1 of 2 done, behind plan; B's visit does not count."""
	plan = march_plan()
	progress = {p.month: p for p in plan.progress(date(2025, 4, 2))}
	assert (progress[3].planned, progress[3].actual, progress[3].shortfall) == (2, 1, 1)
	assert progress[3].status == planning.BEHIND
	assert (progress[4].actual, progress[4].status) == (0, planning.IN_PROGRESS)

	# the form: visits made and status per row, year to date (the plan is of a past year)
	doc = frappe.get_doc("Annual Service Plan", plan.name)
	doc.run_method("onload")
	assert [(r.month, r.planned_visits, r.actual_visits, r.plan_status) for r in doc.visits] == [
		("March", 2, 1, planning.BEHIND),
		("April", 1, 0, planning.BEHIND),
	]
	ytd = doc.get_onload().year_to_date
	assert (ytd["planned"], ytd["actual"]) == (3, 1)
	# what the desk and the REST API receive (as_dict reads the virtual fields)
	row = doc.as_dict()["visits"][0]
	assert (row["actual_visits"], row["plan_status"]) == (1, planning.BEHIND)
	doc.remarks = "Two visits in March: quality review and new project"
	doc.save(ignore_version=False)  # the version record diffs as_dict of both


def test_the_report_shows_plan_against_actual():
	march_plan()
	make_plan(CUSTOMER_B, YEAR, {"March": 1})
	rows = execute(frappe._dict(year=YEAR, as_on="2025-04-02"))[1]
	mine = [
		(r["customer"], r["month_name"], r["planned"], r["actual"], r["shortfall"], r["status"])
		for r in rows
		if r["customer"] in (CUSTOMER_A, CUSTOMER_B)
	]
	assert mine == [
		(CUSTOMER_A, "March", 2, 1, 1, planning.BEHIND),
		(CUSTOMER_A, "April", 1, 0, 1, planning.IN_PROGRESS),
		(CUSTOMER_B, "March", 1, 1, 0, planning.DONE),
	]
	only_a = execute(frappe._dict(year=YEAR, customer=CUSTOMER_A, as_on="2025-04-02"))
	assert {row["customer"] for row in only_a[1]} == {CUSTOMER_A}
	assert {s["label"]: s["value"] for s in only_a[4]}["Months Behind Plan"] == 1


def test_a_site_plan_counts_only_the_visits_at_that_site():
	site_1 = make_site(make_customer(CUSTOMER_A), "Plant 1").name
	site_2 = make_site(CUSTOMER_A, "Plant 2").name
	site_plan = make_plan(CUSTOMER_A, YEAR, {"March": 1}, customer_site=site_1)
	whole = make_plan(CUSTOMER_A, YEAR, {"March": 3})
	make_visit(CUSTOMER_A, "2025-03-03", customer_site=site_2)
	make_visit(CUSTOMER_A, "2025-03-04", customer_site=site_2)
	assert site_plan.progress(date(2025, 4, 1))[0].actual == 0
	assert whole.progress(date(2025, 4, 1))[0].actual == 2


def test_plan_rules():
	make_plan(CUSTOMER_A, YEAR, {"March": 1})
	with pytest.raises(DuplicatePlan):
		make_plan(CUSTOMER_A, YEAR, {"May": 1})
	twice = [{"month": "March", "planned_visits": 1}, {"month": "March", "planned_visits": 2}]
	with pytest.raises(InvalidPlan):
		make_plan(CUSTOMER_B, YEAR, twice)
	with pytest.raises(InvalidPlan):
		make_plan(CUSTOMER_B, 25, {"March": 1})


def test_months_behind_are_flagged_to_the_cs_managers_once():
	manager = make_user("cs-visit-manager", "CS Manager")
	plan = march_plan()
	assert [r.month for r in months_behind(date(2025, 3, 31)) if r.plan == plan.name] == []
	flagged = [r for r in flag_plans_behind(date(2025, 4, 1)) if r.plan == plan.name]
	assert [(r.month, r.planned_visits, r.visits_made, r.shortfall) for r in flagged] == [("March", 2, 1, 1)]
	todos = frappe.get_all(
		"ToDo",
		filters={
			"reference_type": "Annual Service Plan",
			"reference_name": plan.name,
			"allocated_to": manager,
		},
		pluck="description",
	)
	assert len(todos) == 1 and "1 of 2" in todos[0]
	assert frappe.db.exists(
		"Email Queue", {"reference_doctype": "Annual Service Plan", "reference_name": plan.name}
	)
	row = frappe.get_doc("Annual Service Plan", plan.name).visits[0]
	assert str(row.flagged_on) == "2025-04-01"

	# once: the next days flag nothing more for March; April is flagged when it is over
	assert [r for r in flag_plans_behind(date(2025, 4, 2)) if r.plan == plan.name] == []
	assert [r.month for r in flag_plans_behind(date(2025, 5, 1)) if r.plan == plan.name] == ["April"]
	assert (
		frappe.db.count(
			"ToDo",
			{"reference_type": "Annual Service Plan", "reference_name": plan.name, "allocated_to": manager},
		)
		== 2
	)


def test_a_visit_cannot_be_logged_in_the_future():
	with frozen("2025-03-10 09:00:00"):
		with pytest.raises(VisitInFuture):
			make_visit(CUSTOMER_A, "2025-03-11")
		assert make_visit(CUSTOMER_A, "2025-03-10").name


def test_people_met_are_contacts_of_the_customer():
	make_customer(CUSTOMER_B)
	own = make_contact(make_customer(CUSTOMER_A), "Wang", role="SQE")
	other = make_contact(CUSTOMER_B, "Zhao", role="Team Leader")
	visit = make_visit(CUSTOMER_A, "2025-03-10", contacts=[{"contact": own.name}])
	assert (visit.contacts[0].full_name, visit.contacts[0].customer_role) == ("Wang", "SQE")
	with pytest.raises(ContactOfAnotherCustomer):
		make_visit(CUSTOMER_A, "2025-03-11", contacts=[{"contact": other.name}])


def test_a_visit_problem_becomes_a_feedback_sheet_reported_by_the_customer():
	"""Acceptance: the sheet carries source Reported by Customer and links back to the visit."""
	site = make_site(make_customer(CUSTOMER_A))
	make_customer_part(CUSTOMER_A, "CS-VISIT-PART", shop="Final Assembly", station="FA-12")
	visit = make_visit(
		CUSTOMER_A,
		"2025-03-10",
		customer_site=site.name,
		problems=[
			{
				"description": "Clips of the door trim break at assembly",
				"item": "CS-VISIT-PART",
				"defect": "Broken clip",
			},
			{"description": "Labels hard to read"},
		],
	)
	sheet_name = make_feedback_sheet(visit.name, visit.problems[0].name)
	sheet = frappe.get_doc("Quality Feedback Sheet", sheet_name)
	assert sheet.docstatus == 0
	assert (sheet.source, sheet.customer_visit_log) == ("Reported by Customer", visit.name)
	assert (sheet.customer, sheet.customer_site, sheet.item, sheet.defect) == (
		CUSTOMER_A,
		site.name,
		"CS-VISIT-PART",
		"Broken clip",
	)
	assert sheet.description == "Clips of the door trim break at assembly"
	assert (sheet.shop, sheet.station) == ("Final Assembly", "FA-12")  # from the part knowledge
	# the problem row remembers its sheet, and a second sheet for it is refused
	visit.reload()
	assert visit.problems[0].quality_feedback_sheet == sheet_name
	with pytest.raises(ProblemAlreadyReported):
		make_feedback_sheet(visit.name, visit.problems[0].name)
	# the visit's dashboard counts the sheet
	from frappe.desk.notifications import get_open_count

	found = get_open_count("Customer Visit Log", visit.name)["count"]["external_links_found"]
	assert {r["doctype"]: r["count"] for r in found}["Quality Feedback Sheet"] == 1


def test_only_who_may_edit_the_visit_turns_its_problems_into_sheets():
	qa = make_user("cs-visit-qa", "QA Engineer")  # reads visit logs, does not edit them
	visit = make_visit(CUSTOMER_A, "2025-03-10", problems=[{"description": "Noise from the trim"}])
	frappe.set_user(qa)
	with pytest.raises(frappe.PermissionError):
		make_feedback_sheet(visit.name, visit.problems[0].name)
