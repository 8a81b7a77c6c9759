"""The phone page's send: once per capture id, only at the engineer's sites, the
phone's times kept, and no client can write the phone fields through the desk (R-FB-4)."""

import uuid

import frappe
import pytest

from cs_service.access.roles import NotForCustomerUsers
from cs_service.pages.capture import CaptureRefused, bootstrap, send
from tests.integration.clock import frozen
from tests.integration.factories import (
	make_customer,
	make_feedback,
	make_item,
	make_site,
	make_user,
	set_settings,
)

CUSTOMER = "CS Capture Customer"


@pytest.fixture
def w():
	engineer = make_user("cs-cap-engineer", "CS Engineer")
	other = make_user("cs-cap-other", "CS Engineer")
	sqe = make_user("cs-cap-sqe", "Customer SQE")
	customer = make_customer(CUSTOMER)
	item = make_item("CS-CAP-PART", customer=customer, ref_code="OEM-CAP")
	frappe.db.set_value("Item", item, "cs_drawing_no", "DWG-CAP")
	site = make_site(customer, "Capture Plant", engineers=[engineer], sqe_users=[sqe])
	set_settings()
	return frappe._dict(engineer=engineer, other=other, sqe=sqe, customer=customer, item=item, site=site.name)


def capture(w, **kw):
	return {
		"capture_id": str(uuid.uuid4()),
		"customer_site": w.site,
		"item": w.item,
		"shop": "Final Assembly",
		"station": "FA-12",
		"quantity": 2,
		"description": "Clip broken",
		"suspect_area": "Rack 3",
		"temporary_measures": "Sort the rack",
		"breakpoint": "L-0309",
		"customer_communication": "SQE agrees",
		"preliminary_cause": "Tool wear",
		"reported_at": "2026-03-10 10:00:00",
		"captured_at": "2026-03-10 10:12:00",
		"clock_offset": 0,
		# what the page measured on its monotonic clock (first report to Send: 12 min)
		"evidence": {"report_to_complete": 720, "complete_to_send": None},
		**kw,
	}


def test_a_capture_sent_an_hour_late_is_judged_when_send_was_tapped_and_only_once(w):
	frappe.set_user(w.engineer)
	data = capture(w, evidence={"report_to_complete": 720, "complete_to_send": 58 * 60})
	with frozen("2026-03-10 11:10:00.100000"):  # the network came back an hour later
		first = send(data)
		again = send(data)
	assert (first["existing"], again["existing"], again["name"]) == (False, True, first["name"])
	sheet = frappe.get_doc("Quality Feedback Sheet", first["name"])
	assert (str(sheet.reported_at), str(sheet.captured_at), sheet.timeliness) == (
		"2026-03-10 10:00:00",
		"2026-03-10 10:12:00",
		"On time",
	)
	assert sheet.docstatus == 1 and sheet.customer == w.customer


def test_the_phone_clock_offset_is_taken_off(w):
	frappe.set_user(w.engineer)
	with frozen("2026-03-10 11:00:00.100000"):
		result = send(
			capture(
				w,
				reported_at="2026-03-10 10:05:00",
				captured_at="2026-03-10 10:30:00",
				clock_offset=300,
				evidence={"report_to_complete": 25 * 60, "complete_to_send": 35 * 60},
			)
		)
	sheet = frappe.get_doc("Quality Feedback Sheet", result["name"])
	assert (str(sheet.reported_at), sheet.timeliness) == ("2026-03-10 10:00:00", "Late")


def test_refusals(w):
	frappe.set_user(w.other)  # not an engineer of the site
	with pytest.raises(frappe.ValidationError, match="not one of your sites"):
		send(capture(w))
	frappe.set_user(w.engineer)
	with pytest.raises(CaptureRefused):
		send(capture(w, capture_id="1; drop table"))
	with frozen("2026-03-10 10:20:00.100000"), pytest.raises(frappe.ValidationError, match="Description"):
		send(capture(w, description=""))  # (on the day of the capture: no month of it reported yet)
	assert not frappe.get_all("Quality Feedback Sheet", filters={"customer": w.customer})
	frappe.set_user(w.sqe)
	with pytest.raises(NotForCustomerUsers):
		bootstrap()
	with pytest.raises(NotForCustomerUsers):
		send(capture(w))


def test_the_desk_cannot_write_the_phone_fields(w):
	frappe.set_user(w.engineer)
	sheet = make_feedback(
		customer=w.customer,
		customer_site=w.site,
		item=w.item,
		captured_at="2026-03-10 10:01:00",
		capture_id=str(uuid.uuid4()),
	)
	assert (sheet.captured_at, sheet.capture_id) == (None, None)


def test_bootstrap_gives_the_engineers_sites_with_their_parts(w):
	frappe.get_doc(
		{
			"doctype": "Customer Part",
			"customer": w.customer,
			"customer_site": w.site,
			"item": w.item,
			"shop": "Final Assembly",
			"station": "FA-12",
		}
	).insert()
	frappe.set_user(w.engineer)
	data = bootstrap()
	(site,) = [s for s in data["sites"] if s["name"] == w.site]
	assert [(p["item"], p["customer_part_no"], p["station"]) for p in site["parts"]] == [
		(w.item, "OEM-CAP", "FA-12")
	]
	frappe.set_user(w.other)
	assert w.site not in [s["name"] for s in bootstrap()["sites"]]


def test_the_parts_of_a_site_are_the_customers_numbered_items_and_the_customer_parts(w):
	"""The Item's customer part number is enough; a Customer Part adds a part or its
	place on line; a disabled Item is not offered."""
	numbered = make_item("CS-CAP-NUMBERED", customer=w.customer, ref_code="OEM-NUM")
	disabled = make_item("CS-CAP-DISABLED", customer=w.customer, ref_code="OEM-OFF")
	frappe.db.set_value("Item", disabled, "disabled", 1)
	unnumbered = make_item("CS-CAP-UNNUMBERED")
	frappe.get_doc(
		{"doctype": "Customer Part", "customer": w.customer, "item": unnumbered, "shop": "Final Assembly"}
	).insert()
	frappe.set_user(w.engineer)
	(site,) = [s for s in bootstrap()["sites"] if s["name"] == w.site]
	parts = {p["item"]: (p["customer_part_no"], p["shop"]) for p in site["parts"]}
	assert parts[numbered] == ("OEM-NUM", None)
	assert parts[unnumbered] == (None, "Final Assembly")
	assert disabled not in parts


def test_the_first_report_stated_minutes_before_the_tap_is_the_sheets_and_on_its_timeline(w):
	"""'reported by voice 10 minutes before I tapped' is the engineer's statement; it
	moves the first-report time (and the 15 minutes) and is kept on the timeline; only the
	desk's choices are taken, a forged one leaves nothing behind."""
	frappe.set_user(w.engineer)
	with frozen("2026-03-10 11:00:00.100000"):
		with pytest.raises(CaptureRefused, match="First Reported At"):
			send(capture(w, reported_minutes_ago=60))
		assert not frappe.get_all("Quality Feedback Sheet", filters={"customer": w.customer})
		# the phone's evidence backs the tap (10:00) and the completion (10:12, sent at 11:00);
		# the earlier report is the engineer's statement, not the evidence's
		result = send(
			capture(
				w,
				reported_minutes_ago=10,
				evidence={"report_to_complete": 720, "complete_to_send": 48 * 60},
			)
		)
	sheet = frappe.get_doc("Quality Feedback Sheet", result["name"])
	# tapped 10:00, stated 10 minutes earlier, sent from the phone at 10:12: 22 minutes, late
	assert (str(sheet.reported_at), str(sheet.occurred_at), sheet.timeliness) == (
		"2026-03-10 09:50:00",
		"2026-03-10 09:50:00",
		"Late",
	)
	(comment,) = frappe.get_all(
		"Comment",
		filters={"reference_doctype": "Quality Feedback Sheet", "reference_name": sheet.name},
		pluck="content",
	)
	assert "10 minutes" in comment and "cs-cap-engineer" in comment
