"""Each path across the customer boundary, one named test each (R-CT-9, R-US-2).

The SQE of customer B against records of customer A. The REST tests go through a real HTTP
server on the committed world of ``boundary`` (tests/integration/conftest.py); the others
run in-process and are rolled back."""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlsplit

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from cs_service.access.roles import NotForCustomerUsers
from cs_service.access.scope import CustomerCannotChange, RecordOfAnotherCustomer
from cs_service.containment.signoff import NotCustomerSQE, NotYourFieldOrState
from cs_service.integrations.desk.home import RolesExcludeEachOther
from tests.integration.factories import (
	make_confirmation,
	make_contact,
	make_customer,
	make_feedback,
	make_site,
	make_slip,
	make_user,
	set_settings,
)
from tests.integration.outsider import assert_no_right, refused_by_the_gate
from tests.integration.rest import resource


def as_user(user: str):
	frappe.set_user(user)


# ---------------------------------------------------------------- 1. write moves a record


def test_1_rest_put_cannot_move_a_draft_slip_to_another_customer(boundary):
	w = boundary
	before = frappe.db.get_value("Suspect Part Slip", w.slip_a, ["customer", "modified"], as_dict=True)
	response = w.server.request(
		"PUT",
		resource("Suspect Part Slip", w.slip_a),
		w.credentials[w.sqe_b],
		json={"customer": w.customer_b, "customer_site": w.site_b},
	)
	assert response.status_code == 403
	assert w.customer_a not in response.text
	after = frappe.db.get_value("Suspect Part Slip", w.slip_a, ["customer", "modified"], as_dict=True)
	assert after == before


def test_1_set_value_and_savedocs_judge_the_stored_record(boundary):
	w = boundary
	for path, data in (
		(
			"/api/method/frappe.client.set_value",
			{
				"doctype": "Suspect Part Slip",
				"name": w.slip_a,
				"fieldname": "customer",
				"value": w.customer_b,
			},
		),
		(
			"/api/method/frappe.desk.form.save.savedocs",
			{
				"doc": json.dumps(
					{
						**frappe.get_doc("Suspect Part Slip", w.slip_a).as_dict(convert_dates_to_str=True),
						"customer": w.customer_b,
						"customer_site": w.site_b,
					}
				),
				"action": "Save",
			},
		),
	):
		response = w.server.request("POST", path, w.credentials[w.sqe_b], data=data)
		assert response.status_code == 403, (path, response.status_code)
	assert frappe.db.get_value("Suspect Part Slip", w.slip_a, "customer") == w.customer_a


def test_1_internal_user_changes_the_customer_only_on_a_draft():
	engineer = make_user("cs-b1-engineer", "CS Engineer", "CS Manager")
	slip = make_slip("CS B1 Customer A")
	make_customer("CS B1 Customer B")
	make_site("CS B1 Customer B", "Plant")
	slip.customer, slip.customer_site = "CS B1 Customer B", "CS B1 Customer B-Plant"
	slip.item = slip.item  # the part is ours, not the customer's
	frappe.set_user(engineer)
	slip.save()  # a draft: allowed
	assert slip.customer == "CS B1 Customer B"
	frappe.set_user("Administrator")
	apply_workflow(frappe.get_doc("Suspect Part Slip", slip.name), "Send to SQE")
	slip = frappe.get_doc("Suspect Part Slip", slip.name)  # as the next request would load it
	slip.customer, slip.customer_site = "CS B1 Customer A", "CS B1 Customer A-Plant"
	with pytest.raises((CustomerCannotChange, NotYourFieldOrState)):
		slip.save()


# ---------------------------------------------------------------- 2. child rows


def test_2_child_rows_of_another_customer_are_not_listed(boundary):
	w = boundary
	for child, parent in (
		("Containment Screening Area", "Containment Screening"),
		("Customer Site Shop", "Customer Site"),
		("Customer Visit Visitor", "Customer Visit Log"),
		("Vehicle Repair", "Suspect Part Slip"),
		("Quality Feedback Action", "Quality Feedback Sheet"),
	):
		response = w.server.request(
			"GET",
			resource(child),
			w.credentials[w.sqe_b],
			params={"parent": parent, "fields": '["parent","name"]', "limit_page_length": 0},
		)
		parents = {row["parent"] for row in response.json().get("data", [])} if response.ok else set()
		mine = set(frappe.get_all(parent, filters={"customer": w.customer_b}, pluck="name"))
		assert parents <= mine, (child, parents)
		assert w.sentinel not in response.text


# ---------------------------------------------------------------- 3. masters


def test_3_an_sqe_has_no_right_on_parts_and_customers_and_is_refused_their_search(boundary):
	"""The SQE works in the portal: the masters are not theirs, not even their own
	customer's; over HTTP the gate refuses the lists and the link search."""
	w = boundary
	for sqe in (w.sqe_a, w.sqe_b):
		assert_no_right(sqe, "Item", w.part_a)
		assert_no_right(sqe, "Customer", w.customer_a)
		assert_no_right(sqe, "Customer Part", w.customer_part_a)
	for path, params in (
		(resource("Item"), {"fields": '["name","customer_code"]'}),
		(resource("Customer"), {"fields": '["name"]'}),
		(resource("Item Customer Detail"), {"parent": "Item", "fields": '["parent","ref_code"]'}),
		("/api/method/frappe.desk.search.search_link", {"doctype": "Item", "txt": "", "page_length": 100}),
	):
		response = w.server.request("GET", path, w.credentials[w.sqe_a], params=params)
		assert refused_by_the_gate(response), (path, response.text[:300])
		assert w.part_a not in response.text and w.customer_a not in response.text


# ---------------------------------------------------------------- 4. methods


def test_4_methods_check_permission_on_what_they_read(boundary):
	w = boundary
	from cs_service.cs_service.doctype.customer_part.customer_part import get_defect_history
	from cs_service.cs_service.doctype.quality_feedback_sheet.quality_feedback_sheet import get_part_details

	as_user(w.sqe_b)
	try:
		with pytest.raises(frappe.PermissionError):
			get_part_details(w.part_a, w.customer_a)
		with pytest.raises(frappe.PermissionError):
			get_defect_history(w.customer_a, w.part_a)
	finally:
		as_user("Administrator")


# ---------------------------------------------------------------- 5. refusals name nothing


def test_5_refusal_of_an_internal_record_names_no_customer(boundary):
	w = boundary
	report = boundary_record(w, "Monthly Quality Report")
	frappe.db.set_value("Monthly Quality Report Customer", {"parent": report}, "customer", w.customer_a)
	frappe.db.commit()
	response = w.server.request("GET", resource("Monthly Quality Report", report), w.credentials[w.sqe_b])
	assert response.status_code == 403
	assert w.customer_a not in response.text
	from cs_service.figures.cards import card_line_stop_minutes_this_month

	as_user(w.sqe_a)
	try:
		with pytest.raises(NotForCustomerUsers):
			card_line_stop_minutes_this_month()
	finally:
		as_user("Administrator")


def boundary_record(w, doctype: str) -> str:
	from tests.integration.boundary_world import record_of_a

	return record_of_a(w, doctype)


# ---------------------------------------------------------------- 6. links across customers


def test_6_links_must_belong_to_the_same_customer():
	set_settings()
	sheet_b = make_feedback(customer="CS B6 Customer B", item="CS-B6-PART-B")
	with pytest.raises(RecordOfAnotherCustomer):
		make_slip("CS B6 Customer A", item="CS-B6-PART", quality_feedback_sheet=sheet_b.name)
	engineer = make_user("cs-b6-engineer", "CS Engineer")
	contact_b = make_contact("CS B6 Customer B", "Zhao B6")
	frappe.set_user(engineer)  # the engineer writes their own sheet
	with pytest.raises(RecordOfAnotherCustomer):
		make_confirmation("CS B6 Customer A", engineer, agreed_with=[{"contact": contact_b.name}])


# ---------------------------------------------------------------- 7. sign-off


@pytest.fixture
def pending_slip(boundary):
	"""A slip of A sent to A's SQE, committed; removed afterwards."""
	w = boundary
	frappe.set_user(w.engineer)
	slip = make_slip(w.customer_a, item=w.part_a, customer_site=w.site_a, quantity=5)
	slip = apply_workflow(slip, "Send to SQE")
	frappe.set_user("Administrator")
	frappe.db.commit()
	yield slip
	frappe.db.rollback()
	frappe.db.delete("Workflow Action", {"reference_name": slip.name})
	frappe.db.delete("Suspect Part Slip", {"name": slip.name})
	frappe.db.commit()


def test_7_an_emailed_action_link_signs_nothing_and_leads_to_the_portal_page(boundary, pending_slip):
	"""The workflow e-mail's link never signs; it leads to the slip's page in the SQE
	portal (a guest through the login first), where the SQE signs after seeing the slip."""
	from frappe.workflow.doctype.workflow_action.workflow_action import get_confirm_workflow_action_url

	w = boundary
	url = get_confirm_workflow_action_url(pending_slip, "Sign", w.sqe_a)
	parts = urlsplit(url)
	page = f"/sqe/slip/{pending_slip.name}"
	for credentials, location in (
		(None, "/login?redirect-to=" + quote(page, safe="")),
		(w.credentials[w.sqe_a], page),
	):
		response = w.server.request("GET", f"{parts.path}?{parts.query}", credentials, allow_redirects=False)
		assert response.status_code == 302 and response.headers["Location"].endswith(location)
		frappe.db.rollback()  # see what the server committed
		assert frappe.db.get_value("Suspect Part Slip", pending_slip.name, "docstatus") == 0


def test_7_each_side_edits_only_its_own_fields_in_its_own_states(boundary, pending_slip):
	w = boundary
	frappe.set_user(w.engineer)
	slip = frappe.get_doc("Suspect Part Slip", pending_slip.name)
	slip.quantity = 50  # the engineer changes what was sent
	with pytest.raises(NotYourFieldOrState):
		slip.save()
	frappe.set_user(w.sqe_a)
	slip = frappe.get_doc("Suspect Part Slip", pending_slip.name)
	slip.quantity = 10  # the SQE changes the engineer's field
	with pytest.raises(NotYourFieldOrState):
		slip.save()
	slip = frappe.get_doc("Suspect Part Slip", pending_slip.name)
	slip.sqe_remarks = "Checked at the line"  # the SQE's own field, while it waits for them
	slip.save()
	frappe.set_user("Administrator")


def test_7_the_engineer_cannot_prefill_the_sqe_verdict(boundary):
	w = boundary
	frappe.set_user(w.engineer)
	try:
		with pytest.raises(NotYourFieldOrState):
			make_confirmation(
				w.customer_a,
				w.engineer,
				quality_feedback_sheet=w.sheet_a,
				agreed_with=[{"contact": w.contact_a}],
				sqe_verdict="Executed as Required",
			)
	finally:
		frappe.set_user("Administrator")


# ---------------------------------------------------------------- 8. who grants access


def test_8_only_a_cs_manager_makes_a_user_a_customers_sqe(boundary):
	w = boundary
	outsider = make_user("cs-b8-outsider", "Customer SQE")
	site = frappe.get_doc("Customer Site", w.site_a)
	site.append("sqe_users", {"user": outsider})
	frappe.set_user(w.engineer)  # assigned to the site, may edit the rest of it
	try:
		with pytest.raises(frappe.PermissionError):
			site.save()
	finally:
		frappe.set_user("Administrator")
	frappe.set_user(w.manager)
	try:
		site = frappe.get_doc("Customer Site", w.site_a)
		site.append("sqe_users", {"user": outsider})
		site.save()
	finally:
		frappe.set_user("Administrator")


def test_8_a_user_who_would_hold_both_roles_is_refused_and_nobody_signs_their_own_slip():
	"""An outsider never holds one of our roles: the user is refused when saved, with
	the roles named. The signer rule still refuses an SQE their own document."""
	with pytest.raises(RolesExcludeEachOther, match="CS Engineer"):
		make_user("cs-b8-both", "CS Engineer", "Customer SQE")
	engineer = make_user("cs-b8-engineer", "CS Engineer")
	user = frappe.get_doc("User", engineer)
	user.append("roles", {"role": "Customer SQE"})
	with pytest.raises(RolesExcludeEachOther):
		user.save()
	sqe = make_user("cs-b8-sqe", "Customer SQE")
	site = make_site(make_customer("CS B8 Customer"), "Plant", engineers=[engineer], sqe_users=[sqe])
	frappe.set_user(engineer)
	slip = apply_workflow(make_slip("CS B8 Customer", customer_site=site.name), "Send to SQE")
	frappe.db.set_value("Suspect Part Slip", slip.name, "owner", sqe)  # as if the SQE had made it
	frappe.set_user(sqe)
	with pytest.raises(NotCustomerSQE):
		apply_workflow(frappe.get_doc("Suspect Part Slip", slip.name), "Sign")
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Suspect Part Slip", slip.name, "docstatus") == 0


# ---------------------------------------------------------------- 9. reports for the SQE


def test_9_the_reports_the_sqe_had_in_the_desk_are_refused(boundary):
	"""Their customer's open problems are in the portal now, without our internal
	measures; the desk's reports are refused, in-process and over HTTP, for any customer."""
	from frappe.desk.query_report import run

	w = boundary
	for report in ("Customer Quality Issue Tracking", "After-sales Service Record"):
		for sqe, customer in ((w.sqe_a, w.customer_a), (w.sqe_b, w.customer_a), (w.sqe_b, None)):
			response = w.server.request(
				"POST",
				"/api/method/frappe.desk.query_report.run",
				w.credentials[sqe],
				data={"report_name": report, "filters": json.dumps({"customer": customer})},
			)
			assert refused_by_the_gate(response), (report, response.text[:300])
			assert w.sentinel not in response.text
			as_user(sqe)
			try:
				with pytest.raises(frappe.PermissionError):
					run(report, filters={"customer": customer})
			finally:
				as_user("Administrator")


def test_9_internal_roles_run_every_report_of_the_app():
	from frappe.desk.query_report import run

	for role in ("CS Manager", "CS Engineer", "QA Engineer"):
		user = make_user(f"cs-b9-{frappe.scrub(role)}", role)
		frappe.set_user(user)
		try:
			for report in frappe.get_all("Report", filters={"module": "CS Service"}, pluck="name"):
				roles = frappe.get_all("Has Role", filters={"parent": report}, pluck="role")
				if role in roles:
					run(report, filters={"year": 2026, "customer": None})
		finally:
			frappe.set_user("Administrator")


# ---------------------------------------------------------------- 10. markup stays text


def test_10_html_in_a_sheet_shows_as_text_in_the_email_and_print():
	set_settings()
	attack = "<img src=x onerror=alert(1)>"
	sheet = make_feedback(customer="CS B10 Customer", item="CS-B10-PART", description=attack)
	assert sheet.description == "&lt;img src=x onerror=alert(1)&gt;"
	sheet.submit()
	queued = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Quality Feedback Sheet", "reference_name": sheet.name},
		pluck="message",
	)
	assert queued
	html = html_part(queued[0])
	assert not re.search(r"<img[^>]*onerror", html)  # no tag: the text as typed
	assert "onerror=alert(1)&gt;" in html
	html = frappe.get_print("Quality Feedback Sheet", sheet.name, "Quality Feedback Sheet")
	assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def html_part(message: str) -> str:
	"""The text/html part of a queued e-mail (the text/plain part is text by nature)."""
	import quopri

	start = message.index("Content-Type: text/html")
	end = message.find("--===", start)
	return quopri.decodestring(message[start:end].encode()).decode()
