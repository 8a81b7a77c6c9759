"""The desk of each role on a real site (R-US-1, R-US-2, R-CT-9, R-FB-2, R-FB-4):
homes, what an outsider finds of other people and of our internal measures, the SQE told
under the bell, documents made from a feedback sheet without retyping."""

import frappe
import pytest

from cs_service.access.roles import NotForCustomerUsers
from cs_service.cs_service.doctype.quality_feedback_sheet.quality_feedback_sheet import QFS
from cs_service.integrations.desk import home, overrides
from cs_service.planning.sites import UnknownShopOrStation
from tests.integration.clock import frozen
from tests.integration.factories import (
	make_customer,
	make_feedback,
	make_site,
	make_slip,
	make_user,
	set_settings,
)
from tests.integration.outsider import assert_no_right

A, B = "CS Desk Customer A", "CS Desk Customer B"
INTERNAL_FIELDS = ("sent_at", "timeliness", "tracking_status", "preliminary_cause", "deadline")


@pytest.fixture
def people():
	engineer = make_user("cs-desk-engineer", "CS Engineer")
	sqe_a = make_user("cs-desk-sqe-a", "Customer SQE")
	sqe_b = make_user("cs-desk-sqe-b", "Customer SQE")
	site_a = make_site(make_customer(A), engineers=[engineer], sqe_users=[sqe_a])
	site_a.append("stations", {"shop": "Final Assembly", "section": "Doors", "station": "FA-12"})
	site_a.save()
	make_site(make_customer(B), sqe_users=[sqe_b])
	set_settings()
	return frappe._dict(engineer=engineer, sqe_a=sqe_a, sqe_b=sqe_b, site_a=site_a.name)


# ---------------------------------------------------------------- homes


def test_our_staff_land_on_the_customer_service_workspace(people):
	assert frappe.db.get_value("User", people.engineer, "default_workspace") == home.CS_HOME
	manager = make_user("cs-desk-manager", "CS Manager", "QA Engineer")
	assert frappe.db.get_value("User", manager, "default_workspace") == home.CS_HOME
	assert not frappe.db.get_value("User", manager, "module_profile")


def test_a_home_chosen_by_the_user_is_kept(people):
	user = frappe.get_doc("User", people.engineer)
	user.default_workspace = "Home"
	user.save()
	assert frappe.db.get_value("User", people.engineer, "default_workspace") == "Home"


def test_the_customer_sqe_is_a_website_user_whose_home_is_the_portal(people, boundary):
	"""No desk for an outsider, no workspace or module profile of theirs; their home is
	the SQE portal, and /app sends them there."""
	from frappe.website.utils import get_home_page

	user = frappe.get_doc("User", people.sqe_a)
	assert user.user_type == "Website User"
	assert (user.default_workspace, user.module_profile, user.block_modules) == (None, None, [])
	assert not frappe.db.exists("Workspace", home.OLD_SQE_HOME)
	assert not frappe.db.exists("Module Profile", home.OLD_SQE_MODULE_PROFILE)
	frappe.set_user(people.sqe_a)
	assert get_home_page() == "sqe"
	w = boundary
	for path in ("/app", "/app/quality-feedback-sheet", "/"):
		response = w.server.request("GET", path, w.credentials[w.sqe_a], allow_redirects=False)
		assert (response.status_code, response.headers.get("Location", "").rstrip("/")[-4:]) == (302, "/sqe")


def test_an_sqe_who_becomes_one_of_ours_changes_sides_whole(people):
	"""The roles exclude each other: adding ours to an SQE is refused; once the SQE role is
	taken away the user is one of ours, with our home."""
	user = frappe.get_doc("User", make_user("cs-desk-sqe-turned", "Customer SQE"))
	with pytest.raises(home.RolesExcludeEachOther, match="CS Engineer"):
		user.add_roles("CS Engineer")
	user = frappe.get_doc("User", user.name)
	user.set("roles", [{"role": "CS Engineer"}])
	user.save()
	user.reload()
	assert user.user_type == "System User"
	assert user.default_workspace == home.CS_HOME


# ---------------------------------------------------------------- other people


def test_an_sqe_finds_no_other_user(people):
	frappe.set_user(people.sqe_a)
	assert frappe.get_list("User", pluck="name", limit=100) == [people.sqe_a]
	assert not frappe.has_permission("User", "read", doc=frappe.get_doc("User", people.sqe_b))
	assert not frappe.has_permission("User", "select", doc=frappe.get_doc("User", people.engineer))
	assert overrides.get_names_for_mentions("cs") == []
	assert set(overrides.get_leaderboard_config()) <= {"User"}
	with pytest.raises(NotForCustomerUsers):
		overrides.get_all_customers("", "", "total_sales_amount")


def test_our_staff_still_find_users_and_the_leaderboards(people):
	frappe.set_user(people.engineer)
	assert people.sqe_a in frappe.get_list("User", pluck="name", limit=1000)
	assert "Customer" in overrides.get_leaderboard_config()


# ---------------------------------------------------------------- our internal measures


def test_the_sqe_gets_nothing_of_our_sheets_and_our_people_all_of_it(people):
	"""The sheets and our internal measures on them are not the SQE's, not even of their
	own customer (their open problems are in the portal, without our measures): no right, no
	list, no print. Our engineer reads them whole."""
	frappe.set_user(people.engineer)
	sheet = make_feedback(A, "CS-DESK-PART", customer_site=people.site_a, submit=True)
	frappe.set_user("Administrator")
	assert_no_right(people.sqe_a, QFS, sheet.name)
	frappe.set_user(people.sqe_a)
	for field in INTERNAL_FIELDS:
		with pytest.raises(frappe.PermissionError):
			frappe.get_list(QFS, filters={"name": sheet.name}, fields=["name", field])
	with pytest.raises(frappe.PermissionError):
		frappe.get_print(QFS, sheet.name, print_format="Quality Feedback Sheet")
	frappe.set_user(people.engineer)
	doc = frappe.get_doc(QFS, sheet.name)
	doc.apply_fieldlevel_read_permissions()
	assert doc.sent_at and doc.timeliness and doc.preliminary_cause
	assert "Tool wear on cavity 2" in frappe.get_print(QFS, sheet.name, print_format="Quality Feedback Sheet")


# ---------------------------------------------------------------- nothing typed twice


def test_a_slip_linked_to_a_sheet_takes_what_the_sheet_holds(people):
	frappe.set_user(people.engineer)
	sheet = make_feedback(A, "CS-DESK-PART", customer_site=people.site_a, station="FA-12", submit=True)
	slip = frappe.get_doc({"doctype": "Suspect Part Slip", "quality_feedback_sheet": sheet.name}).insert()
	assert (slip.customer, slip.customer_site, slip.shop, slip.station, slip.item, slip.quantity) == (
		A,
		people.site_a,
		"Final Assembly",
		"FA-12",
		"CS-DESK-PART",
		3,
	)
	confirmation = frappe.get_doc(
		{
			"doctype": "Service Confirmation Sheet",
			"quality_feedback_sheet": sheet.name,
			"engineer": people.engineer,
			"plan": "Sort at the line side",
		}
	).insert()
	assert (confirmation.customer, confirmation.customer_site) == (A, people.site_a)


# ---------------------------------------------------------------- shops and stations


def test_shop_and_station_come_from_the_sites_lists(people):
	frappe.set_user(people.engineer)
	with pytest.raises(UnknownShopOrStation):
		make_feedback(A, "CS-DESK-PART", customer_site=people.site_a, station="FA-99")
	with pytest.raises(UnknownShopOrStation):
		make_slip(A, customer_site=people.site_a, shop="Press Shop")
	sheet = make_feedback(
		A, "CS-DESK-PART", customer_site=people.site_a, shop="final assembly", station="fa-12"
	)
	assert (sheet.shop, sheet.station) == ("Final Assembly", "FA-12")
	# a shop the site lists no station for takes any station
	slip = make_slip(A, customer_site=people.site_a, shop="Body Shop", station="BS-04")
	assert slip.station == "BS-04"


# ---------------------------------------------------------------- the first report time


def test_a_new_sheet_has_no_first_report_time_until_the_engineer_gives_it(people):
	assert frappe.new_doc(QFS).reported_at is None
	frappe.set_user(people.engineer)
	draft = frappe.get_doc({"doctype": QFS, "customer": A, "customer_site": people.site_a})
	with pytest.raises(frappe.MandatoryError):
		draft.insert()


def test_a_first_report_time_more_than_a_day_old_is_shown_back(people):
	frappe.set_user(people.engineer)
	with frozen("2026-03-10 10:00:00.000001"):
		frappe.local.message_log = []
		make_feedback(A, "CS-DESK-PART", customer_site=people.site_a, occurred_at="2026-03-08 09:00:00")
		warned = [m for m in frappe.local.message_log if "more than a day ago" in str(m)]
		frappe.local.message_log = []
		make_feedback(A, "CS-DESK-PART", customer_site=people.site_a, occurred_at="2026-03-10 09:00:00")
		assert not frappe.local.message_log
	assert len(warned) == 1


def test_the_title_is_the_number_and_the_part(people):
	frappe.set_user(people.engineer)
	sheet = make_feedback(A, "CS-DESK-PART", customer_site=people.site_a)
	assert sheet.title == f"{sheet.name} · CS-DESK-PART"


# ---------------------------------------------------------------- the tracking report


def test_the_tracking_report_opens_on_the_open_problems_whatever_their_month(people):
	from cs_service.cs_service.report.customer_quality_issue_tracking import (
		customer_quality_issue_tracking as tracking_report,
	)

	frappe.set_user(people.engineer)
	old = make_feedback(
		A, "CS-DESK-PART", customer_site=people.site_a, submit=True, occurred_at="2025-11-03 08:00:00"
	)
	closed = make_feedback(A, "CS-DESK-PART", customer_site=people.site_a, submit=True)
	closed.db_set("tracking_status", "Closed")
	frappe.set_user("Administrator")
	_columns, rows, *_ = tracking_report.execute({"customer": A, "open_only": 1})
	assert [r["sheet"] for r in rows] == [old.name]
	_columns, rows, *_ = tracking_report.execute({"customer": A})
	assert {r["sheet"] for r in rows} == {old.name, closed.name}


def test_the_phone_page_as_default_app_is_the_landing_page_and_unset_gives_the_workspace_back():
	"""Frappe lands a desk user on their default workspace before their default app;
	choosing the phone page (the apps screen's "Set as default", or the page's own switch)
	moves the workspace we set out of its way, and unsetting it gives it back."""
	from frappe.apps import get_apps, get_default_path

	from cs_service.pages.capture import set_landing_page

	engineer = make_user("cs-landing-engineer", "CS Engineer")
	assert frappe.db.get_value("User", engineer, "default_workspace") == home.CS_HOME
	frappe.set_user(engineer)
	assert [a["route"] for a in get_apps() if a["name"] == "cs_service"] == ["/cs"]
	home.set_app_as_default("cs_service")
	assert frappe.db.get_value("User", engineer, ["default_app", "default_workspace"]) == ("cs_service", None)
	assert get_default_path() == "/cs"
	home.set_app_as_default("cs_service")  # the same star again: unset
	assert frappe.db.get_value("User", engineer, ["default_app", "default_workspace"]) == (
		None,
		home.CS_HOME,
	)
	set_landing_page(1)
	assert frappe.db.get_value("User", engineer, "default_app") == "cs_service"
	set_landing_page(0)
	assert frappe.db.get_value("User", engineer, "default_workspace") == home.CS_HOME
	# a QA engineer cannot use the phone page: not on their apps screen
	frappe.set_user(make_user("cs-landing-qa", "QA Engineer"))
	assert "cs_service" not in [a["name"] for a in get_apps()]
