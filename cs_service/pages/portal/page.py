"""The page renderer of the SQE portal ``/sqe`` (hooks.page_renderer; R-CT-9, R-US-2).

Routes::

    /sqe                      what waits for the SQE (home of the Customer SQE role)
    /sqe/signed               what they signed or acknowledged
    /sqe/problems             their customer's open problems
    /sqe/<slug>/<name>        one document as it was sent, and its actions
                              (slug: slip, confirmation, 8d)

Made for a phone on a slow network: every page is **one request** -- the data is rendered on
the server, the styles and the script (``cs_service/public/portal/``, read once per process)
and the photos' thumbnails are inlined. The words are the user's language (Chinese or English).
A guest is sent to Frappe's login, which comes back here; one of our own users opening a
document's link is sent to the document in the desk.
"""

from __future__ import annotations

import functools
import gzip
import json
from urllib.parse import quote, unquote

import frappe
from frappe import _
from markupsafe import Markup
from werkzeug.wrappers import Response

from cs_service.access.roles import is_outsider
from cs_service.pages.portal import records, views

ROUTE = "sqe"
TEMPLATE = "templates/pages/sqe_portal.html"
VIEWS = {"": "pending", "signed": "signed", "problems": "problems"}


@functools.cache
def _asset(name: str) -> Markup:
	"""A file of ``public/portal``, read once per process, inlined into the page."""
	return Markup(frappe.read_file(frappe.get_app_path("cs_service", "public", "portal", name)) or "")


@functools.cache
def _environment():
	"""The portal's Jinja environment, made once per process (Frappe makes its own for every
	request and compiles the template again): the app's templates, HTML escaping on --
	everything a page shows of a record is escaped --, and Frappe's ``_`` (the user's language
	at the time of rendering)."""
	from jinja2 import Environment, FileSystemLoader

	environment = Environment(loader=FileSystemLoader(frappe.get_app_path("cs_service")), autoescape=True)
	environment.globals["_"] = _
	return environment


def render(template: str, context: dict) -> str:
	"""``template`` (a path below the app's package, e.g. ``templates/pages/…``) rendered."""
	return _environment().get_template(template).render(context)


def resolve_path(path: str) -> str:
	"""hooks.website_path_resolver: the portal's routes are the portal's, without Frappe building
	the website's route map (a werkzeug Map of every route rule, made again for every request:
	a third of a portal page's time on the server); every other path is resolved by Frappe,
	whose redirects (a route rule's trailing slash) stay redirects."""
	path = (path or "").strip("/ ")
	if path == ROUTE or path.startswith(ROUTE + "/"):
		frappe.local.path = path
		return path
	from frappe.website.path_resolver import resolve_path as frappe_resolve_path
	from werkzeug.routing.exceptions import RequestRedirect

	try:
		return frappe_resolve_path(path)
	except RequestRedirect as redirect:
		frappe.flags.redirect_location = redirect.new_url
		raise frappe.Redirect(redirect.code) from redirect


def _page_messages() -> dict[str, str]:
	"""The script's words, in the user's language."""
	return {
		"confirm": _("Confirm"),
		"cancel": _("Cancel"),
		"sending": _("Sending..."),
		"failed": _("That did not work: try again."),
		"offline": _("No network: try again when the phone is online."),
		"confirm_sign": _("Sign {0}? Your signature confirms the document as shown on this page."),
		"confirm_return": _("Return {0} to our engineer for correction?"),
		"confirm_acknowledge": _("Acknowledge {0}?"),
		"remarks_required": _("{0}: say what must be corrected").format(_("SQE Remarks")),
		"verdict_required": _("{0}: choose one").format(_("SQE Verdict")),
		"close": _("Close"),
	}


class SQEPortalPage:
	"""``/sqe`` and the pages below it."""

	def __init__(self, path=None, http_status_code=None):
		self.path = (path or "").strip("/")
		self.http_status_code = http_status_code or 200

	def can_render(self) -> bool:
		return self.path == ROUTE or self.path.startswith(ROUTE + "/")

	def render(self):
		user = frappe.session.user
		sub = self.path[len(ROUTE) :].strip("/")
		if user == "Guest":
			target = frappe.local.request.full_path if getattr(frappe.local, "request", None) else "/sqe"
			return _redirect("/login?redirect-to=" + quote(target.rstrip("?"), safe=""))
		slug, _sep, name = sub.partition("/")
		doctype = records.SLUGS.get(slug) if name else None
		if not is_outsider(user):
			if doctype:  # one of ours, from a link of the portal: the document in the desk
				return _redirect(
					f"/app/{frappe.scrub(doctype).replace('_', '-')}/{quote(unquote(name), safe='')}"
				)
			return self.message(_("The SQE portal is for the customers' SQE users."), status=403, desk=True)
		customers = records.portal_customers()
		if doctype:
			return self.document(doctype, unquote(name), customers)
		if sub in VIEWS:
			return getattr(self, VIEWS[sub])(customers)
		return self.message(_("This page does not exist."), status=404)

	# ------------------------------------------------------------ views

	def pending(self, customers):
		lists = records.pending_entries(customers)
		returned = records.returned(frappe.form_dict.get("returned"), customers)
		notice = _("{0} was returned for correction.").format(returned) if returned else ""
		return self.page(
			"pending",
			_("Waiting for Me"),
			groups=[
				{"title": _("Suspect Part Slips"), "entries": lists["slips"], "testid": "slips"},
				{
					"title": _("Service Confirmation Sheets"),
					"entries": lists["confirmations"],
					"testid": "confirmations",
				},
				{"title": _("8D Reports to Acknowledge"), "entries": lists["eight_d"], "testid": "eight-d"},
			],
			count=sum(len(v) for v in lists.values()),
			notice=notice,
		)

	def signed(self, customers):
		return self.page(
			"signed", _("Signed by Me"), entries=records.signed_entries(frappe.session.user, customers)
		)

	def problems(self, customers):
		return self.page("problems", _("Open Problems"), problems=records.open_problem_entries(customers))

	def document(self, doctype, name, customers):
		try:
			view = views.document_view(doctype, name, customers)
		except records.NotAvailable:
			frappe.clear_messages()
			return self.message(_("This document is not available to you."), status=404)
		done = frappe.form_dict.get("done")
		notice = {
			"signed": _("Signed. Thank you."),
			"acknowledged": _("Acknowledged. Thank you."),
		}.get(done if isinstance(done, str) else "", "")
		return self.page("document", f"{view['doctype_label']} {view['name']}", doc=view, notice=notice)

	def message(self, text: str, status: int = 200, desk: bool = False):
		return self.page("message", _("SQE Portal"), text=text, desk=desk, status=status)

	# ------------------------------------------------------------ the page

	def page(self, view: str, title: str, status: int = 200, **context):
		user = frappe.session.user
		html = render(
			TEMPLATE,
			{
				"view": view,
				"page_title": title,
				"lang": frappe.local.lang or "zh",
				"css": _asset("portal.css"),
				"script": _asset("portal.js"),
				"csrf_token": frappe.sessions.get_csrf_token() if user != "Guest" else "",
				"messages": json.dumps(_page_messages(), ensure_ascii=False),
				"user_name": frappe.db.get_value("User", user, "full_name") or user,
				**context,
			},
		)
		response = Response(html, status=status, mimetype="text/html")
		if "gzip" in (frappe.get_request_header("Accept-Encoding") or ""):
			# a slow phone network counts every byte (a web server in front keeps it as it is)
			response.set_data(gzip.compress(response.get_data(), compresslevel=6))
			response.headers["Content-Encoding"] = "gzip"
			response.headers["Vary"] = "Accept-Encoding"
		response.headers["Cache-Control"] = "no-store"
		response.headers["X-Content-Type-Options"] = "nosniff"
		response.headers["Referrer-Policy"] = "same-origin"
		return response


def _redirect(location: str) -> Response:
	response = Response(status=302)
	response.headers["Location"] = location
	response.headers["Cache-Control"] = "no-store"
	return response
