"""The outsiders' allowlist decides on the request alone (R-CT-9, R-US-2): a customer's SQE
reaches the portal, login, logout and the password pages; everything else is refused, and the
desk and the website's home lead to the portal."""

import pytest

from cs_service.access.allowlist import ALLOW, ALLOWED_METHODS, PORTAL, REFUSE, classify


def resolve(name: str) -> str:
	"""Frappe's resolution of a method name, without overrides."""
	return name if "." in name else f"frappe.handler.{name}"


def verdict(path: str, cmd: str | None = None) -> str:
	return classify(path, cmd, resolve)


@pytest.mark.parametrize(
	"path",
	[
		"/sqe",
		"/sqe/",
		"/sqe/suspect-part-slip/SPS-2026-00001",
		"/login",
		"/update-password",
		"/api/method/login",
		"/api/v1/method/login",
		"/api/v2/method/login",
		"/api/method/logout",
		"/api/method/web_logout",
		"/api/method/cs_service.pages.portal.api.pending",
		"/api/v2/method/cs_service.pages.portal.api.sign",
		"/api/method/frappe.core.doctype.user.user.reset_password",
	],
)
def test_the_portal_login_and_password_are_open(path):
	assert verdict(path) == ALLOW


@pytest.mark.parametrize("path", ["/", "/app", "/app/", "/app/suspect-part-slip", "/desk", "/me"])
def test_the_desk_and_the_home_lead_to_the_portal(path):
	assert verdict(path) == PORTAL


@pytest.mark.parametrize(
	"path",
	[
		"/api/method/frappe.desk.search.search_link",
		"/api/method/frappe.desk.search.search_widget",
		"/api/method/frappe.utils.global_search.search",
		"/api/method/frappe.client.get_count",
		"/api/method/frappe.client.validate_link",
		"/api/method/frappe.desk.listview.get_group_by_count",
		"/api/method/frappe.desk.doctype.number_card.number_card.get_result",
		"/api/method/upload_file",
		"/api/v2/method/upload_file",
		"/api/method/run_doc_method",
		"/api/method/erpnext.stock.get_item_details.get_item_details",
		"/api/method/frappe.desk.query_report.run",
		"/api/resource/File",
		"/api/resource/Customer Credit Limit",
		"/api/resource/Suspect Part Slip/SPS-2026-00001",
		"/api/v2/document/Suspect Part Slip/SPS-2026-00001",
		"/api/v2/doctype/Customer/count",
		"/api/v2/method/Suspect Part Slip/submit",
		"/api/method/cs_service.pages.portal.api",
		"/api/method/cs_service.pages.portal.api.pending.__globals__",
		"/printview",
		"/private/files/photo.jpg",
		"/list",
		"/orders",
		"/sqe/../app",
		"/sqe//../printview",
		"/contact",
		"/api",
	],
)
def test_everything_else_is_refused(path):
	assert verdict(path) == REFUSE


def test_the_legacy_cmd_parameter_is_judged_whatever_the_path():
	assert verdict("/sqe", cmd="frappe.client.get_list") == REFUSE
	assert verdict("/api/method/cs_service.pages.portal.api.pending", cmd="frappe.client.get_list") == REFUSE
	assert verdict("/", cmd="logout") == ALLOW


def test_a_method_is_judged_by_the_code_that_runs_for_it():
	"""An override that points a listed name at other code is not allowed, and a name that
	Frappe maps to a listed function is."""
	assert classify("/api/method/login", None, lambda name: "somewhere.else") == REFUSE
	assert classify("/api/method/x.y", None, lambda name: "frappe.handler.logout") == ALLOW


def test_the_allowlist_is_short_and_names_no_generic_endpoint():
	generic = ("frappe.client.", "frappe.desk.", "frappe.model.", "erpnext.", "frappe.utils.")
	assert not [m for m in ALLOWED_METHODS if m.startswith(generic)]
	assert len(ALLOWED_METHODS) <= 20
