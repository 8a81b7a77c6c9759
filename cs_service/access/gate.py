"""The outsiders' gate: a customer's SQE reaches the SQE portal and nothing else (R-CT-9, R-US-2).

Customer SQE users are people of car makers that compete with each other. They are Website
Users (the Customer SQE role has no desk access) and work in the portal ``/sqe``
(:mod:`cs_service.portal`). Scoping each DocType holds only where Frappe calls the scope's
hooks; Frappe's and ERPNext's generic endpoints do not call them. So every request of an
outsider is refused unless it is on the allowlist below -- one list, in this module, and
unconditional: nothing is allowed because some other check would hold.

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

from cs_service.roles import CUSTOMER_SQE

PORTAL_ROUTE = "sqe"

# ---------------------------------------------------------------- the allowlist

# Whitelisted methods an outsider may call, by the dotted path of the code that runs (after
# ``override_whitelisted_methods``): logging in and out, the password and its reset, the
# workflow e-mail's links (which only lead to the portal, cs_service.signoff) and the portal's
# own methods (each checks the record's customer against the user's, on the server).
ALLOWED_METHODS = frozenset(
	{
		# login (also the second step of two-factor authentication) and logout
		"frappe.handler.login",
		"frappe.handler.logout",
		"frappe.handler.web_logout",
		# the password: change, strength, reset by e-mail
		"frappe.core.doctype.user.user.update_password",
		"frappe.core.doctype.user.user.test_password_strength",
		"frappe.core.doctype.user.user.reset_password",
		# the workflow e-mail's links: to the document's portal page, nothing else
		"cs_service.signoff.apply_action",
		"cs_service.signoff.confirm_action",
		# the SQE portal
		"cs_service.portal.api.pending",
		"cs_service.portal.api.document",
		"cs_service.portal.api.photo",
		"cs_service.portal.api.sign",
		"cs_service.portal.api.return_for_correction",
		"cs_service.portal.api.acknowledge",
		"cs_service.portal.api.signed",
		"cs_service.portal.api.open_problems",
	}
)

# Web pages an outsider may open (the route, and below it for the portal): the portal, the
# login page (which sends a logged-in user home), the password pages and the website's script
# that Frappe's own login and password pages load.
ALLOWED_PAGES = frozenset({"login", "update-password", "qrcode", "website_script.js"})
PORTAL_PAGES = re.compile(rf"^{PORTAL_ROUTE}(/.*)?$")

# Where an outsider is sent instead of refused: the desk and the website's home lead to the portal.
TO_PORTAL = re.compile(r"^(|app|app/.*|desk|desk/.*|me|index|index\.html)$")

# ---------------------------------------------------------------- who


def is_outsider(user: str | None = None) -> bool:
	"""A user holding the Customer SQE role. The role and our internal roles exclude each other
	(:func:`check_roles_exclusive`); should a user still hold both, the gate counts them as an
	outsider: refusing is the default."""
	user = user or frappe.session.user
	if not user or user in ("Guest", "Administrator"):
		return False
	return CUSTOMER_SQE in frappe.get_roles(user)


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
	refuse()


ALLOW, REFUSE, PORTAL = "allow", "refuse", "portal"

API_METHOD = re.compile(r"^/api/(?:v1/)?method/(?P<method>[^/]+)(?:/.*)?$")
API_V2_METHOD = re.compile(r"^/api/v2/method/(?P<method>[^/]+)/?$")


def decide(path: str, cmd: str | None = None) -> str:
	"""What the gate does with an outsider's request of ``path`` (and the legacy ``cmd``
	parameter, which Frappe runs whatever the path): ALLOW, PORTAL (a redirect) or REFUSE."""
	if cmd:
		return ALLOW if allowed_method(cmd) else REFUSE
	if path.startswith("/api/"):
		match = API_V2_METHOD.match(path) or API_METHOD.match(path)
		return ALLOW if match and allowed_method(match.group("method")) else REFUSE
	route = path.strip("/")
	if TO_PORTAL.match(route):
		return PORTAL
	if route in ALLOWED_PAGES or PORTAL_PAGES.match(route):
		return ALLOW
	return REFUSE


DESK_FORM = re.compile(r"^/app/(?P<route>[a-z0-9-]+)/(?P<name>[^/]+)/?$")


def portal_location(path: str) -> str:
	"""Where the portal shows what an outsider opened in the desk: a document's form (the link
	of Frappe's workflow e-mail) is its portal page, which judges whether they may see it;
	anything else is the portal's home."""
	from cs_service.portal.records import SLUG_OF, portal_url

	match = DESK_FORM.match(path or "")
	if match:
		for doctype in SLUG_OF:
			if frappe.scrub(doctype).replace("_", "-") == match.group("route"):
				return portal_url(doctype, unquote(match.group("name")))
	return f"/{PORTAL_ROUTE}"


def resolved_method(name: str) -> str:
	"""The dotted path of the code Frappe runs for the method ``name``."""
	name = frappe.override_whitelisted_method((name or "").strip())
	return name if "." in name else f"frappe.handler.{name}"


def allowed_method(name: str) -> bool:
	return resolved_method(name) in ALLOWED_METHODS


def refuse():
	frappe.throw(_("This is not available to you."), OutsiderRefused, title=_("Not Permitted"))
