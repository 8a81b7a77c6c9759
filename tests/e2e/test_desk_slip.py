"""A Suspect Part Slip goes to the customer's SQE only once it says what became of its parts
(R-CT-3..5, R-CT-9): the resident engineer on a phone (390 x 844, Chinese).

Send with nothing repaired, exchanged or returned is refused with the field named; the slip
stays a draft; stating the disposition sends it. The console stays clean (the refusal's own
HTTP 417 answer aside).
"""

import frappe
import pytest

from tests.e2e import worlds
from tests.e2e.browser import SLIP, Phone, form_ready
from tests.integration.factories import make_user


@pytest.fixture(scope="module")
def world():
	w = worlds.new_world()
	w.engineer = worlds.make_person(f"cs-slip-eng-{w.run.lower()}", "CS Engineer", "zh")
	w.sqe = make_user(f"cs-slip-sqe-{w.run.lower()}", "Customer SQE")
	worlds.make_part_at_site(
		w, "Slip", "Slip Plant", f"OEM-SLIP-{w.run}", engineers=[w.engineer], sqe_users=[w.sqe]
	)
	sheet = worlds.send_sheet(w, quantity=6)
	w.slip = frappe.get_doc({"doctype": SLIP, "quality_feedback_sheet": sheet.name}).insert().name
	yield from worlds.committed(w, remove)


def remove(w):
	worlds.remove_documents(w.customer, SLIP)
	worlds.remove_world(w, w.engineer, w.sqe)


def test_a_slip_is_sent_to_the_sqe_only_once_it_says_what_became_of_its_parts(world, browser):
	w = world
	phone = Phone(browser)
	page = phone.page
	phone.log_in_by_api(w.engineer)
	page.goto(f"/app/suspect-part-slip/{w.slip}")
	form_ready(page, SLIP)
	page.wait_for_function(f"cur_frm.doc.name === {w.slip!r}")
	phone.tap(page.get_by_test_id("cs-action-send_to_sqe"))
	# said at once, with the disposition in view; nothing is sent
	refusal = page.locator(".modal.show .msgprint").filter(has_text="处置")
	refusal.wait_for()
	assert "6" in refusal.inner_text() and "去向" in refusal.inner_text(), refusal.inner_text()
	frappe.db.rollback()
	assert frappe.db.get_value(SLIP, w.slip, "workflow_state") == "Draft"
	phone.tap(page.locator(".modal.show .btn-modal-close:visible, .modal.show .modal-header .close:visible"))
	# and the server says the same to any other way of sending (the REST API, a script)
	csrf = page.evaluate("frappe.csrf_token")
	answer = phone.context.request.post(
		"/api/method/frappe.model.workflow.apply_workflow",
		data={"doc": page.evaluate("JSON.stringify(cur_frm.doc)"), "action": "Send to SQE"},
		headers={"X-Frappe-CSRF-Token": csrf},
	)
	assert answer.status == 417 and "DispositionIncomplete" in answer.text()

	phone.type(".frappe-control[data-fieldname='qty_exchanged'] input", "6")
	page.keyboard.press("Tab")  # the keyboard's next: the field is left, the form changed
	page.wait_for_function("cur_frm.is_dirty()")
	phone.tap(page.locator(".page-actions .primary-action:visible"))
	page.wait_for_function("!cur_frm.is_dirty() && cur_frm.doc.qty_exchanged === 6")
	phone.tap(page.get_by_test_id("cs-action-send_to_sqe"))
	confirm = page.get_by_test_id("cs-confirm").locator(".btn-primary:visible")
	confirm.wait_for()
	phone.tap(confirm)
	page.wait_for_function("cur_frm.doc.workflow_state === 'Pending SQE'")
	phone.settle()
	print(
		f"\nengineer taps: a slip from its form to the SQE, the disposition stated after a refusal: {phone.taps}"
	)
	assert phone.console_errors() == [], f"console errors: {phone.errors}"
	phone.close()
	frappe.db.rollback()
	assert frappe.db.get_value(SLIP, w.slip, ["workflow_state", "qty_exchanged"]) == ("Pending SQE", 6)
