"""The resident engineer's first minutes with the phone page /cs (R-FB-2, R-FB-4,
R-US-1), on a phone (390 x 844) in Chinese: where its parts come from, what Send says when a
field is missing, and the first-report time said by the engineer.

Every tap is counted and printed; the console of every page is watched (an error fails).
"""

import time

import frappe
import pytest

from tests.e2e import worlds
from tests.e2e.browser import SHEET, PhonePage, screenshot
from tests.integration.factories import make_customer, make_site


@pytest.fixture(scope="module")
def world():
	"""An engineer (Chinese) at two sites: one of a customer whose part numbers are on the Item
	only (ERPNext's Item Customer Detail, no Customer Part), one of a customer with no parts."""
	w = worlds.new_world()
	run = w.run
	w.engineer = worlds.make_person(f"cs-pp-eng-{run.lower()}", "CS Engineer", "zh")
	worlds.make_part_at_site(w, "PP", "Parts Plant", f"OEM-PP-{run}", engineers=[w.engineer])
	frappe.db.set_value("Item", w.item, {"item_name": f"门饰板卡扣 {run}", "cs_drawing_no": f"DWG-{run}"})
	w.bare_customer = make_customer(f"CS PP Bare {run}")
	w.bare_site = make_site(w.bare_customer, "Bare Plant", engineers=[w.engineer]).name
	yield from worlds.committed(w, remove)


def remove(w):
	worlds.remove_world(w, w.engineer)
	worlds.delete("Customer Site", w.bare_site)
	worlds.delete("Customer", w.bare_customer)


def part_options(page) -> list[str]:
	return page.evaluate(
		"Array.from(document.querySelectorAll('#f-item option')).map((o) => o.value).filter(Boolean)"
	)


# ---------------------------------------------------------------- the parts


def test_parts_come_from_the_items_customer_numbers_and_a_site_without_parts_says_what_to_set_up(
	world, browser
):
	w = world
	phone = PhonePage(browser, w.engineer)
	page = phone.open()
	# the desk's term for a slip (可疑品单), not another one
	assert page.locator("#slips-title").inner_text() == "待 SQE 签字的可疑品单"
	phone.tap(page.get_by_test_id("new-problem"))
	phone.choose("#f-site", w.site)
	page.wait_for_function("document.querySelectorAll('#f-item option').length > 1")
	assert part_options(page) == [w.item]
	label = page.locator(f"#f-item option[value='{w.item}']").inner_text()
	assert f"OEM-PP-{w.run}" in label and "门饰板卡扣" in label
	assert page.get_by_test_id("no-parts").is_hidden()

	phone.choose("#f-site", w.bare_site)
	hint = page.get_by_test_id("no-parts")
	hint.wait_for()
	assert part_options(page) == []
	text = hint.inner_text()
	# what to set up and who can, in the engineer's language
	assert "客户物料" in text and "物料经理" in text and "客户零件" in text, text
	screenshot(page, "phone-capture-no-parts-zh.png")
	assert phone.errors == [], phone.errors
	phone.close()


# ---------------------------------------------------------------- Send with a field missing


def in_view(page, selector: str) -> bool:
	"""Wholly on the screen: below the page's header and above its Send bar."""
	return page.evaluate(
		f"""(() => {{
			const r = document.querySelector({selector!r}).getBoundingClientRect();
			const top = document.querySelector('header').getBoundingClientRect().bottom;
			const bottom = document.querySelector('#capture .bar').getBoundingClientRect().top;
			return r.height > 0 && r.top >= top && r.bottom <= bottom;
		}})()"""
	)


def fill_in(phone, w, quantity: str | None = None):
	"""The problem as the engineer writes it down the page, tapping each field: the site, the
	part, the shop, the station, the quantity (left out unless given) and the texts."""
	page = phone.page
	phone.choose("#f-site", w.site)
	page.wait_for_function("document.querySelectorAll('#f-item option').length > 1")
	phone.choose("#f-item", w.item)
	phone.choose("#f-shop", w.shop)
	phone.type("#f-station", "FA-12")
	if quantity:
		phone.type("#f-quantity", quantity)
	for field, value in worlds.TEXTS.items():
		phone.type(f"#f-{field}", value)


def test_send_with_a_field_missing_shows_the_first_one_marked_with_the_message_beside_it(world, browser):
	w = world
	phone = PhonePage(browser, w.engineer)
	page = phone.open()
	phone.tap(page.get_by_test_id("new-problem"))
	# the quantity forgotten; the engineer writes on down the page and taps Send at its foot
	fill_in(phone, w)
	page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
	assert not in_view(page, "#f-quantity")
	phone.tap(page.get_by_test_id("send"))

	message = page.get_by_test_id("missing-message")
	message.wait_for()
	time.sleep(0.5)  # the scroll has settled
	assert in_view(page, "#f-quantity"), "the missing field is not brought into view"
	assert in_view(page, "[data-testid=missing-message]"), "the message is not beside the field"
	assert page.evaluate("document.querySelector('#f-quantity').getAttribute('aria-invalid')") == "true"
	assert page.evaluate("document.querySelector('#f-quantity').classList.contains('missing')")
	# beside it: right under the field, and naming it in the engineer's language
	assert page.evaluate("document.querySelector('#f-quantity').nextElementSibling.id") == "missing-message"
	assert "数量" in message.inner_text() and "请填写" in message.inner_text(), message.inner_text()
	screenshot(page, "phone-capture-missing-zh.png")
	assert page.evaluate("document.querySelector('#capture').hidden") is False  # nothing sent

	# filled in: the mark and the message go, and Send sends
	phone.type("#f-quantity", "3")
	assert page.get_by_test_id("missing-message").count() == 0
	assert not page.evaluate("document.querySelector('#f-quantity').classList.contains('missing')")
	phone.tap(page.get_by_test_id("send"))
	page.wait_for_selector(
		"[data-testid=outbox-item]:not([data-status=queued]):not([data-status=sending])", timeout=60000
	)
	assert page.locator("[data-testid=outbox-item]").first.get_attribute("data-status") == "sent", (
		page.locator("#outbox").inner_text()
	)
	print(f"\nengineer taps on /cs: new problem to sent, one field forgotten: {phone.taps}")
	assert phone.errors == [], phone.errors
	phone.close()


# ---------------------------------------------------------------- one tap to /cs, and a landing page


def test_the_phone_page_is_one_tap_from_the_workspace_and_the_apps_screen_and_can_be_the_landing_page(
	world, browser
):
	w = world
	phone = PhonePage(browser, w.engineer)
	page = phone.page
	phone.context.clear_cookies()  # from the login page, as the engineer starts the day
	phone.fill_login(w.engineer)
	page.wait_for_url("**/app/customer-service")
	page.wait_for_selector(".shortcut-widget-box")
	phone.settle()
	# one tap from the workspace
	taps = phone.taps
	phone.tap(page.locator(".shortcut-widget-box").filter(has_text="现场快速录入"))
	page.wait_for_url("**/cs")
	page.wait_for_function("document.querySelector('#open-title').textContent.length > 0")
	assert phone.taps - taps == 1

	# one tap from Frappe's apps screen
	page.goto("/apps")
	app = page.locator("a.app-icon[href='/cs']")
	assert "现场快速录入" in app.inner_text()
	taps = phone.taps
	phone.tap(app)
	page.wait_for_url("**/cs")
	assert phone.taps - taps == 1

	# the landing page: one tap on the phone page, then the login lands there
	page.wait_for_load_state("networkidle")
	landing = page.get_by_test_id("landing-page")
	page.wait_for_function("!document.querySelector('[data-testid=landing-page]').disabled")
	assert "登录后直接打开此页" in page.locator("label.check").inner_text()
	assert not landing.is_checked()
	with page.expect_response("**/cs_service.pages.capture.set_landing_page"):
		phone.tap(landing)
	frappe.db.rollback()
	assert frappe.db.get_value("User", w.engineer, "default_app") == "cs_service"
	phone.context.clear_cookies()
	taps = phone.taps
	phone.fill_login(w.engineer)
	page.wait_for_url("**/cs")
	page.wait_for_function("document.querySelector('#open-title').textContent.length > 0")
	page.wait_for_load_state("networkidle")
	assert landing.is_checked()
	print(
		f"\nengineer taps: login to /cs with the phone page as landing page {phone.taps - taps}, "
		"from the workspace 1, from the apps screen 1 (before: no link; the address typed)"
	)

	# and back to the desk: the workspace is the landing page again
	with page.expect_response("**/cs_service.pages.capture.set_landing_page"):
		phone.tap(landing)
	phone.context.clear_cookies()
	phone.fill_login(w.engineer)
	page.wait_for_url("**/app/customer-service")
	page.wait_for_selector(".shortcut-widget-box")
	phone.settle()
	assert phone.console_errors() == [], phone.errors
	phone.close()


# ---------------------------------------------------------------- the first report, back-dated


def test_the_engineer_states_the_problem_was_reported_five_minutes_before_the_tap(world, browser):
	w = world
	phone = PhonePage(browser, w.engineer)
	page = phone.open()
	phone.tap(page.get_by_test_id("new-problem"))
	choices = page.get_by_test_id("reported-ago")
	choices.locator("button[data-minutes='15']").wait_for()  # the form is drawn after the tap
	assert [b.inner_text() for b in choices.locator("button").all()] == [
		"刚才",
		"5 分钟前",
		"10 分钟前",
		"15 分钟前",
	]
	assert choices.locator("button[aria-checked=true]").get_attribute("data-minutes") == "0"
	assert page.get_by_test_id("clock").inner_text()[:3] in ("14:", "15:")
	phone.tap(choices.locator("button[data-minutes='5']"))
	assert choices.locator("button[aria-checked=true]").get_attribute("data-minutes") == "5"
	# the 15 minutes run from the stated time: under 10 minutes left
	page.wait_for_function("document.querySelector('[data-testid=clock]').textContent.startsWith('09:')")
	screenshot(page, "phone-capture-first-report-zh.png")
	fill_in(phone, w, quantity="2")
	phone.tap(page.get_by_test_id("send"))
	page.wait_for_selector(
		"[data-testid=outbox-item]:not([data-status=queued]):not([data-status=sending])", timeout=60000
	)
	item = page.locator("[data-testid=outbox-item]").first
	assert item.get_attribute("data-status") == "sent", item.inner_text()
	assert "5 分钟前" in item.inner_text()
	print(f"\nengineer taps on /cs: new problem, reported 5 minutes earlier, to sent: {phone.taps}")

	frappe.db.rollback()
	name = page.get_by_test_id("sheet-name").first.inner_text().split(" · ")[0]
	sheet = frappe.db.get_value(SHEET, name, ["reported_at", "captured_at", "timeliness"], as_dict=True)
	minutes = (sheet.captured_at - sheet.reported_at).total_seconds() / 60
	assert 5 <= minutes < 8 and sheet.timeliness == "On time", sheet
	comments = frappe.get_all(
		"Comment", filters={"reference_doctype": SHEET, "reference_name": name}, pluck="content"
	)
	assert any("5" in c and w.engineer.split("@")[0] in c for c in comments), comments
	assert phone.errors == [], phone.errors
	phone.close()
