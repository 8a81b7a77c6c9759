"""The standard names the app gives show in the reader's language (issue 24 item 6; R-US-1).

A new site's shops are named by the app (Body Shop, Paint Shop, Final Assembly, Logistics
Warehouse) in the language of whoever made the site. On the phone page (/cs, 390 x 844) an
engineer reads them in their own language, whichever language they were stored in; a shop a
user typed reads as typed.
"""

import frappe
import pytest
from frappe.utils.password import update_password

from tests.e2e.test_phone_page import PASSWORD, PhonePage
from tests.integration.factories import make_customer, make_site, make_user

SHOWN = {
	"zh": ["车身车间", "油漆车间", "总装车间", "物流仓库"],
	"en": ["Body Shop", "Paint Shop", "Final Assembly", "Logistics Warehouse"],
}
TYPED = "Trim Line 3 / 内饰三线"


@pytest.fixture(scope="module")
def world():
	"""Two engineers (Chinese, English) at two sites: one made in English, one in Chinese
	(its shops stored as 车身车间 ...), each with a shop a user typed."""
	frappe.set_user("Administrator")
	run = frappe.generate_hash(length=5).upper()
	w = frappe._dict(run=run, engineers={}, sites=[])
	for language in SHOWN:
		user = make_user(f"cs-std-eng-{language}-{run.lower()}", "CS Engineer")
		update_password(user, PASSWORD)
		frappe.db.set_value("User", user, "language", language)
		w.engineers[language] = user
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
	frappe.db.commit()
	from frappe.utils.password import check_password

	for user in w.engineers.values():
		print("DEBUG", user, frappe.db.get_value("User", user, ["enabled", "user_type"]))
		try:
			check_password(user, PASSWORD)
		except Exception as e:
			print("DEBUG pw", repr(e))
	try:
		yield w
	finally:
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for site in w.sites:
			frappe.delete_doc("Customer Site", site, force=True, ignore_permissions=True)
		for user in w.engineers.values():
			frappe.db.delete("User Permission", {"user": user})
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
		frappe.delete_doc("Customer", w.customer, force=True, ignore_permissions=True)
		frappe.db.commit()


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
