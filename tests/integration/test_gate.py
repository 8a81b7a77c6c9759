"""The outsiders' gate decides by the request alone (R-CT-9, R-US-2).

``decide`` is what the gate does with a path (and Frappe's legacy ``cmd``); it needs the site's
hooks (``override_whitelisted_methods``), so it is tested here. The sweep
(test_customer_boundary_sweep.py) sends the requests themselves.
"""

from __future__ import annotations

import frappe
import pytest

from cs_service.access import allowlist
from cs_service.access.allowlist import ALLOW, PORTAL, REFUSE
from cs_service.access.gate import decide


@pytest.mark.parametrize(
	"path, cmd, verdict",
	[
		# logging in and out, the password
		("/api/method/login", None, ALLOW),
		("/api/method/logout", None, ALLOW),
		("/api/method/frappe.handler.logout", None, ALLOW),
		("/api/v1/method/frappe.core.doctype.user.user.update_password", None, ALLOW),
		("/api/v2/method/login", None, ALLOW),
		("/", "login", ALLOW),
		# the workflow e-mail's link, through its override
		("/api/method/frappe.workflow.doctype.workflow_action.workflow_action.confirm_action", None, ALLOW),
		# everything else of the API
		("/api/method/frappe.client.get_list", None, REFUSE),
		("/api/method/upload_file", None, REFUSE),
		("/api/method/frappe.desk.search.search_link", None, REFUSE),
		("/api/method/run_doc_method", None, REFUSE),
		("/api/method/", None, REFUSE),
		("/api/v2/method/User/update_password", None, REFUSE),  # a controller's module: never
		("/api/v2/method/upload_file", None, REFUSE),
		("/api/resource/Quality Feedback Sheet", None, REFUSE),
		("/api/v2/document/File", None, REFUSE),
		("/api/v2/doctype/Customer/count", None, REFUSE),
		# the legacy cmd runs whatever the path
		("/sqe", "frappe.client.get_list", REFUSE),
		("/api/method/login", "frappe.client.get_list", REFUSE),
		("/api/method/frappe.client.get_list", "login", ALLOW),  # Frappe runs the cmd, login
		("/", ["login"], REFUSE),
		# pages: the desk and the home lead to the portal
		("/", None, PORTAL),
		("/app", None, PORTAL),
		("/app/quality-feedback-sheet/QFS-1", None, PORTAL),
		("/me", None, PORTAL),
		("/sqe", None, ALLOW),
		("/sqe/slip/SPS-1", None, ALLOW),
		("/login", None, ALLOW),
		("/update-password", None, ALLOW),
		("/printview", None, REFUSE),
		("/private/files/photo.png", None, REFUSE),
		("/files/photo.png", None, REFUSE),
		("/backups/x.sql.gz", None, REFUSE),
		("/list", None, REFUSE),
		("/sqe.json", None, REFUSE),
		("/sqex", None, REFUSE),
		# a dot segment or an unprintable character: the router could reach another page
		("/sqe/../printview", None, REFUSE),
		("/sqe/./slip", None, REFUSE),
		("/sqe/..", None, REFUSE),
		("/sqe\n", None, REFUSE),
		("/api/method/login/../frappe.client.get", None, REFUSE),
	],
)
def test_the_gate_decides_by_the_request(path, cmd, verdict):
	assert decide(path, cmd) == verdict


def test_every_allowlisted_method_is_a_whitelisted_function_on_the_site():
	"""The allowlist names functions Frappe would run: whitelisted, at their dotted path (the
	portal's included, which the SQE portal branch brings)."""
	import importlib

	missing = []
	for path in sorted(allowlist.ALLOWED_METHODS):
		if path in allowlist.NOT_FUNCTIONS:
			continue
		module, _dot, name = path.rpartition(".")
		try:
			fn = getattr(importlib.import_module(module), name)
		except (ImportError, AttributeError):
			missing.append(f"{path}: no such function")
			continue
		if fn not in frappe.whitelisted:
			missing.append(f"{path}: not whitelisted")
	assert missing == []


def test_an_allowlisted_method_is_not_overridden_away():
	"""An override of an allowlisted method would run other code under the allowed name."""
	overridden = {
		path: frappe.override_whitelisted_method(path)
		for path in allowlist.ALLOWED_METHODS
		if frappe.override_whitelisted_method(path) != path
	}
	assert overridden == {}
