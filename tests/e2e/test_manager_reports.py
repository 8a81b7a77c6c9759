"""The CS Manager's reports on a PC (1366 x 768, English; issue 24 item 8; R-RP-2, R-RP-3).

Delivery Quality with 45 defective parts against nothing delivered: no PPM, and the report
says why beside the figure, above the report and in its summary; the row is flagged as more
defective than delivered; piece counts are whole numbers. The console stays clean.
"""

import frappe
import pytest
from frappe.utils import add_to_date, get_datetime, get_first_day, now_datetime, today
from frappe.utils.password import update_password

from tests.e2e.test_desk_datetime import PC
from tests.e2e.test_desk_roles import PASSWORD, SHEET
from tests.integration.factories import (
	make_customer,
	make_feedback,
	make_item,
	make_outgoing_email_account,
	make_site,
	make_user,
)

REASON = "No PPM: defective parts but nothing delivered net of returns"


@pytest.fixture(scope="module")
def world():
	frappe.set_user("Administrator")
	run = frappe.generate_hash(length=5).upper()
	w = frappe._dict(run=run)
	w.manager = make_user(f"cs-rep-mgr-{run.lower()}", "CS Manager")
	update_password(w.manager, PASSWORD)
	frappe.db.set_value("User", w.manager, "language", "en")
	w.customer = make_customer(f"CS Rep {run}")
	w.item = make_item(f"CS-REP-{run}", customer=w.customer, ref_code=f"OEM-REP-{run}")
	site = make_site(w.customer, "Report Plant")
	site.append("stations", {"shop": site.shops[2].shop, "section": "Doors", "station": "FA-12"})
	site.save()
	w.site = site.name
	make_outgoing_email_account()
	settings = frappe.get_single("CS Service Settings")
	w.qa_before = settings.qa_recipients
	if not settings.qa_recipients:
		settings.qa_recipients = "qa-department@cs-test.example.com"
		settings.save()
	occurred = max(add_to_date(now_datetime(), hours=-1), get_datetime(get_first_day(today())))
	make_feedback(
		w.customer,
		w.item,
		submit=True,
		customer_site=w.site,
		shop=site.shops[2].shop,
		station="FA-12",
		occurred_at=occurred,
		reported_at=occurred,
		quantity=45,
	)
	frappe.db.commit()
	try:
		yield w
	finally:
		remove(w)


def remove(w):
	frappe.set_user("Administrator")
	frappe.db.rollback()
	for name in frappe.get_all(SHEET, filters={"customer": w.customer}, pluck="name"):
		frappe.db.delete("Email Queue", {"reference_doctype": SHEET, "reference_name": name})
		frappe.db.delete("Quality Feedback Department", {"parent": name})
		frappe.db.delete(SHEET, {"name": name})
	frappe.delete_doc("Customer Site", w.site, force=True, ignore_permissions=True)
	frappe.db.delete("User Permission", {"user": w.manager})
	frappe.delete_doc("User", w.manager, force=True, ignore_permissions=True)
	frappe.delete_doc("Item", w.item, force=True, ignore_permissions=True)
	frappe.delete_doc("Customer", w.customer, force=True, ignore_permissions=True)
	if not w.qa_before:
		frappe.db.set_single_value("CS Service Settings", "qa_recipients", w.qa_before)
	frappe.db.commit()


def test_defective_parts_without_a_delivery_say_why_there_is_no_ppm(world, browser):
	w = world
	pc = PC(browser)
	page = pc.page
	# logged in without the workspace on the way (its charts' console errors are item 9's)
	response = pc.context.request.post("/api/method/login", form={"usr": w.manager, "pwd": PASSWORD})
	assert response.ok, response.text()
	first = str(get_first_day(today()))
	page.goto(f"/app/query-report/Delivery Quality?from_date={first}&to_date={today()}&customer={w.customer}")
	page.wait_for_selector(".dt-scrollable .dt-row")
	pc.settle()
	row = page.evaluate("frappe.query_report.data[0]")
	assert (row["defective"], row["net_delivered"], row["ppm"]) == (45, 0, None)
	cells = page.evaluate(
		"""Array.from(document.querySelectorAll('.dt-scrollable .dt-row')[0].querySelectorAll('.dt-cell'))
		.map((c) => [c.dataset.colIndex, c.innerText.trim()])"""
	)
	columns = page.evaluate("frappe.query_report.columns.map((c) => c.fieldname)")
	shown = {columns[int(i) - 1]: text for i, text in cells if i and int(i) >= 1 and int(i) <= len(columns)}
	# whole pieces, the reason beside the missing PPM, the flag
	assert (shown["delivered"], shown["net_delivered"], shown["defective"]) == ("0", "0", "45"), shown
	assert shown["ppm"] == "-" and shown["ppm_note"] == REASON, shown
	assert page.evaluate("frappe.query_report.data[0].defective_above_delivered") == 1
	# and above the report
	assert "1 rows have defective parts but nothing delivered net of returns" in page.content()
	summary = page.locator(".report-summary").inner_text()
	assert REASON in summary and "45" in summary and "45.000" not in summary, summary
	assert pc.console_errors() == [], f"console errors: {pc.errors}"
	pc.close()
