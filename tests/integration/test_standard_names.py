"""The app's standard names in the reader's language (R-US-1): a site's
shops named by the app read in the reader's language whichever language they were stored in,
in the sheet's print and its e-mail to QA; a shop a user typed reads as typed."""

import frappe
import pytest

from cs_service.planning.sites import shown_name
from tests.integration.factories import make_feedback

SHEET = "Quality Feedback Sheet"


@pytest.fixture
def language():
	before = frappe.local.lang

	def use(lang):
		frappe.local.lang = lang
		frappe.local.lang_full_dict = None  # the translations of the new language

	try:
		yield use
	finally:
		use(before)


@pytest.mark.parametrize(
	("stored", "lang", "shown"),
	[
		("Final Assembly", "zh", "总装车间"),
		("总装车间", "en", "Final Assembly"),
		("总装车间", "zh", "总装车间"),
		(" body shop ", "zh", "车身车间"),
		("Logistics Warehouse", "en", "Logistics Warehouse"),
		("Trim Line 3", "zh", "Trim Line 3"),  # typed: as typed
		("内饰三线", "en", "内饰三线"),
		(None, "zh", None),
	],
)
def test_a_standard_name_reads_in_the_readers_language_a_typed_one_as_typed(language, stored, lang, shown):
	language(lang)
	assert shown_name(stored) == shown


def test_the_print_and_the_email_of_a_sheet_show_the_standard_shop_in_the_readers_language(language):
	sheet = make_feedback("CS STD Print", "CS-STD-PRINT", submit=True)
	assert sheet.shop == "Final Assembly"
	language("zh")
	html = frappe.get_print(SHEET, sheet.name, print_format="Quality Feedback Sheet")
	assert "总装车间" in html and "Final Assembly" not in html
	args = {"doc": sheet, "late": False}
	for template in ("quality_feedback_sheet.html", "quality_feedback_sheet.txt"):
		body = frappe.render_template(f"templates/emails/{template}", args)
		assert "总装车间" in body and "Final Assembly" not in body, template
	language("en")
	assert "Final Assembly" in frappe.get_print(SHEET, sheet.name, print_format="Quality Feedback Sheet")


@pytest.fixture(scope="module")
def portal():
	from tests.integration import portal_world
	from tests.integration.server import Server, sites_path

	frappe.set_user("Administrator")
	frappe.db.rollback()
	world = portal_world.build("STD" + frappe.generate_hash(length=5).upper())  # A's SQE reads zh, B's en
	world.server = Server(sites_path(), frappe.local.site).start()
	try:
		yield world
	finally:
		world.server.stop()
		portal_world.remove(world)


def test_the_sqe_portal_shows_the_standard_shop_in_the_sqes_language(portal):
	"""A's SQE (Chinese) reads A's slip ("Body Shop") and open problem ("Final Assembly") with the
	Chinese shop names; B's SQE (English) reads B's slip with the English one (R-US-1)."""
	from tests.integration.test_sqe_portal import Client

	a = Client(portal, portal.sqe_a, "cookie")
	slip = a.request("GET", f"/sqe/slip/{portal.slip_a}")
	assert slip.status_code == 200, slip.text[:2000]
	assert "车身车间" in slip.text and "Body Shop" not in slip.text.replace("Body Shop (Welded)", "")
	problems = a.request("GET", "/sqe/problems")
	assert (
		problems.status_code == 200 and "总装车间" in problems.text and "Final Assembly" not in problems.text
	)

	frappe.db.set_value(SHEET, portal.sheet_a, "shop", "Trim Line 3", update_modified=False)
	frappe.db.commit()
	problems = a.request("GET", "/sqe/problems")
	assert "Trim Line 3" in problems.text and "总装车间" not in problems.text  # typed: as typed

	b = Client(portal, portal.sqe_b, "cookie")
	slip_b = b.request("GET", f"/sqe/slip/{portal.slip_b}")
	assert slip_b.status_code == 200 and "Body Shop" in slip_b.text and "车身车间" not in slip_b.text
