"""Customer part knowledge (R-PL-4): where a part goes on line at a customer,
its customer part number from ERPNext, and its historical defects from the feedback sheets."""

import frappe
import pytest

from cs_service.cs_service.doctype.customer_part.customer_part import (
	DuplicateCustomerPart,
	get_defect_history,
)
from cs_service.cs_service.doctype.quality_feedback_sheet.quality_feedback_sheet import get_part_details
from cs_service.feedback.parts import part_knowledge
from cs_service.planning.sites import SiteOfAnotherCustomer, UnknownShopOrStation
from tests.integration.factories import (
	make_customer,
	make_customer_part,
	make_feedback,
	make_site,
	make_user,
	set_settings,
)
from tests.integration.outsider import assert_no_right

CUSTOMER_A = "CS PK Customer A"
CUSTOMER_B = "CS PK Customer B"
PART = "CS-PK-PART"


def site_with_stations(customer):
	site = make_site(make_customer(customer))
	site.append("stations", {"shop": "Final Assembly", "section": "Trim 2", "station": "FA-30"})
	site.append("stations", {"shop": "Body Shop", "section": "Side Frame", "station": "BS-07"})
	return site.save()


def test_part_knowledge_keeps_the_line_position_and_reads_the_customer_part_no_from_erpnext():
	site = site_with_stations(CUSTOMER_A)
	part = make_customer_part(
		CUSTOMER_A,
		PART,
		customer_site=site.name,
		shop="final assembly",
		station="fa-30",
		mounting_position="Left front door, lower edge",
		function_features="Holds the door trim; clip force 40-60 N",
	)
	# the site's spelling of shop and station, and the section the site gives the station
	assert (part.shop, part.station, part.section) == ("Final Assembly", "FA-30", "Trim 2")
	assert frappe.get_doc("Customer Part", part.name).customer_part_no == f"C-{PART}"
	# not a copy: a new customer part number in ERPNext shows at once
	frappe.db.set_value(
		"Item Customer Detail", {"parent": PART, "customer_name": CUSTOMER_A}, "ref_code", "NEW-7"
	)
	assert frappe.get_doc("Customer Part", part.name).customer_part_no == "NEW-7"
	assert frappe.get_doc("Customer Part", part.name).as_dict()["customer_part_no"] == "NEW-7"


def test_station_must_be_one_the_site_lists_for_the_shop():
	site = site_with_stations(CUSTOMER_A)
	with pytest.raises(UnknownShopOrStation):
		make_customer_part(CUSTOMER_A, PART, customer_site=site.name, shop="Final Assembly", station="BS-07")
	with pytest.raises(UnknownShopOrStation):
		make_customer_part(CUSTOMER_A, PART, customer_site=site.name, shop="Press Shop")
	# a shop for which the site lists no station takes any station
	part = make_customer_part(CUSTOMER_A, PART, customer_site=site.name, shop="Paint Shop", station="PS-1")
	assert part.station == "PS-1"


def test_one_record_per_part_and_customer_site():
	site = site_with_stations(CUSTOMER_A)
	make_customer_part(CUSTOMER_A, PART, customer_site=site.name, shop="Body Shop", station="BS-07")
	with pytest.raises(DuplicateCustomerPart):
		make_customer_part(CUSTOMER_A, PART, customer_site=site.name)
	# one for the whole customer besides the site's own is allowed, but only one
	make_customer_part(CUSTOMER_A, PART, shop="Final Assembly", station="FA-99")
	with pytest.raises(DuplicateCustomerPart):
		make_customer_part(CUSTOMER_A, PART)


def test_site_must_belong_to_the_customer():
	site_b = make_site(make_customer(CUSTOMER_B))
	with pytest.raises(SiteOfAnotherCustomer):
		make_customer_part(CUSTOMER_A, PART, customer_site=site_b.name)


def test_site_knowledge_comes_before_the_customer_wide_one():
	site = site_with_stations(CUSTOMER_A)
	make_customer_part(CUSTOMER_A, PART, shop="Final Assembly", station="FA-99")
	make_customer_part(CUSTOMER_A, PART, customer_site=site.name, shop="Body Shop", station="BS-07")
	assert part_knowledge(PART, CUSTOMER_A, site.name).station == "BS-07"
	assert part_knowledge(PART, CUSTOMER_A, "another site").station == "FA-99"
	assert part_knowledge(PART, CUSTOMER_A).station == "FA-99"
	assert part_knowledge(PART, CUSTOMER_B) is None


def test_historical_defects_of_a_part_are_those_at_its_customer():
	"""Acceptance: two submitted sheets for P at A are P's defects at A, not at B."""
	set_settings()
	first = make_feedback(CUSTOMER_A, PART, submit=True, defect="Broken clip", quantity=3,
		occurred_at="2026-03-02 08:00:00", reported_at="2026-03-02 08:00:00")  # fmt: skip
	second = make_feedback(CUSTOMER_A, PART, submit=True, defect="Broken clip", quantity=5,
		occurred_at="2026-03-09 10:00:00", reported_at="2026-03-09 10:00:00")  # fmt: skip
	make_feedback(CUSTOMER_A, PART, defect="Scratch")  # a draft is no history
	make_feedback(CUSTOMER_B, PART, submit=True, defect="Scratch")  # another customer

	history = get_defect_history(CUSTOMER_A, PART)
	assert [r.name for r in history["sheets"]] == [second.name, first.name]
	assert [(r.defect, r.occurrences, r.quantity) for r in history["summary"]] == [("Broken clip", 2, 8)]
	assert str(history["summary"][0].last_occurred) == "2026-03-09 10:00:00"

	at_b = get_defect_history(CUSTOMER_B, PART)
	assert [(r.defect, r.occurrences) for r in at_b["summary"]] == [("Scratch", 1)]
	assert first.name not in [r.name for r in at_b["sheets"]]
	assert get_defect_history("CS PK Nobody", PART) == {"summary": [], "sheets": []}


def test_a_new_sheet_for_the_part_gets_its_shop_and_station():
	"""Acceptance: a new sheet for A + P gets P's station filled in."""
	set_settings()
	site = site_with_stations(CUSTOMER_A)
	make_customer_part(CUSTOMER_A, PART, customer_site=site.name, shop="Final Assembly", station="FA-30")
	sheet = make_feedback(CUSTOMER_A, PART, customer_site=site.name, shop=None, station=None)
	assert (sheet.shop, sheet.station) == ("Final Assembly", "FA-30")
	# what the engineer typed is kept
	typed = make_feedback(CUSTOMER_A, PART, customer_site=site.name, shop="Body Shop", station="BS-07")
	assert (typed.shop, typed.station) == ("Body Shop", "BS-07")
	# another customer's sheet for the same part learns nothing from A
	other = make_feedback(CUSTOMER_B, PART, shop=None, station=None)
	assert (other.shop, other.station) == (None, None)


def test_the_form_gets_station_and_last_defects_when_the_part_is_chosen():
	set_settings()
	site = site_with_stations(CUSTOMER_A)
	make_customer_part(CUSTOMER_A, PART, customer_site=site.name, shop="Final Assembly", station="FA-30",
		mounting_position="Left front door")  # fmt: skip
	# a sheet's station is one of the site's
	old = make_feedback(CUSTOMER_A, PART, submit=True, defect="Broken clip", station="FA-30")
	details = get_part_details(PART, CUSTOMER_A, site.name)
	assert details["customer_part_no"] == f"C-{PART}"
	assert (details["shop"], details["section"], details["station"]) == ("Final Assembly", "Trim 2", "FA-30")
	assert details["mounting_position"] == "Left front door"
	assert [(d.name, d.defect) for d in details["last_defects"]] == [(old.name, "Broken clip")]
	assert "shop" not in get_part_details(PART)  # no customer, no knowledge


def test_an_sqe_gets_no_part_knowledge_not_even_of_their_customer():
	"""Our knowledge of where a part goes and how it failed is not the SQE's (they work
	in the portal): no right on either customer's part, and the methods refuse them."""
	sqe_a = make_user("cs-pk-sqe-a", "Customer SQE")
	make_site(make_customer(CUSTOMER_A), sqe_users=[sqe_a])
	own = make_customer_part(CUSTOMER_A, PART)
	other = make_customer_part(CUSTOMER_B, PART)
	for part in (own, other):
		assert_no_right(sqe_a, "Customer Part", part.name)
	frappe.set_user(sqe_a)
	with pytest.raises(frappe.PermissionError):
		get_part_details(PART, CUSTOMER_A)
	with pytest.raises(frappe.PermissionError):
		get_defect_history(CUSTOMER_A, PART)
