"""The resident engineer's sheet list on a phone (390 x 844, Chinese):
their own sites' sheets first (a filter they may remove), titles readable, not cut."""

import frappe
import pytest

from tests.e2e import worlds
from tests.e2e.browser import SHEET, Phone
from tests.e2e.test_desk_slip import world  # noqa: F401  (the engineer, their site, a sent sheet)
from tests.integration.factories import make_customer, make_feedback, make_item


@pytest.fixture(scope="module")
def other_sheet(world):  # noqa: F811
	"""A sent sheet of another customer's site, not the engineer's."""
	frappe.set_user("Administrator")
	customer = make_customer(f"CS List Other {world.run}")
	item = make_item(f"CS-LIST-O-{world.run}", customer=customer)
	frappe.db.set_value("Item", item, "cs_drawing_no", f"DWG-O-{world.run}")
	site = worlds.make_station_site(customer, "Other Plant")
	name = make_feedback(
		customer, item, submit=True, customer_site=site.name, shop=site.shops[2].shop, station="FA-12"
	).name
	frappe.db.commit()
	try:
		yield name
	finally:
		frappe.db.rollback()
		worlds.remove_sheets(customer)  # the one sheet
		worlds.delete("Customer Site", site.name)
		worlds.delete("Item", item)
		worlds.delete("Customer", customer)
		frappe.db.commit()


def cut(page, selector: str) -> list[str]:
	"""The texts of ``selector`` that do not fit their box (cut with an ellipsis)."""
	return page.evaluate(
		f"""Array.from(document.querySelectorAll({selector!r})).filter((e) => e.offsetParent
		&& e.scrollWidth > e.clientWidth + 1).map((e) => e.innerText)"""
	)


def test_the_engineers_list_starts_from_their_sites_with_readable_titles(world, other_sheet, browser):  # noqa: F811
	w = world
	phone = Phone(browser)
	page = phone.page
	phone.log_in_by_api(w.engineer)
	page.goto("/app/quality-feedback-sheet")
	page.wait_for_selector(".list-row-container")
	page.wait_for_load_state("networkidle")
	names = page.evaluate("cur_list.data.map((d) => d.name)")
	sheets = frappe.get_all(SHEET, filters={"customer": w.customer}, pluck="name")
	assert set(names) == set(sheets), names  # their site's sheets; not the other customer's
	assert other_sheet not in names
	assert page.evaluate("cur_list.filter_area.get().map((f) => f[1])") == ["customer_site"]
	assert page.locator(".page-head .title-text").first.inner_text() == "质量问题反馈单"
	assert cut(page, ".page-head .title-text") == []
	assert cut(page, ".list-row .list-subject a, .list-row .list-subject .ellipsis") == []
	page.screenshot(path="/tmp/i24-list-after.png")
	assert phone.console_errors() == [], phone.errors
	phone.close()
