"""8D reports: the customer's complaint answered in the automotive standard (R-FB-2,
R-FB-3, R-FB-5, R-FB-6, R-CT-1..9, R-RP-4).

The world: a sheet of part CS-8D-PART first reported on 10 March 2026 at 14:30, sent ten minutes
later, with two Containment Screenings (Final Assembly 200 checked / 3 suspect; Paint Shop and
Body Shop 150 / 0 and 80 / 1) and two corrective actions QA recorded on it.
"""

import io
import json
from datetime import datetime

import frappe
import pytest
from pypdf import PdfReader

from cs_service.access.scope import RecordOfAnotherCustomer
from cs_service.containment.signoff import NotCustomerSQE
from cs_service.cs_service.doctype.cs_8d_report.cs_8d_report import (
	NotSentToCustomer,
	SheetInAnother8D,
	SheetNotSent,
	SheetOfAnotherPart,
	StepNotComplete,
	make_8d_report,
)
from cs_service.cs_service.report.customer_quality_issue_tracking.customer_quality_issue_tracking import (
	execute as tracking,
)
from cs_service.cs_service.report.month_end_escalation.month_end_escalation import execute as escalation
from cs_service.feedback.escalation import escalation_lists
from tests.integration.clock import frozen
from tests.integration.factories import (
	make_8d,
	make_contact,
	make_customer,
	make_feedback,
	make_screening,
	make_site,
	make_user,
	set_settings,
)

CUSTOMER = "CS 8D Customer"
PART = "CS-8D-PART"
REPORTED = "2026-03-10 14:30:00"
SENT = "2026-03-10 14:40:00.100000"
DESCRIPTION = "Door trim clip broken at final assembly 门饰板卡扣断裂"


@pytest.fixture
def world():
	set_settings()
	engineer = make_user("cs-8d-engineer", "CS Engineer")
	qa = make_user("cs-8d-qa", "QA Engineer")
	sqe = make_user("cs-8d-sqe", "Customer SQE")
	make_customer(CUSTOMER)
	site = make_site(CUSTOMER, "8D Plant", engineers=[engineer], sqe_users=[sqe])
	with frozen(SENT):
		sheet = make_feedback(
			customer=CUSTOMER,
			item=PART,
			customer_site=site.name,
			occurred_at="2026-03-10 14:20:00",
			reported_at=REPORTED,
			description=DESCRIPTION,
			quantity=4,
			breakpoint_lot="L-0310",
			root_cause="Worn cavity 2 of the injection tool",
		)
		sheet.submit()
	screenings = [
		screening(sheet.name, engineer, {"Final Assembly": (200, 3)}, breakpoint_lot="L-0311"),
		screening(sheet.name, engineer, {"Paint Shop": (150, 0), "Body Shop": (80, 1)}),
	]
	sheet.reload()
	for action, due in (
		("Replace cavity 2 insert", "2026-03-20"),
		("Add a pull test at end of line", "2026-03-25"),
	):
		sheet.append("corrective_actions", {"action": action, "action_owner": qa, "due_date": due})
	sheet.save()
	return frappe._dict(engineer=engineer, qa=qa, sqe=sqe, site=site.name, sheet=sheet, screenings=screenings)


def screening(sheet, engineer, quantities, **kw):
	doc = make_screening(sheet, engineer=engineer, **kw)
	for row in doc.areas:
		if row.area in quantities:
			checked, suspect = quantities[row.area]
			row.update(
				{
					"screened": 1,
					"screened_by": engineer,
					"screened_at": "2026-03-10 16:00:00",
					"qty_checked": checked,
					"qty_suspect": suspect,
				}
			)
	doc.save()
	return doc.name


def another_sheet(world, **kw):
	with frozen(SENT):
		return make_feedback(
			customer=kw.pop("customer", CUSTOMER),
			item=kw.pop("item", PART),
			customer_site=kw.pop("customer_site", world.site),
			occurred_at="2026-03-10 14:25:00",
			reported_at="2026-03-10 14:35:00",
			submit=kw.pop("submit", True),
			**kw,
		)


# ---------------------------------------------------------------- made from the sheet


def test_an_8d_made_from_a_sheet_carries_its_d2_both_screenings_and_both_actions(world):
	"""Acceptance: D2 from the sheet, both screenings in D3 with their quantities, both actions
	in D5/D6; the due dates count from the first report (D3 24 h, D4 10 days, D8 60 days)."""
	doc = make_8d(world.sheet.name)
	assert (doc.customer, doc.customer_site, doc.item) == (CUSTOMER, world.site, PART)
	assert doc.problem_description == DESCRIPTION
	assert [r.quality_feedback_sheet for r in doc.sheets] == [world.sheet.name]
	assert doc.quantity == 4
	assert doc.occurrence_root_cause == "Worn cavity 2 of the injection tool"
	assert {r.dimension: r.is_text for r in doc.is_is_not}["How Many"] == "4"

	d3 = [(r.source, r.containment_screening, r.qty_checked, r.qty_suspect) for r in doc.containment]
	assert d3 == [
		("Quality Feedback Sheet", None, 0, 4),
		("Containment Screening", world.screenings[0], 200, 3),
		("Containment Screening", world.screenings[1], 230, 1),
	]
	assert doc.containment[0].breakpoint == "L-0310"
	assert doc.containment[1].breakpoint == "L-0311"
	assert (doc.total_checked, doc.total_suspect) == (430, 8)

	assert [(a.action, a.action_owner, str(a.due_date), a.status) for a in doc.actions] == [
		("Replace cavity 2 insert", world.qa, "2026-03-20", "Open"),
		("Add a pull test at end of line", world.qa, "2026-03-25", "Open"),
	]
	due = {s.step: s.due_at for s in doc.steps if s.due_at}
	assert due == {
		"D3": datetime(2026, 3, 11, 14, 30),
		"D4": datetime(2026, 3, 20, 14, 30),
		"D8": datetime(2026, 5, 9, 14, 30),
	}
	assert [s.step for s in doc.steps] == ["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"]
	assert [(m.user, m.team_role) for m in doc.team] == [("Administrator", "Team Leader")]
	assert [p.document for p in doc.prevention] == ["PFMEA", "Control Plan", "Work Instruction"]


def test_the_8d_follows_the_records_on_every_save(world):
	"""D3 and D5/D6 are what the records say now; the verification written on the 8D stays."""
	doc = make_8d(world.sheet.name)
	doc.actions[0].verification = "Three lots checked at 100 %, no broken clip"
	doc.save()
	sheet = frappe.get_doc("Quality Feedback Sheet", world.sheet.name)
	sheet.corrective_actions[0].update({"status": "Done", "closed_on": "2026-03-18", "verified_by": world.qa})
	sheet.append(
		"corrective_actions",
		{"action": "Audit the tool shop", "action_owner": world.qa, "due_date": "2026-04-01"},
	)
	sheet.save()
	doc.reload()
	doc.save()
	assert [(a.action, a.status, a.verified_by, a.verification) for a in doc.actions] == [
		("Replace cavity 2 insert", "Done", world.qa, "Three lots checked at 100 %, no broken clip"),
		("Add a pull test at end of line", "Open", None, None),
		("Audit the tool shop", "Open", None, None),
	]


def test_d3_overdue_25_hours_after_the_first_report_shows_in_the_tracking_report(world):
	"""Acceptance: 23 hours after the first report nothing is late; 25 hours after it, D3 is."""
	doc = make_8d(world.sheet.name)
	filters = frappe._dict(customer=CUSTOMER, from_date="2026-03-01", to_date="2026-03-31")
	with frozen("2026-03-11 13:30:00.100000"):
		[row] = tracking(filters)[1]
		assert (row["eight_d_report"], row["eight_d_overdue"]) == (doc.name, None)
	with frozen("2026-03-11 15:30:00.100000"):
		columns, rows, _message, _chart, summary = tracking(filters)
		[row] = rows
		assert (row["sheet"], row["eight_d_report"], row["eight_d_overdue"]) == (
			world.sheet.name,
			doc.name,
			"D3",
		)
		assert {s["label"]: s["value"] for s in summary}["8D Reports Overdue"] == 1
		assert {"eight_d_report", "eight_d_overdue"} <= {c["fieldname"] for c in columns}
		# D3 done, late: no longer overdue (D4 is not due yet); it needs every containment done
		doc.reload()
		doc.steps[2].status = "Done"
		with pytest.raises(StepNotComplete, match="D3 Containment: every containment action must be done"):
			doc.save()
		doc = frappe.get_doc("CS 8D Report", doc.name)
		for row in doc.containment:
			row.status = "Verified"
		doc.steps[2].status = "Done"
		doc.save()
		assert tracking(filters)[1][0]["eight_d_overdue"] is None


def test_overdue_disciplines_are_escalated_at_month_end(world):
	"""R-FB-6: the month-end escalation lists the 8D's disciplines past the customer's due time."""
	doc = make_8d(world.sheet.name)
	with frozen("2026-03-31 06:00:00.100000"):
		lists = escalation_lists(datetime(2026, 3, 31).date())
		ours = [(s.report, s.step, s.hours_overdue) for s in lists.overdue_8d_steps if s.report == doc.name]
		assert ours == [(doc.name, "D3", 471), (doc.name, "D4", 255)]
		_columns, data = escalation(frappe._dict(as_of="2026-03-31"))
	rows = [(r["kind"], r.get("eight_d_report"), r["description"]) for r in data if r.get("eight_d_report")]
	assert (("Overdue 8D Discipline", doc.name, "D3 Containment")) in rows


def test_the_customer_sets_its_own_due_dates(world):
	frappe.get_doc(
		{
			"doctype": "CS 8D Customer Requirement",
			"customer": CUSTOMER,
			"due_times": [
				{"step": "D3", "due_in": 12, "unit": "Hours"},
				{"step": "D5", "due_in": 30, "unit": "Days"},
				{"step": "D8", "due_in": 0, "unit": "Days"},
			],
		}
	).insert()
	doc = make_8d(world.sheet.name)
	assert {s.step: s.due_at for s in doc.steps if s.due_at} == {
		"D3": datetime(2026, 3, 11, 2, 30),
		"D4": datetime(2026, 3, 20, 14, 30),
		"D5": datetime(2026, 4, 9, 14, 30),
	}


def test_a_customer_requirement_naming_a_discipline_twice_is_refused():
	make_customer("CS 8D Twice Customer")
	with pytest.raises(frappe.ValidationError, match="row 2: this discipline is given twice"):
		frappe.get_doc(
			{
				"doctype": "CS 8D Customer Requirement",
				"customer": "CS 8D Twice Customer",
				"due_times": [
					{"step": "D3", "due_in": 24, "unit": "Hours"},
					{"step": "D3", "due_in": 12, "unit": "Hours"},
				],
			}
		).insert()


# ---------------------------------------------------------------- status per D


def test_a_discipline_is_done_only_when_what_it_needs_is_there(world):
	doc = make_8d(world.sheet.name)
	step = {s.step: s for s in doc.steps}
	step["D1"].status = "Done"  # the maker leads the team
	step["D4"].status = "Done"  # the root cause of non-detection is missing
	step["D8"].status = "Done"
	with pytest.raises(StepNotComplete) as error:
		doc.save()
	message = str(error.value)
	assert "D4 Root Cause: give the root cause of non-detection" in message
	assert "D8 Closure and Recognition: D1 to D7 must be done first" in message
	assert "write the closure summary" in message
	assert "D1" not in message.replace("D1 to D7", "")

	doc = frappe.get_doc("CS 8D Report", doc.name)
	{s.step: s for s in doc.steps}["D1"].status = "Done"
	doc.escape_root_cause = "The end-of-line check does not pull the clip"
	{s.step: s for s in doc.steps}["D4"].status = "Done"
	doc.save()
	assert {s.step: (s.status, bool(s.done_at)) for s in doc.steps if s.status != "Not Started"} == {
		"D1": ("Done", True),
		"D4": ("Done", True),
	}
	assert doc.status == "Open"


def test_closing_the_8d_needs_every_discipline(world):
	doc = make_8d(world.sheet.name)
	sheet = frappe.get_doc("Quality Feedback Sheet", world.sheet.name)
	for action in sheet.corrective_actions:
		action.update({"status": "Done", "closed_on": "2026-03-18", "verified_by": world.qa})
	sheet.save()
	doc.reload()
	doc.escape_root_cause = "No pull test"
	doc.save()
	for action in doc.actions:
		action.verification = "Six weeks without a broken clip"
	for row in doc.prevention:
		row.update({"responsible": world.qa, "status": "Done", "done_on": "2026-04-01"})
	for row in doc.containment:
		row.status = "Verified"
	doc.closure_summary = "Closed with the customer's SQE"
	for row in doc.steps:
		row.status = "Done"
	doc.save()
	assert (doc.status, str(doc.closed_on)) == ("Closed", frappe.utils.nowdate())


# ---------------------------------------------------------------- one report per sheet, same problem


def test_one_8d_per_sheet_and_several_sheets_of_the_same_problem(world):
	doc = make_8d(world.sheet.name)
	assert make_8d_report(world.sheet.name) == doc.name  # the button finds the same report
	second = another_sheet(world, description="Second clip broken")
	doc.append("sheets", {"quality_feedback_sheet": second.name})
	doc.save()
	assert [r.quality_feedback_sheet for r in doc.sheets] == [world.sheet.name, second.name]
	assert doc.quantity == 4 + 3
	assert [r.quality_feedback_sheet for r in doc.containment if r.source == "Quality Feedback Sheet"] == [
		world.sheet.name,
		second.name,
	]
	other = frappe.new_doc("CS 8D Report")
	other.quality_feedback_sheet = second.name
	with pytest.raises(SheetInAnother8D, match=f"{second.name} is already answered by 8D report {doc.name}"):
		other.insert()


def test_sheets_of_another_part_a_draft_or_another_customer_are_refused(world):
	doc = make_8d(world.sheet.name)
	cases = [
		(another_sheet(world, item="CS-8D-OTHER-PART"), SheetOfAnotherPart),
		(another_sheet(world, submit=False), SheetNotSent),
	]
	make_customer("CS 8D Rival")
	rival_site = make_site("CS 8D Rival", "Rival Plant").name
	cases.append(
		(another_sheet(world, customer="CS 8D Rival", customer_site=rival_site), RecordOfAnotherCustomer)
	)
	for sheet, error in cases:
		doc = frappe.get_doc("CS 8D Report", doc.name)
		doc.append("sheets", {"quality_feedback_sheet": sheet.name})
		with pytest.raises(error):
			doc.save()
	assert frappe.get_all("CS 8D Sheet", filters={"parent": doc.name}, pluck="quality_feedback_sheet") == [
		world.sheet.name
	]


def test_the_team_names_our_users_and_the_customers_contacts(world):
	doc = make_8d(world.sheet.name)
	contact = make_contact(
		CUSTOMER, "Zhang SQE 8D", email_ids=[{"email_id": "zhang.8d@cs-test.example.com", "is_primary": 1}]
	)
	doc.append("team", {"member_type": "Customer Contact", "contact": contact.name, "team_role": "Member"})
	doc.append("team", {"member_type": "Our Staff", "team_role": "Member"})
	with pytest.raises(frappe.MandatoryError, match="Team, row 3: choose the user"):
		doc.save()
	doc = frappe.get_doc("CS 8D Report", doc.name)  # a failed save leaves the object behind
	doc.append("team", {"member_type": "Customer Contact", "contact": contact.name, "team_role": "Member"})
	doc.save()
	assert doc.team[1].member_name == "Zhang SQE 8D"
	assert set(doc.customer_recipients()) == {
		frappe.db.get_value("User", world.sqe, "email"),
		contact.email_id,
	}
	rival = make_contact(make_customer("CS 8D Rival"), "Rival Contact 8D")
	doc.append("team", {"member_type": "Customer Contact", "contact": rival.name, "team_role": "Member"})
	with pytest.raises(RecordOfAnotherCustomer):
		doc.save()


# ---------------------------------------------------------------- the customer


def test_the_pdf_renders_in_english_and_chinese(world):
	"""Acceptance: the bilingual print format renders as a PDF with Chinese text (wkhtmltopdf and
	a CJK font; the site's web server must run, see README)."""
	doc = make_8d(world.sheet.name)
	pdf = frappe.attach_print("CS 8D Report", doc.name, print_format="CS 8D Report", doc=doc)
	assert pdf["fcontent"][:4] == b"%PDF"
	text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf["fcontent"])).pages)
	compact = "".join(text.split())
	for expected in (
		"D3Containment",
		"临时围堵措施",
		"Doortrimclipbroken",
		"门饰板卡扣断裂",
		"根本原因",
		doc.name,
	):
		assert expected in compact, expected
	fonts = {
		str(font.get_object()["/BaseFont"])
		for page in PdfReader(io.BytesIO(pdf["fcontent"])).pages
		for font in page["/Resources"]["/Font"].values()
	}
	assert any("CJK" in f for f in fonts), fonts


def test_sent_to_the_customer_with_the_pdf_then_acknowledged_by_their_sqe(world):
	"""R-CT-9: the customer's SQE sees their 8D, acknowledges it once we sent it, and changes
	nothing else; another customer's SQE reaches none of it."""
	doc = make_8d(world.sheet.name)
	frappe.set_user(world.sqe)
	assert frappe.has_permission("CS 8D Report", "read", doc=doc.name)
	assert doc.name in frappe.get_list("CS 8D Report", pluck="name")
	with pytest.raises(NotSentToCustomer):
		frappe.get_doc("CS 8D Report", doc.name).acknowledge("Seen")

	frappe.set_user("Administrator")
	mail = doc.send_to_customer("sqe-8d@cs-test.example.com\nquality-8d@cs-test.example.com", "Our answer")
	queued = frappe.get_doc("Email Queue", mail)
	assert sorted(r.recipient for r in queued.recipients) == [
		"quality-8d@cs-test.example.com",
		"sqe-8d@cs-test.example.com",
	]
	[attachment] = json.loads(queued.attachments)
	assert (attachment["print_format"], attachment["name"]) == ("CS 8D Report", doc.name)

	frappe.set_user(world.sqe)
	stored = frappe.get_doc("CS 8D Report", doc.name)
	stored.acknowledge("Received <b>on time</b>")
	frappe.set_user("Administrator")
	values = frappe.db.get_value(
		"CS 8D Report",
		doc.name,
		["acknowledged_by", "acknowledgement_remarks", "sent_to_customer_by"],
		as_dict=True,
	)
	assert values == {
		"acknowledged_by": world.sqe,
		"acknowledgement_remarks": "Received &lt;b&gt;on time&lt;/b&gt;",
		"sent_to_customer_by": "Administrator",
	}

	# the SQE changes nothing else of the report
	frappe.set_user(world.sqe)
	mine = frappe.get_doc("CS 8D Report", doc.name)
	mine.closure_summary = "Closed by the SQE"
	with pytest.raises(frappe.PermissionError):
		mine.save()
	# our users do not write the acknowledgement
	frappe.set_user("Administrator")
	ours = frappe.get_doc("CS 8D Report", doc.name)
	ours.acknowledged_by = "Administrator"
	ours.save()
	assert frappe.db.get_value("CS 8D Report", doc.name, "acknowledged_by") == world.sqe


def test_another_customers_sqe_neither_sees_nor_acknowledges(world):
	doc = make_8d(world.sheet.name)
	doc.send_to_customer("sqe-8d@cs-test.example.com")
	make_customer("CS 8D Rival")
	rival_sqe = make_user("cs-8d-rival-sqe", "Customer SQE")
	make_site("CS 8D Rival", "Rival Plant", sqe_users=[rival_sqe])
	frappe.set_user(rival_sqe)
	assert not frappe.has_permission("CS 8D Report", "read", doc=doc.name)
	assert doc.name not in frappe.get_list("CS 8D Report", pluck="name")
	with pytest.raises(frappe.PermissionError):
		make_8d_report(world.sheet.name)
	with pytest.raises(frappe.PermissionError):
		doc.acknowledge("Not mine")
	frappe.set_user(world.engineer)  # one of ours, not the customer's SQE
	with pytest.raises(NotCustomerSQE):
		frappe.get_doc("CS 8D Report", doc.name).acknowledge("Not mine either")
	frappe.set_user("Administrator")
	assert frappe.db.get_value("CS 8D Report", doc.name, "acknowledged_by") is None
