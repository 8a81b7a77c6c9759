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

# Allowlisted names that are no function: Frappe logs in in ``frappe.auth`` (for ``cmd=login`` or
# ``/api/method/login``) before routing, and ``frappe.handler.handle`` runs nothing for it.
NOT_FUNCTIONS = {"frappe.handler.login": "/api/method/login"}

# Web pages an outsider may open (the route, and below it for the portal): the portal, the
# login page (which sends a logged-in user home), the password pages and the website's script
# that Frappe's own login and password pages load.
ALLOWED_PAGES = frozenset({"login", "update-password", "qrcode", "website_script.js"})
PORTAL_PAGES = re.compile(rf"{PORTAL_ROUTE}(/.*)?")

# Where an outsider is sent instead of refused: the desk and the website's home lead to the portal.
TO_PORTAL = re.compile(r"|app|app/.*|desk|desk/.*|me|index|index\.html")

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

	def get_response(self, environ=None, scope=None):
		return redirect(f"/{PORTAL_ROUTE}", 302)


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
		raise ToPortal()
	refuse()


ALLOW, REFUSE, PORTAL = "allow", "refuse", "portal"

# Frappe's v1 routes run the path's first segment after /method/; v2 routes a single segment
# (a second one names a DocType's controller module, which is never allowed).
API_METHOD = re.compile(r"/api/(?:v1/)?method/(?P<method>[^/]+)(?:/.*)?")
API_V2_METHOD = re.compile(r"/api/v2/method/(?P<method>[^/]+)/?")
DOT_SEGMENT = re.compile(r"(^|/)\.\.?(/|$)")


def decide(path: str, cmd=None) -> str:
	"""What the gate does with an outsider's request of ``path`` (and the legacy ``cmd``
	parameter, which Frappe runs whatever the path): ALLOW, PORTAL (a redirect) or REFUSE.

	A path with a dot segment (``/sqe/../app``) or a character that is not printable is
	refused: the website's router joins the path to its folders, so ``sqe/..`` could reach
	another page than the portal's."""
	if cmd:
		return ALLOW if isinstance(cmd, str) and allowed_method(cmd) else REFUSE
	if not isinstance(path, str) or not path.isprintable() or DOT_SEGMENT.search(path):
		return REFUSE
	if path.startswith("/api/"):
		match = API_V2_METHOD.fullmatch(path) or API_METHOD.fullmatch(path)
		return ALLOW if match and allowed_method(match.group("method")) else REFUSE
	route = path.strip("/")
	if TO_PORTAL.fullmatch(route):
		return PORTAL
	if route in ALLOWED_PAGES or PORTAL_PAGES.fullmatch(route):
		return ALLOW
	return REFUSE


def resolved_method(name: str) -> str:
	"""The dotted path of the code Frappe runs for the method ``name`` (as
	``frappe.handler.execute_cmd`` resolves it: the last override, a bare name in
	``frappe.handler``)."""
	name = frappe.override_whitelisted_method(name)
	return name if "." in name else f"frappe.handler.{name}"


def allowed_method(name: str) -> bool:
	return resolved_method(name) in ALLOWED_METHODS


def refuse():
	frappe.throw(_("This is not available to you."), OutsiderRefused, title=_("Not Permitted"))
