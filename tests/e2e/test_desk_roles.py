"""The desk as a resident engineer meets it on a phone, in Chinese (R-US-1, R-FB-2, R-FB-4,
R-CT-4, R-CT-9). The customer's SQE never enters the desk: their path is in the SQE
portal's tests (tests/e2e/test_sqe_portal.py).

Each test walks one role from the login page to the end of its task, tapping as the user would;
every tap (a click, or a field touched) is counted and printed. The console of every page
visited is watched: a workspace, form or home that logs an error fails the test.
"""

import re
import time

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime

from tests.e2e import worlds
from tests.e2e.browser import SHEET, SLIP, Phone, form_ready, screenshot
from tests.integration.factories import make_item


@pytest.fixture(scope="module")
def world():
	"""An engineer and a customer SQE (both in Chinese) at a site of customer DESK with its shops
	and stations and its parts; committed (the browser talks to a real server) and removed
	afterwards."""
	w = worlds.new_world()
	run = w.run
	w.engineer = worlds.make_person(f"cs-desk-eng-{run.lower()}", "CS Engineer", "zh")
	w.sqe = worlds.make_person(f"cs-desk-sqe-{run.lower()}", "Customer SQE", "zh")
	worlds.make_part_at_site(
		w,
		"Desk",
		"Desk Plant",
		f"OEM-{run}",
		stations=("FA-11", "FA-12"),
		engineers=[w.engineer],
		sqe_users=[w.sqe],
	)
	frappe.db.set_value("Item", w.item, {"item_name": f"门饰板卡扣 {run}", "cs_drawing_no": f"DWG-{run}"})
	w.item2 = make_item(f"CS-DESK-B-{run}", customer=w.customer, ref_code=f"OEM-B-{run}")
	frappe.db.set_value("Item", w.item2, "item_name", f"侧围支架 {run}")
	frappe.set_user("Administrator")
	yield from worlds.committed(w, remove)


def remove(w):
	worlds.remove_documents(w.customer, SLIP, "Containment Screening", "Service Confirmation Sheet")
	worlds.remove_world(w, w.engineer, w.sqe, history=True)


# ---------------------------------------------------------------- the resident engineer


def test_engineer_from_login_to_a_sent_sheet_and_a_slip_made_from_it(world, browser):
	w = world
	phone = Phone(browser)
	page = phone.page

	# 7: the Customer Service workspace is the engineer's home: no tap to get there
	phone.log_in(w.engineer)
	page.wait_for_url(re.compile(r"/app/customer-service"))
	page.wait_for_selector(".shortcut-widget-box")
	phone.settle()
	assert phone.console_errors() == [], f"console errors on the workspace: {phone.errors}"

	# one tap to a new sheet
	phone.tap(page.locator(".shortcut-widget-box").filter(has_text="新建质量问题反馈单"))
	form_ready(page, SHEET)
	clock = page.get_by_test_id("cs-clock")
	# 2: no first-report time until the engineer says when; the clock asks for it
	assert page.evaluate("cur_frm.doc.reported_at") in (None, "")
	assert "首次报告" in clock.inner_text()
	# 3: the fields required before sending are marked and counted
	missing = page.get_by_test_id("cs-missing")
	assert page.locator(".cs-send-required").count() >= 13
	required = int(missing.get_attribute("data-missing"))
	assert required >= 13 and "还差" in missing.inner_text()
	# 11: the help text of the first-report time is Chinese (no time zone appended)
	help_text = page.locator(".frappe-control[data-fieldname='reported_at'] .help-box").inner_text()
	assert "首次" in help_text and "Asia/" not in help_text and "When the problem" not in help_text

	phone.pick_link("customer", w.customer)
	phone.pick_link("customer_site", "Desk Plant")
	# 2: one tap: "5 minutes ago"
	phone.tap(page.get_by_test_id("reported-at-choices").locator("button[data-minutes='5']"))
	page.wait_for_function("cur_frm.doc.reported_at")
	page.evaluate("window.scrollTo(0, 0)")
	time.sleep(1.2)
	screenshot(page, "desk-engineer-sheet-form-zh.png")
	phone.pick_link("item", w.item)
	# 4: shop and station are picked from the site's lists
	page.wait_for_function("cur_frm.cs_site")
	phone.pick_option("shop", "总装车间", w.shop)
	phone.pick_option("station", "FA-12")
	phone.type(".frappe-control[data-fieldname='occurred_at'] input", now_user_text(page, minutes=-8))
	page.keyboard.press("Escape")
	for fieldname, text in {
		"description": "门饰板卡扣在装配时断裂",
		"suspect_area": "线边料架 3",
		"quantity": "6",
		"temporary_measures": "线边库存 100% 检查",
		"breakpoint": "批次 L-0309",
		"customer_communication": "SQE 同意现场挑选",
		"preliminary_cause": "模具 2 号穴磨损",
	}.items():
		tag = "textarea" if fieldname != "quantity" and fieldname != "suspect_area" else "input"
		phone.type(f".frappe-control[data-fieldname='{fieldname}'] {tag}", text)
	phone.tap(page.locator(".frappe-control[data-fieldname='problem_type'] select"))
	page.select_option(".frappe-control[data-fieldname='problem_type'] select", "Quality Problem")
	page.wait_for_function("document.querySelector('[data-testid=cs-missing]').dataset.missing === '0'")
	assert "完整" in missing.inner_text()
	# 1: one clock element, counting down in orange; nothing piles up while it ticks
	messages = page.locator(".form-message-container .form-message")
	shown, before = messages.count(), clock.inner_text()
	time.sleep(2.5)
	assert clock.count() == 1 and messages.count() == shown <= 1 and clock.inner_text() != before
	assert clock.get_attribute("data-color") == "orange" and "分" in clock.inner_text()

	# save, then send: Submit and its confirmation (Frappe's own)
	phone.tap(page.locator(".page-actions .primary-action:visible"))
	page.wait_for_function("cur_frm.doc.name && !cur_frm.doc.__islocal && !cur_frm.is_dirty()")
	page.wait_for_function("cur_frm.page.btn_primary.is(':visible') && cur_frm.doc.docstatus === 0")
	phone.tap(page.locator(".page-actions .primary-action:visible"))
	phone.tap(page.locator(".modal.show .btn-primary"))
	page.wait_for_function("cur_frm.doc.docstatus === 1", timeout=90000)
	sheet = page.evaluate("cur_frm.doc.name")
	assert clock.get_attribute("data-color") == "green"
	assert page.title().startswith(sheet) or sheet in page.locator(".title-text").first.inner_text()
	phone.settle()
	assert phone.console_errors() == [], f"console errors on the sheet form: {phone.errors}"
	taps_to_sent = phone.taps

	# 5: the slip made from the sheet carries everything over: nothing typed
	phone.tap(page.get_by_test_id("create-suspect_part_slip"))
	form_ready(page, SLIP)
	carried = page.evaluate(
		"(() => { const d = cur_frm.doc; return [d.quality_feedback_sheet, d.customer, d.customer_site,"
		" d.shop, d.station, d.item, d.quantity]; })()"
	)
	assert carried == [sheet, w.customer, w.site, w.shop, "FA-12", w.item, 6]
	# the slip says what became of its parts before it is sent (one field)
	phone.type(".frappe-control[data-fieldname='qty_exchanged'] input", "6")
	page.keyboard.press("Tab")  # the keyboard's next: the field is left
	page.wait_for_function("cur_frm.doc.qty_exchanged === 6")
	phone.tap(page.locator(".page-actions .primary-action:visible"))
	page.wait_for_function("!cur_frm.doc.__islocal && !cur_frm.is_dirty()")
	# 9: a labelled action, confirmed
	send = page.get_by_test_id("cs-action-send_to_sqe")
	assert send.inner_text().strip() == "发送SQE签字"
	phone.tap(send)
	dialog = page.get_by_test_id("cs-confirm")
	dialog.locator(".btn-primary").wait_for()
	phone.tap(dialog.locator(".btn-primary"))
	page.wait_for_function("cur_frm.doc.workflow_state === 'Pending SQE'")
	slip = page.evaluate("cur_frm.doc.name")
	phone.settle()
	assert phone.console_errors() == [], f"console errors on the slip: {phone.errors}"
	print(
		f"\nengineer taps: login to sent sheet {taps_to_sent}, "
		f"to a slip made from it and sent to the SQE {phone.taps} "
		f"(slip: {phone.taps - taps_to_sent}, carried over fields typed: 0, the disposition typed: 1)"
	)
	phone.close()

	frappe.db.rollback()
	stored = frappe.db.get_value(
		SHEET, sheet, ["docstatus", "timeliness", "shop", "station", "title"], as_dict=True
	)
	assert stored.docstatus == 1 and stored.timeliness == "On time"
	assert (stored.shop, stored.station) == (w.shop, "FA-12") and stored.title.startswith(sheet)
	assert frappe.db.get_value(SLIP, slip, ["quality_feedback_sheet", "quantity", "workflow_state"]) == (
		sheet,
		6,
		"Pending SQE",
	)


def now_user_text(page, minutes: int) -> str:
	"""A time ``minutes`` from now on the site's clock, as the user types it in their format."""
	value = add_to_date(now_datetime(), minutes=minutes).strftime("%Y-%m-%d %H:%M:%S")
	return page.evaluate(f"frappe.datetime.str_to_user({value!r})")
