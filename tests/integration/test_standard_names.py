"""The app's standard names in the reader's language (issue 24 item 6; R-US-1): a site's
shops named by the app read in the reader's language whichever language they were stored in,
in the sheet's print and its e-mail to QA; a shop a user typed reads as typed."""

import frappe
import pytest

from cs_service.sites import shown_name
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
