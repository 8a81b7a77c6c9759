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

ALLOW, REFUSE, PORTAL = "allow", "refuse", "portal"

API_METHOD = re.compile(r"^/api/(?:v1/)?method/(?P<method>[^/]+)(?:/.*)?$")
API_V2_METHOD = re.compile(r"^/api/v2/method/(?P<method>[^/]+)/?$")


def decide(path: str, cmd: str | None = None, resolve: Callable[[str], str] = str) -> str:
	"""What the gate does with an outsider's request of ``path`` (and the legacy ``cmd``
	parameter, which Frappe runs whatever the path): ALLOW, PORTAL (a redirect) or REFUSE."""
	if cmd:
		return ALLOW if resolve(cmd) in ALLOWED_METHODS else REFUSE
	if path.startswith("/api/"):
		match = API_V2_METHOD.match(path) or API_METHOD.match(path)
		return ALLOW if match and resolve(match.group("method")) in ALLOWED_METHODS else REFUSE
	route = path.strip("/")
	if "//" in route or ".." in route.split("/"):
		return REFUSE  # nothing of ours needs them; they only serve to reach another route
	if TO_PORTAL.match(route):
		return PORTAL
	if route in ALLOWED_PAGES or PORTAL_PAGES.match(route):
		return ALLOW
	return REFUSE
