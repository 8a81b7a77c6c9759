"""The SQE portal over HTTP (R-CT-9, R-US-2): every portal method through a real
gunicorn on loopback, as the SQE of customer A and as the SQE of customer B, each with a session
cookie and with an API key and secret.

A sees, signs, returns, acknowledges and gets the photos of A's records; B is refused each of
A's records (read, list, sign, return, acknowledge, photo) with nothing changed and nothing of A
in the answer. The page ``/sqe`` is checked the same way, and the notice and the workflow
e-mail's links lead to the portal.
"""

from __future__ import annotations

import email
import re

import frappe
import pytest
import requests
from frappe.model.workflow import apply_workflow

from tests.integration import portal_world
from tests.integration.factories import make_slip

API = "/api/method/cs_service.pages.portal.api."
SLIP, CONFIRMATION, EIGHT_D, SHEET = (
	portal_world.SLIP,
	portal_world.CONFIRMATION,
	portal_world.EIGHT_D,
	portal_world.SHEET,
)
# what a customer's SQE never reads, even of their own customer's problems
INTERNAL_FIELDS = (
	"preliminary_cause",
	"timeliness",
	"sent_at",
	"deadline",
	"tracking_status",
	"root_cause",
	"qa_review",
	"captured_at",
)


@pytest.fixture(scope="module")
def world():
	from tests.integration.server import Server, sites_path

	frappe.set_user("Administrator")
	frappe.db.rollback()
	w = portal_world.build(frappe.generate_hash(length=6).upper())
	w.server = Server(sites_path(), frappe.local.site).start()
	try:
		yield w
	finally:
		w.server.stop()
		portal_world.remove(w)


class Client:
	"""One user talking to the server: with a session cookie (logged in with their password,
	the CSRF token read from the portal page) or with their API key and secret."""

	def __init__(self, world, user: str, mode: str):
		self.server, self.user, self.mode = world.server, user, mode
		self.session = requests.Session()
		self.csrf = None
		self.credentials = world.credentials[user] if mode == "token" else None
		if mode == "cookie":
			response = self.request(
				"POST", "/api/method/login", data={"usr": user, "pwd": portal_world.PASSWORD}
			)
			assert response.status_code == 200, response.text
			page = self.request("GET", "/sqe")
			match = re.search(r'data-csrf="([^"]+)"', page.text)
			self.csrf = match.group(1) if match else None

	def request(self, method: str, path: str, **kw) -> requests.Response:
		headers = self.server.headers(self.credentials)
		if self.csrf and method == "POST":
			headers["X-Frappe-CSRF-Token"] = self.csrf
		headers.update(kw.pop("headers", {}))
		return self.session.request(
			method, f"{self.server.url}{path}", headers=headers, timeout=120, allow_redirects=False, **kw
		)

	def get(self, method: str, **params) -> requests.Response:
		return self.request("GET", API + method, params=params)

	def post(self, method: str, **data) -> requests.Response:
		return self.request("POST", API + method, data=data)


MODES = ("cookie", "token")


def stored(doctype: str, name: str, *fields):
	frappe.db.rollback()  # see what the server committed
	return frappe.db.get_value(doctype, name, list(fields), as_dict=True)


def modified(doctype: str, name: str) -> str:
	return str(stored(doctype, name, "modified").modified)


def assert_refused_without_a(world, response, status=403):
	assert response.status_code == status, response.text
	leaked = sorted(s for s in world.sentinels if s in response.text)
	assert not leaked, f"B's answer names A's records: {leaked}: {response.text[:3000]}"


# ---------------------------------------------------------------- reading


@pytest.mark.parametrize("mode", MODES)
def test_a_lists_what_waits_for_them_and_b_nothing_of_a(world, mode):
	a = Client(world, world.sqe_a, mode).get("pending")
	assert a.status_code == 200, a.text
	lists = a.json()["message"]
	assert [e["name"] for e in lists["slips"]] == [world.slip_a]  # not the draft, not B's
	assert lists["slips"][0]["customer_part_no"] == f"A-NO-{world.sentinel}"
	assert [e["name"] for e in lists["confirmations"]] == [world.confirmation_a]
	assert [e["name"] for e in lists["eight_d"]] == [world.eight_d_a]
	b = Client(world, world.sqe_b, mode).get("pending")
	assert b.status_code == 200
	assert [e["name"] for e in b.json()["message"]["slips"]] == [world.slip_b]
	assert_refused_without_a(world, b, status=200)


@pytest.mark.parametrize("mode", MODES)
def test_a_reads_the_slip_as_sent_with_its_photo(world, mode):
	response = Client(world, world.sqe_a, mode).get("document", doctype=SLIP, name=world.slip_a)
	assert response.status_code == 200, response.text
	view = response.json()["message"]
	values = {f["value"] for s in view["sections"] for f in s["rows"]}
	values |= {f["value"] for s in view["sections"] for item in s["items"] for f in item}
	assert {world.part_a, f"A-NO-{world.sentinel}", "30", "20", "10", f"LSVAB{world.sentinel}"} <= values
	assert view["waiting"] and view["modified"] == modified(SLIP, world.slip_a)
	[photo] = view["photos"]
	assert photo["file"] == world.photo_a and photo["caption"] == f"Broken clip {world.sentinel}"
	assert photo["thumbnail"].startswith("data:image/jpeg;base64,")
	assert "/private/files" not in response.text


@pytest.mark.parametrize("mode", MODES)
def test_b_is_refused_each_of_a_s_records_and_learns_nothing(world, mode):
	b = Client(world, world.sqe_b, mode)
	for doctype, name in (
		(SLIP, world.slip_a),
		(SLIP, world.draft_a),
		(CONFIRMATION, world.confirmation_a),
		(EIGHT_D, world.eight_d_a),
		(SHEET, world.sheet_a),  # not a portal document at all
		(SLIP, "SPS-NO-SUCH-SLIP"),  # the same answer as for a record that exists
	):
		response = b.get("document", doctype=doctype, name=name)
		assert_refused_without_a(world, response)
		assert "This document is not available to you." in response.text
	for method, answer in (("signed", []), ("open_problems", [])):
		response = b.get(method)
		assert response.status_code == 200 and response.json()["message"] == answer
		assert_refused_without_a(world, response, status=200)


@pytest.mark.parametrize("mode", MODES)
def test_a_draft_never_sent_is_not_shown_to_the_sqe(world, mode):
	a = Client(world, world.sqe_a, mode)
	assert a.get("document", doctype=SLIP, name=world.draft_a).status_code == 403
	assert a.get("photo", doctype=SLIP, name=world.draft_a, file=world.draft_photo_a).status_code == 403


@pytest.mark.parametrize("mode", MODES)
def test_photos_are_served_for_the_document_that_shows_them_only(world, mode):
	a = Client(world, world.sqe_a, mode)
	response = a.get("photo", doctype=SLIP, name=world.slip_a, file=world.photo_a)
	assert response.status_code == 200
	assert response.headers["Content-Type"] == "image/jpeg"
	assert response.headers["X-Content-Type-Options"] == "nosniff"
	assert response.content[:3] == b"\xff\xd8\xff"
	thumb = a.get("photo", doctype=SLIP, name=world.slip_a, file=world.photo_a, size="thumb")
	assert thumb.status_code == 200 and len(thumb.content) < len(response.content) / 3
	screen = a.get("photo", doctype=SLIP, name=world.slip_a, file=world.photo_a, size="screen")
	assert screen.status_code == 200 and screen.headers["Content-Type"] == "image/jpeg"
	# a file of another document (here: of the confirmation sheet, which A may see) asked
	# through this slip, and a file of a draft: refused
	for doctype, name, file in (
		(SLIP, world.slip_a, world.confirmation_photo_a),
		(SLIP, world.slip_a, world.draft_photo_a),
		(EIGHT_D, world.eight_d_a, world.photo_a),
	):
		assert a.get("photo", doctype=doctype, name=name, file=file).status_code == 403
	assert a.get("photo", doctype=CONFIRMATION, name=world.confirmation_a, file=world.confirmation_photo_a).ok
	# the photo's own URL is refused by the gate
	url = frappe.db.get_value("File", world.photo_a, "file_url")
	assert a.request("GET", url).status_code == 403
	b = Client(world, world.sqe_b, mode)
	for size in (None, "thumb"):
		params = {
			"doctype": SLIP,
			"name": world.slip_a,
			"file": world.photo_a,
			**({"size": size} if size else {}),
		}
		response = b.get("photo", **params)
		assert_refused_without_a(world, response)
		assert response.content[:3] != b"\xff\xd8\xff"


@pytest.mark.parametrize("mode", MODES)
def test_open_problems_without_our_internal_measures(world, mode):
	response = Client(world, world.sqe_a, mode).get("open_problems")
	assert response.status_code == 200
	[problem] = [p for p in response.json()["message"] if p["name"] == world.sheet_a]
	values = {f["value"] for f in problem["fields"]}
	assert f"Clip of the door trim broken {world.sentinel}" in values
	assert f"INTERNAL cause {world.sentinel}" not in response.text
	internal = frappe.db.get_value(SHEET, world.sheet_a, list(INTERNAL_FIELDS), as_dict=True)
	assert internal.timeliness and internal.sent_at and internal.deadline  # there, and not shown
	labels = {f["label"] for f in problem["fields"]}
	for field in INTERNAL_FIELDS:
		assert frappe.get_meta(SHEET).get_label(field) not in labels


# ---------------------------------------------------------------- acting


@pytest.fixture
def pending_slip(world):
	"""A fresh slip of A sent to the SQE (committed; the world removes it)."""
	frappe.db.rollback()
	frappe.set_user(world.engineer)
	slip = make_slip(world.customer_a, item=world.part_a, customer_site=world.site_a, quantity=12)
	world.created.append((SLIP, slip.name))
	portal_world.attach_photo(slip, "Crack at the clip")
	slip = apply_workflow(frappe.get_doc(SLIP, slip.name), "Send to SQE")
	frappe.set_user("Administrator")
	frappe.db.commit()
	world.sentinels.add(slip.name)
	return slip.name


@pytest.mark.parametrize("mode", MODES)
def test_b_cannot_sign_return_or_acknowledge_a_s_records_and_nothing_changes(world, pending_slip, mode):
	b = Client(world, world.sqe_b, mode)
	before = stored(SLIP, pending_slip, "workflow_state", "docstatus", "modified", "sqe_remarks")
	seen = str(before.modified)
	for method, data in (
		("sign", {"doctype": SLIP, "name": pending_slip, "modified": seen}),
		("return_for_correction", {"doctype": SLIP, "name": pending_slip, "modified": seen, "remarks": "x"}),
		(
			"sign",
			{
				"doctype": CONFIRMATION,
				"name": world.confirmation_a,
				"modified": modified(CONFIRMATION, world.confirmation_a),
				"verdict": "Executed as Required",
			},
		),
		("acknowledge", {"name": world.eight_d_a, "modified": modified(EIGHT_D, world.eight_d_a)}),
	):
		assert_refused_without_a(world, b.post(method, **data))
	assert stored(SLIP, pending_slip, "workflow_state", "docstatus", "modified", "sqe_remarks") == before
	assert stored(EIGHT_D, world.eight_d_a, "acknowledged_by").acknowledged_by is None
	assert stored(CONFIRMATION, world.confirmation_a, "workflow_state").workflow_state == "Pending SQE"


@pytest.mark.parametrize("mode", MODES)
def test_a_signs_the_slip_as_the_workflow_transition_of_the_sqe(world, pending_slip, mode):
	a = Client(world, world.sqe_a, mode)
	seen = modified(SLIP, pending_slip)
	assert a.request("GET", API + "sign", params={"doctype": SLIP, "name": pending_slip}).status_code in (
		403,
		405,
	)  # acting is POST only
	stale = a.post("sign", doctype=SLIP, name=pending_slip, modified="2000-01-01 00:00:00")
	assert stale.status_code == 417 and "ChangedSinceSeen" in stale.text
	response = a.post("sign", doctype=SLIP, name=pending_slip, modified=seen, remarks="Checked <at> the line")
	assert response.status_code == 200, response.text
	after = stored(SLIP, pending_slip, "workflow_state", "docstatus", "signed_by", "sqe_remarks")
	assert (after.workflow_state, after.docstatus, after.signed_by) == ("Signed", 1, world.sqe_a)
	assert after.sqe_remarks == "Checked &lt;at&gt; the line"  # stored as text, never as markup
	assert frappe.db.exists(
		"Comment", {"reference_name": pending_slip, "comment_type": "Workflow", "owner": world.sqe_a}
	)
	# signed: no longer waiting, listed as signed, shown as signed
	assert a.post("sign", doctype=SLIP, name=pending_slip, modified=seen).status_code == 417
	assert pending_slip in [e["name"] for e in a.get("signed").json()["message"]]
	assert pending_slip not in [e["name"] for e in a.get("pending").json()["message"]["slips"]]
	view = a.get("document", doctype=SLIP, name=pending_slip).json()["message"]
	assert view["waiting"] is False
	assert "Checked <at> the line" in {f["value"] for s in view["sections"] for f in s["rows"]}


@pytest.mark.parametrize("mode", MODES)
def test_a_returns_the_slip_with_a_remark_only(world, pending_slip, mode):
	a = Client(world, world.sqe_a, mode)
	seen = modified(SLIP, pending_slip)
	response = a.post("return_for_correction", doctype=SLIP, name=pending_slip, modified=seen, remarks="  ")
	assert response.status_code == 417 and "MandatoryError" in response.text
	assert stored(SLIP, pending_slip, "modified").modified == frappe.utils.get_datetime(seen)
	response = a.post(
		"return_for_correction", doctype=SLIP, name=pending_slip, modified=seen, remarks="Quantity is 13"
	)
	assert response.status_code == 200, response.text
	after = stored(SLIP, pending_slip, "workflow_state", "docstatus", "sqe_remarks")
	assert (after.workflow_state, after.docstatus, after.sqe_remarks) == (
		"Returned for Correction",
		0,
		"Quantity is 13",
	)
	# returned: the engineer's again, not the SQE's to read
	assert a.get("document", doctype=SLIP, name=pending_slip).status_code == 403
	if mode == "cookie":  # the page says so, for the SQE's own returned document only
		assert f"{pending_slip} 已退回修改" in a.request("GET", f"/sqe?returned={pending_slip}").text
		assert "已退回修改" not in a.request("GET", "/sqe?returned=<b>Anything</b>").text


def test_a_signs_the_confirmation_sheet_with_the_verdict_only(world):
	a = Client(world, world.sqe_a, "cookie")
	seen = modified(CONFIRMATION, world.confirmation_a)
	view = a.get("document", doctype=CONFIRMATION, name=world.confirmation_a).json()["message"]
	assert [v["value"] for v in view["verdicts"]] == ["Executed as Required", "Not Executed as Required"]
	for verdict in (None, "Signed anyway"):
		data = {"doctype": CONFIRMATION, "name": world.confirmation_a, "modified": seen}
		response = a.post("sign", **data, **({"verdict": verdict} if verdict else {}))
		assert response.status_code == 417 and "MandatoryError" in response.text
	assert stored(CONFIRMATION, world.confirmation_a, "docstatus").docstatus == 0
	response = a.post(
		"sign", doctype=CONFIRMATION, name=world.confirmation_a, modified=seen, verdict="Executed as Required"
	)
	assert response.status_code == 200, response.text
	after = stored(CONFIRMATION, world.confirmation_a, "workflow_state", "sqe_verdict", "signed_by")
	assert after == {
		"workflow_state": "Signed",
		"sqe_verdict": "Executed as Required",
		"signed_by": world.sqe_a,
	}


def test_a_acknowledges_the_8d_report_once(world):
	a = Client(world, world.sqe_a, "token")
	seen = modified(EIGHT_D, world.eight_d_a)
	view = a.get("document", doctype=EIGHT_D, name=world.eight_d_a).json()["message"]
	assert view["waiting"] and view["photos"] == []
	response = a.post("acknowledge", name=world.eight_d_a, modified=seen, remarks="Received, D4 by Friday")
	assert response.status_code == 200, response.text
	after = stored(EIGHT_D, world.eight_d_a, "acknowledged_by", "acknowledgement_remarks")
	assert after == {"acknowledged_by": world.sqe_a, "acknowledgement_remarks": "Received, D4 by Friday"}
	again = a.post("acknowledge", name=world.eight_d_a, modified=modified(EIGHT_D, world.eight_d_a))
	assert again.status_code == 417 and "NotWaiting" in again.text
	assert world.eight_d_a in [e["name"] for e in a.get("signed").json()["message"]]


def test_a_session_without_the_csrf_token_changes_nothing(world, pending_slip):
	a = Client(world, world.sqe_a, "cookie")
	a.csrf = None
	seen = modified(SLIP, pending_slip)
	response = a.post("sign", doctype=SLIP, name=pending_slip, modified=seen)
	assert response.status_code in (400, 403), response.text
	assert stored(SLIP, pending_slip, "docstatus").docstatus == 0


def test_the_portal_is_for_sqe_users_only(world):
	engineer = Client(world, world.engineer, "token")
	for method in ("pending", "signed", "open_problems"):
		response = engineer.get(method)
		assert response.status_code == 403 and "NotForPortal" in response.text
	assert engineer.get("document", doctype=SLIP, name=world.slip_a).status_code == 403


# ---------------------------------------------------------------- the pages


def test_a_guest_is_sent_to_the_login_and_back(world):
	response = requests.get(
		f"{world.server.url}/sqe/slip/{world.slip_a}", headers=world.server.headers(), allow_redirects=False
	)
	assert response.status_code == 302
	assert response.headers["Location"] == f"/login?redirect-to=%2Fsqe%2Fslip%2F{world.slip_a}"


def test_the_pages_show_a_their_records_in_one_request(world):
	a = Client(world, world.sqe_a, "cookie")
	home = a.request("GET", "/sqe")
	assert home.status_code == 200 and home.headers["Content-Type"].startswith("text/html")
	assert home.headers["Content-Encoding"] == "gzip"  # a phone network counts every byte
	assert world.slip_a in home.text and world.draft_a not in home.text
	assert "待我处理" in home.text  # the SQE's language
	page = a.request("GET", f"/sqe/slip/{world.slip_a}")
	assert page.status_code == 200
	assert "data:image/jpeg;base64," in page.text and 'data-testid="sign"' in page.text
	assert not re.search(r'<(script|link)[^>]+(src|href)="/', page.text)  # styles and script inline
	assert f"LSVAB{world.sentinel}" in page.text
	problems = a.request("GET", "/sqe/problems")
	assert f"Clip of the door trim broken {world.sentinel}" in problems.text
	assert f"INTERNAL cause {world.sentinel}" not in problems.text
	assert a.request("GET", "/app").headers.get("Location", "").endswith("/sqe")
	# the desk form of a document (the link in Frappe's workflow e-mail) is its portal page
	form = a.request("GET", f"/app/suspect-part-slip/{world.slip_a}")
	assert form.status_code == 302 and form.headers["Location"].endswith(f"/sqe/slip/{world.slip_a}")


def test_b_s_pages_show_nothing_of_a(world):
	b = Client(world, world.sqe_b, "cookie")
	for path in (
		f"/sqe/slip/{world.slip_a}",
		f"/sqe/confirmation/{world.confirmation_a}",
		f"/sqe/8d/{world.eight_d_a}",
		"/sqe",
		"/sqe/signed",
		"/sqe/problems",
	):
		response = b.request("GET", path)
		assert response.status_code in (200, 404), path
		leaked = sorted(s for s in world.sentinels if s in response.text)
		assert not leaked, f"{path}: {leaked}"
	assert b.request("GET", f"/sqe/slip/{world.slip_a}").status_code == 404


def test_free_text_shows_as_typed_never_as_markup(world):
	frappe.db.rollback()
	frappe.set_user(world.engineer)
	slip = make_slip(world.customer_a, item=world.part_a, customer_site=world.site_a, station="<b>FA-12</b>")
	world.created.append((SLIP, slip.name))
	apply_workflow(slip, "Send to SQE")
	frappe.set_user("Administrator")
	frappe.db.commit()
	page = Client(world, world.sqe_a, "cookie").request("GET", f"/sqe/slip/{slip.name}")
	assert "&lt;b&gt;FA-12&lt;/b&gt;" in page.text and "<b>FA-12" not in page.text


# ---------------------------------------------------------------- notices and the workflow e-mail's links


def mail_text(message: str | None) -> str:
	"""The decoded text parts of a queued e-mail."""
	parts = email.message_from_string(message or "").walk()
	return "".join(
		p.get_payload(decode=True).decode(p.get_content_charset() or "utf-8")
		for p in parts
		if p.get_content_maintype() == "text"
	)


def test_sending_a_slip_emails_its_portal_page_to_the_customer_s_sqe_in_their_language(world, pending_slip):
	mails = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": SLIP, "reference_name": pending_slip},
		fields=["name", "message"],
	)
	ours = [(m.name, body) for m in mails if f"/sqe/slip/{pending_slip}" in (body := mail_text(m.message))]
	assert len(ours) == 1
	# one e-mail per sending: Frappe's own workflow e-mail is off (the workflows' send_email_alert)
	assert len(mails) == 1, [mail_text(m.message)[:80] for m in mails]
	recipients = frappe.get_all("Email Queue Recipient", filters={"parent": ours[0][0]}, pluck="recipient")
	assert recipients == [world.sqe_a]
	assert "等待您签字" in ours[0][1]  # the SQE of A reads Chinese
	assert not frappe.db.exists("Notification Log", {"document_name": pending_slip})  # no desk bell


def test_without_an_outgoing_email_account_the_slip_is_still_sent_and_the_sender_told(world):
	for account in frappe.get_all("Email Account", filters={"enable_outgoing": 1}, pluck="name"):
		frappe.db.set_value("Email Account", account, "enable_outgoing", 0)  # rolled back
	frappe.local.outgoing_email_account = {}  # Frappe keeps the account found for the request
	frappe.local.message_log = []
	frappe.set_user(world.engineer)
	slip = apply_workflow(
		make_slip(world.customer_a, item=world.part_a, customer_site=world.site_a), "Send to SQE"
	)
	assert frappe.db.get_value(SLIP, slip.name, "workflow_state") == "Pending SQE"
	assert any("outgoing e-mail account" in str(m) for m in frappe.local.message_log), (
		frappe.local.message_log
	)
	frappe.local.outgoing_email_account = {}


@pytest.mark.parametrize("who", ("guest", "sqe"))
def test_the_workflow_email_link_leads_to_the_portal_page_and_applies_nothing(world, pending_slip, who):
	params = {
		"action": "Sign",
		"doctype": SLIP,
		"docname": pending_slip,
		"current_state": "Pending SQE",
		"user": world.sqe_a,
	}
	path = "/api/method/frappe.workflow.doctype.workflow_action.workflow_action.apply_action"
	if who == "guest":
		response = requests.get(
			world.server.url + path, params=params, headers=world.server.headers(), allow_redirects=False
		)
		target = f"/login?redirect-to=%2Fsqe%2Fslip%2F{pending_slip}"
	else:
		response = Client(world, world.sqe_a, "cookie").request("GET", path, params=params)
		target = f"/sqe/slip/{pending_slip}"
	assert response.status_code in (302, 303), response.text
	assert response.headers["Location"].endswith(target)
	assert stored(SLIP, pending_slip, "workflow_state", "docstatus") == {
		"workflow_state": "Pending SQE",
		"docstatus": 0,
	}


# ---------------------------------------------------------------- photos taken in the desk


def test_a_photo_uploaded_before_the_slips_first_save_is_attached_to_the_slip(world):
	"""The desk uploads a photo of a new slip against the form's temporary name; the slip's
	first save attaches it to the slip, so the portal serves it (Frappe relinks only the
	parent's own Attach fields)."""
	import json

	from frappe.desk.form.save import savedocs

	frappe.set_user(world.engineer)
	temporary = f"new-suspect-part-slip-{frappe.generate_hash(length=8)}"
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{temporary}.jpg",
			"attached_to_doctype": SLIP,
			"attached_to_name": temporary,
			"attached_to_field": "photo",
			"is_private": 1,
			"content": portal_world.photo_bytes(320, 240),
		}
	).insert(ignore_permissions=True)
	slip = {
		"doctype": SLIP,
		"name": temporary,
		"__islocal": 1,
		"customer": world.customer_a,
		"customer_site": world.site_a,
		"shop": "Body Shop",
		"station": "BS-04",
		"item": world.part_a,
		"quantity": 3,
		"photos": [{"doctype": "Service Photo", "photo": file.file_url, "caption": "At the station"}],
	}
	savedocs(json.dumps(slip), "Save")
	attached_to = frappe.db.get_value("File", file.name, "attached_to_name")
	assert attached_to.startswith("SPS-")
	assert frappe.db.get_value(SLIP, attached_to, "customer") == world.customer_a
	assert frappe.get_all("Service Photo", filters={"parent": attached_to}, pluck="photo") == [file.file_url]


def test_the_portal_resolves_its_own_routes_and_frappe_every_other(world):
	"""hooks.website_path_resolver: the portal's routes skip the website's route map; every other
	path gets Frappe's answer, its redirects included."""
	from frappe.website.path_resolver import resolve_path as frappe_resolve_path

	from cs_service.pages.portal.page import resolve_path

	assert resolve_path("sqe/slip/SPS-1") == "sqe/slip/SPS-1"
	for path in ("", "login", "me", "update-password", "app", "sqexyz"):
		assert resolve_path(path) == frappe_resolve_path(path), path
	guest = requests.get(f"{world.server.url}/login", headers=world.server.headers(), allow_redirects=False)
	assert guest.status_code == 200 and "login" in guest.text
