"""A sent Quality Feedback Sheet opened in the desk (issue 24, item 1; R-FB-4, R-US-1).

Frappe 15.70's Datetime control hands its value to air-datepicker 2.2.3, which knows no seconds:
with the site's time format ``HH:mm:ss`` the picker writes ``12:37:ss`` back into the field
and reports a change, so the form turns "Not Saved" and offers an *Update*; with ``HH:mm`` the
control reaches for the picker's seconds slider, which does not exist (a TypeError), and the
stored seconds are cut on the way back. The sheet is judged to the second, so its times show
with their seconds whatever the site's format, and a sent sheet opens as it was sent: clean,
no Update the server would refuse, no console error.

Walked as the resident engineer on a phone (390 x 844, Chinese) and as the CS Manager on a PC
(1366 x 768, English), under two date and time formats of the site.
"""

import re

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime
from frappe.utils.password import update_password

from tests.e2e.test_desk_roles import PASSWORD, SHEET, Phone, form_ready
from tests.integration.factories import (
	make_customer,
	make_feedback,
	make_item,
	make_outgoing_email_account,
	make_site,
	make_user,
)

FORMATS = [("mm-dd-yyyy", "HH:mm:ss"), ("dd.mm.yyyy", "HH:mm")]


@pytest.fixture(scope="module")
def world():
	frappe.set_user("Administrator")
	run = frappe.generate_hash(length=5).upper()
	w = frappe._dict(run=run)
	w.engineer = make_user(f"cs-dt-eng-{run.lower()}", "CS Engineer")
	w.manager = make_user(f"cs-dt-mgr-{run.lower()}", "CS Manager")
	for user, language in ((w.engineer, "zh"), (w.manager, "en")):
		update_password(user, PASSWORD)
		frappe.db.set_value("User", user, "language", language)
	w.customer = make_customer(f"CS DT {run}")
	w.item = make_item(f"CS-DT-{run}", customer=w.customer, ref_code=f"OEM-{run}")
	site = make_site(w.customer, "Clock Plant", engineers=[w.engineer])
	site.append("stations", {"shop": site.shops[2].shop, "section": "Doors", "station": "FA-12"})
	site.save()
	w.site = site.name
	make_outgoing_email_account()
	settings = frappe.get_single("CS Service Settings")
	w.qa_before = settings.qa_recipients
	if not settings.qa_recipients:
		settings.qa_recipients = "qa-department@cs-test.example.com"
		settings.save()
	system = frappe.get_single("System Settings")
	w.formats_before = (system.date_format, system.time_format)
	# times with seconds, as the phone page and the one-tap choices store them
	occurred = add_to_date(now_datetime(), minutes=-40).replace(second=37, microsecond=0)
	reported = add_to_date(occurred, minutes=3).replace(second=12)
	w.sheet = make_feedback(
		w.customer,
		w.item,
		submit=True,
		customer_site=w.site,
		shop=site.shops[2].shop,
		station="FA-12",
		occurred_at=occurred,
		reported_at=reported,
	).name
	w.reported = reported
	frappe.db.commit()
	try:
		yield w
	finally:
		remove(w)


def remove(w):
	frappe.set_user("Administrator")
	frappe.db.rollback()
	set_formats(*w.formats_before)
	for name in frappe.get_all(SHEET, filters={"customer": w.customer}, pluck="name"):
		frappe.db.delete("Email Queue", {"reference_doctype": SHEET, "reference_name": name})
		frappe.db.delete("Quality Feedback Department", {"parent": name})
		frappe.db.delete("Version", {"ref_doctype": SHEET, "docname": name})
		frappe.db.delete("Comment", {"reference_doctype": SHEET, "reference_name": name})
		frappe.db.delete(SHEET, {"name": name})
	frappe.delete_doc("Customer Site", w.site, force=True, ignore_permissions=True)
	for user in (w.engineer, w.manager):
		frappe.db.delete("User Permission", {"user": user})
		frappe.db.delete("Notification Log", {"for_user": user})
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.delete_doc("Item", w.item, force=True, ignore_permissions=True)
	frappe.delete_doc("Customer", w.customer, force=True, ignore_permissions=True)
	if not w.qa_before:
		frappe.db.set_single_value("CS Service Settings", "qa_recipients", w.qa_before)
	frappe.db.commit()


def set_formats(date_format: str, time_format: str):
	system = frappe.get_single("System Settings")
	system.date_format, system.time_format = date_format, time_format
	system.flags.ignore_mandatory = True
	system.save()
	frappe.db.commit()
	frappe.clear_cache()


class PC(Phone):
	"""The manager's desk at work size (1366 x 768), in English."""

	def __init__(self, browser):
		self.context = browser.new_context(
			viewport={"width": 1366, "height": 768}, base_url=browser.origin, locale="en-US"
		)
		self.page = self.context.new_page()
		self.page.set_default_timeout(30000)
		self.taps = 0
		self.errors = []
		self.page.on("console", self._console)
		self.page.on("pageerror", lambda e: self.errors.append(str(e)))
		self.page.on(
			"response",
			lambda r: (
				r.status >= 400
				and "/socket.io/" not in r.url
				and self.errors.append(f"HTTP {r.status} {r.url}")
			),
		)


def open_sent_sheet(client, w):
	page = client.page
	client.tap(page.locator(f"a[href$='/app/quality-feedback-sheet/{w.sheet}']"))
	form_ready(page, SHEET)
	page.wait_for_function(f"cur_frm.doc.name === {w.sheet!r} && cur_frm.doc.docstatus === 1")
	client.settle()
	return page


def shown(page, fieldname: str) -> str:
	"""The field as the user sees it: the input's text, or the read-only value."""
	return page.evaluate(
		f"""(() => {{
			const w = cur_frm.fields_dict[{fieldname!r}].$wrapper;
			const input = w.find('input:visible');
			return input.length ? input.val() : w.find('.control-value, .like-disabled-input').first().text().trim();
		}})()"""
	)


def check_clean(page, w, unsaved: str):
	assert page.evaluate("cur_frm.is_dirty()") is False, "a sent sheet opens as changed"
	status = page.locator(".page-head .indicator-pill:visible").first.inner_text()
	assert unsaved not in status, f"status {status!r}"
	# no Update offered: the sheet is as it was sent
	assert not page.evaluate(
		"cur_frm.page.btn_primary.is(':visible') && /Update|更新/.test(cur_frm.page.btn_primary.text())"
	)
	expected = page.evaluate(f"moment({w.reported.strftime('%Y-%m-%d %H:%M:%S')!r}).format('ss')")
	for fieldname in ("reported_at", "occurred_at"):
		text = shown(page, fieldname)
		assert "ss" not in text and re.search(r"\d{1,2}:\d{2}:\d{2}$", text), f"{fieldname} shown as {text!r}"
	assert shown(page, "reported_at").endswith(f":{expected}")
	assert page.evaluate(f"cur_frm.doc.reported_at === {w.reported.strftime('%Y-%m-%d %H:%M:%S')!r}")


@pytest.mark.parametrize("formats", FORMATS, ids=lambda f: f[1])
def test_engineer_opens_a_sent_sheet_clean_on_a_phone(world, browser, formats):
	w = world
	set_formats(*formats)
	phone = Phone(browser)
	phone.log_in(w.engineer)
	phone.page.goto("/app/quality-feedback-sheet")
	phone.page.wait_for_selector(f"a[href$='/app/quality-feedback-sheet/{w.sheet}']")
	page = open_sent_sheet(phone, w)
	check_clean(page, w, "未保存")
	# the engineer cannot correct the first-report time of a sent sheet (only QA or the CS
	# Manager, with a reason): the form does not offer it
	assert page.evaluate("cur_frm.get_field('reported_at').get_status()") == "Read"
	phone.tap(page.locator(".frappe-control[data-fieldname='occurred_at']"))
	assert page.evaluate("cur_frm.is_dirty()") is False
	assert phone.console_errors() == [], f"console errors: {phone.errors}"
	phone.close()


@pytest.mark.parametrize("formats", FORMATS, ids=lambda f: f[1])
def test_manager_opens_a_sent_sheet_clean_and_corrects_nothing_by_looking(world, browser, formats):
	w = world
	set_formats(*formats)
	pc = PC(browser)
	pc.log_in(w.manager)
	pc.page.goto("/app/quality-feedback-sheet")
	pc.page.wait_for_selector(f"a[href$='/app/quality-feedback-sheet/{w.sheet}']")
	page = open_sent_sheet(pc, w)
	check_clean(page, w, "Not Saved")
	# the manager may correct it: the field is open, and opening its picker changes nothing
	assert page.evaluate("cur_frm.get_field('reported_at').get_status()") == "Write"
	pc.tap(page.locator(".frappe-control[data-fieldname='reported_at'] input"))
	page.keyboard.press("Escape")
	pc.tap(page.locator(".frappe-control[data-fieldname='description']"))
	assert page.evaluate("cur_frm.is_dirty()") is False, "looking at the time changed the sheet"
	check_clean(page, w, "Not Saved")
	pc.settle()
	assert pc.console_errors() == [], f"console errors: {pc.errors}"
	pc.close()
