"""After-sales Service Record (R-PL-2) and Customer Visit Summary (R-PL-1) reports: rows
compared with what the test made, by hand."""

import frappe
import pytest

from cs_service.cs_service.report.after_sales_service_record.after_sales_service_record import (
	execute as service_record,
)
from cs_service.cs_service.report.customer_visit_summary.customer_visit_summary import (
	execute as visit_summary,
)
from tests.integration.clock import frozen
from tests.integration.factories import (
	make_confirmation,
	make_contact,
	make_customer,
	make_feedback,
	make_item,
	make_plan,
	make_screening,
	make_site,
	make_slip,
	make_user,
	make_visit,
	set_settings,
)

CUSTOMER_A = "CS SR Customer A"
CUSTOMER_B = "CS SR Customer B"


def test_the_service_record_lists_every_service_for_the_customer_and_period():
	set_settings()
	engineer = make_user("cs-sr-engineer", "CS Engineer")
	make_site(make_customer(CUSTOMER_A), engineers=[engineer])  # a screening's engineer works at the site
	sheet = make_feedback(CUSTOMER_A, "CS-SR-PART", submit=True, defect="Broken clip",
		occurred_at="2026-03-05 08:00:00", reported_at="2026-03-05 08:05:00")  # fmt: skip
	make_feedback(CUSTOMER_A, "CS-SR-PART", occurred_at="2026-03-06 08:00:00")  # a draft: no service yet
	with frozen("2026-03-20 10:00:00"):  # a slip is dated by its creation
		slip = make_slip(CUSTOMER_A, "CS-SR-PART")
	confirmation = make_confirmation(
		CUSTOMER_A, engineer, quality_feedback_sheet=sheet.name, service_date="2026-03-07"
	)
	visit = make_visit(CUSTOMER_A, "2026-03-12", purpose="Quarterly quality review")
	trial = frappe.get_doc(
		{
			"doctype": "Trial Fit Verification",
			"customer": CUSTOMER_A,
			"item": make_item("CS-SR-NEW", customer=CUSTOMER_A),
			"trial_date": "2026-03-15",
			"vehicle_model": "Project X1",
			"participants": [{"participant_type": "Tooling Engineer", "full_name": "Zhang"}],
		}
	).insert()
	with frozen("2026-03-22 09:00:00"):  # a screening is dated by its creation
		screening = make_screening(sheet.name, engineer)
	make_visit(CUSTOMER_B, "2026-03-12")  # another customer
	make_visit(CUSTOMER_A, "2026-02-27")  # before the period

	columns, rows, _m, _c, summary = service_record(
		frappe._dict(customer=CUSTOMER_A, from_date="2026-03-01", to_date="2026-03-31")
	)
	assert [(str(r.date), r.document_type, r.document) for r in rows] == [
		("2026-03-05", "Quality Feedback Sheet", sheet.name),
		("2026-03-07", "Service Confirmation Sheet", confirmation.name),
		("2026-03-12", "Customer Visit Log", visit.name),
		("2026-03-15", "Trial Fit Verification", trial.name),
		("2026-03-20", "Suspect Part Slip", slip.name),
		("2026-03-22", "Containment Screening", screening.name),
	]
	by_type = {r.document_type: r for r in rows}
	assert by_type["Quality Feedback Sheet"].summary == "Broken clip"
	assert by_type["Customer Visit Log"].summary == "Quarterly quality review"
	assert by_type["Service Confirmation Sheet"].recorded_by == engineer
	assert by_type["Containment Screening"].recorded_by == engineer
	assert by_type["Containment Screening"].summary == sheet.name
	assert {s["label"]: s["value"] for s in summary} == {
		"Quality Feedback Sheet": 1,
		"Suspect Part Slip": 1,
		"Service Confirmation Sheet": 1,
		"Customer Visit Log": 1,
		"Trial Fit Verification": 1,
		"Containment Screening": 1,
	}
	assert "document" in [c["fieldname"] for c in columns]
	visits_only = service_record(
		frappe._dict(
			customer=CUSTOMER_A,
			from_date="2026-02-01",
			to_date="2026-03-31",
			document_type="Customer Visit Log",
		)
	)[1]
	assert [str(r.date) for r in visits_only] == ["2026-02-27", "2026-03-12"]


def test_an_sqe_is_refused_the_service_record_even_of_their_customer():
	"""The report was the SQE's in the desk; now it is ours only (the SQE's documents are
	in the portal), refused to them for their own customer too."""
	from frappe.desk.query_report import run

	sqe_b = make_user("cs-sr-sqe-b", "Customer SQE")
	make_site(make_customer(CUSTOMER_B), sqe_users=[sqe_b])
	with frozen("2026-03-20 10:00:00"):
		make_visit(CUSTOMER_A, "2026-03-12")
		make_visit(CUSTOMER_B, "2026-03-13")
	frappe.set_user(sqe_b)
	for customer in (CUSTOMER_B, CUSTOMER_A, None):
		with pytest.raises(frappe.PermissionError):
			run(
				"After-sales Service Record",
				filters={"from_date": "2026-03-01", "to_date": "2026-03-31", "customer": customer},
			)
	# behind the report's roles the customer scope still holds (defense in depth): called
	# directly, the report shows nothing of another customer
	rows = service_record(frappe._dict(from_date="2026-03-01", to_date="2026-03-31"))[1]
	assert {r.customer for r in rows} <= {CUSTOMER_B}


def test_the_visit_summary_collects_visits_opinions_and_open_follow_ups():
	owner = make_user("cs-sr-owner", "CS Engineer")
	wang = make_contact(make_customer(CUSTOMER_A), "Wang", role="SQE")
	make_plan(CUSTOMER_A, 2026, {"January": 1, "March": 2, "April": 1})
	with frozen("2026-04-10 10:00:00"):
		first = make_visit(
			CUSTOMER_A,
			"2026-01-20",
			contacts=[{"contact": wang.name}],
			customer_opinions="Wants faster 8D reports",
			problems=[{"description": "Rattle at the door trim"}],
			follow_up_actions=[
				{"action": "Send 8D within 5 days", "responsible": owner, "due_date": "2026-01-25", "status": "Open"},
				{"action": "Check clip supplier", "responsible": owner, "due_date": "2026-02-10", "status": "Done", "done_on": "2026-02-01"},
			],
		)  # fmt: skip
		second = make_visit(CUSTOMER_A, "2026-03-02", customer_opinions="Satisfied with the new packaging")
		make_visit(CUSTOMER_A, "2026-04-02")  # second quarter
		make_visit(CUSTOMER_B, "2026-02-02")  # another customer

		_columns, rows, _m, _c, summary = visit_summary(
			frappe._dict(customer=CUSTOMER_A, year=2026, quarter="1")
		)
	assert [r.visit_log for r in rows] == [first.name, second.name]
	assert rows[0].people_met == "Wang (SQE)"
	assert rows[0].visitors == "Administrator"
	assert rows[0].customer_opinions == "Wants faster 8D reports"
	assert (rows[0].problems, rows[0].problems_reported, rows[0].open_follow_ups) == (1, 0, 1)
	assert "Send 8D within 5 days" in rows[0].open_follow_up_list
	assert "Check clip supplier" not in rows[0].open_follow_up_list
	assert (rows[1].problems, rows[1].open_follow_ups) == (0, 0)
	figures = {s["label"]: s["value"] for s in summary}
	# planned in Q1: January 1 + March 2
	assert (figures["Visits Made"], figures["Planned Visits"]) == (2, 3)
	assert (figures["Open Follow-ups"], figures["Overdue Follow-ups"]) == (1, 1)
	year = visit_summary(frappe._dict(customer=CUSTOMER_A, year=2026))[1]
	assert len(year) == 3
	assert visit_summary(frappe._dict(year=2026))[1] == []  # one customer at a time
