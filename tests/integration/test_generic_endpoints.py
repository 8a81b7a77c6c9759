"""The nine generic endpoints of Frappe and ERPNext that were open to an outsider, one named test each (R-CT-9, R-US-2).

Each door was open on the code before the outsiders' gate (83489a5): the SQE of customer B,
a desk user of customer B's plants, reached customer A's records through Frappe's and
ERPNext's generic endpoints, and some doors were open to our own desk users too. Over HTTP
through a real server (gunicorn on loopback) on the committed world of ``boundary``
(tests/integration/conftest.py), the outsider with their API key; in-process where the door is
one of our own people's (rolled back).

Every test here failed on 83489a5 (run against a site migrated back to that code) and passes
now; the git history holds how that was shown.
"""

from __future__ import annotations

import json

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from tests.integration.factories import make_company, make_slip, make_user
from tests.integration.rest import resource


def refused(w, response, *asked: str):
	"""403, and nothing of A in the answer but what the request itself named."""
	assert response.status_code == 403, (response.status_code, response.text[:300])
	body = response.text
	for value in asked:
		body = body.replace(value, "")
	assert not [s for s in w.sentinels if s in body], body[:300]


def as_sqe_b(w, method: str, path: str, **kw):
	return w.server.request(method, path, w.credentials[w.sqe_b], **kw)


def as_stranger(w, method: str, path: str, **kw):
	"""A desk user of the company who holds none of our roles."""
	return w.server.request(method, path, w.credentials[w.stranger], **kw)


def whitelisted(method: str):
	"""The function Frappe runs for the RPC ``method`` (after override_whitelisted_methods)."""
	return frappe.get_attr(frappe.override_whitelisted_method(method))


# ---------------------------------------------------------------- 1. link search


def test_door_1_link_search_ignoring_user_permissions_is_refused_to_an_outsider(boundary):
	w = boundary
	searched = {
		"Quality Feedback Sheet": ["description", "preliminary_cause"],
		"Suspect Part Slip": ["item", "customer"],
		"Customer Site": ["customer", "site_name"],
		"Customer": ["customer_name"],
		"Item": ["item_name"],
		"Vehicle Repair": ["vin", "parent"],
	}
	for doctype, fields in searched.items():
		query = {"doctype": doctype, "txt": "", "ignore_user_permissions": 1, "page_length": 100}
		query["reference_doctype"] = "Suspect Part Slip"
		refused(w, as_sqe_b(w, "POST", "/api/method/frappe.desk.search.search_link", data=query))
		query["filter_fields"] = json.dumps(fields)
		refused(w, as_sqe_b(w, "POST", "/api/method/frappe.desk.search.search_widget", data=query))


def test_door_1_link_search_honours_ignore_user_permissions_only_for_a_field_that_allows_it():
	"""One of our engineers reads only their own violations (R-ST-5): the flag does not open the
	others'. A user limited to one company by a User Permission sees the others only from a Link
	field that ignores user permissions (Customer's *Represents Company*)."""
	engineer = make_user("cs-door1-engineer", "CS Engineer")
	colleague = make_user("cs-door1-colleague", "CS Engineer")
	violation = (
		frappe.get_doc(
			{
				"doctype": "Staff Violation",
				"engineer": colleague,
				"violation_type": "Late",
				"violation_date": "2026-03-10",
			}
		)
		.insert()
		.name
	)
	search_link = whitelisted("frappe.desk.search.search_link")
	search_widget = whitelisted("frappe.desk.search.search_widget")
	frappe.set_user(engineer)
	for reference in ("Quality Feedback Sheet", "Staff Violation", None):
		found = search_link(
			"Staff Violation", "", reference_doctype=reference, ignore_user_permissions=1, page_length=500
		)
		assert violation not in {r["value"] for r in found}, reference
		rows = search_widget(
			"Staff Violation", "", reference_doctype=reference, ignore_user_permissions=1, page_length=500
		)
		assert violation not in {r[0] for r in rows}, reference

	frappe.set_user("Administrator")
	ours, other = make_company(), frappe.defaults.get_global_default("company")
	assert ours != other
	clerk = make_user("cs-door1-clerk", "Sales User")
	frappe.get_doc(
		{"doctype": "User Permission", "user": clerk, "allow": "Company", "for_value": ours}
	).insert()
	frappe.set_user(clerk)
	without_field = search_link(
		"Company", "", reference_doctype="Quality Feedback Sheet", ignore_user_permissions=1
	)
	assert {r["value"] for r in without_field} == {ours}
	with_field = search_link("Company", "", reference_doctype="Customer", ignore_user_permissions=1)
	assert {ours, other} <= {r["value"] for r in with_field}


# ---------------------------------------------------------------- 2. the awesome bar


def test_door_2_the_global_search_is_refused_to_an_outsider(boundary):
	w = boundary
	for text in (w.sentinel, w.customer_a, "Wang"):
		response = as_sqe_b(
			w, "POST", "/api/method/frappe.utils.global_search.search", data={"text": text, "limit": 50}
		)
		refused(w, response, text)
		response = as_sqe_b(
			w,
			"POST",
			"/api/method/frappe.utils.global_search.search",
			data={"text": text, "limit": 50, "doctype": "Contact"},
		)
		refused(w, response, text)


# ---------------------------------------------------------------- 3. ERPNext's child tables of Customer


def test_door_3_customer_child_tables_and_number_cards_are_refused_to_an_outsider(boundary):
	w = boundary
	response = as_sqe_b(
		w,
		"GET",
		resource("Customer Credit Limit"),
		params={"parent": "Customer", "fields": '["*"]', "limit_page_length": 0},
	)
	refused(w, response)
	assert str(w.credit_limit) not in response.text
	card = {
		"doctype": "Number Card",
		"name": "CS door 3",
		"label": "CS door 3",
		"type": "Document Type",
		"document_type": "Customer Credit Limit",
		"parent_document_type": "Customer",
		"function": "Sum",
		"aggregate_function_based_on": "credit_limit",
		"filters_json": json.dumps([["Customer Credit Limit", "parent", "=", w.customer_a]]),
	}
	response = as_sqe_b(
		w,
		"POST",
		"/api/method/frappe.desk.doctype.number_card.number_card.get_result",
		data={"doc": json.dumps(card), "filters": card["filters_json"]},
	)
	refused(w, response, w.customer_a)
	assert str(w.credit_limit) not in response.text


# ---------------------------------------------------------------- 4. files


def test_door_4_files_are_refused_to_an_outsider(boundary):
	w = boundary
	refused(w, as_sqe_b(w, "GET", resource("File"), params={"fields": '["*"]', "limit_page_length": 0}))
	for file, content in ((w.photo_a, w.photo_bytes), (w.deck, w.deck_bytes)):
		response = as_sqe_b(
			w, "POST", "/api/method/upload_file", data={"file_url": file.url, "is_private": 1}
		)
		refused(w, response, file.url)
		response = as_sqe_b(w, "GET", file.url)
		refused(w, response, file.url)
		assert content not in response.content
		frappe.db.rollback()
		assert not frappe.db.exists("File", {"file_url": file.url, "owner": w.sqe_b})


def test_door_4_a_desk_user_cannot_claim_a_private_file_by_its_url(boundary):
	"""A desk user without read on A's sheet or on the monthly report (whose deck has a
	predictable name) can neither make a File of its URL (upload_file, REST insert) nor
	download it."""
	w = boundary
	for file, content in ((w.photo_a, w.photo_bytes), (w.deck, w.deck_bytes)):
		response = as_stranger(
			w, "POST", "/api/method/upload_file", data={"file_url": file.url, "is_private": 1}
		)
		assert response.status_code == 403, response.text[:300]
		response = as_stranger(w, "POST", resource("File"), json={"file_url": file.url, "is_private": 1})
		assert response.status_code == 403, response.text[:300]
		response = as_stranger(w, "GET", file.url)
		assert response.status_code == 403 and content not in response.content
		frappe.db.rollback()
		assert not frappe.db.exists("File", {"file_url": file.url, "owner": w.stranger})
	# a File made by Frappe for an attachment field, with permissions ignored, is refused too
	frappe.set_user(w.stranger)
	with pytest.raises(frappe.PermissionError, match="File URL"):
		frappe.get_doc({"doctype": "File", "file_url": w.photo_a.url}).insert(ignore_permissions=True)


def test_door_4_our_people_still_use_the_files_they_may_read(boundary):
	w = boundary
	frappe.set_user(w.engineer)
	copy = frappe.get_doc(
		{
			"doctype": "File",
			"file_url": w.photo_a.url,
			"attached_to_doctype": "Quality Feedback Sheet",
			"attached_to_name": w.sheet_a,
		}
	).insert()
	assert copy.file_url == w.photo_a.url
	frappe.set_user(w.manager)
	fresh = frappe.get_doc(
		{"doctype": "File", "file_name": "cs-door4.txt", "content": b"a note of our own", "is_private": 1}
	).insert()
	assert fresh.file_url.startswith("/private/files/")


# ---------------------------------------------------------------- 5. the list sidebar's counts


def test_door_5_group_by_count_is_refused_to_an_outsider(boundary):
	w = boundary
	for field in ("assigned_to", "owner", "customer"):
		response = as_sqe_b(
			w,
			"POST",
			"/api/method/frappe.desk.listview.get_group_by_count",
			data={
				"doctype": "Quality Feedback Sheet",
				"current_filters": json.dumps({"name": w.sheet_a}),
				"field": field,
			},
		)
		refused(w, response)
		assert w.engineer not in response.text


def test_door_5_assignments_are_counted_only_over_what_the_user_may_list(boundary):
	w = boundary
	response = as_stranger(
		w,
		"POST",
		"/api/method/frappe.desk.listview.get_group_by_count",
		data={
			"doctype": "Quality Feedback Sheet",
			"current_filters": json.dumps({"name": w.sheet_a}),
			"field": "assigned_to",
		},
	)
	assert response.status_code == 403 and w.engineer not in response.text
	# one of our engineers: another engineer's violation, assigned to the manager, is not counted
	colleague = make_user("cs-door5-colleague", "CS Engineer")
	violation = frappe.get_doc(
		{
			"doctype": "Staff Violation",
			"engineer": colleague,
			"violation_type": "Late",
			"violation_date": "2026-03-10",
		}
	).insert()
	from frappe.desk.form.assign_to import add as assign

	assign({"doctype": "Staff Violation", "name": violation.name, "assign_to": [w.manager]})
	count = whitelisted("frappe.desk.listview.get_group_by_count")
	frappe.set_user(w.engineer)
	assert count("Staff Violation", json.dumps({"name": violation.name}), "assigned_to") == []
	frappe.set_user(w.manager)  # who may read it counts it
	assert count("Staff Violation", json.dumps({"name": violation.name}), "assigned_to") == [
		{"name": w.manager, "count": 1}
	]


# ---------------------------------------------------------------- 6. customer codes, validate_link


def test_door_6_customer_codes_and_link_validation_are_refused_to_an_outsider(boundary):
	w = boundary
	response = as_sqe_b(
		w,
		"GET",
		resource("Item"),
		params={"fields": '["name","customer_code"]', "filters": json.dumps([["name", "=", w.part_a]])},
	)
	refused(w, response, w.part_a)
	for doctype, name in (("Customer", w.customer_a), ("Quality Feedback Sheet", w.sheet_a)):
		response = as_sqe_b(
			w, "POST", "/api/method/frappe.client.validate_link", data={"doctype": doctype, "docname": name}
		)
		refused(w, response, name)


# ---------------------------------------------------------------- 7. ERPNext's helpers


def test_door_7_erpnexts_item_helpers_are_refused_to_an_outsider(boundary):
	w = boundary
	company = frappe.defaults.get_global_default("company")
	args = {
		"item_code": w.part_a,
		"customer": w.customer_a,
		"company": company,
		"doctype": "Sales Order",
		"currency": "CNY",
		"conversion_rate": 1,
		"price_list": "Standard Selling",
		"plc_conversion_rate": 1,
	}
	response = as_sqe_b(
		w,
		"POST",
		"/api/method/erpnext.stock.get_item_details.get_item_details",
		data={"args": json.dumps(args)},
	)
	refused(w, response, w.part_a, w.customer_a)
	response = as_sqe_b(
		w,
		"POST",
		"/api/method/erpnext.stock.get_item_details.get_valuation_rate",
		data={"item_code": w.part_a, "company": company},
	)
	refused(w, response, w.part_a)


# ---------------------------------------------------------------- 8. our internal measures


def test_door_8_counts_on_internal_measures_and_the_tracking_report_are_refused_to_an_outsider(boundary):
	w = boundary
	for value in ("Late", "On Time"):
		response = as_sqe_b(
			w,
			"POST",
			"/api/method/frappe.client.get_count",
			data={
				"doctype": "Quality Feedback Sheet",
				"filters": json.dumps({"customer": w.customer_b, "timeliness": value}),
			},
		)
		refused(w, response)
	response = as_sqe_b(
		w,
		"POST",
		"/api/method/frappe.desk.query_report.run",
		data={"report_name": "Customer Quality Issue Tracking", "filters": json.dumps({})},
	)
	refused(w, response)
	assert "tracking_status" not in response.text


# ---------------------------------------------------------------- 9. sign-off


def test_door_9_a_draft_never_sent_is_not_signed_by_saving_its_docstatus(boundary):
	w = boundary
	response = as_sqe_b(w, "PUT", resource("Suspect Part Slip", w.slip_b), json={"docstatus": 1})
	refused(w, response, w.slip_b)
	frappe.db.rollback()
	assert frappe.db.get_value("Suspect Part Slip", w.slip_b, ["docstatus", "workflow_state"]) == (0, "Draft")
	# in-process, where no gate stands: submitting is the Sign transition from Pending SQE only
	frappe.set_user(w.sqe_b)
	draft = frappe.get_doc("Suspect Part Slip", w.slip_b)
	draft.docstatus = 1
	with pytest.raises(frappe.PermissionError, match="Sign"):
		draft.save()
	frappe.set_user(w.engineer)
	pending = apply_workflow(make_slip(w.customer_b, item=w.part_b, customer_site=w.site_b), "Send to SQE")
	frappe.set_user(w.sqe_b)
	pending = frappe.get_doc("Suspect Part Slip", pending.name)
	pending.docstatus = 1  # the state stays Pending SQE: not the Sign transition
	with pytest.raises(frappe.PermissionError, match="Sign"):
		pending.save()
	signed = apply_workflow(frappe.get_doc("Suspect Part Slip", pending.name), "Sign")
	assert (signed.docstatus, signed.workflow_state, signed.signed_by) == (1, "Signed", w.sqe_b)


def test_door_9_a_row_named_after_a_row_of_another_slip_is_refused_not_moved(boundary):
	w = boundary
	row_a = frappe.get_all("Vehicle Repair", filters={"parent": w.slip_a}, fields=["name", "vin"])[0]
	rows = [{"name": row_a.name, "vin": "VIN-OF-B", "location": "Body Shop (Welded)", "status": "Open"}]
	response = as_sqe_b(
		w, "PUT", resource("Suspect Part Slip", w.slip_b), json={"welded_to_vehicle": 1, "vehicles": rows}
	)
	refused(w, response, w.slip_b, row_a.name)
	frappe.db.rollback()
	assert frappe.db.get_value("Vehicle Repair", row_a.name, ["parent", "vin"]) == (w.slip_a, row_a.vin)
	# in-process, one of our engineers on B's draft: refused with the table named, the row stays A's
	frappe.set_user(w.engineer)
	slip = frappe.get_doc("Suspect Part Slip", w.slip_b)
	slip.welded_to_vehicle = 1
	slip.set("vehicles", rows)
	with pytest.raises(frappe.ValidationError, match="Vehicle"):
		slip.save()
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Vehicle Repair", row_a.name, ["parent", "vin"]) == (w.slip_a, row_a.vin)
