"""The customer's SQE in the SQE portal on a phone, in Chinese (R-CT-9, R-US-2).

Playwright drives Debian's Chromium at 390 x 844 against the site served by gunicorn: the SQE
logs in and lands on the portal, sees the slip of their customer waiting with its photo, signs
it and sees it signed; returns a confirmation sheet with a remark; opening the desk lands on the
portal; our engineer sees the results in the desk. The console of every page visited is
watched (errors and failed requests fail the test). ``CS_SERVICE_SCREENSHOTS=docs/screenshots``
keeps the portal's screenshots.
"""

from __future__ import annotations

import re

import frappe
import pytest

from tests.e2e.browser import Phone, screenshot
from tests.integration import portal_world

SLIP, CONFIRMATION = portal_world.SLIP, portal_world.CONFIRMATION


@pytest.fixture(scope="module")
def world():
	frappe.set_user("Administrator")
	frappe.db.rollback()
	w = portal_world.build(frappe.generate_hash(length=5).upper(), lang_a="zh", part_name="门饰板卡扣")
	frappe.db.set_value("User", w.engineer, "language", "zh")
	frappe.db.commit()
	try:
		yield w
	finally:
		portal_world.remove(w)


class Portal(Phone):
	"""A browser page the size of a phone, in Chinese, that keeps every console error and
	every failed request of the pages it visits, with the page's address."""

	def __init__(self, browser):
		super().__init__(browser)
		self.visited: list[str] = []
		self.page.on("framenavigated", lambda f: f == self.page.main_frame and self.visited.append(f.url))

	def _console(self, message):
		# A resource that fails to load is reported with its address by the response handler
		# (the console's message has none); the test server runs no socket.io server (the
		# desk's realtime updates), whose failed polls are not the page's.
		text = message.text
		if message.type == "error" and "Failed to load resource" not in text and "socket.io" not in text:
			self.errors.append(f"{self.page.url}: {text}")

	def _page_error(self, error):
		self.errors.append(f"{self.page.url}: {error}")

	def log_in(self, user: str, lands_on: str):
		self.fill_login(user, portal_world.PASSWORD)
		self.page.wait_for_url(re.compile(lands_on))

	def close(self):
		self.context.close()


def photo_loaded(page, selector: str) -> bool:
	return page.eval_on_selector(selector, "img => img.complete && img.naturalWidth > 0")


def test_the_sqe_signs_the_pending_slip_seen_with_its_photo(world, browser):
	phone = Portal(browser)
	page = phone.page
	phone.log_in(world.sqe_a, r"/sqe$")  # Frappe's login sends the SQE to the portal
	group = page.get_by_test_id("group-slips")
	group.wait_for()
	assert page.get_by_test_id("tab-pending").inner_text().startswith("待我处理")
	card = page.get_by_test_id(f"pending-{world.slip_a}")
	assert "门饰板卡扣" in card.inner_text() and f"A-NO-{world.sentinel}" in card.inner_text()
	assert page.get_by_test_id(f"pending-{world.draft_a}").count() == 0  # a draft never sent
	screenshot(page, "sqe-portal-pending-zh.png")

	card.click()
	page.wait_for_url(f"**/sqe/slip/{world.slip_a}")
	assert page.get_by_test_id("state").inner_text() == "待SQE签字"
	page.wait_for_function("[...document.querySelectorAll('.photos img')].every(i => i.complete)")
	assert photo_loaded(page, ".photos img")
	text = page.locator("main").inner_text()
	for shown in (world.part_a, f"A-NO-{world.sentinel}", f"LSVAB{world.sentinel}", "现场返修", "30"):
		assert shown in text
	screenshot(page, "sqe-portal-slip-zh.png")

	# the photo itself, from the portal's method
	page.get_by_test_id("photo").first.click()
	page.wait_for_function("document.querySelector('#viewer img').complete")
	assert photo_loaded(page, "#viewer img")
	assert page.eval_on_selector("#viewer img", "img => img.naturalWidth") == 1600
	page.locator("#viewer").click()

	page.get_by_test_id("remarks").fill("已在现场核对")
	page.get_by_test_id("sign").click()
	page.get_by_test_id("confirm-yes").wait_for()
	assert world.slip_a in page.locator("#confirm-text").inner_text()
	screenshot(page, "sqe-portal-sign-confirm-zh.png")
	page.get_by_test_id("confirm-yes").click()
	page.wait_for_url(f"**/sqe/slip/{world.slip_a}?done=signed")
	assert page.get_by_test_id("state").inner_text() == "已签字"
	assert page.get_by_test_id("notice").is_visible() and page.get_by_test_id("sign").count() == 0
	screenshot(page, "sqe-portal-signed-zh.png")

	frappe.db.rollback()
	signed = frappe.db.get_value(
		SLIP, world.slip_a, ["workflow_state", "docstatus", "signed_by", "sqe_remarks"]
	)
	assert signed == ("Signed", 1, world.sqe_a, "已在现场核对")

	page.get_by_text("返回").first.click()
	page.get_by_test_id("tab-signed").click()
	page.get_by_test_id(f"signed-{world.slip_a}").wait_for()
	page.get_by_test_id("tab-problems").click()
	problem = page.get_by_test_id(f"problem-{world.sheet_a}")
	problem.locator("summary").click()
	assert f"Clip of the door trim broken {world.sentinel}" in problem.inner_text()
	assert "INTERNAL" not in page.content()
	screenshot(page, "sqe-portal-problems-zh.png")
	assert phone.errors == [], "\n".join(phone.errors)
	print(f"\nSQE portal pages visited: {len(phone.visited)}, console errors: 0")
	phone.close()


def test_the_sqe_returns_a_confirmation_sheet_with_a_remark(world, browser):
	phone = Portal(browser)
	page = phone.page
	phone.log_in(world.sqe_a, r"/sqe$")
	page.get_by_test_id(f"pending-{world.confirmation_a}").click()
	page.wait_for_url(f"**/sqe/confirmation/{world.confirmation_a}")
	assert "执行" in page.get_by_test_id("verdict").inner_text()
	page.wait_for_function("[...document.querySelectorAll('.photos img')].every(i => i.complete)")
	assert photo_loaded(page, ".photos img")
	screenshot(page, "sqe-portal-confirmation-zh.png")

	# returning without a remark is stopped on the phone, before anything is sent
	page.get_by_test_id("return").click()
	assert page.locator("#act-error").inner_text() == "SQE备注：请说明需要修改的内容"
	page.get_by_test_id("remarks").fill("分拣数量与现场记录不符，请核对")
	page.get_by_test_id("return").click()
	page.get_by_test_id("confirm-yes").click()
	page.wait_for_url(re.compile(r"/sqe\?returned="))
	assert world.confirmation_a in page.get_by_test_id("notice").inner_text()
	assert page.get_by_test_id(f"pending-{world.confirmation_a}").count() == 0

	frappe.db.rollback()
	returned = frappe.db.get_value(CONFIRMATION, world.confirmation_a, ["workflow_state", "sqe_remarks"])
	assert returned == ("Returned for Correction", "分拣数量与现场记录不符，请核对")
	assert phone.errors == [], "\n".join(phone.errors)
	phone.close()


def test_opening_the_desk_lands_on_the_portal(world, browser):
	phone = Portal(browser)
	page = phone.page
	phone.log_in(world.sqe_a, r"/sqe$")
	for path in ("/app", "/app/suspect-part-slip", "/"):
		page.goto(path)
		assert re.search(r"/sqe$", page.url), (path, page.url)
		page.get_by_test_id("tab-pending").wait_for()
	# the desk form of a document (the link of Frappe's workflow e-mail): its portal page
	page.goto(f"/app/suspect-part-slip/{world.slip_a}")
	assert page.url.endswith(f"/sqe/slip/{world.slip_a}")
	assert page.get_by_test_id("state").inner_text() == "已签字"
	assert phone.errors == [], "\n".join(phone.errors)
	phone.close()


def test_the_engineer_sees_the_results_in_the_desk(world, browser):
	"""After the two tests above: the slip signed by the SQE, the confirmation sheet returned
	with the SQE's remark, in the engineer's desk."""
	frappe.db.rollback()
	if frappe.db.get_value(SLIP, world.slip_a, "docstatus") != 1:
		pytest.fail("the SQE's signature (test above) did not happen")
	phone = Portal(browser)
	page = phone.page
	phone.log_in_by_api(world.engineer, portal_world.PASSWORD)  # straight to a form
	page.goto(f"/app/suspect-part-slip/{world.slip_a}")
	page.wait_for_function(
		f"window.cur_frm && cur_frm.doc.name === {world.slip_a!r} && cur_frm.doc.docstatus === 1"
	)
	page.locator(".indicator-pill", has_text="已签字").first.wait_for()
	assert page.evaluate("cur_frm.doc.signed_by") == world.sqe_a
	page.goto(f"/app/service-confirmation-sheet/{world.confirmation_a}")
	page.wait_for_function(f"window.cur_frm && cur_frm.doc.name === {world.confirmation_a!r}")
	page.locator(".indicator-pill", has_text="退回修改").first.wait_for()
	assert page.evaluate("cur_frm.doc.sqe_remarks") == "分拣数量与现场记录不符，请核对"
	page.wait_for_load_state("networkidle")
	assert phone.errors == [], "\n".join(phone.errors)
	phone.close()
