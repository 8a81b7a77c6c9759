"""A sent Quality Feedback Sheet opened in the desk (R-FB-4, R-US-1).

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

from tests.e2e import worlds
from tests.e2e.browser import PC, SHEET, Phone, form_ready

FORMATS = [("mm-dd-yyyy", "HH:mm:ss"), ("dd.mm.yyyy", "HH:mm")]


@pytest.fixture(scope="module")
def world():
	w = worlds.new_world()
	w.engineer = worlds.make_person(f"cs-dt-eng-{w.run.lower()}", "CS Engineer", "zh")
	w.manager = worlds.make_person(f"cs-dt-mgr-{w.run.lower()}", "CS Manager", "en")
	worlds.make_part_at_site(w, "DT", "Clock Plant", f"OEM-{w.run}", engineers=[w.engineer])
	system = frappe.get_single("System Settings")
	w.formats_before = (system.date_format, system.time_format)
	# times with seconds, as the phone page and the one-tap choices store them
	occurred = add_to_date(now_datetime(), minutes=-40).replace(second=37, microsecond=0)
	reported = add_to_date(occurred, minutes=3).replace(second=12)
	w.sheet = worlds.send_sheet(w, occurred_at=occurred, reported_at=reported).name
	w.reported = reported
	yield from worlds.committed(w, remove)


def remove(w):
	set_formats(*w.formats_before)
	worlds.remove_world(w, w.engineer, w.manager, history=True)


def set_formats(date_format: str, time_format: str):
	system = frappe.get_single("System Settings")
	system.date_format, system.time_format = date_format, time_format
	system.flags.ignore_mandatory = True
	system.save()
	frappe.db.commit()
	frappe.clear_cache()


def open_sent_sheet(client, w):
	"""The sent sheet, tapped in the sheet list."""
	page = client.page
	page.goto("/app/quality-feedback-sheet")
	page.wait_for_selector(f"a[href$='/app/quality-feedback-sheet/{w.sheet}']")
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
