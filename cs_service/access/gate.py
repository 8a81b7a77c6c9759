"""The outsiders' gate: a customer's SQE reaches the SQE portal and nothing else (R-CT-9, R-US-2).

Customer SQE users are people of car makers that compete with each other. They are Website
Users (the Customer SQE role has no desk access) and work in the portal ``/sqe``
(:mod:`cs_service.pages.portal`). Scoping each DocType holds only where Frappe calls the scope's
hooks; Frappe's and ERPNext's generic endpoints do not call them. So every request of an
outsider is refused unless it is on the one allowlist (:mod:`cs_service.access.allowlist`),
which is unconditional: nothing is allowed because some other check would hold.

:func:`gate` is an ``auth_hooks`` hook: Frappe runs it in ``frappe.auth.validate_auth()``
after every way of logging in (session cookie, API key and secret, OAuth bearer token) and
before the request is routed, for ``/api/*``, ``/app``, ``/printview``, ``/private/files``,
uploads and web pages alike. A refusal is HTTP 403 with a translated message that names
nothing; ``/app`` and the website's home send the outsider to the portal.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import frappe
from frappe import _
from werkzeug.exceptions import HTTPException
from werkzeug.utils import redirect

from cs_service.access import allowlist
from cs_service.access.allowlist import ALLOW, PORTAL, PORTAL_ROUTE
from cs_service.access.roles import is_outsider

# ---------------------------------------------------------------- who


class OutsiderRefused(frappe.PermissionError):
	http_status_code = 403


class ToPortal(HTTPException):
	"""A redirect raised from the gate (the request is not routed any further)."""

	code = 302

	def __init__(self, location: str = f"/{PORTAL_ROUTE}"):
		super().__init__()
		self.location = location

	def get_response(self, environ=None, scope=None):
		return redirect(self.location, 302)


# ---------------------------------------------------------------- the gate


def gate():
	"""auth_hooks: refuse every request of an outsider that is not on the allowlist."""
	if not is_outsider():
		return
	request = frappe.local.request
	verdict = decide(request.path, frappe.local.form_dict.get("cmd"))
	if verdict == ALLOW:
		return
	if verdict == PORTAL and request.method in ("GET", "HEAD"):
		raise ToPortal(portal_location(request.path))
	_refuse()


def decide(path: str, cmd=None) -> str:
	"""The allowlist's verdict on a request, its methods resolved as Frappe resolves them."""
	return allowlist.classify(path, cmd, resolved_method)


DESK_FORM = re.compile(r"^/app/(?P<route>[a-z0-9-]+)/(?P<name>[^/]+)/?$")


def portal_location(path: str) -> str:
	"""Where the portal shows what an outsider opened in the desk: a document's form (the link
	of Frappe's workflow e-mail) is its portal page, which judges whether they may see it;
	anything else is the portal's home."""
	from cs_service.pages.portal.records import SLUG_OF, portal_url

	match = DESK_FORM.match(path or "")
	if match:
		for doctype in SLUG_OF:
			if frappe.scrub(doctype).replace("_", "-") == match.group("route"):
				return portal_url(doctype, unquote(match.group("name")))
	return f"/{PORTAL_ROUTE}"


def resolved_method(name: str) -> str:
	"""The dotted path of the code Frappe runs for the method ``name`` (as
	``frappe.handler.execute_cmd`` resolves it: the last override, a bare name in
	``frappe.handler``)."""
	name = frappe.override_whitelisted_method(name)
	return name if "." in name else f"frappe.handler.{name}"


def _refuse():
	frappe.throw(_("This is not available to you."), OutsiderRefused, title=_("Not Permitted"))
