"""The one allowlist of what an outsider (a customer's SQE) may reach (R-CT-9, R-US-2).

Everything not listed here is refused to an outsider by the gate (:mod:`cs_service.access.gate`).
The list is unconditional: nothing is allowed because some other check would hold. No frappe
import: :func:`decide` is a pure function of the request's path (and Frappe's legacy ``cmd``
parameter), unit-tested in tests/unit/test_gate_rules.py; the caller passes ``resolve``, which
turns a method name into the dotted path of the code Frappe runs for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PORTAL_ROUTE = "sqe"

# ---------------------------------------------------------------- the allowlist

# Whitelisted methods an outsider may call, by the dotted path of the code that runs (after
# ``override_whitelisted_methods``): logging in and out, the password and its reset, the
# workflow e-mail's links (which only lead to the portal, cs_service.containment.signoff) and the portal's
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
		"cs_service.containment.signoff.apply_action",
		"cs_service.containment.signoff.confirm_action",
		# the SQE portal
		"cs_service.pages.portal.api.pending",
		"cs_service.pages.portal.api.document",
		"cs_service.pages.portal.api.photo",
		"cs_service.pages.portal.api.sign",
		"cs_service.pages.portal.api.return_for_correction",
		"cs_service.pages.portal.api.acknowledge",
		"cs_service.pages.portal.api.signed",
		"cs_service.pages.portal.api.open_problems",
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

ALLOW, REFUSE, PORTAL = "allow", "refuse", "portal"

# Frappe's v1 routes run the path's first segment after /method/; v2 routes a single segment
# (a second one names a DocType's controller module, which is never allowed).
API_METHOD = re.compile(r"/api/(?:v1/)?method/(?P<method>[^/]+)(?:/.*)?")
API_V2_METHOD = re.compile(r"/api/v2/method/(?P<method>[^/]+)/?")
DOT_SEGMENT = re.compile(r"(^|/)\.\.?(/|$)")


def classify(path: str, cmd=None, resolve: Callable[[str], str] = str) -> str:
	"""What the gate does with an outsider's request of ``path`` (and the legacy ``cmd``
	parameter, which Frappe runs whatever the path): ALLOW, PORTAL (a redirect) or REFUSE.

	A path with a dot segment (``/sqe/../app``), a doubled slash or a character that is not
	printable is refused: the website's router joins the path to its folders, so ``sqe/..``
	could reach another page than the portal's."""
	if cmd:
		return ALLOW if isinstance(cmd, str) and resolve(cmd) in ALLOWED_METHODS else REFUSE
	if not isinstance(path, str) or not path.isprintable() or DOT_SEGMENT.search(path):
		return REFUSE
	if path.startswith("/api/"):
		match = API_V2_METHOD.fullmatch(path) or API_METHOD.fullmatch(path)
		return ALLOW if match and resolve(match.group("method")) in ALLOWED_METHODS else REFUSE
	route = path.strip("/")
	if "//" in route:
		return REFUSE
	if TO_PORTAL.fullmatch(route):
		return PORTAL
	if route in ALLOWED_PAGES or PORTAL_PAGES.fullmatch(route):
		return ALLOW
	return REFUSE
