"""Containment Screening: screening per area and breakpoint follow-up (R-CT-6..8)."""

import frappe
import pytest
from frappe.desk.notifications import get_open_count

from cs_service.cs_service.doctype.containment_screening.containment_screening import (
	BreakpointNotVerifiable,
	InvalidScreening,
	NoShiftPattern,
)
from cs_service.jobs.scheduled import remind_breakpoint_confirmation
from cs_service.rules.containment import Penalty
from tests.integration.clock import frozen
from tests.integration.factories import (
	make_customer,
	make_feedback,
	make_screening,
	make_site,
	make_user,
	set_settings,
)
from tests.integration.outsider import assert_no_right, refused_by_the_gate
from tests.integration.rest import resource

DAY_AND_NIGHT = [("Day", "08:00", "20:00"), ("Night", "20:00", "08:00")]
DEFAULT_AREAS = ["Body Shop", "Paint Shop", "Final Assembly", "Logistics Warehouse"]
HANDOVER = {"handed_to": "Li Wei (shift SQE)", "handed_at": "2026-03-10 18:30:00"}
REACHED = "2026-03-10 19:00:00"


@pytest.fixture(autouse=True)
def no_commit(monkeypatch):
	"""These tests roll back: fail loudly if anything commits half of one."""

	def commit(*args, **kwargs):
		raise AssertionError("a containment screening test committed the transaction")

	monkeypatch.setattr(frappe.db, "commit", commit)


@pytest.fixture
def world():
	engineer = make_user("cs-scr-engineer", "CS Engineer")
	# In tests frappe sends notification e-mails at once, and sending commits: the engineer's
	# assignment notifications stay in the desk only.
	frappe.db.set_value("Notification Settings", engineer, "enable_email_notifications", 0)
	customer = make_customer("CS Screening Customer")
	site = make_site(customer, "Screening Plant", engineers=[engineer], shifts=DAY_AND_NIGHT)
	set_settings(breakpoint_failure_fine=200, breakpoint_failure_forfeits_bonus=1)
	sheet = make_feedback(customer=customer, item="CS-SCR-PART", customer_site=site.name, submit=True)
	return frappe._dict(engineer=engineer, customer=customer, site=site.name, sheet=sheet.name)


def following_up(world, **kw):
	doc = make_screening(world.sheet, engineer=world.engineer, **HANDOVER, **kw)
	doc.parts_reached_line_at = REACHED
	doc.save()
	return doc


def screen(doc, *areas):
	for row in doc.areas:
		if row.area in areas and row.round == doc.screening_round:
			row.update(
				{
					"screened": 1,
					"screened_by": doc.engineer,
					"screened_at": "2026-03-10 17:00:00",
					"qty_checked": 40,
					"qty_suspect": 2,
				}
			)


def open_todos(doc):
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": doc.doctype, "reference_name": doc.name, "status": "Open"},
		fields=["allocated_to", "description"],
	)


def test_areas_come_from_the_site_and_the_rest_from_the_sheet(world):
	doc = make_screening(world.sheet, engineer=world.engineer)
	assert [(r.area, r.shop_type, r.round, r.screened) for r in doc.areas] == [
		(a, a, 1, 0) for a in DEFAULT_AREAS
	]
	assert (doc.customer, doc.customer_site, doc.item) == (world.customer, world.site, "CS-SCR-PART")
	assert doc.breakpoint_lot == "L-0309"  # defaults to the sheet's breakpoint
	assert (doc.breakpoint_status, doc.screening_round) == ("Screening", 1)


def test_parts_on_the_line_at_19_are_followed_until_8_next_day_and_verified_after(world):
	doc = following_up(world)
	assert doc.breakpoint_status == "Following Up"
	assert str(doc.follow_up_until) == "2026-03-11 08:00:00"

	frappe.set_user(world.engineer)
	with frozen("2026-03-11 07:30:00"), pytest.raises(BreakpointNotVerifiable, match="only then"):
		frappe.get_doc(doc.doctype, doc.name).confirm_breakpoint(held=True)
	assert frappe.db.get_value(doc.doctype, doc.name, "breakpoint_status") == "Following Up"

	with frozen("2026-03-11 08:05:00"):
		frappe.get_doc(doc.doctype, doc.name).confirm_breakpoint(held=True)
	doc.reload()
	assert (doc.breakpoint_status, doc.confirmed_by, str(doc.confirmed_at)) == (
		"Verified",
		world.engineer,
		"2026-03-11 08:05:00",
	)


def test_a_failed_breakpoint_records_the_area_not_screened_and_opens_round_two(world):
	doc = make_screening(world.sheet, engineer=world.engineer, **HANDOVER)
	screen(doc, "Body Shop", "Final Assembly", "Logistics Warehouse")
	doc.parts_reached_line_at = REACHED
	doc.save()

	frappe.set_user(world.engineer)
	with frozen("2026-03-10 23:00:00"):  # a failure may show during the follow-up
		frappe.get_doc(doc.doctype, doc.name).confirm_breakpoint(held=False, missed_areas="Supplier hub")
	doc.reload()
	assert doc.missed_areas.splitlines() == ["Paint Shop", "Supplier hub"]
	assert (doc.breakpoint_status, doc.screening_round, str(doc.failed_at)) == (
		"Screening",
		2,
		"2026-03-10 23:00:00",
	)
	assert (doc.parts_reached_line_at, doc.follow_up_until, doc.handed_at) == (None, None, None)
	round_two = [(r.area, r.screened) for r in doc.areas if r.round == 2]
	assert round_two == [(a, 0) for a in [*DEFAULT_AREAS, "Supplier hub"]]
	assert [r.screened for r in doc.areas if r.round == 1] == [1, 0, 1, 1]  # round 1 kept as it was
	assert doc.breakpoint_failure_penalty() == Penalty(
		fine=200, forfeits_bonus=True, missed_areas=("Paint Shop", "Supplier hub")
	)
	comments = frappe.get_all(
		"Comment", filters={"reference_doctype": doc.doctype, "reference_name": doc.name}, pluck="content"
	)
	assert any("round 1" in c and "Paint Shop" in c for c in comments)


def test_a_failure_with_every_area_screened_is_no_violation(world):
	doc = make_screening(world.sheet, engineer=world.engineer, **HANDOVER)
	screen(doc, *DEFAULT_AREAS)
	doc.parts_reached_line_at = REACHED
	doc.save()
	doc.confirm_breakpoint(held=False)
	assert (doc.screening_round, doc.missed_areas or "") == (2, "")
	assert doc.breakpoint_failure_penalty() is None


def test_the_engineer_is_asked_once_to_confirm_when_the_follow_up_is_over(world):
	doc = following_up(world)
	with frozen("2026-03-11 07:45:00"):
		remind_breakpoint_confirmation()
	assert open_todos(doc) == []

	with frozen("2026-03-11 08:05:00"):
		remind_breakpoint_confirmation()
		remind_breakpoint_confirmation()
	todos = open_todos(doc)
	assert [t.allocated_to for t in todos] == [world.engineer]
	assert "confirm whether the breakpoint held" in todos[0].description

	frappe.set_user(world.engineer)
	with frozen("2026-03-11 08:10:00"):
		frappe.get_doc(doc.doctype, doc.name).confirm_breakpoint(held=True)
	assert open_todos(doc) == []  # answered: the reminder is closed


def test_follow_up_needs_the_breakpoint_handed_over(world):
	doc = make_screening(world.sheet, engineer=world.engineer)
	doc.parts_reached_line_at = REACHED
	with pytest.raises(InvalidScreening, match="shift SQE"):
		doc.save()


def test_follow_up_needs_the_shift_pattern_of_the_site(world):
	site = make_site(world.customer, "No Shift Plant", shifts=[], engineers=[world.engineer])
	sheet = make_feedback(customer=world.customer, item="CS-SCR-PART", customer_site=site.name, submit=True)
	doc = make_screening(sheet.name, engineer=world.engineer, **HANDOVER)
	doc.parts_reached_line_at = REACHED
	with pytest.raises(NoShiftPattern, match="Shifts"):
		doc.save()


def test_quantities_are_checked_and_named(world):
	doc = make_screening(world.sheet, engineer=world.engineer)
	doc.areas[0].update({"qty_checked": 5, "qty_suspect": 6})
	with pytest.raises(InvalidScreening, match="Quantity Suspect: cannot be more than the quantity checked"):
		doc.save()
	doc.reload()
	doc.areas[0].update({"qty_checked": 5, "qty_suspect": 1, "screened": 1})
	with pytest.raises(InvalidScreening, match="Screened By: say who screened the area"):
		doc.save()


def test_a_customer_sqe_has_no_right_on_screenings_not_even_of_their_customer(world, boundary):
	"""The SQE works in the portal: our screenings are not theirs to read, their own
	customer's included; over HTTP the gate refuses them."""
	doc = make_screening(world.sheet, engineer=world.engineer)
	own_sqe = make_user("cs-scr-sqe-own", "Customer SQE")
	make_site(world.customer, "Screening Plant 2", sqe_users=[own_sqe])
	other = make_customer("CS Screening Other Customer")
	other_sqe = make_user("cs-scr-sqe-other", "Customer SQE")
	make_site(other, "Other Plant", sqe_users=[other_sqe])

	for sqe in (own_sqe, other_sqe):
		assert_no_right(sqe, doc.doctype, doc.name)
	assert frappe.has_permission(doc.doctype, "read", doc=doc, user=world.engineer)
	w = boundary  # a committed screening of A, asked for by A's own SQE
	response = w.server.request("GET", resource(doc.doctype, w.screening_a), w.credentials[w.sqe_a])
	assert refused_by_the_gate(response), response.text[:300]


def test_screenings_show_on_the_feedback_sheet_dashboard(world):
	make_screening(world.sheet, engineer=world.engineer)
	found = get_open_count("Quality Feedback Sheet", world.sheet)["count"]["external_links_found"]
	assert {row["doctype"]: row["count"] for row in found}["Containment Screening"] == 1


def test_a_client_cannot_set_the_breakpoint_verified_by_saving_the_status(world):
	"""R-CT-7: only the confirmation after the follow-up verifies; a PUT of the status does not."""
	screening = following_up(world)
	screening.breakpoint_status = "Verified"
	screening.save()
	assert frappe.db.get_value("Containment Screening", screening.name, "breakpoint_status") == "Following Up"


def test_a_managers_correction_of_the_screening_round_books_no_second_violation(world):
	"""R-CT-8: the failure's violation was keyed by the screening round, so a CS
	Manager's correction of the round booked a second Breakpoint Failure for the same failure."""
	doc = make_screening(world.sheet, engineer=world.engineer, **HANDOVER)
	screen(doc, "Body Shop", "Final Assembly", "Logistics Warehouse")
	doc.parts_reached_line_at = REACHED
	doc.save()
	frappe.set_user(world.engineer)
	with frozen("2026-03-10 23:00:00"):
		frappe.get_doc(doc.doctype, doc.name).confirm_breakpoint(held=False)

	def violations():
		return frappe.get_all(
			"Staff Violation",
			filters={"source_name": doc.name, "violation_type": "Breakpoint Failure", "docstatus": 1},
			fields=["engineer", "source_detail"],
		)

	assert violations() == [{"engineer": world.engineer, "source_detail": "1"}]
	frappe.set_user("Administrator")  # a CS Manager's correction
	manager = make_user("cs-scr-manager", "CS Manager")
	frappe.set_user(manager)
	for reason, change in (
		("The round was counted twice", {"screening_round": 3}),
		("Audit of 11 March: the paint shop and the hub", {"missed_areas": "Paint Shop\nSupplier hub"}),
	):
		corrected = frappe.get_doc(doc.doctype, doc.name)
		corrected.update({**change, "evidence_correction_reason": reason, "failed_round": 7})
		corrected.save()
	assert violations() == [{"engineer": world.engineer, "source_detail": "1"}]
	assert frappe.db.get_value(doc.doctype, doc.name, ["screening_round", "failed_round"]) == (3, 1)
