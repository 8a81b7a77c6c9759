"""The CS Manager's reports on a PC (1366 x 768, English; R-RP-2, R-RP-3).

Delivery Quality with 45 defective parts against nothing delivered: no PPM, and the report
says why beside the figure, above the report and in its summary; the row is flagged as more
defective than delivered; piece counts are whole numbers. The console stays clean.
"""

import pytest
from frappe.utils import get_first_day, today

from tests.e2e import worlds
from tests.e2e.browser import PC

REASON = "No PPM: defective parts but nothing delivered net of returns"


@pytest.fixture(scope="module")
def world():
	w = worlds.new_world()
	w.manager = worlds.make_person(f"cs-rep-mgr-{w.run.lower()}", "CS Manager", "en")
	worlds.make_part_at_site(w, "Rep", "Report Plant", f"OEM-REP-{w.run}")
	occurred = worlds.this_month_an_hour_ago()
	worlds.send_sheet(w, occurred_at=occurred, reported_at=occurred, quantity=45)
	yield from worlds.committed(w, remove)


def remove(w):
	worlds.remove_world(w, w.manager)


def test_defective_parts_without_a_delivery_say_why_there_is_no_ppm(world, browser):
	w = world
	pc = PC(browser)
	page = pc.page
	# logged in without the workspace on the way (its charts' console errors are item 9's)
	pc.log_in_by_api(w.manager)
	first = str(get_first_day(today()))
	page.goto(f"/app/query-report/Delivery Quality?from_date={first}&to_date={today()}&customer={w.customer}")
	page.wait_for_selector(".dt-scrollable .dt-row")
	pc.settle()
	row = page.evaluate("frappe.query_report.data[0]")
	assert (row["defective"], row["net_delivered"], row["ppm"]) == (45, 0, None)
	cells = page.evaluate(
		"""Array.from(document.querySelectorAll('.dt-scrollable .dt-row')[0].querySelectorAll('.dt-cell'))
		.map((c) => [c.dataset.colIndex, c.innerText.trim()])"""
	)
	columns = page.evaluate("frappe.query_report.columns.map((c) => c.fieldname)")
	shown = {columns[int(i) - 1]: text for i, text in cells if i and int(i) >= 1 and int(i) <= len(columns)}
	# whole pieces, the reason beside the missing PPM, the flag
	assert (shown["delivered"], shown["net_delivered"], shown["defective"]) == ("0", "0", "45"), shown
	assert shown["ppm"] == "-" and shown["ppm_note"] == REASON, shown
	assert page.evaluate("frappe.query_report.data[0].defective_above_delivered") == 1
	# and above the report
	assert "1 rows have defective parts but nothing delivered net of returns" in page.content()
	summary = page.locator(".report-summary").inner_text()
	assert REASON in summary and "45" in summary and "45.000" not in summary, summary
	assert pc.console_errors() == [], f"console errors: {pc.errors}"
	pc.close()
