"""The standard names the app gives show in the reader's language (R-US-1).

A new site's shops are named by the app (Body Shop, Paint Shop, Final Assembly, Logistics
Warehouse) in the language of whoever made the site. On the phone page (/cs, 390 x 844) an
engineer reads them in their own language, whichever language they were stored in; a shop a
user typed reads as typed. In the desk, a slip's shop and its sign-off summary do the same.
"""

import frappe
import pytest

from tests.e2e import worlds
from tests.e2e.browser import SLIP, Phone, PhonePage, form_ready
from tests.integration.factories import make_customer, make_item, make_site, make_slip

SHOWN = {
	"zh": ["车身车间", "油漆车间", "总装车间", "物流仓库"],
	"en": ["Body Shop", "Paint Shop", "Final Assembly", "Logistics Warehouse"],
}
TYPED = "Trim Line 3 / 内饰三线"


@pytest.fixture(scope="module")
def world():
	"""Two engineers (Chinese, English) at two sites: one made in English, one in Chinese
	(its shops stored as 车身车间 ...), each with a shop a user typed."""
	w = worlds.new_world()
	run, w.engineers, w.sites = w.run, {}, []
	for language in SHOWN:
		w.engineers[language] = worlds.make_person(
			f"cs-std-eng-{language}-{run.lower()}", "CS Engineer", language
		)
	w.customer = make_customer(f"CS STD {run}")
	lang = frappe.local.lang
	try:
		for made_in in ("en", "zh"):
			frappe.local.lang = made_in
			site = make_site(w.customer, f"Std {made_in} Plant", engineers=list(w.engineers.values()))
			site.append("shops", {"shop": TYPED, "shop_type": "Other"})
			site.save()
			w.sites.append(site.name)
	finally:
		frappe.local.lang = lang
	stored = frappe.get_all(
		"Customer Site Shop", filters={"parent": w.sites[1]}, pluck="shop", order_by="idx"
	)
	assert stored[:4] == SHOWN["zh"], stored  # the Chinese user's site holds Chinese names
	w.item = make_item(f"CS-STD-{run}", customer=w.customer)
	w.slip = make_slip(w.customer, w.item, customer_site=w.sites[1], shop="车身车间", quantity=4).name
	yield from worlds.committed(w, remove)


def remove(w):
	for table in ("Version", "Comment"):
		frappe.db.delete(table, {"docname" if table == "Version" else "reference_name": w.slip})
	worlds.delete("Suspect Part Slip", w.slip)
	worlds.delete("Item", w.item)
	worlds.delete("Customer Site", *w.sites)
	worlds.remove_users(*w.engineers.values())
	worlds.delete("Customer", w.customer)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_phone_page_shows_the_standard_shops_in_the_engineers_language(world, browser, language):
	w = world
	phone = PhonePage(browser, w.engineers[language])
	page = phone.open()
	phone.tap(page.get_by_test_id("new-problem"))
	for site in w.sites:
		phone.choose("#f-site", site)
		page.wait_for_function("document.querySelectorAll('#f-shop option').length > 1")
		shown = page.evaluate(
			"Array.from(document.querySelectorAll('#f-shop option')).filter((o) => o.value)"
			".map((o) => o.textContent)"
		)
		assert shown == [*SHOWN[language], TYPED], (site, shown)
	assert phone.errors == [], phone.errors
	phone.close()


def test_the_desk_shows_a_standard_shop_in_the_users_language(world, browser):
	"""The English engineer opens a slip whose shop was stored in Chinese (车身车间): the shop and
	the sign-off summary read "Body Shop"; the stored value is not changed (R-US-1)."""
	w = world
	phone = Phone(browser)
	page = phone.page
	phone.log_in_by_api(w.engineers["en"])
	page.goto(f"/app/suspect-part-slip/{w.slip}")
	form_ready(page, SLIP)
	page.wait_for_function(f"cur_frm.doc.name === {w.slip!r}")
	shown = page.evaluate(
		"frappe.format(cur_frm.doc.shop, frappe.meta.get_docfield(cur_frm.doctype, 'shop'), {inline: true})"
	)
	assert shown == "Body Shop", shown
	typed = page.evaluate(f"frappe.format({TYPED!r}, {{fieldtype: 'Autocomplete'}}, {{inline: true}})")
	assert typed == TYPED, typed
	phone.tap(page.get_by_test_id("cs-action-send_to_sqe"))
	summary = page.get_by_test_id("cs-confirm-summary")
	summary.wait_for()
	assert "Body Shop" in summary.inner_text() and "车身车间" not in summary.inner_text(), (
		summary.inner_text()
	)
	assert page.evaluate("cur_frm.doc.shop") == "车身车间"
	assert phone.console_errors() == [], f"console errors: {phone.errors}"
	phone.close()


def test_a_site_name_a_user_typed_shows_as_typed_in_the_desk(world, browser):
	"""A site whose name was typed "Plant" reads Plant in the desk as on /cs, in the portal and
	the print: Frappe's Link formatter passes a link's title through __() (frappe's own zh has
	Plant = 工厂), which read 工厂 for a Chinese user (R-US-1)."""
	w = world
	frappe.set_user("Administrator")
	site = make_site(w.customer, "Plant", engineers=[w.engineers["zh"]]).name
	frappe.db.commit()
	phone = Phone(browser)
	page = phone.page
	try:
		phone.log_in_by_api(w.engineers["zh"])
		page.goto(f"/app/suspect-part-slip/{w.slip}")
		form_ready(page, SLIP)
		assert page.evaluate("__('Plant')") == "工厂"  # what Frappe would have shown
		shown = page.evaluate(
			f"""frappe.utils.fetch_link_title('Customer Site', {site!r}).then(() => {{
				const html = frappe.format({site!r}, {{fieldtype: 'Link', options: 'Customer Site'}},
					{{inline: true}});
				const div = document.createElement('div');
				div.innerHTML = html;
				return [div.textContent, div.querySelector('a') && div.querySelector('a').dataset.name];
			}})"""
		)
		assert shown == ["Plant", site], shown
		assert phone.console_errors() == [], f"console errors: {phone.errors}"
	finally:
		phone.close()
		frappe.db.rollback()
		frappe.delete_doc("Customer Site", site, force=True, ignore_permissions=True)
		frappe.db.commit()
