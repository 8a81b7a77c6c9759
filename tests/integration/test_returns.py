"""Returns of suspect parts reverse the ERPNext Delivery Note that brought them (R-CT-2, R-US-3)."""

import frappe
import pytest
from frappe.desk.notifications import get_open_count
from frappe.model.workflow import apply_workflow

from cs_service.integrations.erpnext.delivery_note import ReturnNotPossible, delivery_note_query, make_return
from tests.integration.factories import (
	make_customer,
	make_delivery_note,
	make_item,
	make_site,
	make_slip,
	make_user,
	set_settings,
)

CUSTOMER, ITEM = "CS Return Customer", "CS-RETURN-PART"


def make_signed_slip_world(**slip_fields):
	"""A delivery of 100 to the customer and a draft slip of its suspect parts."""
	set_settings()
	make_site(make_customer(CUSTOMER), sqe_users=[make_user("cs-return-sqe", "Customer SQE")])
	make_item(ITEM, customer=CUSTOMER)
	dn = make_delivery_note(CUSTOMER, ITEM, 100)
	fields = {"quantity": 30, "qty_returned": 30, **slip_fields}
	return make_slip(CUSTOMER, item=ITEM, delivery_note=dn.name, **fields)


def sign(slip):
	slip = apply_workflow(slip, "Send to SQE")
	frappe.set_user(make_user("cs-return-sqe", "Customer SQE"))
	slip = apply_workflow(frappe.get_doc("Suspect Part Slip", slip.name), "Sign")
	frappe.set_user("Administrator")
	return slip


@pytest.fixture
def signed_slip():
	slip = sign(make_signed_slip_world())
	return frappe._dict(dn=frappe.get_doc("Delivery Note", slip.delivery_note), slip=slip)


def returns_of(slip):
	return frappe.get_all("Delivery Note", filters={"cs_suspect_part_slip": slip}, pluck="name")


def test_create_return_makes_a_draft_return_of_30_against_the_delivery(signed_slip):
	name = make_return(signed_slip.slip.name)
	ret = frappe.get_doc("Delivery Note", name)
	assert (ret.docstatus, ret.is_return, ret.return_against, ret.customer) == (
		0,
		1,
		signed_slip.dn.name,
		CUSTOMER,
	)
	assert [(row.item_code, row.qty) for row in ret.items] == [(ITEM, -30)]
	assert ret.cs_suspect_part_slip == signed_slip.slip.name
	assert frappe.db.get_value("Suspect Part Slip", signed_slip.slip.name, "return_delivery_note") == name

	ret.submit()
	delivered = frappe.get_doc("Delivery Note", signed_slip.dn.name).items[0]
	assert delivered.returned_qty == 30


def test_asking_for_130_of_a_slip_of_30_fails_and_creates_nothing(signed_slip):
	with pytest.raises(ReturnNotPossible, match="130 is more than the 30 parts the slip returns"):
		make_return(signed_slip.slip.name, qty=130)
	assert returns_of(signed_slip.slip.name) == []
	assert not frappe.db.get_value("Suspect Part Slip", signed_slip.slip.name, "return_delivery_note")


def test_returning_more_than_delivered_fails_with_erpnexts_error_and_creates_nothing():
	"""130 suspect parts (some came with other deliveries) against a delivery of 100: ERPNext's
	own check refuses, and no Delivery Note is left behind."""
	slip = sign(make_signed_slip_world(quantity=130, qty_returned=130))
	with pytest.raises(frappe.ValidationError, match="Cannot return more than 100"):
		make_return(slip.name)
	assert returns_of(slip.name) == []
	assert not frappe.db.get_value("Suspect Part Slip", slip.name, "return_delivery_note")


def test_a_second_return_of_the_same_slip_is_refused(signed_slip):
	make_return(signed_slip.slip.name)
	with pytest.raises(frappe.ValidationError, match="already returns these parts"):
		make_return(signed_slip.slip.name)


def test_the_delivery_notes_dashboard_shows_the_slip(signed_slip):
	found = get_open_count("Delivery Note", signed_slip.dn.name)["count"]["external_links_found"]
	assert {row["doctype"]: row["count"] for row in found}["Suspect Part Slip"] == 1


def test_a_slip_must_name_a_delivery_of_its_part_to_its_customer():
	set_settings()
	make_customer("CS Return Other")
	make_item(ITEM, customer=CUSTOMER)
	other_dn = make_delivery_note(make_customer("CS Return Other"), ITEM, 10)
	with pytest.raises(frappe.ValidationError, match="is not a submitted delivery"):
		make_slip(CUSTOMER, item=ITEM, delivery_note=other_dn.name)


def test_the_slip_offers_only_deliveries_of_its_part_to_its_customer(signed_slip):
	make_delivery_note(make_customer("CS Return Other"), ITEM, 10)
	found = delivery_note_query("Delivery Note", "", "name", 0, 20, {"customer": CUSTOMER, "item_code": ITEM})
	assert [row[0] for row in found] == [signed_slip.dn.name]
