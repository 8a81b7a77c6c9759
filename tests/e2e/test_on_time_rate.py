"""One 15-minute on-time rate, its base said wherever it shows (R-FB-4,
R-RP-1, R-RP-4). The CS Manager on a PC (1366 x 768), in English and in Chinese.

The rate is one definition -- sent sheets within the 15 minutes of the sent sheets that have
a timeliness (cs_service.rules.quality.on_time_rate) -- over different sets of sheets: the
workspace card this month's, the tracking report its filter's, the KPI report its period's.
Each says which, so two figures are never read as one; the tracking report over this month's
sent sheets shows the card's figure.
"""

import re

import frappe
import pytest
from frappe.utils import get_first_day, today

from tests.e2e import worlds
from tests.e2e.browser import PC

LABELS = {
	"en": {
		"card": "15-Minute On-Time Rate (this month's sent sheets)",
		"tracking": "15-Minute On-Time Rate (sent sheets in the filter)",
		"kpi": "15-Minute On-Time Rate (the period's sent sheets)",
	},
	"zh": {
		"card": "15分钟及时率（本月已发送的反馈单）",
		"tracking": "15分钟及时率（筛选范围内已发送的反馈单）",
		"kpi": "15分钟及时率（期间内已发送的反馈单）",
	},
}


@pytest.fixture(scope="module")
def managers():
	frappe.set_user("Administrator")
	run = frappe.generate_hash(length=5).lower()
	users = {}
	for language in LABELS:
		users[language] = worlds.make_person(f"cs-rate-mgr-{language}-{run}", "CS Manager", language)
	yield from worlds.committed(users, lambda users: worlds.remove_users(*users.values()))


def summary_item(page, label: str) -> str:
	"""The value shown beside ``label`` in the report's summary."""
	page.wait_for_selector(".report-summary .summary-item")
	return page.evaluate(
		"""(label) => {
			const item = Array.from(document.querySelectorAll('.report-summary .summary-item'))
				.find((e) => e.querySelector('.summary-label').innerText.trim() === label);
			return item ? item.querySelector('.summary-value').innerText.trim() : null;
		}""",
		label,
	)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_on_time_rate_says_its_base_and_the_month_is_one_figure(managers, browser, language):
	labels = LABELS[language]
	pc = PC(browser)
	page = pc.page
	pc.log_in_by_api(managers[language])

	page.goto("/app/customer-service")
	page.wait_for_selector(".number-widget-box")
	pc.settle()
	card = page.locator(".number-widget-box").filter(has_text=labels["card"])
	assert card.count() == 1, page.locator(".number-widget-box .widget-title").all_inner_texts()
	card.locator(".number").first.wait_for()
	number = card.locator(".number").first
	page.wait_for_function("(e) => /\\d|-/.test(e.innerText)", arg=number.element_handle())
	on_card = number.inner_text().strip()

	# the tracking report over the card's sheets: this month's, sent, open or closed
	first = str(get_first_day(today()))
	page.goto(
		f"/app/query-report/Customer Quality Issue Tracking?open_only=0&from_date={first}&to_date={today()}"
	)
	page.wait_for_selector(".report-summary .summary-item")
	pc.settle()
	in_report = summary_item(page, labels["tracking"])
	assert in_report is not None, page.locator(".report-summary").inner_text()
	assert same_rate(on_card, in_report), (on_card, in_report)

	page.goto(f"/app/query-report/Complaint Handling KPI?from_date={first}&to_date={today()}")
	page.wait_for_selector(".report-summary .summary-item")
	pc.settle()
	assert summary_item(page, labels["kpi"]) is not None, page.locator(".report-summary").inner_text()
	assert pc.errors == [], f"console errors: {pc.errors}"
	pc.close()


def same_rate(on_card: str, in_report: str) -> bool:
	"""One figure: both "-" (no sent sheet), or the same rate, the card's rounded to a whole
	percent ("58%") and the report's to a tenth ("57.9 %")."""
	figure = re.compile(r"\d+(?:\.\d+)?")
	card, report = figure.findall(on_card)[:1], figure.findall(in_report)[:1]
	if not card or not report:
		return card == report
	return abs(float(card[0]) - float(report[0])) <= 0.5
