"""The customer's SQE signs slips and confirmation sheets through a Workflow (R-CT-1, R-CT-4,
R-CT-9, R-US-2, R-ST-2)."""

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError, apply_workflow

from cs_service.containment.signoff import NotCustomerSQE, NotTheSignTransition
from cs_service.cs_service.doctype.service_confirmation_sheet.service_confirmation_sheet import (
	not_executed_confirmations,
)
from tests.integration import rest
from tests.integration.clock import frozen
from tests.integration.factories import (
	api_credentials,
	make_confirmation,
	make_customer,
	make_site,
	make_slip,
	make_user,
	set_settings,
)
from tests.integration.outsider import refused_by_the_gate

A, B = "CS Sign Customer A", "CS Sign Customer B"


@pytest.fixture
def people():
	engineer = make_user("cs-sign-engineer", "CS Engineer")
	sqe_a = make_user("cs-sign-sqe-a", "Customer SQE")
	sqe_b = make_user("cs-sign-sqe-b", "Customer SQE")
	make_site(make_customer(A), engineers=[engineer], sqe_users=[sqe_a])
	make_site(make_customer(B), sqe_users=[sqe_b])
	set_settings()
	return frappe._dict(engineer=engineer, sqe_a=sqe_a, sqe_b=sqe_b)


def pending_slip(people, **kw):
	frappe.set_user(people.engineer)
	slip = make_slip(A, **kw)
	assert slip.workflow_state == "Draft"
	slip = apply_workflow(slip, "Send to SQE")
	assert slip.workflow_state == "Pending SQE"
	return slip


def test_sqe_of_the_customer_signs_the_slip(people):
	slip = pending_slip(people)
	frappe.set_user(people.sqe_a)
	with frozen("2026-03-10 14:30:00"):
		slip = apply_workflow(frappe.get_doc("Suspect Part Slip", slip.name), "Sign")
	slip.reload()
	assert (slip.workflow_state, slip.docstatus) == ("Signed", 1)
	assert (slip.signed_by, str(slip.signed_at)) == (people.sqe_a, "2026-03-10 14:30:00")


def test_sqe_of_another_customer_cannot_sign_and_the_slip_is_unchanged(people):
	slip = pending_slip(people)
	frappe.set_user(people.sqe_b)
	with pytest.raises(frappe.PermissionError):
		apply_workflow(frappe.get_doc("Suspect Part Slip", slip.name), "Sign")
	frappe.set_user("Administrator")
	assert frappe.db.get_value(
		"Suspect Part Slip", slip.name, ["workflow_state", "docstatus", "signed_by"]
	) == (
		"Pending SQE",
		0,
		None,
	)


def test_cs_engineer_cannot_sign(people):
	slip = pending_slip(people)
	frappe.set_user(people.engineer)
	with pytest.raises(WorkflowTransitionError):
		apply_workflow(frappe.get_doc("Suspect Part Slip", slip.name), "Sign")
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Suspect Part Slip", slip.name).submit()
	assert frappe.db.get_value("Suspect Part Slip", slip.name, "docstatus") == 0


def test_the_signer_rule_holds_without_the_workflow(people):
	"""An administrator who disables the workflow still cannot sign in the SQE's place."""
	slip = pending_slip(people)
	frappe.set_user("Administrator")
	frappe.db.set_value("Workflow", "Suspect Part Slip SQE Sign-off", "is_active", 0)
	frappe.cache.delete_value("workflow")  # frappe caches the active workflow per doctype
	frappe.clear_cache(doctype="Suspect Part Slip")
	doc = frappe.get_doc("Suspect Part Slip", slip.name)
	with pytest.raises(NotCustomerSQE):
		doc.submit()
	frappe.set_user(people.sqe_a)
	doc = frappe.get_doc("Suspect Part Slip", slip.name)
	with pytest.raises(NotTheSignTransition):  # a submit that leaves it Pending SQE is not signing
		doc.submit()
	doc = frappe.get_doc("Suspect Part Slip", slip.name)
	doc.workflow_state = "Signed"  # the Sign transition, made by hand
	doc.submit()
	assert doc.signed_by == people.sqe_a


def test_signed_slip_cannot_be_changed(people):
	slip = pending_slip(people)
	frappe.set_user(people.sqe_a)
	apply_workflow(frappe.get_doc("Suspect Part Slip", slip.name), "Sign")
	frappe.set_user("Administrator")
	doc = frappe.get_doc("Suspect Part Slip", slip.name)
	doc.quantity = 50
	with pytest.raises(frappe.UpdateAfterSubmitError):
		doc.save()


def test_return_for_correction_needs_a_reason_and_goes_back_to_the_engineer(people):
	slip = pending_slip(people)
	frappe.set_user(people.sqe_a)
	doc = frappe.get_doc("Suspect Part Slip", slip.name)
	with pytest.raises(frappe.ValidationError, match="SQE Remarks"):
		apply_workflow(doc, "Return for Correction")
	doc = frappe.get_doc("Suspect Part Slip", slip.name)
	doc.sqe_remarks = "Quantity does not match the suspect area count"
	doc.save()
	doc = apply_workflow(doc, "Return for Correction")
	assert doc.workflow_state == "Returned for Correction"
	frappe.set_user(people.engineer)
	doc = frappe.get_doc("Suspect Part Slip", slip.name)
	doc.quantity = doc.qty_exchanged = 28
	doc.save()
	assert apply_workflow(doc, "Send to SQE").workflow_state == "Pending SQE"


def test_sqe_of_the_customer_and_only_them_is_asked_to_act(people):
	slip = pending_slip(people)
	assert frappe.get_all(
		"Workflow Action",
		filters={"reference_doctype": "Suspect Part Slip", "reference_name": slip.name, "status": "Open"},
	)
	mails = frappe.get_all(
		"Email Queue Recipient",
		filters={"recipient": ("in", [people.sqe_a, people.sqe_b])},
		fields=["recipient", "parent"],
	)
	queued = {
		m.recipient
		for m in mails
		if frappe.db.get_value("Email Queue", m.parent, "reference_name") == slip.name
	}
	assert queued == {people.sqe_a}


def test_welded_parts_need_vehicle_rows(people):
	frappe.set_user(people.engineer)
	with pytest.raises(frappe.ValidationError, match="row per vehicle"):
		make_slip(A, welded_to_vehicle=1)
	slip = make_slip(
		A, welded_to_vehicle=1, vehicles=[{"vin": "LSVAB4187E2184412", "location": "Body Shop (Welded)"}]
	)
	assert slip.vehicles[0].status == "Open"


def test_not_executed_confirmation_is_found_by_engineer_and_assessment_year(people):
	frappe.set_user(people.engineer)
	sheet = make_confirmation(A, people.engineer)
	sheet = apply_workflow(sheet, "Send to SQE")
	frappe.set_user(people.sqe_a)
	sheet = frappe.get_doc("Service Confirmation Sheet", sheet.name)
	sheet.sqe_verdict = "Not Executed as Required"
	sheet.save()
	with frozen("2026-03-10 16:00:00"):
		apply_workflow(sheet, "Sign")
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Service Confirmation Sheet", sheet.name, "assessment_year") == 2026
	assert not_executed_confirmations(people.engineer, 2026) == [sheet.name]
	assert not_executed_confirmations(people.engineer, 2025) == []


def test_confirmation_needs_the_verdict_before_signing(people):
	frappe.set_user(people.engineer)
	sheet = apply_workflow(make_confirmation(A, people.engineer), "Send to SQE")
	frappe.set_user(people.sqe_a)
	with pytest.raises(frappe.ValidationError, match="SQE Verdict"):
		apply_workflow(frappe.get_doc("Service Confirmation Sheet", sheet.name), "Sign")


def test_assessment_year_follows_the_settings():
	set_settings(assessment_year_start_month=4)
	engineer = make_user("cs-sign-engineer", "CS Engineer")
	sqe = make_user("cs-sign-sqe-a", "Customer SQE")
	make_site(make_customer(A), engineers=[engineer], sqe_users=[sqe])
	frappe.set_user(engineer)
	sheet = apply_workflow(
		make_confirmation(A, engineer, sqe_verdict=None, service_date="2026-03-31"), "Send to SQE"
	)
	frappe.set_user(sqe)
	sheet = frappe.get_doc("Service Confirmation Sheet", sheet.name)
	sheet.sqe_verdict = "Executed as Required"
	sheet.save()
	with frozen("2026-04-02 10:00:00"):  # signed in the next year: the service date decides (R-ST-2)
		apply_workflow(sheet, "Sign")
	assert frappe.db.get_value("Service Confirmation Sheet", sheet.name, "assessment_year") == 2025


@pytest.fixture(scope="module")
def committed():
	"""A pending slip of customer A, committed, for the REST calls (own connection)."""
	frappe.set_user("Administrator")
	engineer = make_user("cs-sign-rest-engineer", "CS Engineer")
	sqe_a = make_user("cs-sign-rest-sqe-a", "Customer SQE")
	sqe_b = make_user("cs-sign-rest-sqe-b", "Customer SQE")
	make_site(make_customer("CS Sign REST A"), engineers=[engineer], sqe_users=[sqe_a])
	make_site(make_customer("CS Sign REST B"), sqe_users=[sqe_b])
	set_settings()
	frappe.set_user(engineer)
	slip = apply_workflow(make_slip("CS Sign REST A", item="CS-SIGN-REST"), "Send to SQE")
	frappe.set_user("Administrator")
	keys = {u: api_credentials(u) for u in (sqe_a, sqe_b)}
	frappe.db.commit()
	yield frappe._dict(slip=slip.name, sqe_a=sqe_a, sqe_b=sqe_b, credentials=keys)
	frappe.set_user("Administrator")
	doc = frappe.get_doc("Suspect Part Slip", slip.name)
	if doc.docstatus == 1:
		doc.cancel()
	frappe.delete_doc("Suspect Part Slip", slip.name, force=True)
	frappe.db.delete("Workflow Action", {"reference_name": slip.name})
	frappe.db.delete("Email Queue", {"reference_name": slip.name})
	frappe.db.commit()


def test_rest_sign_is_refused_to_every_sqe_and_changes_nothing(committed):
	"""The SQE signs in the portal: Frappe's REST workflow call and a PUT of the
	docstatus are refused by the gate, to the wrong SQE and to the customer's own alike."""
	doc = frappe.get_doc("Suspect Part Slip", committed.slip).as_json()
	for sqe in (committed.sqe_b, committed.sqe_a):
		for method, path, body in (
			("POST", "/api/method/frappe.model.workflow.apply_workflow", {"doc": doc, "action": "Sign"}),
			("PUT", rest.resource("Suspect Part Slip", committed.slip), {"docstatus": 1}),
		):
			response = rest.request(method, path, committed.credentials[sqe], json=body)
			assert refused_by_the_gate(response), response.text
	frappe.db.rollback()  # see what the requests committed, if anything
	assert frappe.db.get_value(
		"Suspect Part Slip", committed.slip, ["workflow_state", "docstatus", "signed_by"]
	) == ("Pending SQE", 0, None)


def test_a_slip_goes_to_the_sqe_only_once_it_says_what_became_of_its_parts(people):
	"""Nothing repaired, exchanged or returned is refused at Send to SQE, with the
	field named; nothing is sent (no state, no notice)."""
	from cs_service.cs_service.doctype.suspect_part_slip.suspect_part_slip import DispositionIncomplete

	frappe.set_user(people.engineer)
	slip = make_slip(A, quantity=6, qty_exchanged=0)
	with pytest.raises(DispositionIncomplete, match="Disposition: say what became of the 6 parts"):
		apply_workflow(slip, "Send to SQE")
	assert frappe.db.get_value("Suspect Part Slip", slip.name, "workflow_state") == "Draft"
	slip = frappe.get_doc("Suspect Part Slip", slip.name)
	slip.qty_repaired, slip.qty_exchanged = 2, 4
	slip.save()
	assert apply_workflow(slip, "Send to SQE").workflow_state == "Pending SQE"
