"""Customer Site master: shops, stations, shift pattern (R-ST-1, R-CT-6, R-CT-7)."""

import frappe
import pytest

from cs_service.cs_service.doctype.customer_site.customer_site import InvalidShiftPattern
from tests.integration.factories import make_customer, make_site, make_user


def test_a_new_site_has_the_four_screening_areas_and_a_night_shift_pattern():
	site = make_site(make_customer("CS Site Customer"))
	assert [s.shop_type for s in site.shops] == [
		"Body Shop",
		"Paint Shop",
		"Final Assembly",
		"Logistics Warehouse",
	]
	assert all(s.screening_area for s in site.shops)
	night = site.shift_pattern()[1]
	assert night.crosses_midnight


def test_overlapping_shifts_are_refused_with_a_translated_message_naming_the_field():
	customer = make_customer("CS Site Customer")
	with pytest.raises(InvalidShiftPattern, match="Shifts: shifts Day, Late overlap"):
		make_site(customer, "Overlap", shifts=[("Day", "08:00", "20:00"), ("Late", "19:00", "23:00")])
	assert not frappe.db.exists("Customer Site", f"{customer}-Overlap")


def test_shift_error_is_translated_for_a_chinese_user():
	customer = make_customer("CS Site Customer")
	frappe.local.lang = "zh"
	try:
		with pytest.raises(InvalidShiftPattern, match="班次：班次 Day, Late 时间重叠"):
			make_site(customer, "Overlap", shifts=[("Day", "08:00", "20:00"), ("Late", "19:00", "23:00")])
	finally:
		frappe.local.lang = "en"


def test_a_station_in_an_unknown_shop_is_refused():
	site = make_site(make_customer("CS Site Customer"))
	site.append("stations", {"shop": "Press Shop", "station": "P-10"})
	with pytest.raises(frappe.ValidationError, match="Stations"):
		site.save()


def test_engineer_without_the_role_is_refused():
	customer = make_customer("CS Site Customer")
	stranger = make_user("cs-no-role")
	with pytest.raises(frappe.ValidationError, match="needs the role"):
		make_site(customer, "Roles", engineers=[stranger])


def test_an_sqe_signs_for_one_customer_only():
	sqe = make_user("cs-sqe-one", "Customer SQE")
	make_site(make_customer("CS Site Customer"), sqe_users=[sqe])
	with pytest.raises(frappe.ValidationError, match="already belongs to customer"):
		make_site(make_customer("CS Other Customer"), sqe_users=[sqe])


def test_sqe_gets_and_loses_a_user_permission_on_the_customer():
	customer = make_customer("CS Site Customer")
	sqe = make_user("cs-sqe-perm", "Customer SQE")
	site = make_site(customer, sqe_users=[sqe])
	key = {"user": sqe, "allow": "Customer", "for_value": customer}
	assert frappe.db.exists("User Permission", key)
	site.set("sqe_users", [])
	site.save()
	assert not frappe.db.exists("User Permission", key)


def test_an_sqe_listed_on_another_site_of_the_customer_keeps_the_user_permission():
	"""R-CT-9: taken off one site, the SQE keeps the customer while another of its sites lists them."""
	customer = make_customer("CS Site Customer")
	sqe = make_user("cs-sqe-two-sites", "Customer SQE")
	first = make_site(customer, sqe_users=[sqe])
	second = make_site(customer, "Second Plant", sqe_users=[sqe])
	key = {"user": sqe, "allow": "Customer", "for_value": customer}
	first.set("sqe_users", [])
	first.save()
	assert frappe.db.exists("User Permission", key)
	second.set("sqe_users", [])
	second.save()
	assert not frappe.db.exists("User Permission", key)
