"""Monthly quality figures from real records (R-RP-1..3): delivery quality (PPM), line-stop
minutes, the complaint-handling KPI, the major customers, and the reports built on them.

Data: submitted ERPNext Delivery Notes (with the stock received first) and a return made
with ERPNext's own make_sales_return, dated by freezing the clock; submitted Quality
Feedback Sheets in March / April 2026. Every expected figure is worked out by hand in the
docstrings.
"""

from contextlib import contextmanager

import frappe
import pytest
import pytz
from erpnext.stock.doctype.delivery_note.delivery_note import make_sales_return
from frappe.utils import get_datetime, get_system_timezone
from freezegun import freeze_time

from cs_service.figures import cards, live
from cs_service.figures.filters import ReportNotForCustomers
from tests.integration.clock import frozen
from tests.integration.factories import (
	make_customer,
	make_delivery_note,
	make_feedback,
	make_item,
	make_site,
	make_user,
	set_settings,
)

CUSTOMER_A = "CS PPM Customer A"
CUSTOMER_B = "CS PPM Customer B"
CUSTOMER_C = "CS PPM Customer C"
PART_P = "CS-PPM-P"
PART_Q = "CS-PPM-Q"
MARCH = ("2026-03-01", "2026-03-31")
MARCH_APRIL = ("2026-03-01", "2026-04-30")


@contextmanager
def ticking(moment):
	"""The clock starts at ``moment`` (system timezone) and runs on, so that the stock receipt
	comes before the delivery that takes the stock out again."""
	tz = pytz.timezone(get_system_timezone())
	with freeze_time(tz.localize(get_datetime(moment)).astimezone(pytz.utc), tick=True):
		yield


def deliver(customer, item, qty, on):
	with ticking(f"{on} 09:00:00"):
		return make_delivery_note(customer, item, qty)


def give_back(delivery_note, qty, on):
	"""A submitted return of ``qty`` units against ``delivery_note`` (R-CT-2), made by ERPNext."""
	with ticking(f"{on} 15:00:00"):
		ret = make_sales_return(delivery_note.name)
		ret.items[0].qty = -qty
		ret.insert()
		ret.submit()
	return ret


def sheet(customer, item, occurred, **kw):
	"""A submitted feedback sheet first reported at ``occurred``, sent ``sent_after`` later."""
	sent = kw.pop("sent_at", None)
	doc = make_feedback(customer=customer, item=item, occurred_at=occurred, reported_at=occurred, **kw)
	with frozen(sent or occurred):
		doc.submit()
	return doc


def close(doc, user="Administrator"):
	"""QA closes the sheet: one corrective action, done and verified (R-FB-5)."""
	doc = frappe.get_doc(doc.doctype, doc.name)
	doc.append(
		"corrective_actions",
		{"action": "Fix", "action_owner": user, "due_date": "2026-04-30", "status": "Done",
		 "closed_on": "2026-04-01", "verified_by": user},
	)  # fmt: skip
	doc.save()
	return doc


@pytest.fixture
def deliveries():
	"""R-RP-3 acceptance: 10,000 P to A in March, 500 of them returned in March; feedback
	sheets with 12 + 7 = 19 defective P (Quality Problem) and 7 Disputed; a draft sheet of 50
	(not counted); 3 defective P in April without any April delivery; 4,000 Q to B in March."""
	set_settings()
	for customer in (CUSTOMER_A, CUSTOMER_B):
		make_customer(customer)
	make_item(PART_P, customer=CUSTOMER_A)
	make_item(PART_Q, customer=CUSTOMER_B)
	dn = deliver(CUSTOMER_A, PART_P, 10_000, "2026-03-05")
	give_back(dn, 500, "2026-03-25")
	deliver(CUSTOMER_B, PART_Q, 4_000, "2026-03-10")
	sheet(CUSTOMER_A, PART_P, "2026-03-06 08:00:00", quantity=12)
	sheet(CUSTOMER_A, PART_P, "2026-03-18 22:30:00", quantity=7)
	sheet(CUSTOMER_A, PART_P, "2026-03-19 10:00:00", quantity=7, problem_type="Disputed Problem")
	make_feedback(customer=CUSTOMER_A, item=PART_P, occurred_at="2026-03-20 10:00:00", quantity=50)
	sheet(CUSTOMER_A, PART_P, "2026-04-02 10:00:00", quantity=3)
	return dn


def figures(rows, *keys):
	return [tuple(r[k] for k in keys) for r in rows]


# ---------------------------------------------------------------- delivery quality


def test_march_ppm_of_a_p_is_2000_net_of_returns_without_disputed(deliveries):
	"""19 / (10,000 - 500) x 10^6 = 2,000 PPM; the 7 Disputed and the draft do not count."""
	rows = live.delivery_quality(*MARCH, customer=CUSTOMER_A)
	assert rows == [
		{
			"month": "2026-03",
			"customer": CUSTOMER_A,
			"item": PART_P,
			"item_name": PART_P,
			"delivered": 10_000,
			"returned": 500,
			"net_delivered": 9_500,
			"defective": 19,
			"ppm": 2000,
			"defective_above_delivered": 0,
		}
	]


def test_defects_without_delivery_are_reported_with_no_ppm(deliveries):
	"""April: 3 defective P, nothing delivered: the row is there, its PPM is None."""
	rows = live.delivery_quality(*MARCH_APRIL, customer=CUSTOMER_A)
	assert figures(rows, "month", "delivered", "returned", "net_delivered", "defective", "ppm") == [
		("2026-03", 10_000, 500, 9_500, 19, 2000),
		("2026-04", 0, 0, 0, 3, None),
	]


def test_rows_per_customer_and_part_and_filters(deliveries):
	"""B's 4,000 Q without defects give 0 PPM; the item filter narrows the rows."""
	rows = live.delivery_quality(*MARCH)
	mine = [r for r in rows if r["customer"] in (CUSTOMER_A, CUSTOMER_B)]
	assert figures(mine, "customer", "item", "net_delivered", "defective", "ppm") == [
		(CUSTOMER_A, PART_P, 9_500, 19, 2000),
		(CUSTOMER_B, PART_Q, 4_000, 0, 0),
	]
	assert figures(live.delivery_quality(*MARCH, item=PART_Q), "customer", "ppm") == [(CUSTOMER_B, 0)]
	# feedback sheets carry no company: another company's view keeps A's defects, not its deliveries
	rows = live.delivery_quality(*MARCH, customer=CUSTOMER_A, company="CS PPM Other Company")
	assert figures(rows, "delivered", "defective", "ppm") == [(0, 19, None)]


def test_ppm_trend_fills_every_month_of_the_period(deliveries):
	"""A and P: February nothing, March 2,000, April 3 defects without delivery."""
	trend = live.ppm_trend("2026-02-01", "2026-04-30", customer=CUSTOMER_A, item=PART_P)
	assert figures(trend, "month", "net_delivered", "defective", "ppm") == [
		("2026-02", 0, 0, None),
		("2026-03", 9_500, 19, 2000),
		("2026-04", 0, 3, None),
	]


# ---------------------------------------------------------------- line stops


@pytest.fixture
def line_stops():
	"""R-RP-3 acceptance: A stops the line 30 + 45 minutes in March and 20 in April; also 10
	minutes in January (counted in the year's cumulative), 15 in December 2025 (another year)
	and a draft of 99 minutes (not counted)."""
	set_settings()
	sheets = frappe._dict(
		december=sheet(CUSTOMER_C, PART_P, "2025-12-15 10:00:00", line_stop_minutes=15),
		january=sheet(CUSTOMER_C, PART_P, "2026-01-20 10:00:00", line_stop_minutes=10),
		march_1=sheet(CUSTOMER_C, PART_P, "2026-03-03 10:00:00", line_stop_minutes=30),
		march_2=sheet(CUSTOMER_C, PART_P, "2026-03-28 23:50:00", line_stop_minutes=45),
		no_stop=sheet(CUSTOMER_C, PART_P, "2026-03-29 10:00:00", line_stop_minutes=0),
		april=sheet(CUSTOMER_C, PART_P, "2026-04-01 00:10:00", line_stop_minutes=20),
	)
	make_feedback(customer=CUSTOMER_C, item=PART_P, occurred_at="2026-03-30 10:00:00", line_stop_minutes=99)
	return sheets


def test_line_stop_minutes_75_in_march_and_cumulative_95_in_april(line_stops):
	"""March 30 + 45 = 75, April 20; cumulative over the calendar year counts January's 10:
	March 85, April 105. From January: 10, 85, 105; the December 2025 stop is another year."""
	rows = live.line_stop_minutes(*MARCH_APRIL, customer=CUSTOMER_C)
	assert figures(rows, "month", "customer", "minutes", "cumulative") == [
		("2026-03", CUSTOMER_C, 75, 85),
		("2026-04", CUSTOMER_C, 20, 105),
	]
	assert rows[0]["sheets"] == sorted([line_stops.march_1.name, line_stops.march_2.name])
	assert rows[1]["sheets"] == [line_stops.april.name]
	rows = live.line_stop_minutes("2025-12-01", "2026-04-30", customer=CUSTOMER_C)
	assert figures(rows, "month", "minutes", "cumulative") == [
		("2025-12", 15, 15),
		("2026-01", 10, 10),
		("2026-03", 75, 85),
		("2026-04", 20, 105),
	]


def test_line_stop_trend_has_every_month(line_stops):
	trend = live.line_stop_trend("2026-02-01", "2026-04-30", customer=CUSTOMER_C)
	assert figures(trend, "month", "minutes", "cumulative") == [
		("2026-02", 0, 10),
		("2026-03", 75, 85),
		("2026-04", 20, 105),
	]


@pytest.fixture
def march_and_april_only():
	"""The acceptance example exactly: 30 + 45 in March, 20 in April, nothing else."""
	set_settings()
	for occurred, minutes in (
		("2026-03-03 10:00:00", 30),
		("2026-03-28 10:00:00", 45),
		("2026-04-01 09:00:00", 20),
	):
		sheet(CUSTOMER_B, PART_Q, occurred, line_stop_minutes=minutes)


def test_acceptance_march_75_and_cumulative_april_95(march_and_april_only):
	rows = live.line_stop_minutes(*MARCH_APRIL, customer=CUSTOMER_B)
	assert figures(rows, "month", "minutes", "cumulative") == [("2026-03", 75, 75), ("2026-04", 20, 95)]


# ---------------------------------------------------------------- complaint handling KPI


@pytest.fixture
def complaints():
	"""March, customer A: 4 sheets received, 3 found on site and 1 reported by the customer;
	2 closed (one of each source); 3 sent within 15 minutes, 1 late; 1 major. Outside: a
	February sheet and a draft."""
	set_settings()
	found_1 = sheet(CUSTOMER_A, PART_P, "2026-03-02 08:00:00", sent_at="2026-03-02 08:10:00")
	found_2 = sheet(
		CUSTOMER_A,
		PART_P,
		"2026-03-09 08:00:00",
		sent_at="2026-03-09 08:40:00",  # late
		is_major=1,
		description="Door trims scratched on the whole lot",
	)
	sheet(CUSTOMER_A, PART_P, "2026-03-20 08:00:00", sent_at="2026-03-20 08:15:00")
	reported = sheet(
		CUSTOMER_A,
		PART_P,
		"2026-03-25 08:00:00",
		sent_at="2026-03-25 08:01:00",
		source="Reported by Customer",
	)
	sheet(CUSTOMER_A, PART_P, "2026-02-25 08:00:00", sent_at="2026-02-25 08:01:00")
	make_feedback(customer=CUSTOMER_A, item=PART_P, occurred_at="2026-03-26 08:00:00")
	close(found_1)
	close(reported)
	return frappe._dict(major=found_2)


def test_complaint_kpi_received_handled_rate_and_on_time_rate(complaints):
	"""R-RP-1: 2 of 4 handled = 50.0 % against 100 %; on time 3 of 4 = 75.0 %."""
	kpi = live.complaint_kpi(*MARCH, customer=CUSTOMER_A)
	assert {k: v for k, v in kpi.items() if k != "major_problems"} == {
		"received": 4,
		"by_source": {"Found on Site": 3, "Reported by Customer": 1},
		"handled": 2,
		"handled_by_source": {"Found on Site": 1, "Reported by Customer": 1},
		"rate": 50.0,
		"target": 100,
		"on_time": 3,
		"timed": 4,
		"on_time_rate": 75.0,
	}
	(major,) = kpi["major_problems"]
	assert (major.name, major.customer, major.item, major.problem_type, major.tracking_status) == (
		complaints.major.name,
		CUSTOMER_A,
		PART_P,
		"Quality Problem",
		"Open",
	)
	assert major.description == "Door trims scratched on the whole lot"


def test_complaint_kpi_without_complaints_has_no_rate():
	kpi = live.complaint_kpi(*MARCH, customer="CS PPM Nobody")
	assert (kpi["received"], kpi["rate"], kpi["on_time_rate"], kpi["major_problems"]) == (0, None, None, [])


# ---------------------------------------------------------------- major customers


@pytest.fixture
def volumes():
	"""March deliveries: B 4,000; A 3,000 (plus a return of 1,000 in March: net 2,000); C 2,500."""
	set_settings()
	for customer in (CUSTOMER_A, CUSTOMER_B, CUSTOMER_C):
		make_customer(customer)
	make_item(PART_P)
	dn = deliver(CUSTOMER_A, PART_P, 3_000, "2026-03-02")
	give_back(dn, 1_000, "2026-03-20")
	deliver(CUSTOMER_B, PART_P, 4_000, "2026-03-03")
	deliver(CUSTOMER_C, PART_P, 2_500, "2026-03-04")


def mine(customers):
	return [c for c in customers if c in (CUSTOMER_A, CUSTOMER_B, CUSTOMER_C)]


def test_major_customers_by_delivered_quantity(volumes):
	"""Top 3 by net delivered quantity: B 4,000, C 2,500, A 2,000 (other customers of the site
	delivered nothing in March 2026)."""
	set_settings(major_customer_basis="Top by Delivered Quantity", major_customer_count=3)
	assert live.major_customers(*MARCH) == [CUSTOMER_B, CUSTOMER_C, CUSTOMER_A]
	set_settings(major_customer_count=2)
	assert live.major_customers(*MARCH) == [CUSTOMER_B, CUSTOMER_C]


def test_major_customers_by_flag_on_the_customer(volumes):
	"""Flagged A and C, largest volume first; B, the largest customer, is not flagged."""
	set_settings(major_customer_basis="Flag on Customer", major_customer_count=1)
	for customer in (CUSTOMER_A, CUSTOMER_C):
		frappe.db.set_value("Customer", customer, "cs_major_customer", 1)
	assert mine(live.major_customers(*MARCH)) == [CUSTOMER_C, CUSTOMER_A]


# ---------------------------------------------------------------- external SQE


def test_external_sqe_gets_only_their_customers_figures(deliveries):
	sqe = make_user("cs-ppm-sqe-b", "Customer SQE")
	make_site(CUSTOMER_B, sqe_users=[sqe])
	frappe.set_user(sqe)
	assert figures(live.delivery_quality(*MARCH), "customer", "item") == [(CUSTOMER_B, PART_Q)]
	assert live.delivery_quality(*MARCH, customer=CUSTOMER_A) == []
	assert live.complaint_kpi(*MARCH, customer=CUSTOMER_A)["received"] == 0
	assert live.line_stop_minutes(*MARCH, customer=CUSTOMER_A) == []


# ---------------------------------------------------------------- the Script Reports


def run_report(name, **filters):
	"""The report as the desk runs it (roles, ref_doctype permission, then execute())."""
	from frappe.desk.query_report import run

	return run(name, filters=filters, ignore_prepared_report=True)


def summary_of(result):
	return {s["label"]: s["value"] for s in result["report_summary"]}


def test_delivery_quality_report_rows_chart_and_summary(deliveries):
	"""Rows are the module's rows; the chart is the PPM per month of the period (April: 3
	defects, no delivery, drawn as 0); summary 19 + 3 = 22 defective of 9,500 net = 2,316 PPM."""
	frappe.set_user(make_user("cs-ppm-manager", "CS Manager"))
	result = run_report("Delivery Quality", from_date="2026-02-01", to_date="2026-04-30", customer=CUSTOMER_A)
	from cs_service.cs_service.report.delivery_quality.delivery_quality import explain

	expected = live.delivery_quality("2026-02-01", "2026-04-30", customer=CUSTOMER_A)
	for row in expected:
		explain(row)
	assert result["result"] == expected
	# April's 3 defective without a delivery: no PPM, the reason, the flag
	(april,) = [r for r in result["result"] if r["month"] == "2026-04"]
	assert (april["ppm"], april["defective_above_delivered"], april["ppm_note"]) == (
		None,
		1,
		"No PPM: defective parts but nothing delivered net of returns",
	)
	assert result["chart"]["data"]["labels"] == ["2026-02", "2026-03", "2026-04"]
	assert result["chart"]["data"]["datasets"][0]["values"] == [0, 2000, 0]
	summary = summary_of(result)
	assert (summary["Net Delivered Qty"], summary["Defective Qty"], summary["PPM"]) == (9_500, 22, 2316)


def test_line_stop_minutes_report_rows_chart_and_summary(line_stops):
	"""Rows are the module's rows with the sheets as text; the chart has minutes as bars and
	the year's cumulative (January's 10 included) as a line."""
	frappe.set_user(make_user("cs-ppm-qa", "QA Engineer"))
	result = run_report(
		"Line Stop Minutes", from_date="2026-02-01", to_date="2026-04-30", customer=CUSTOMER_C
	)
	expected = live.line_stop_minutes("2026-02-01", "2026-04-30", customer=CUSTOMER_C)
	assert result["result"] == [
		{**r, "sheets": ", ".join(r["sheets"]), "undecided_sheets": ", ".join(r["undecided_sheets"])}
		for r in expected
	]
	assert result["result"][0]["sheets"] == ", ".join(
		sorted([line_stops.march_1.name, line_stops.march_2.name])
	)
	bars, line = result["chart"]["data"]["datasets"]
	assert result["chart"]["data"]["labels"] == ["2026-02", "2026-03", "2026-04"]
	assert (bars["values"], line["values"]) == ([0, 75, 20], [10, 85, 105])
	summary = summary_of(result)
	assert (summary["Line Stop Minutes"], summary["Cumulative Minutes in the Year"]) == (95, 105)
	assert summary["Not Yet Decided Minutes (Tracking Problems)"] == 0


def test_complaint_handling_kpi_report_summary_and_major_problems(complaints):
	frappe.set_user(make_user("cs-ppm-engineer", "CS Engineer"))
	result = run_report("Complaint Handling KPI", from_date=MARCH[0], to_date=MARCH[1], customer=CUSTOMER_A)
	assert [r["name"] for r in result["result"]] == [complaints.major.name]
	assert summary_of(result) == {
		"Complaints Received": 4,
		"Found on Site": 3,
		"Reported by Customer": 1,
		"Complaints Handled": 2,
		"Handling Rate (target 100 %)": "50.0 %",
		"15-Minute On-Time Rate (the period's sent sheets)": "75.0 %",
	}
	received, handled = result["chart"]["data"]["datasets"]
	assert (received["values"], handled["values"]) == ([3, 1], [1, 1])


def test_reports_default_to_their_period_without_dates(deliveries):
	"""Dashboard charts run the reports without filters: twelve months, the year, the month."""
	from cs_service.cs_service.report.delivery_quality.delivery_quality import execute

	_columns, _data, _message, chart, _summary = execute({})
	assert len(chart["data"]["labels"]) == 12


@pytest.mark.parametrize("report", ["Delivery Quality", "Line Stop Minutes", "Complaint Handling KPI"])
def test_external_sqe_cannot_run_the_quality_reports(deliveries, report):
	"""Our internal figures: the Customer SQE role does not open the reports, and execute()
	refuses an external SQE even if an admin gave the role access."""
	import importlib

	sqe = make_user("cs-ppm-sqe-a", "Customer SQE")
	make_site(CUSTOMER_A, sqe_users=[sqe])
	frappe.set_user(sqe)
	with pytest.raises(frappe.PermissionError):
		run_report(report, from_date=MARCH[0], to_date=MARCH[1])
	module = frappe.scrub(report)
	execute = importlib.import_module(f"cs_service.cs_service.report.{module}.{module}").execute
	with pytest.raises(ReportNotForCustomers):
		execute({"from_date": MARCH[0], "to_date": MARCH[1]})


# ---------------------------------------------------------------- number cards


def test_ppm_card_of_this_month(deliveries):
	"""On 31 March 2026: A's PPM is 2,000; filters come as JSON from the card."""
	with frozen("2026-03-31 18:00:00"):
		assert cards.card_ppm_this_month(f'{{"customer": "{CUSTOMER_A}"}}') == {
			"value": 2000,
			"fieldtype": "Int",
		}
		assert cards.card_ppm_this_month({"customer": "CS PPM Nobody"}) == "-"
		assert cards.card_ppm_this_month("[]")["fieldtype"] == "Int"  # the card's default filters


def test_line_stop_card_of_this_month(line_stops):
	"""On 15 April 2026, C's line stops of April so far: 20 minutes."""
	with frozen("2026-04-15 18:00:00"):
		assert cards.card_line_stop_minutes_this_month({"customer": CUSTOMER_C}) == {
			"value": 20,
			"fieldtype": "Int",
		}


def test_on_time_rate_card_of_this_month(complaints):
	"""On 31 March 2026, A's sheets of March: 3 of 4 sent within 15 minutes."""
	with frozen("2026-03-31 18:00:00"):
		assert cards.card_on_time_rate_this_month({"customer": CUSTOMER_A}) == {
			"value": 75.0,
			"fieldtype": "Percent",
		}


def test_overdue_actions_card(complaints):
	"""On 10 April 2026: of the actions on A's sheets, the one due 31 March and still open is
	overdue; the one due 30 April is not, nor the done ones of the closed sheets."""
	doc = frappe.get_doc("Quality Feedback Sheet", complaints.major.name)
	for due in ("2026-03-31", "2026-04-30"):
		doc.append("corrective_actions", {"action": "Fix", "action_owner": "Administrator", "due_date": due})
	doc.save()
	with frozen("2026-04-10 10:00:00"):
		assert cards.card_overdue_actions({"customer": CUSTOMER_A}) == {"value": 1, "fieldtype": "Int"}


def test_cards_refuse_users_without_read_permission(deliveries):
	"""A Customer SQE reads feedback sheets but not Delivery Notes: no PPM card for them."""
	sqe = make_user("cs-ppm-sqe-card", "Customer SQE")
	make_site(CUSTOMER_B, sqe_users=[sqe])
	frappe.set_user(sqe)
	with pytest.raises(frappe.PermissionError):
		cards.card_ppm_this_month()


CARDS = (
	"Open Feedback Sheets",
	"Overdue Corrective Actions",
	"PPM This Month",
	"Line Stop Minutes This Month",
	"Line Stop Minutes Not Yet Decided This Month",
	"15-Minute On-Time Rate This Month",
)
CHARTS = ("PPM Trend", "Line Stop Minutes by Month", "Feedback Sheets by Month")


@pytest.mark.parametrize("role", ["CS Engineer", "CS Manager", "QA Engineer"])
def test_cards_and_charts_open_for_the_cs_roles(role):
	"""The workspace shows them to our roles: Frappe opens a Custom card only to users who may
	read its document type, a Report chart only to users of the report."""
	frappe.set_user(make_user(f"cs-ppm-{frappe.scrub(role)}", role))
	for card in CARDS:
		assert frappe.get_doc("Number Card", card).has_permission("read"), card
	for chart in CHARTS:
		assert frappe.get_doc("Dashboard Chart", chart).has_permission("read"), chart
