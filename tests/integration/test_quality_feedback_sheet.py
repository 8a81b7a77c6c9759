"""Quality Feedback Sheet: the 15-minute report to QA (R-FB-1..5, R-FB-8)."""

import json

import frappe
import pytest

from cs_service.cs_service.doctype.quality_feedback_sheet.quality_feedback_sheet import (
	IncompleteFeedback,
	NoFeedbackRecipients,
)
from tests.integration import rest
from tests.integration.clock import frozen
from tests.integration.factories import (
	QA_EMAIL,
	api_credentials,
	make_customer,
	make_feedback,
	make_site,
	make_user,
	set_settings,
)
from tests.integration.outsider import assert_no_right, refused_by_the_gate

REPORTED = "2026-03-10 23:55:00"


def queued_for(sheet):
	return frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Quality Feedback Sheet", "reference_name": sheet},
		pluck="name",
	)


def submit_at(moment, **kw):
	set_settings()
	doc = make_feedback(occurred_at="2026-03-10 23:50:00", reported_at=REPORTED, **kw)
	with frozen(moment):
		doc.submit()
	return doc


def test_deadline_is_fifteen_minutes_after_the_first_report_across_midnight():
	doc = make_feedback(occurred_at="2026-03-10 23:50:00", reported_at=REPORTED)
	assert str(doc.deadline) == "2026-03-11 00:10:00"


def test_submitted_twelve_minutes_after_the_first_report_is_on_time():
	doc = submit_at("2026-03-11 00:07:00")
	doc.reload()
	assert (doc.timeliness, str(doc.sent_at)) == ("On time", "2026-03-11 00:07:00")


def test_submitted_sixteen_minutes_after_the_first_report_is_late():
	doc = submit_at("2026-03-11 00:11:00")
	doc.reload()
	assert doc.timeliness == "Late"


def test_each_submit_queues_exactly_one_email_to_qa_with_the_pdf():
	set_settings(qa_recipients=f"{QA_EMAIL}\nqa-lead@cs-test.example.com")
	doc = make_feedback(submit=True)
	queued = queued_for(doc.name)
	assert len(queued) == 1
	mail = frappe.get_doc("Email Queue", queued[0])
	assert sorted(r.recipient for r in mail.recipients) == sorted([QA_EMAIL, "qa-lead@cs-test.example.com"])
	attachments = json.loads(mail.attachments)
	assert [(a["print_format_attachment"], a["print_format"], a["name"]) for a in attachments] == [
		(1, "Quality Feedback Sheet", doc.name)
	]
	# the queue worker renders exactly this attachment; it is a real PDF of the sheet
	args = {k: v for k, v in attachments[0].items() if k != "print_format_attachment"}
	pdf = frappe.attach_print(**args)
	assert pdf["fname"] == f"{doc.name}.pdf"
	assert pdf["fcontent"][:4] == b"%PDF"


def test_departments_chosen_on_the_sheet_are_added_to_the_recipients():
	department = frappe.get_all("Department", pluck="name", limit=1)[0]
	set_settings(
		department_recipients=[{"department": department, "recipients": "logistics@cs-test.example.com"}]
	)
	doc = make_feedback(notify_departments=[{"department": department}], submit=True)
	mail = frappe.get_doc("Email Queue", queued_for(doc.name)[0])
	assert sorted(r.recipient for r in mail.recipients) == sorted([QA_EMAIL, "logistics@cs-test.example.com"])


def test_submit_with_three_items_missing_names_all_three_and_sends_nothing():
	set_settings()
	doc = make_feedback(station="", temporary_measures=None, breakpoint_lot="")
	with pytest.raises(IncompleteFeedback) as error:
		doc.submit()
	message = str(error.value)
	for label in ("Station: missing", "Temporary Measures Taken: missing", "Breakpoint: missing"):
		assert label in message
	assert frappe.db.get_value("Quality Feedback Sheet", doc.name, "docstatus") == 0
	assert queued_for(doc.name) == []


def test_invalid_values_are_refused_on_save_all_at_once():
	with pytest.raises(IncompleteFeedback) as error:
		make_feedback(
			quantity=-2,
			line_stop_minutes=-5,
			occurred_at="2026-03-10 10:00:00",
			reported_at="2026-03-10 09:00:00",
		)
	message = str(error.value)
	assert "Quantity: must be a whole number above zero" in message
	assert "First Reported At: cannot be before the time of occurrence" in message
	assert "Line Stop Minutes Caused: cannot be negative" in message


def test_occurrence_in_the_future_is_refused():
	with frozen("2026-03-10 09:00:00"):
		with pytest.raises(IncompleteFeedback, match="Time of Occurrence: cannot be in the future"):
			make_feedback(occurred_at="2026-03-10 09:30:00", reported_at="2026-03-10 09:35:00")


def test_no_qa_recipients_means_no_submit():
	set_settings(qa_recipients="")
	doc = make_feedback()
	with pytest.raises(NoFeedbackRecipients):
		doc.submit()
	assert frappe.db.get_value("Quality Feedback Sheet", doc.name, "docstatus") == 0


def test_customer_part_number_and_drawing_come_from_the_item():
	doc = make_feedback(item="CS-QFS-PART")
	assert (doc.customer_part_no, doc.drawing_no) == ("C-CS-QFS-PART", "DWG-CS-QFS-PART")


def test_site_of_another_customer_is_refused():
	other_site = make_site(make_customer("CS QFS Other Customer")).name
	with pytest.raises(frappe.ValidationError, match="is a site of customer"):
		make_feedback(customer_site=other_site)


def test_cs_engineer_cannot_change_corrective_actions_but_qa_can():
	set_settings()
	engineer = make_user("cs-qfs-engineer", "CS Engineer")
	qa = make_user("cs-qfs-qa", "QA Engineer")
	doc = make_feedback(submit=True)

	frappe.set_user(engineer)
	sheet = frappe.get_doc("Quality Feedback Sheet", doc.name)
	sheet.root_cause = "Engineer's guess"
	sheet.append("corrective_actions", {"action": "X", "action_owner": engineer, "due_date": "2026-04-30"})
	sheet.save()  # permlevel 1: Frappe drops what the engineer may not write
	sheet.reload()
	assert (sheet.root_cause, len(sheet.corrective_actions)) == (None, 0)

	frappe.set_user(qa)
	sheet = frappe.get_doc("Quality Feedback Sheet", doc.name)
	sheet.root_cause = "Worn cavity 2 of the mould"
	sheet.append(
		"corrective_actions", {"action": "Replace insert", "action_owner": qa, "due_date": "2026-04-30"}
	)
	sheet.save()
	sheet.reload()
	assert sheet.root_cause == "Worn cavity 2 of the mould"
	assert sheet.tracking_status == "Actions in Progress"


def test_sheet_closes_only_when_every_action_is_done_and_verified():
	set_settings()
	qa = make_user("cs-qfs-qa", "QA Engineer")
	doc = make_feedback(submit=True)
	frappe.set_user(qa)
	sheet = frappe.get_doc("Quality Feedback Sheet", doc.name)
	sheet.append("corrective_actions", {"action": "A", "action_owner": qa, "due_date": "2026-04-30"})
	sheet.append("corrective_actions", {"action": "B", "action_owner": qa, "due_date": "2026-04-30"})
	sheet.save()
	sheet.corrective_actions[0].update({"status": "Done", "closed_on": "2026-04-02", "verified_by": qa})
	sheet.corrective_actions[1].update({"status": "Done", "closed_on": "2026-04-03"})
	sheet.save()
	assert sheet.tracking_status == "Actions in Progress"
	sheet.corrective_actions[1].verified_by = qa
	sheet.save()
	assert sheet.tracking_status == "Closed" and sheet.closed_on


def test_an_action_verified_before_it_is_done_is_refused():
	set_settings()
	doc = make_feedback(submit=True)
	doc.append(
		"corrective_actions",
		{
			"action": "A",
			"action_owner": "Administrator",
			"due_date": "2026-04-30",
			"verified_by": "Administrator",
		},
	)
	with pytest.raises(frappe.ValidationError, match="verified only when it is done"):
		doc.save()


def test_only_qa_reclassifies_a_submitted_sheet_and_history_keeps_it():
	set_settings()
	engineer = make_user("cs-qfs-engineer", "CS Engineer")
	qa = make_user("cs-qfs-qa", "QA Engineer")
	doc = make_feedback(problem_type="Tracking Problem", submit=True)

	frappe.set_user(engineer)
	sheet = frappe.get_doc("Quality Feedback Sheet", doc.name)
	sheet.problem_type = "Quality Problem"
	with pytest.raises(frappe.PermissionError):
		sheet.save()

	frappe.set_user(qa)
	sheet = frappe.get_doc("Quality Feedback Sheet", doc.name)
	sheet.problem_type = "Quality Problem"
	# frappe.flags.in_test switches Versions off by default (document.py); users always get them
	sheet.save(ignore_version=False)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Quality Feedback Sheet", doc.name, "problem_type") == "Quality Problem"
	versions = frappe.get_all(
		"Version", filters={"ref_doctype": "Quality Feedback Sheet", "docname": doc.name}, pluck="data"
	)
	changes = [change for v in versions for change in json.loads(v)["changed"]]
	assert ["problem_type", "Tracking Problem", "Quality Problem"] in changes
	comments = frappe.get_all(
		"Comment", filters={"reference_name": doc.name, "comment_type": "Info"}, pluck="content"
	)
	assert "Problem type changed from Tracking Problem to Quality Problem" in comments


@pytest.fixture(scope="module")
def two_customers():
	frappe.set_user("Administrator")
	set_settings()
	sqe_a = make_user("cs-qfs-sqe-a", "Customer SQE")
	make_site(make_customer("CS QFS Perm A"), sqe_users=[sqe_a])
	sheet_a = make_feedback(customer="CS QFS Perm A", item="CS-QFS-PERM", submit=True).name
	sheet_b = make_feedback(customer="CS QFS Perm B", item="CS-QFS-PERM", submit=True).name
	credentials = api_credentials(sqe_a)
	frappe.db.commit()
	yield frappe._dict(sqe_a=sqe_a, sheet_a=sheet_a, sheet_b=sheet_b, credentials=credentials)
	frappe.set_user("Administrator")
	for name in (sheet_a, sheet_b):
		doc = frappe.get_doc("Quality Feedback Sheet", name)
		doc.cancel()
		doc.delete()
		for mail in queued_for(name):
			frappe.delete_doc("Email Queue", mail, force=True)
	frappe.db.commit()


def test_customer_sqe_is_refused_the_sheets_of_their_customer_and_of_another(two_customers):
	"""The sheet is our record, sent to QA; the SQE sees their customer's open problems
	in the portal. Over REST the gate refuses them; in-process they hold no right."""
	w = two_customers
	for sheet in (w.sheet_a, w.sheet_b):
		response = rest.request("GET", rest.resource("Quality Feedback Sheet", sheet), w.credentials)
		assert refused_by_the_gate(response), response.text
		assert_no_right(w.sqe_a, "Quality Feedback Sheet", sheet)
