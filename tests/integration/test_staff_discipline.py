"""Staff discipline: the violation ledger, revocation of the post qualification, shift
handover and shift reports, spot checks, retraining and the monthly assessment
(R-ST-1..5, R-CT-8, R-FB-7)."""

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from cs_service.cs_service.doctype.shift_handover_record.shift_handover_record import HandoverRefused
from cs_service.jobs.scheduled import flag_unconfirmed_handovers
from cs_service.staff.qualification import QualificationRevoked, is_revoked
from tests.integration.clock import frozen
from tests.integration.factories import (
	make_confirmation,
	make_customer,
	make_feedback,
	make_screening,
	make_site,
	make_user,
	set_settings,
)

CUSTOMER = "CS Staff Customer"
DAY_AND_NIGHT = [("Day", "08:00", "20:00"), ("Night", "20:00", "08:00")]


@pytest.fixture
def w():
	engineer = make_user("cs-staff-engineer", "CS Engineer")
	colleague = make_user("cs-staff-colleague", "CS Engineer")
	manager = make_user("cs-staff-manager", "CS Manager")
	qa = make_user("cs-staff-qa", "QA Engineer")
	sqe = make_user("cs-staff-sqe", "Customer SQE")
	customer = make_customer(CUSTOMER)
	site = make_site(
		customer, "Staff Plant", engineers=[engineer, colleague], sqe_users=[sqe], shifts=DAY_AND_NIGHT
	)
	quiet = make_site(customer, "Quiet Plant", engineers=[engineer, colleague], shifts=DAY_AND_NIGHT)
	set_settings(
		assessment_year_start_month=4,
		site_rule_revocation_count=2,
		handover_revocation_count=3,
		handover_violation_fine=100,
		unreported_problem_fine=100,
		site_rule_violation_fine=100,
		breakpoint_failure_fine=200,
		breakpoint_failure_forfeits_bonus=1,
		handover_confirmation_hours=1,
		retraining_months=1,
	)
	return frappe._dict(
		engineer=engineer,
		colleague=colleague,
		manager=manager,
		qa=qa,
		sqe=sqe,
		customer=customer,
		site=site.name,
		quiet=quiet.name,
	)


def ledger(engineer, **filters):
	return frappe.get_all(
		"Staff Violation",
		filters={"engineer": engineer, "docstatus": 1, **filters},
		fields=[
			"name",
			"violation_type",
			"fine",
			"assessment_year",
			"forfeits_bonus",
			"source_name",
			"source_detail",
		],
		order_by="creation asc",
	)


def revocation_alerts(w):
	return frappe.get_all(
		"Notification Log",
		filters={
			"for_user": w.manager,
			"document_type": "Engineer Qualification",
			"document_name": w.engineer,
		},
		pluck="subject",
	)


def not_executed(w, service_date, moment):
	"""A confirmation sheet that the SQE signs as Not Executed as Required."""
	with frozen(moment):
		frappe.set_user(w.engineer)
		sheet = make_confirmation(w.customer, w.engineer, service_date=service_date)
		sheet = apply_workflow(sheet, "Send to SQE")
		frappe.set_user(w.sqe)
		sheet = frappe.get_doc("Service Confirmation Sheet", sheet.name)
		sheet.sqe_verdict = "Not Executed as Required"
		sheet.save()
		apply_workflow(frappe.get_doc("Service Confirmation Sheet", sheet.name), "Sign")
	frappe.set_user("Administrator")
	return sheet.name


# ---------------------------------------------------------------- R-ST-2: two in one assessment year


def test_two_not_executed_in_one_assessment_year_revoke_once(w):
	first = not_executed(w, "2026-05-10", "2026-05-11 10:00:00.100000")
	assert [(e.violation_type, e.fine, e.assessment_year, e.source_name) for e in ledger(w.engineer)] == [
		("Not Executed as Required", 100, 2026, first)
	]
	assert not is_revoked(w.engineer)

	# 20 February 2027 is in the assessment year that began in April 2026
	not_executed(w, "2027-02-20", "2027-02-21 10:00:00.100000")
	assert [e.assessment_year for e in ledger(w.engineer)] == [2026, 2026]
	assert is_revoked(w.engineer)
	assert w.engineer not in [r.user for r in frappe.get_doc("Customer Site", w.site).engineers]
	assert len(revocation_alerts(w)) == 1

	site = frappe.get_doc("Customer Site", w.site)
	site.append("engineers", {"user": w.engineer})
	with pytest.raises(QualificationRevoked):
		site.save()

	# a third violation books its entry and notifies nobody again
	with frozen("2027-03-02 10:00:00.100000"):
		spot_check(w, "Site Rule Breach", customer_complained=1, checked_at="2027-03-02 08:00:00")
	assert len(ledger(w.engineer)) == 3
	assert len(revocation_alerts(w)) == 1


def test_the_second_in_the_next_assessment_year_does_not_revoke(w):
	not_executed(w, "2026-05-10", "2026-05-11 10:00:00.100000")
	not_executed(w, "2027-04-02", "2027-04-03 10:00:00.100000")
	assert [e.assessment_year for e in ledger(w.engineer)] == [2026, 2027]
	assert not is_revoked(w.engineer)
	assert revocation_alerts(w) == []
	assert w.engineer in [r.user for r in frappe.get_doc("Customer Site", w.site).engineers]


def test_a_revoked_engineer_creates_nothing_at_a_site_until_reinstated_after_retraining(w):
	not_executed(w, "2026-05-10", "2026-05-11 10:00:00.100000")
	not_executed(w, "2026-06-10", "2026-06-11 10:00:00.100000")
	assert is_revoked(w.engineer)
	set_settings()
	frappe.set_user(w.engineer)
	with pytest.raises(QualificationRevoked):
		make_feedback(customer=w.customer, customer_site=w.quiet)

	frappe.set_user(w.manager)
	qualification = frappe.get_doc("Engineer Qualification", w.engineer)
	with pytest.raises(frappe.ValidationError, match="no training"):
		qualification.reinstate(reason="Talked to him")
	training = frappe.get_doc(
		{
			"doctype": "CS Training",
			"topic": "Site rules of the customer",
			"training_type": "Retraining",
			"training_date": frappe.utils.nowdate(),
			"attendees": [{"engineer": w.engineer, "attended": 1, "result": "Passed"}],
		}
	).insert()
	training.submit()
	with pytest.raises(frappe.MandatoryError):
		qualification.reinstate(reason="  ")
	assert qualification.reinstate(reason="Retraining passed") == "Qualified"
	assert frappe.db.get_value(
		"Engineer Qualification", w.engineer, ["status", "reinstated_by", "reinstatement_reason"]
	) == ("Qualified", w.manager, "Retraining passed")

	frappe.set_user(w.engineer)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Engineer Qualification", w.engineer).reinstate(reason="me")


def test_status_of_the_qualification_is_not_set_by_hand(w):
	frappe.set_user(w.manager)
	doc = frappe.get_doc({"doctype": "Engineer Qualification", "engineer": w.colleague, "status": "Revoked"})
	doc.insert()
	assert doc.status == "Qualified"


# ---------------------------------------------------------------- R-ST-3: shift handover


def open_problem(w, site=None, at="2026-03-10 09:00:00"):
	set_settings(assessment_year_start_month=4, handover_revocation_count=3, handover_confirmation_hours=1)
	return make_feedback(customer=w.customer, customer_site=site or w.site, reported_at=at, occurred_at=at)


def handover(w, day="2026-03-10", site=None, outgoing="Day", incoming="Night", **kw):
	frappe.set_user(w.engineer)
	doc = frappe.get_doc(
		{
			"doctype": "Shift Handover Record",
			"customer_site": site or w.site,
			"handover_date": day,
			"outgoing_shift": outgoing,
			"incoming_shift": incoming,
			"incoming_engineer": w.colleague,
			**kw,
		}
	).insert()
	return doc


def confirm(w, doc):
	frappe.set_user(w.colleague)
	status = frappe.get_doc("Shift Handover Record", doc.name).confirm()
	frappe.set_user(w.engineer)
	return status


def test_handover_is_confirmed_by_the_incoming_engineer_before_it_is_closed(w):
	with frozen("2026-03-10 19:50:00.100000"):
		sheet = open_problem(w)
		doc = handover(w)
		doc.propose_problems()
		doc.save()
		assert [(r.reference_doctype, r.reference_name) for r in doc.problems] == [
			("Quality Feedback Sheet", sheet.name)
		]
		with pytest.raises(HandoverRefused, match="confirms"):
			frappe.get_doc(doc.doctype, doc.name).close()
		with pytest.raises(HandoverRefused):
			frappe.get_doc(doc.doctype, doc.name).confirm()  # the outgoing engineer cannot confirm
		assert confirm(w, doc) == "Confirmed"
		assert frappe.get_doc(doc.doctype, doc.name).close() == "Closed"
	assert str(doc.shift_end) == "2026-03-10 20:00:00"
	assert ledger(w.engineer) == []  # everything handed over, in time


def test_sms_between_night_and_day_with_an_open_problem_is_refused(w):
	with frozen("2026-03-11 07:50:00.100000"):
		open_problem(w)
		with pytest.raises(HandoverRefused, match="face to face"):
			handover(w, outgoing="Night", incoming="Day", handover_mode="SMS")
		# with no open problem at the site the incoming engineer may confirm by SMS
		doc = handover(w, site=w.quiet, outgoing="Night", incoming="Day", handover_mode="SMS")
		assert confirm(w, doc) == "Confirmed"
		# a problem that opens before the incoming engineer confirms calls for a face-to-face handover
		later = handover(
			w, site=w.quiet, day="2026-03-11", outgoing="Day", incoming="Night", handover_mode="Phone"
		)
		open_problem(w, site=w.quiet, at="2026-03-11 07:40:00")
		with pytest.raises(HandoverRefused, match="face to face"):
			confirm(w, later)
	assert frappe.db.get_value("Shift Handover Record", later.name, "status") == "Open"
	assert frappe.db.get_value("Shift Handover Record", doc.name, "handover_mode") == "SMS"


def test_three_handover_violations_revoke_two_do_not(w):
	open_problem(w)
	with frozen("2026-03-10 19:50:00.100000"):
		first = handover(w)  # the open problem left out
		confirm(w, first)
		second = handover(w, day="2026-03-09")
		confirm(w, second)
	assert [(e.violation_type, e.fine, e.source_detail) for e in ledger(w.engineer)] == [
		("Shift Handover", 100, "left-out"),
		("Shift Handover", 100, "left-out"),
	]
	assert not is_revoked(w.engineer)

	with frozen("2026-03-11 19:50:00.100000"):
		third = handover(w, day="2026-03-11")
		third.propose_problems()
		third.save()
	with frozen("2026-03-11 20:59:00.100000"):
		assert flag_unconfirmed_handovers() == []  # the hour after the shift is not over yet
	with frozen("2026-03-11 21:05:00.100000"):
		booked = flag_unconfirmed_handovers()
		assert len(booked) == 1
		assert flag_unconfirmed_handovers() == []  # a re-run books nothing more
	assert len(ledger(w.engineer, violation_type="Shift Handover")) == 3
	assert is_revoked(w.engineer)
	assert len(revocation_alerts(w)) == 1


# ---------------------------------------------------------------- R-CT-8: failed breakpoint


def test_a_breakpoint_failed_for_a_missed_area_is_one_entry_of_200_and_costs_the_bonus(w):
	kpis = [
		("CS Staff Bonus", "Bonus Kept", 50, 100),
		("CS Staff Fines", "Fines", 50, 0),
	]
	for name, source, weight, target in kpis:
		frappe.get_doc(
			{"doctype": "CS KPI Item", "kpi_name": name, "source": source, "weight": weight, "target": target}
		).insert()
	frappe.db.set_value("CS KPI Item", {"kpi_name": ("not in", [k[0] for k in kpis])}, "enabled", 0)
	sheet = make_feedback(customer=w.customer, customer_site=w.site, submit=True)
	doc = make_screening(
		sheet.name, engineer=w.engineer, handed_to="Li Wei (shift SQE)", handed_at="2026-03-10 18:30:00"
	)
	for row in doc.areas:
		if row.area != "Paint Shop":  # the paint shop is missed
			row.update({"screened": 1, "screened_by": w.engineer, "screened_at": "2026-03-10 17:00:00"})
	doc.parts_reached_line_at = "2026-03-10 19:00:00"
	doc.save()
	frappe.set_user(w.engineer)
	with frozen("2026-03-10 23:00:00.100000"):
		frappe.get_doc(doc.doctype, doc.name).confirm_breakpoint(held=False)
		frappe.get_doc(doc.doctype, doc.name).save()  # saved again: no second entry
	entries = ledger(w.engineer)
	assert [(e.violation_type, e.fine, e.forfeits_bonus, e.source_name) for e in entries] == [
		("Breakpoint Failure", 200, 1, doc.name)
	]

	frappe.set_user(w.manager)
	assessment = frappe.get_doc(
		{"doctype": "Engineer Monthly Assessment", "engineer": w.engineer, "month": "2026-03-15"}
	).insert()
	assert (str(assessment.month), assessment.bonus_forfeited, assessment.fines) == ("2026-03-01", 1, 200)
	scores = {row.kpi_item: (row.value, row.score) for row in assessment.items}
	assert scores == {"CS Staff Bonus": (0, 0), "CS Staff Fines": (200, 0)}
	assert assessment.total_score == 0
	april = frappe.get_doc(
		{"doctype": "Engineer Monthly Assessment", "engineer": w.engineer, "month": "2026-04-01"}
	).insert()
	assert (april.bonus_forfeited, april.total_score) == (0, 100)


# ---------------------------------------------------------------- R-ST-4: shift report


def test_a_shift_report_that_leaves_out_a_problem_of_its_shift_is_one_entry_of_100(w):
	set_settings(unreported_problem_fine=100)
	reported = make_feedback(
		customer=w.customer,
		customer_site=w.site,
		reported_at="2026-03-10 09:00:00",
		occurred_at="2026-03-10 08:50:00",
	)
	left_out = make_feedback(
		customer=w.customer,
		customer_site=w.site,
		reported_at="2026-03-10 15:00:00",
		occurred_at="2026-03-10 14:50:00",
	)
	make_feedback(
		customer=w.customer,
		customer_site=w.site,
		reported_at="2026-03-10 21:00:00",
		occurred_at="2026-03-10 20:50:00",
	)
	frappe.set_user(w.engineer)
	with frozen("2026-03-10 20:10:00.100000"):
		report = frappe.get_doc(
			{
				"doctype": "Shift Report",
				"customer_site": w.site,
				"shift_date": "2026-03-10",
				"shift": "Day",
				"report_to": w.manager,
			}
		)
		report.propose_problems()
		assert [r.quality_feedback_sheet for r in report.problems] == [reported.name, left_out.name]
		report.set("problems", [r for r in report.problems if r.quality_feedback_sheet == reported.name])
		report.insert()
		report.submit()
	assert report.engineer == w.engineer
	entries = ledger(w.engineer)
	assert [(e.violation_type, e.fine, e.source_name, e.source_detail) for e in entries] == [
		("Unreported Problem", 100, report.name, left_out.name)
	]


def test_a_shift_report_goes_to_a_cs_manager(w):
	frappe.set_user(w.engineer)
	with pytest.raises(frappe.ValidationError, match="Report To"):
		frappe.get_doc(
			{
				"doctype": "Shift Report",
				"customer_site": w.site,
				"shift_date": "2026-03-10",
				"shift": "Day",
				"report_to": w.colleague,
			}
		).insert()
	with pytest.raises(frappe.ValidationError, match="Early"):
		frappe.get_doc(
			{
				"doctype": "Shift Report",
				"customer_site": w.site,
				"shift_date": "2026-03-10",
				"shift": "Early",
				"report_to": w.manager,
			}
		).insert()


# ---------------------------------------------------------------- R-ST-1, R-ST-2: spot checks


def spot_check(w, finding, engineer=None, **kw):
	frappe.set_user(w.manager)
	doc = frappe.get_doc(
		{
			"doctype": "Attendance Spot Check",
			"checked_at": "2026-03-10 08:20:00",
			"customer_site": w.site,
			"engineer": engineer or w.engineer,
			"finding": finding,
			**kw,
		}
	).insert()
	doc.submit()
	return doc


def test_spot_checks_book_attendance_violations(w):
	set_settings(attendance_violation_fine=100)
	spot_check(w, "Present")
	late = spot_check(w, "Late")
	late_again = frappe.get_doc(late.doctype, late.name)
	late_again.run_method("on_submit")  # the same source twice: still one entry
	assert [(e.violation_type, e.fine, e.source_name) for e in ledger(w.engineer)] == [
		("Late", 100, late.name)
	]
	with pytest.raises(frappe.ValidationError, match="The Customer Complained"):
		spot_check(w, "Site Rule Breach")


def test_drinking_before_work_recommends_dismissal_to_the_managers(w):
	doc = spot_check(w, "Drinking Before Work", details="Smelled of alcohol at 08:20")
	assert doc.dismissal_recommended == 1
	alerts = frappe.get_all(
		"Notification Log", filters={"for_user": w.manager, "document_name": doc.name}, pluck="subject"
	)
	assert len(alerts) == 1 and "Dismissal" in alerts[0]
	assert [e.violation_type for e in ledger(w.engineer)] == ["Drinking Before Work"]


# ---------------------------------------------------------------- R-FB-7: incomplete feedback


def test_incomplete_feedback_found_by_qa_means_retraining_and_a_failed_one_revokes(w):
	frappe.set_user(w.engineer)
	sheet = make_feedback(customer=w.customer, customer_site=w.site, submit=True)
	# the review is QA's field: an engineer's value is not taken
	mine = frappe.get_doc(sheet.doctype, sheet.name)
	mine.qa_review = "Complete and Accurate"
	mine.save()
	assert not frappe.db.get_value(sheet.doctype, sheet.name, "qa_review")

	frappe.set_user(w.qa)
	review = frappe.get_doc(sheet.doctype, sheet.name)
	review.qa_review = "Incomplete or Inaccurate"
	review.qa_review_note = "No breakpoint given"
	review.save()
	review.save()
	frappe.set_user("Administrator")
	assert frappe.db.get_value(sheet.doctype, sheet.name, "qa_reviewed_by") == w.qa
	entries = ledger(w.engineer)
	assert [(e.violation_type, e.fine) for e in entries] == [("Incomplete Feedback", 0)]
	training = frappe.get_doc("CS Training", {"staff_violation": entries[0].name})
	assert training.training_type == "Retraining"
	assert [a.engineer for a in training.attendees] == [w.engineer]
	assert (training.due_date - training.training_date).days in (28, 29, 30, 31)
	assert not is_revoked(w.engineer)

	frappe.set_user(w.manager)
	training.attendees[0].attended = 1
	with pytest.raises(frappe.ValidationError, match="result"):
		training.submit()
	training.reload()
	training.attendees[0].attended = 1
	training.attendees[0].result = "Failed"
	training.save()
	training.submit()
	assert is_revoked(w.engineer)


# ---------------------------------------------------------------- personal records


def test_an_engineer_reads_only_their_own_ledger_and_assessment(w):
	spot_check(w, "Late", engineer=w.colleague)
	spot_check(w, "Absent", engineer=w.engineer)
	frappe.set_user(w.manager)
	theirs = frappe.get_doc(
		{"doctype": "Engineer Monthly Assessment", "engineer": w.colleague, "month": "2026-03-01"}
	).insert()
	ours = frappe.get_doc(
		{"doctype": "Engineer Monthly Assessment", "engineer": w.engineer, "month": "2026-03-01"}
	).insert()
	assert {v.engineer for v in frappe.get_list("Staff Violation", fields=["engineer"])} >= {
		w.engineer,
		w.colleague,
	}

	frappe.set_user(w.engineer)
	assert {v.engineer for v in frappe.get_list("Staff Violation", fields=["engineer"])} == {w.engineer}
	assert frappe.get_list("Engineer Monthly Assessment", pluck="name") == [ours.name]
	assert frappe.get_list("Attendance Spot Check", filters={"engineer": w.colleague}) == []
	assert frappe.has_permission("Engineer Monthly Assessment", "read", ours.name)
	assert not frappe.has_permission("Engineer Monthly Assessment", "read", theirs.name)
	violation = frappe.get_all("Staff Violation", filters={"engineer": w.colleague}, pluck="name")[0]
	assert not frappe.has_permission("Staff Violation", "read", violation)
	if theirs.items:
		row = frappe.get_doc("Engineer Assessment Item", theirs.items[0].name)
		assert not row.has_permission("read")
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{
				"doctype": "Staff Violation",
				"engineer": w.engineer,
				"violation_type": "Late",
				"violation_date": "2026-03-10",
			}
		).insert()

	frappe.set_user(w.sqe)
	for doctype in ("Staff Violation", "Engineer Monthly Assessment", "Shift Handover Record", "CS Training"):
		assert not frappe.has_permission(doctype, "read")
