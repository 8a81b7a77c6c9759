"""Quick capture on a phone, online or offline (R-FB-2, R-FB-4, R-US-1).

The resident engineer's phone page ``/cs`` (:class:`CapturePage`) is one HTML page and a
service worker (``/cs/sw.js``) that keeps the page working without a network. Captures queue
on the phone (IndexedDB) and are sent with :func:`send` when the network is back:

- **exactly once**: each capture carries an id made on the phone (``capture_id``, unique on
  the sheet); a retried or repeated send returns the sheet already made;
- **fairly timed**: the first-report time is the phone's, taken when the engineer tapped
  *New problem*; the 15-minute rule is judged at the moment the engineer tapped *Send*
  (``captured_at``), not when a network came back (both are corrected by the clock offset
  between phone and server measured while online);
- **the same sheet as the desk**: the Quality Feedback Sheet is made and submitted with the
  desk's validation and its e-mail to QA; a refusal returns Frappe's translated message.

Only our internal users with the CS Engineer or CS Manager role use the page; the data it
loads is limited to the engineer's own sites (all sites for a CS Manager).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import uuid
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import add_days, add_to_date, cint, format_datetime, get_datetime, now_datetime
from werkzeug.wrappers import Response

from cs_service import settings
from cs_service.access.roles import CS_ENGINEER, CS_MANAGER, has_role, internal_only, require_role
from cs_service.feedback.parts import customer_part_nos
from cs_service.integrations.desk import home
from cs_service.planning.sites import assigned_sites, shown_name
from cs_service.rules import evidence, feedback

SHEET = "Quality Feedback Sheet"
PAGE_ROUTE = "cs"
WORKER_ROUTE = "cs/sw.js"
CAPTURE_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
MAX_PHOTO_BYTES = 8 * 1024 * 1024
SAVEPOINT = "cs_capture"
# What the phone fills, the rest of R-FB-2 comes from the part and the site.
TEXT_FIELDS = (
	"shop",
	"station",
	"description",
	"suspect_area",
	"temporary_measures",
	"breakpoint",
	"customer_communication",
	"preliminary_cause",
	"defect",
)


class CaptureRefused(frappe.ValidationError):
	pass


def can_capture() -> bool:
	"""Whether the session's user may use the phone page (hooks.add_to_apps_screen)."""
	try:
		require_capture_user()
	except frappe.PermissionError:
		return False
	return True


def require_capture_user():
	internal_only("Quick Capture")
	require_role((CS_ENGINEER, CS_MANAGER), _("Quick Capture is for CS Engineers and CS Managers"))


# ---------------------------------------------------------------- data for the page


def my_sites() -> list[str]:
	"""The enabled sites the user reports from: every site for a CS Manager, else their own."""
	enabled = frappe.get_all("Customer Site", filters={"disabled": 0}, pluck="name", order_by="name")
	if has_role([CS_MANAGER]):
		return enabled
	return sorted(assigned_sites() & set(enabled))


@frappe.whitelist(methods=["GET"])
def bootstrap() -> dict:
	"""Everything the page needs for the engineer's sites, kept on the phone for offline use:
	sites with shops, stations and parts (the customer's part number shown), the engineer's
	open problems, the slips waiting for the SQE, the server's clock and a fresh CSRF token."""
	require_capture_user()
	sites = []
	for name in my_sites():
		site = frappe.get_doc("Customer Site", name)
		sites.append(
			{
				"name": site.name,
				"customer": site.customer,
				"shops": [row.shop for row in site.shops],
				# a standard shop in the user's language, a typed one as typed
				"shop_labels": {row.shop: shown_name(row.shop) for row in site.shops},
				"stations": [{"shop": row.shop, "station": row.station} for row in site.stations],
				"parts": site_parts(site.customer, site.name),
			}
		)
	names = [s["name"] for s in sites]
	open_problems = frappe.get_all(
		SHEET,
		filters={"owner": frappe.session.user, "docstatus": ("<", 2), "tracking_status": ("!=", "Closed")},
		fields=["name", "customer_site", "item", "defect", "reported_at", "timeliness", "docstatus"],
		order_by="reported_at desc",
		limit=30,
	)
	for problem in open_problems:
		problem.timeliness = _(problem.timeliness) if problem.timeliness else ""
	server_time = now_datetime()
	return {
		"user": frappe.session.user,
		"landing_page": frappe.db.get_value("User", frappe.session.user, "default_app") == home.APP,
		"reported_minutes_ago": list(feedback.REPORTED_MINUTES_AGO),
		"server_time": server_time.isoformat(),
		"contact_token": contact_token(server_time),
		"csrf_token": frappe.sessions.get_csrf_token(),
		"sites": sites,
		"open_problems": open_problems,
		"slips_waiting": frappe.get_all(
			"Suspect Part Slip",
			filters={"customer_site": ("in", names or [""]), "workflow_state": "Pending SQE", "docstatus": 0},
			fields=["name", "customer_site", "item", "quantity", "modified"],
			order_by="modified desc",
			limit=30,
		),
	}


@frappe.whitelist(methods=["POST"])
def set_landing_page(phone_page: bool) -> dict:
	"""The engineer makes this page their landing page after login (or the desk again)."""
	require_capture_user()
	home.set_default_app(frappe.session.user, home.APP if cint(phone_page) else None)
	return {"landing_page": bool(cint(phone_page))}


def site_parts(customer: str, site: str) -> list[dict]:
	"""The parts of the site's customer: every enabled Item that carries the
	customer's part number (ERPNext's Item Customer Detail), and every part our Customer Part
	records know at the customer or at this site, which add where the part goes on line."""
	item = frappe.qb.DocType("Item")
	detail = frappe.qb.DocType("Item Customer Detail")
	numbered = (
		frappe.qb.from_(detail)
		.join(item)
		.on(item.name == detail.parent)
		.select(item.name.as_("item"), item.item_name, detail.ref_code)
		.where(
			(detail.parenttype == "Item")
			& (detail.parentfield == "customer_items")
			& (detail.customer_name == customer)
			& (item.disabled == 0)
		)
		.run(as_dict=True)
	)
	parts = {
		row.item: {
			"item": row.item,
			"item_name": row.item_name,
			"customer_part_no": row.ref_code,
			"shop": None,
			"station": None,
		}
		for row in numbered
	}
	known = frappe.get_all(
		"Customer Part",
		filters={"customer": customer, "customer_site": ("in", [site, ""])},
		fields=["item", "item_name", "shop", "station", "customer_site"],
		order_by="customer_site asc",  # the customer's entries first: the site's own win
	)
	ref_codes = customer_part_nos(customer, [r.item for r in known if r.item not in parts])
	for row in known:
		part = parts.setdefault(
			row.item,
			{"item": row.item, "item_name": row.item_name, "customer_part_no": ref_codes.get(row.item)},
		)
		part.update(shop=row.shop, station=row.station)
	return sorted(parts.values(), key=lambda p: p["item"])


# ---------------------------------------------------------------- sending a capture


@frappe.whitelist(methods=["POST"])
def send(capture: str | dict) -> dict:
	"""Makes and submits the Quality Feedback Sheet of a capture, once: the same ``capture_id``
	returns the sheet already made (also when two sends race, by the unique index)."""
	require_capture_user()
	from cs_service.access.arguments import json_argument

	data = json_argument(capture, "Capture")
	if not isinstance(data, dict):
		frappe.throw(_("{0}: not a capture of the phone page").format(_("Capture")), CaptureRefused)
	data = frappe._dict(data)
	capture_id = (data.capture_id or "").strip().lower()
	if not CAPTURE_ID.match(capture_id):
		frappe.throw(
			_("{0}: not a capture id made by the phone page").format(_("Capture ID")), CaptureRefused
		)
	existing = frappe.db.get_value(SHEET, {"capture_id": capture_id}, ["name", "owner"], as_dict=True)
	if existing:
		return result(existing.name, existing=True, owner=existing.owner)
	if data.customer_site not in my_sites():
		frappe.throw(
			_("{0}: {1} is not one of your sites").format(_("Customer Site"), data.customer_site or "")
		)
	offset = phone_offset(data)
	# the engineer may state that the problem was reported a little before the tap
	# on New Problem (just now, 5, 10, 15 minutes: the desk's one-tap choices, nothing else)
	minutes_ago = feedback.reported_minutes_ago(data.reported_minutes_ago)
	if minutes_ago is None:
		frappe.throw(
			_("{0}: choose just now or {1} minutes ago").format(
				_("First Reported At"), ", ".join(str(m) for m in feedback.REPORTED_MINUTES_AGO[1:])
			),
			CaptureRefused,
		)
	tapped_at = phone_time(data.reported_at, offset, "First Reported At")
	reported_at = add_to_date(tapped_at, minutes=-minutes_ago)
	captured_at = phone_time(data.captured_at, offset, "Completed on the Phone At")
	if captured_at < reported_at:
		frappe.throw(
			_("{0} cannot be before {1}").format(_("Completed on the Phone At"), _("First Reported At"))
		)
	refuse_reported_month(reported_at)
	# the evidence backs the tap on New Problem; an earlier report stated by the engineer (bounded
	# above, kept on the timeline) moves the report, not what the phone's clocks prove
	judgement = _judge(data.evidence, tapped_at, captured_at)
	site_customer = frappe.db.get_value("Customer Site", data.customer_site, "customer")
	sheet = frappe.get_doc(
		{
			"doctype": SHEET,
			"capture_id": capture_id,
			"customer": site_customer,
			"customer_site": data.customer_site,
			"item": data.item,
			"problem_type": data.problem_type
			if data.problem_type in feedback.PROBLEM_TYPES
			else feedback.QUALITY,
			"source": feedback.FOUND_ON_SITE,
			"occurred_at": phone_time(data.occurred_at, offset, "Time of Occurrence")
			if data.occurred_at
			else reported_at,
			"reported_at": reported_at,
			"captured_at": captured_at,
			"capture_review": review_text(judgement),
			"quantity": cint(data.quantity),
			"line_stop_minutes": cint(data.line_stop_minutes),
			**{field: (data.get(field) or "").strip() for field in TEXT_FIELDS},
		}
	)
	sheet.flags.from_capture = True
	frappe.db.savepoint(SAVEPOINT)
	try:
		sheet.insert()
		if minutes_ago:
			record_stated_report_time(sheet, minutes_ago, tapped_at)
		if data.photo:
			attach_photo(sheet, data.photo)
		sheet.submit()
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		# a second send of the same capture raced this one: answer with the first one's sheet
		frappe.db.rollback()
		raced = frappe.db.get_value(SHEET, {"capture_id": capture_id}, ["name", "owner"], as_dict=True)
		if raced:
			return result(raced.name, existing=True, owner=raced.owner)
		raise
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)  # a refused capture leaves nothing behind
		raise
	return result(sheet.name, existing=False)


def record_stated_report_time(sheet, minutes: int, tapped_at) -> None:
	"""The first-report time is the engineer's word: kept on the sheet's timeline, in their name."""
	sheet.add_comment(
		"Info",
		_(
			"First report {0} minutes before New Problem was tapped on the phone ({1}), as stated by {2}"
		).format(
			minutes, frappe.utils.format_datetime(tapped_at), frappe.utils.get_fullname(frappe.session.user)
		),
	)


def result(name: str, existing: bool, owner: str | None = None) -> dict:
	"""What the phone shows of the sheet of its capture. A capture id sent again by somebody
	else than the sheet's author (a replayed id) learns nothing but that it was sent."""
	if owner is not None and owner != frappe.session.user:
		return {"existing": True, "timeliness_label": _("Already sent")}
	values = frappe.db.get_value(SHEET, name, ["name", "timeliness", "sent_at", "reported_at"], as_dict=True)
	return {
		"name": values.name,
		"existing": existing,
		"timeliness": values.timeliness,
		"timeliness_label": _(values.timeliness) if values.timeliness else "",
		"sent_at": str(values.sent_at or ""),
		"reported_at": str(values.reported_at or ""),
	}


def phone_offset(data) -> float:
	"""Seconds the phone's clock ran ahead of the server's, measured by the page while online
	(bounded: a phone a day off is a wrong clock, not an offset)."""
	try:
		offset = float(data.clock_offset or 0)
	except (TypeError, ValueError):
		offset = 0.0
	return max(min(offset, 86400.0), -86400.0)


def phone_time(value, offset: float, label: str):
	"""A time taken on the phone, on the server's clock."""
	if not value:
		frappe.throw(_("{0} is required").format(_(label)), frappe.MandatoryError)
	try:
		moment = get_datetime(value)
	except Exception:
		frappe.throw(_("{0}: not a date and time").format(_(label)))
	return add_to_date(moment, seconds=-offset)


# ---------------------------------------------------------------- the evidence of the times


def contact_token(server_time) -> str:
	"""The server's time at a contact with the page, signed for this user: the page sends it back
	with a capture as its last contact, which it cannot make up."""
	stamp = get_datetime(server_time).isoformat()
	return f"{stamp}|{_signature(stamp)}"


def _signature(stamp: str) -> str:
	from frappe.utils.password import get_encryption_key

	message = f"cs_service.pages.capture\x1f{frappe.session.user}\x1f{stamp}".encode()
	return hmac.new(get_encryption_key().encode(), message, hashlib.sha256).hexdigest()


def contact_time(token) -> object | None:
	"""The server time of a contact token of this user; ``None`` when it is not one."""
	if not isinstance(token, str) or token.count("|") != 1:
		return None
	stamp, signature = token.split("|")
	if not hmac.compare_digest(signature, _signature(stamp)):
		return None
	try:
		moment = get_datetime(stamp)
	except Exception:
		return None
	return moment if moment <= now_datetime() else None


def _contact(value) -> evidence.Contact | None:
	if not isinstance(value, dict):
		return None
	at, since = contact_time(value.get("token")), evidence.seconds(value.get("since"))
	return evidence.Contact(at=at, since=since) if at is not None and since is not None else None


def _judge(proof, reported_at, captured_at) -> evidence.Judgement:
	"""R-FB-4: the phone's times are judged against its evidence (:mod:`cs_service.rules.evidence`)."""
	proof = proof if isinstance(proof, dict) else {}
	return evidence.judge(
		now_datetime(),
		reported_at,
		captured_at,
		evidence.seconds(proof.get("report_to_complete")),
		evidence.seconds(proof.get("complete_to_send")),
		_contact(proof.get("report_contact")),
		_contact(proof.get("complete_contact")),
		settings.max_offline(),
	)


def review_text(judgement: evidence.Judgement) -> str | None:
	"""Why QA reviews the capture's 15-minute result, in words; ``None`` when the evidence holds."""
	if judgement.trusted:
		return None
	hours = settings.max_offline().total_seconds() / 3600
	offline = (judgement.offline_for or timedelta(0)).total_seconds() / 3600
	words = {
		evidence.NO_COMPLETION_EVIDENCE: _("the phone gave no measure of when the capture was completed"),
		evidence.NO_REPORT_EVIDENCE: _("the phone gave no measure of when the problem was first reported"),
		evidence.COMPLETION_DISAGREES: _(
			"the completion time on the phone's clock disagrees with the time it measured"
		),
		evidence.REPORT_DISAGREES: _(
			"the first-report time on the phone's clock disagrees with the time it measured"
		),
		evidence.HELD_OFFLINE_TOO_LONG: _(
			"held on the phone for {0} hours, longer than the {1} hours allowed"
		).format(f"{offline:.1f}", f"{hours:g}"),
		evidence.IMPOSSIBLE: _("the measured completion lies in the future"),
	}
	return _("To be reviewed by QA: {0}").format("; ".join(words[r] for r in judgement.reasons))


def refuse_reported_month(reported_at):
	"""A first report in a month whose monthly report was made already is refused (its
	figures went out; QA records such a problem in the desk, with its history)."""
	last = frappe.get_all(
		"Monthly Quality Report",
		filters={"docstatus": ("<", 2), "creation": ("<=", now_datetime())},
		fields=["name", "month", "to_date"],
		order_by="to_date desc",
		limit=1,
	)
	if last and evidence.reported_in_closed_month(reported_at, get_datetime(add_days(last[0].to_date, 1))):
		frappe.throw(
			_("{0}: {1} lies in {2}, whose monthly report {3} is made already; ask QA to record it").format(
				_("First Reported At"), format_datetime(reported_at), last[0].month, last[0].name
			),
			CaptureRefused,
		)


def attach_photo(sheet, data_url: str):
	"""The photo taken with the camera, attached to the sheet and shown as its photo."""
	match = re.match(r"^data:(image/(?:jpeg|png|webp));base64,(.+)$", data_url or "", re.S)
	if not match:
		frappe.throw(_("{0}: not a photo").format(_("Photo")))
	content = base64.b64decode(match.group(2))
	if len(content) > MAX_PHOTO_BYTES:
		frappe.throw(_("{0}: larger than {1} MB").format(_("Photo"), MAX_PHOTO_BYTES // 1024 // 1024))
	extension = match.group(1).split("/")[1].replace("jpeg", "jpg")
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{sheet.name}-{uuid.uuid4().hex[:8]}.{extension}",
			"attached_to_doctype": SHEET,
			"attached_to_name": sheet.name,
			"attached_to_field": "photo",
			"is_private": 1,
			"content": content,
		}
	)
	file.insert(ignore_permissions=True)
	sheet.photo = file.file_url
	sheet.save()


# ---------------------------------------------------------------- the page and its worker


def _page_messages() -> dict[str, str]:
	"""The page's words, in the user's language (the page is Chinese first)."""
	return {
		"title": _("Quick Capture"),
		"new_problem": _("New Problem"),
		"site": _("Customer Site"),
		"part": _("Part"),
		"customer_part_no": _("Customer Part No."),
		"shop": _("Shop"),
		"station": _("Station"),
		"quantity": _("Quantity"),
		"problem_type": _("Problem Type"),
		"quality": _("Quality Problem"),
		"tracking": _("Tracking Problem"),
		"description": _("Description"),
		"defect": _("Defect"),
		"suspect_area": _("Suspect Part Area"),
		"temporary_measures": _("Temporary Measures"),
		"breakpoint": _("Breakpoint"),
		"customer_communication": _("Result with the Customer"),
		"preliminary_cause": _("Preliminary Cause"),
		"photo": _("Photo"),
		"send": _("Send"),
		"cancel": _("Cancel"),
		"time_left": _("Time left to send"),
		"overdue": _("The 15 minutes are over"),
		"queued": _("Waiting for the network"),
		"sending": _("Sending"),
		"sent": _("Sent"),
		"refused": _("Refused"),
		"retry": _("Send again"),
		"discard": _("Discard"),
		"offline": _("Offline: captures are kept on this phone and sent when the network is back"),
		"online": _("Online"),
		"offline_short": _("Offline"),
		"outbox": _("On this phone"),
		"open_problems": _("My Open Problems"),
		"slips_waiting": _("Slips Waiting for the SQE"),
		"nothing": _("Nothing"),
		"choose": _("Choose"),
		"missing": _("Fill in: {0}"),
		"login_again": _("Your session has ended: log in again, the captures stay on this phone"),
		"desk": _("Desk"),
		"landing_page": _("Open this page after login"),
		"first_report": _("First Reported At"),
		"just_now": _("Just now"),
		"minutes_ago": _("{0} min ago"),
		"no_parts": _(
			"No parts at this site yet. The customer's parts are the Items that carry the customer's "
			"part number (Item, Customer Items table), kept by an Item Manager; a CS Engineer or CS "
			"Manager adds where a part goes on line as a Customer Part."
		),
	}


class CapturePage:
	"""Page renderer (hooks.page_renderer) of ``/cs`` and its service worker ``/cs/sw.js``:
	the worker must be served from ``/cs`` to control the page, with a JavaScript type."""

	def __init__(self, path=None, http_status_code=None):
		self.path = (path or "").strip("/")
		self.http_status_code = http_status_code or 200

	def can_render(self) -> bool:
		return self.path in (PAGE_ROUTE, WORKER_ROUTE)

	def render(self):
		if self.path == WORKER_ROUTE:
			script = frappe.read_file(frappe.get_app_path("cs_service", "public", "capture", "sw.js"))
			response = Response(script, mimetype="application/javascript")
			response.headers["Service-Worker-Allowed"] = "/cs"
			response.headers["Cache-Control"] = "no-cache"
			return response
		if frappe.session.user == "Guest":
			response = Response(status=302)
			response.headers["Location"] = "/login?redirect-to=/cs"
			return response
		html = frappe.render_template(
			"cs_service/templates/pages/capture.html",
			{
				"lang": frappe.local.lang or "zh",
				"messages": json.dumps(_page_messages(), ensure_ascii=False),
				"csrf_token": frappe.sessions.get_csrf_token(),
				"user": frappe.session.user,
				"title": _("Quick Capture"),
				# the site's icon, as Frappe's pages show it (without one the browser asks for
				# /favicon.ico: a 404 in the console of every visit)
				"favicon": frappe.db.get_single_value("Website Settings", "favicon")
				or "/assets/frappe/images/frappe-favicon.svg",
			},
		)
		response = Response(html, mimetype="text/html")
		response.headers["Cache-Control"] = "no-cache"
		return response
