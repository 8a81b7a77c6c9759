"""What the engineer records cannot bend the figures that judge them.

Over HTTP through a real server (gunicorn on loopback) on a committed world
(tests/integration/judged_world.py), as the engineers would send it: the phone page's
``cs_service.pages.capture.send`` and the REST API, each in the engineer's logged-in session (their
language, Chinese, names the refused field).
Each test names the item of the issue it covers; each failed on the code before the fix.
"""

from __future__ import annotations

import json

import frappe
import pytest

from tests.integration import judged_world
from tests.integration.judged_world import capture
from tests.integration.rest import resource

SHEET = "Quality Feedback Sheet"


@pytest.fixture(scope="module")
def world():
	from tests.integration.server import Server, sites_path

	w = judged_world.build(frappe.generate_hash(length=6).upper())
	w.server = Server(sites_path(), frappe.local.site).start()
	# a browser's session (the phone page's), so that the user's language holds
	w.sessions = {user: w.server.login(user, judged_world.PASSWORD) for user in w.users}
	try:
		yield w
	finally:
		w.server.stop()
		judged_world.remove(w)


def call(w, user: str, method: str, path: str, **kw):
	return w.server.request(method, path, session=w.sessions[user], **kw)


def send(w, user: str, data: dict):
	return call(w, user, "POST", "/api/method/cs_service.pages.capture.send", json={"capture": data})


def messages(response) -> str:
	"""The translated messages of a refusal, as the phone page and the desk show them."""
	body = response.json()
	return " ".join(json.loads(m).get("message", "") for m in json.loads(body.get("_server_messages", "[]")))


def zh(text: str) -> str:
	from frappe.translate import get_all_translations

	return get_all_translations("zh").get(text, text)


def refused(response, exc_type: str, *names: str):
	"""A refusal of the request (never an error of the server) naming the fields, in Chinese."""
	assert response.status_code == 417, (response.status_code, response.text[:500])
	assert response.json().get("exc_type") == exc_type, response.text[:500]
	text = messages(response)
	for name in names:
		assert zh(name) in text, (name, text)
	return text


# ---------------------------------------------------------------- a number that breaks the month


def test_line_stop_minutes_beyond_the_bound_are_refused_and_the_month_goes_on(world):
	"""R-FB-2, R-RP-3: 2147483000 minutes were accepted and the next sheet of the month, customer
	and part failed with HTTP 500 in the monthly figures. Now the minutes are refused, naming the
	field, nothing is written, and the next sheet of the month goes."""
	w = world
	absurd = capture(w, line_stop_minutes=2147483000)
	refused(send(w, w.engineer, absurd), "ValueOutOfBounds", "Line Stop Minutes Caused")
	frappe.db.rollback()
	assert not frappe.db.exists(SHEET, {"capture_id": absurd["capture_id"]})
	refused(send(w, w.engineer, capture(w, quantity=10**9)), "ValueOutOfBounds", "Quantity")
	for _ in range(2):
		response = send(w, w.engineer, capture(w, line_stop_minutes=10080))
		assert response.status_code == 200, response.text[:500]
	frappe.db.rollback()
	minutes = frappe.db.sql(
		"SELECT SUM(line_stop_minutes) FROM `tabCS Quality Figure` WHERE customer = %s", w.customer
	)[0][0]
	assert minutes == 2 * 10080


def test_every_number_of_a_rest_insert_is_refused_naming_the_field_never_a_500(world):
	"""R-FB-2, R-CT-4: a slip's quantity beyond the bound, a quantity that is no number, and a
	number too large for its column are refused with the field named, nothing written."""
	w = world
	slip = {
		"doctype": "Suspect Part Slip",
		"customer": w.customer,
		"customer_site": w.site,
		"shop": "Body Shop",
		"station": "BS-04",
		"item": w.item,
		"quantity": 30,
	}
	cases = (
		({"quantity": 10**12}, "Quantity"),
		({"quantity": "many"}, "Quantity"),
		({"qty_returned": -5}, "Returned"),
	)
	before = frappe.db.count("Suspect Part Slip", {"customer": w.customer})
	for change, label in cases:
		response = call(w, w.engineer, "POST", resource("Suspect Part Slip"), json={**slip, **change})
		assert response.status_code == 417, (change, response.status_code, response.text[:300])
		assert zh(label) in messages(response), (change, messages(response))
	frappe.db.rollback()
	assert frappe.db.count("Suspect Part Slip", {"customer": w.customer}) == before


def test_the_kept_figures_hold_more_than_an_int_column():
	"""R-RP-2, R-RP-3: the monthly figures' counters are 64-bit: the minutes of a month add up
	beyond 2^31 without an error of the database (rolled back)."""
	from cs_service.figures import kept
	from cs_service.rules import aggregate

	key = ("2026-01", aggregate.NO_COMPANY, "CSJ overflow customer", aggregate.NO_ITEM)
	counters = dict.fromkeys(aggregate.COUNTERS, 0)
	for _ in range(3):
		kept.apply({key: {**counters, "line_stop_minutes": 2_000_000_000, "line_stop_sheets": 1}})
	stored = frappe.db.get_value(
		"CS Quality Figure", aggregate.key_name(key), ["line_stop_minutes", "line_stop_sheets"]
	)
	assert (int(stored[0]), int(stored[1])) == (6_000_000_000, 3)


# ---------------------------------------------------------------- a violation booked on a colleague


def sent_sheet(w, user: str) -> str:
	response = send(w, user, capture(w))
	assert response.status_code == 200, response.text[:500]
	return response.json()["message"]["name"]


def confirmation(w, sheet: str, **kw) -> dict:
	return {
		"doctype": "Service Confirmation Sheet",
		"customer": w.customer,
		"customer_site": w.site,
		"quality_feedback_sheet": sheet,
		"plan": "Sort all parts at line side",
		"qty_sorted": 10,
		"qty_good": 9,
		"qty_defective": 1,
		**kw,
	}


def test_an_engineer_cannot_name_a_colleague_on_a_confirmation_sheet(world):
	"""R-ST-2, R-CT-1: the SQE's *Not Executed as Required* fines the sheet's engineer and counts
	toward their revocation, so an engineer writes only their own sheets: naming a colleague is
	refused at insert and at update, naming the field; the author is the engineer by default."""
	w = world
	sheet = sent_sheet(w, w.engineer)
	path = resource("Service Confirmation Sheet")
	response = call(w, w.engineer, "POST", path, json=confirmation(w, sheet, engineer=w.colleague))
	refused(response, "InvalidConfirmationEngineer", "Resident Engineer")
	response = call(w, w.engineer, "POST", path, json=confirmation(w, sheet))
	assert response.status_code == 200, response.text[:500]
	mine = response.json()["data"]
	assert mine["engineer"] == w.engineer
	response = call(
		w,
		w.engineer,
		"PUT",
		resource("Service Confirmation Sheet", mine["name"]),
		json={"engineer": w.colleague},
	)
	refused(response, "InvalidConfirmationEngineer", "Resident Engineer")
	frappe.db.rollback()
	assert frappe.db.get_value("Service Confirmation Sheet", mine["name"], "engineer") == w.engineer


def test_a_cs_manager_chooses_one_of_the_sites_engineers(world):
	"""R-ST-2: a CS Manager writes a sheet for one of the site's engineers, never for an
	engineer who does not work at the site."""
	w = world
	sheet = sent_sheet(w, w.engineer)
	path = resource("Service Confirmation Sheet")
	response = call(w, w.manager, "POST", path, json=confirmation(w, sheet, engineer=w.colleague))
	assert response.status_code == 200, response.text[:500]
	assert response.json()["data"]["engineer"] == w.colleague
	response = call(w, w.manager, "POST", path, json=confirmation(w, sheet, engineer=w.stranger))
	refused(response, "InvalidConfirmationEngineer", "Resident Engineer")


# ---------------------------------------------------------------- also from a code read


def test_a_capture_id_replayed_by_another_engineer_learns_nothing_but_already_sent(world):
	"""R-FB-4, R-CT-9: the same capture id sent by a colleague answered with the author's sheet
	(its name, its 15-minute result, its times). Now the colleague learns that it was sent, and
	nothing of the sheet; the author's phone still gets its sheet back."""
	w = world
	data = capture(w)
	first = send(w, w.engineer, data)
	assert first.status_code == 200, first.text[:500]
	sheet = first.json()["message"]
	replayed = send(w, w.colleague, data)
	assert replayed.status_code == 200, replayed.text[:500]
	assert replayed.json()["message"] == {"existing": True, "timeliness_label": zh("Already sent")}
	assert sheet["name"] not in replayed.text and sheet["reported_at"] not in replayed.text
	again = send(w, w.engineer, data)
	assert again.json()["message"]["name"] == sheet["name"]


def _in_thread(work, *args):
	"""``work(*args)`` in a thread of its own, on its own connection, as a second request would."""
	import threading

	site, sites_path = frappe.local.site, frappe.local.sites_path
	errors = []

	def run():
		frappe.init(site=site, sites_path=sites_path)
		frappe.connect()
		frappe.flags.in_test = True
		frappe.set_user("Administrator")
		try:
			work(*args)
		except Exception as e:
			errors.append(e)
		finally:
			frappe.db.rollback()
			frappe.destroy()

	thread = threading.Thread(target=run)
	thread.start()
	return thread, errors


def test_two_violations_booked_at_once_both_count_toward_revocation(world):
	"""R-ST-2: two site-rule violations of one engineer (the threshold is 2) booked by two
	requests at once each counted only itself and both missed the revocation. The second
	booking now counts under a lock on the engineer, after the first one's commit."""
	import threading
	import time

	from frappe.utils import nowdate

	w = world
	engineer = w.stranger  # works at no site of the customer: a revocation takes them off none
	first_booked = threading.Event()

	def book(wait_for, signal, hold: float):
		if wait_for:
			wait_for.wait(30)
		violation = frappe.get_doc(
			{
				"doctype": "Staff Violation",
				"engineer": engineer,
				"violation_type": "Site Rule Breach",
				"violation_date": nowdate(),
				"description": "The customer complained about a site rule",
			}
		)
		violation.flags.ignore_permissions = True
		violation.submit()
		if signal:
			signal.set()
		time.sleep(hold)  # the first request is still at work when the second one books
		frappe.db.commit()

	first, first_errors = _in_thread(book, None, first_booked, 2.0)
	second, second_errors = _in_thread(book, first_booked, None, 0)
	first.join(60)
	second.join(60)
	assert first_errors == second_errors == []
	frappe.db.rollback()
	assert frappe.db.count("Staff Violation", {"engineer": engineer, "docstatus": 1}) == 2
	assert frappe.db.get_value("Engineer Qualification", engineer, "status") == "Revoked"


def test_a_renamed_and_a_merged_customer_and_part_keep_their_figures(world):
	"""R-RP-2, R-RP-3: a renamed or merged Customer or Item left the kept figures keyed by the
	old name (the next sheet of the new name made a second row of the same month, customer and
	part) until a rebuild. Rolled back."""
	from frappe.model.rename_doc import rename_doc

	from cs_service.figures import kept
	from cs_service.rules import aggregate
	from tests.integration.factories import make_customer, make_feedback, make_item, make_site

	frappe.db.rollback()
	run = frappe.generate_hash(length=5).upper()
	old, into = make_customer(f"CSJ Old {run}"), make_customer(f"CSJ Into {run}")
	item = make_item(f"CSJ-OLD-{run}", customer=old)
	sites = {c: make_site(c, "Plant").name for c in (old, into)}

	def sheet(customer, part, minutes, site=None):
		return make_feedback(
			customer=customer,
			item=part,
			customer_site=site or sites[customer],
			line_stop_minutes=minutes,
			submit=True,
		)

	sheet(old, item, 10)
	sheet(into, item, 5)
	renamed = rename_doc("Customer", old, f"CSJ New {run}", force=True)
	sheet(renamed, item, 20, sites[old])  # after the rename: the same row as before it
	rename_doc("Customer", renamed, into, merge=True, force=True)
	new_item = rename_doc("Item", item, f"CSJ-NEW-{run}", force=True)
	sheet(into, new_item, 1)

	rows = frappe.get_all(
		kept.DOCTYPE,
		filters={"customer": ("in", [old, renamed, into])},
		fields=["name", "month", "company", "customer", "item", "line_stop_minutes", "line_stop_sheets"],
	)
	assert all(row.name == aggregate.key_name(kept._key(row)) for row in rows), rows
	assert {(row.customer, row.item): (row.line_stop_minutes, row.line_stop_sheets) for row in rows} == {
		(into, new_item): (36, 4)
	}
	mine = {old, renamed, into}
	assert [d for d in kept.differences([rows[0].month]) if d["key"][2] in mine] == []


# ---------------------------------------------------------------- markup through fields the escaping misses

MARKUP = "<img src=x onerror=alert(23)>"
BREAKOUT = '/files/x.png" onerror="alert(23)'


def draft_sheet(w, user: str, **kw) -> dict:
	data = capture(w)
	sheet = {
		"doctype": SHEET,
		"customer": w.customer,
		"customer_site": w.site,
		"item": w.item,
		"reported_at": data["reported_at"],
		"occurred_at": data["reported_at"],
		"quantity": 1,
		**kw,
	}
	response = call(w, user, "POST", resource(SHEET), json=sheet)
	assert response.status_code == 200, response.text[:500]
	return response.json()["data"]


def upload(w, user: str, doctype: str, name: str, fieldname: str = "photo") -> str:
	from tests.integration.portal_world import photo_bytes

	response = call(
		w,
		user,
		"POST",
		"/api/method/upload_file",
		files={"file": ("clip.jpg", photo_bytes(320, 240), "image/jpeg")},
		data={"doctype": doctype, "docname": name, "fieldname": fieldname, "is_private": 1},
	)
	assert response.status_code == 200, response.text[:500]
	return response.json()["message"]["file_url"]


def test_an_attachment_field_accepts_only_a_file_of_its_document(world):
	"""R-US-1, R-CT-9: ``photo`` = ``/files/x.png" onerror="...`` was stored as sent and broke out
	of the print view's ``<img src>``. A photo, a Customer Part's image and a Service Photo row
	now take only the URL of a File attached to their document, refused naming the field."""
	w = world
	refused(
		call(
			w,
			w.engineer,
			"POST",
			resource(SHEET),
			json={**capture(w), "doctype": SHEET, "customer": w.customer, "photo": BREAKOUT},
		),
		"NotAnAttachment",
		"Photo",
	)
	mine, other = draft_sheet(w, w.engineer), draft_sheet(w, w.engineer)
	others_photo = upload(w, w.engineer, SHEET, other["name"])
	for value in (BREAKOUT, others_photo, "https://example.com/x.png", "javascript:alert(23)"):
		response = call(w, w.engineer, "PUT", resource(SHEET, mine["name"]), json={"photo": value})
		refused(response, "NotAnAttachment", "Photo")
	own_photo = upload(w, w.engineer, SHEET, mine["name"])
	response = call(w, w.engineer, "PUT", resource(SHEET, mine["name"]), json={"photo": own_photo})
	assert response.status_code == 200 and response.json()["data"]["photo"] == own_photo

	part = {"doctype": "Customer Part", "customer": w.customer, "item": w.item, "image": others_photo}
	refused(call(w, w.manager, "POST", resource("Customer Part"), json=part), "NotAnAttachment", "Photo")

	sheet = sent_sheet(w, w.engineer)
	row = {"photo": others_photo, "caption": "Sorting area"}
	response = call(
		w,
		w.engineer,
		"POST",
		resource("Service Confirmation Sheet"),
		json=confirmation(w, sheet, photos=[row]),
	)
	refused(response, "NotAnAttachment", "Photos", "Photo")


def test_the_print_view_and_the_qa_email_escape_every_value(world):
	"""R-FB-4, R-US-1: an Autocomplete ``station`` of markup was stored raw and shown raw in the
	print view and the QA e-mail. A station typed now is kept as text; and a value stored before
	(raw markup, a photo URL with a quote) prints escaped in the print view (over HTTP) and the
	e-mail to QA."""
	from urllib.parse import urlencode

	w = world
	draft = draft_sheet(w, w.engineer, station=MARKUP)
	frappe.db.rollback()
	assert frappe.db.get_value(SHEET, draft["name"], "station") == MARKUP.replace("<", "&lt;").replace(
		">", "&gt;"
	)
	name = sent_sheet(w, w.engineer)
	frappe.db.set_value(
		SHEET, name, {"station": MARKUP, "shop": MARKUP, "photo": BREAKOUT}, update_modified=False
	)
	frappe.db.commit()
	query = urlencode(
		{"doctype": SHEET, "name": name, "format": "Quality Feedback Sheet", "no_letterhead": 1}
	)
	page = call(w, w.engineer, "GET", f"/printview?{query}")
	assert page.status_code == 200, page.text[:300]
	assert event_handlers(page.text) == []
	assert "&lt;img src=x onerror=alert(23)&gt;" in page.text
	assert 'src="/files/x.png&#34; onerror=&#34;alert(23)"' in page.text  # the quote stays in the URL

	sheet = frappe.get_doc(SHEET, name)
	sheet.send_to_qa()
	message = frappe.get_all(
		"Email Queue", filters={"reference_name": name}, pluck="message", order_by="creation desc", limit=1
	)[0]
	html = html_part(message)
	assert event_handlers(html) == [] and "onerror=alert(23)&gt;" in html
	frappe.db.rollback()


def event_handlers(html: str) -> list[tuple[str, str]]:
	"""The ``on...`` attributes of the HTML's elements that run the test's script, as a browser
	parses them (Frappe's own print view has handlers of its own)."""
	from html.parser import HTMLParser

	found = []

	class Parser(HTMLParser):
		def handle_starttag(self, tag, attrs):
			found.extend(
				(tag, name) for name, value in attrs if name.startswith("on") and "23" in (value or "")
			)

	Parser().feed(html)
	return found


def html_part(message: str) -> str:
	"""The HTML of a queued e-mail (its text part shows the text as typed, as text)."""
	import email

	parsed = email.message_from_string(message)
	return next(
		part.get_payload(decode=True).decode()
		for part in parsed.walk()
		if part.get_content_type() == "text/html"
	)


# ---------------------------------------------------------------- a capture's completion time is the phone's word


def honest(w, **kw) -> dict:
	"""A capture whose times the page measured: first report 5 minutes ago, Send 1 minute ago."""
	return capture(w, evidence={"report_to_complete": 240, "complete_to_send": 60}, **kw)


def sheet_of(response) -> frappe._dict:
	assert response.status_code == 200, response.text[:500]
	frappe.db.rollback()
	return frappe.db.get_value(
		SHEET,
		response.json()["message"]["name"],
		["name", "docstatus", "timeliness", "capture_review", "reported_at"],
		as_dict=True,
	)


def test_a_first_report_three_days_ago_is_not_on_time_on_the_phones_word(world):
	"""R-FB-4: ``captured_at`` two minutes after a first report three days ago made an *On time*
	sheet. Without evidence, or with evidence of a capture held three days, the sheet is made,
	submitted and sent all the same (never lost) but *To Be Reviewed* by QA, with the reason."""
	from frappe.utils import add_to_date, now_datetime

	w = world
	reported = add_to_date(now_datetime(), days=-3)
	claimed = {"reported_at": str(reported), "captured_at": str(add_to_date(reported, minutes=2))}
	sheet = sheet_of(send(w, w.engineer, capture(w, **claimed)))
	assert (sheet.docstatus, sheet.timeliness) == (1, "To Be Reviewed")
	assert zh("the phone gave no measure of when the capture was completed") in sheet.capture_review
	forged = {"report_to_complete": 120, "complete_to_send": 3 * 86400 - 120}
	sheet = sheet_of(send(w, w.engineer, capture(w, **claimed, evidence=forged)))
	assert sheet.timeliness == "To Be Reviewed" and "72.0" in sheet.capture_review
	faked = {"report_to_complete": 120, "complete_to_send": 30}  # the times of the phone do not agree
	assert sheet_of(send(w, w.engineer, capture(w, **claimed, evidence=faked))).timeliness == "To Be Reviewed"


def bootstrap(w, user: str) -> dict:
	"""What the page loads (and keeps) when online; its CSRF token is the one it sends with."""
	message = call(w, user, "GET", "/api/method/cs_service.pages.capture.bootstrap").json()["message"]
	w.sessions[user].headers["X-Frappe-CSRF-Token"] = message["csrf_token"]
	return message


def test_a_capture_backed_by_its_evidence_is_judged_on_time(world):
	"""R-FB-4: measured on the page's monotonic clock, or from its last contact with the server
	(a page reopened offline: the server's own signed time), the capture is judged as before. A
	contact the server did not sign counts for nothing."""
	w = world
	sheet = sheet_of(send(w, w.engineer, honest(w)))
	assert (sheet.timeliness, sheet.capture_review) == ("On time", None)

	token = bootstrap(w, w.engineer)["contact_token"]
	reopened = {"report_to_complete": 240, "complete_contact": {"token": token, "since": 0}}
	from frappe.utils import add_to_date, get_datetime

	contact_at = get_datetime(token.split("|")[0])
	times = {
		"reported_at": str(add_to_date(contact_at, seconds=-240)),
		"captured_at": str(contact_at),
	}
	assert sheet_of(send(w, w.engineer, capture(w, **times, evidence=reopened))).timeliness == "On time"
	stamp, _signature = token.split("|")
	forged = {**reopened, "complete_contact": {"token": f"{stamp}|{'0' * 64}", "since": 0}}
	assert sheet_of(send(w, w.engineer, capture(w, **times, evidence=forged))).timeliness == "To Be Reviewed"
	# a colleague's token is not the engineer's contact
	other = bootstrap(w, w.colleague)
	theirs = {**reopened, "complete_contact": {"token": other["contact_token"], "since": 0}}
	assert sheet_of(send(w, w.engineer, capture(w, **times, evidence=theirs))).timeliness == "To Be Reviewed"


def test_a_first_report_in_a_month_already_reported_is_refused(world):
	"""R-FB-4, R-RP-2: times 400 days back made an On time sheet in a month whose figures were
	reported. A first report before the end of the last month with a Monthly Quality Report is
	refused, naming the field and the report (this one, or another of the month on the site); a
	problem of this month still goes."""
	from frappe.utils import add_days, add_to_date, get_first_day, now_datetime, nowdate

	from tests.integration.factories import default_company

	w = world
	last_month_end = add_days(get_first_day(nowdate()), -1)
	report = frappe.get_doc(
		{
			"doctype": "Monthly Quality Report",
			"name": f"MQR-CSJ-{w.run}",
			"company": default_company(),
			"month": str(last_month_end)[:7],
			"from_date": get_first_day(last_month_end),
			"to_date": last_month_end,
		}
	)
	report.db_insert()
	frappe.db.commit()
	try:
		reported = add_to_date(now_datetime(), days=-400)
		old = capture(
			w,
			reported_at=str(reported),
			captured_at=str(add_to_date(reported, minutes=2)),
			evidence={"report_to_complete": 120, "complete_to_send": 30},
		)
		refused(send(w, w.engineer, old), "CaptureRefused", "First Reported At")
		frappe.db.rollback()
		assert not frappe.db.exists(SHEET, {"capture_id": old["capture_id"]})
		assert sheet_of(send(w, w.engineer, honest(w))).timeliness == "On time"
	finally:
		frappe.db.rollback()
		frappe.db.delete("Monthly Quality Report", {"name": report.name})
		frappe.db.commit()
