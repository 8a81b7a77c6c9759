"""Monthly Quality Report: frozen figures, two .pptx decks, scheduled and e-mailed (R-RP-1..3, R-US-4).

Seed for March 2026, one customer and part: a Delivery Note of 1,000 units on the 5th; two
submitted Quality Problem sheets (major), 2 defective parts with a 30-minute line stop on
the 6th and 1 defective part with a 15-minute line stop on the 12th; a Disputed sheet of 5
on the 13th. So March: 3 / 1,000 x 10^6 = 3,000 PPM; 45 line-stop minutes, 45 since
January; 3 complaints received, none handled yet (0.0 % against 100 %).
The report day is the 20th: the job of 20 April 2026 reports March.
Figures that can be trusted and jobs that catch up: tests/integration/test_live_figures.py
and tests/integration/test_monthly_report_jobs.py.
"""

import io
import json
from contextlib import contextmanager

import frappe
import pytest
import pytz
from frappe.utils import get_datetime, get_system_timezone
from freezegun import freeze_time
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from cs_service.decks.errors import DuplicateReport, FrozenFigures, InvalidReportMonth
from cs_service.decks.schedule import queue_due_reports
from cs_service.figures import live
from tests.integration.clock import frozen
from tests.integration.factories import (
	default_company,
	make_customer,
	make_delivery_note,
	make_feedback,
	make_item,
	make_user,
	set_settings,
)
from tests.integration.factories import email as address

REPORT = "Monthly Quality Report"
CUSTOMER = "CS MQR Customer"
PART = "CS-MQR-P"
MONTH = "2026-03"
# Frozen moments carry microseconds: at .000000 Frappe's own timestamp check (str of a datetime
# drops zero microseconds, now() keeps them) refuses a second save of the same document.
REPORT_DAY = "2026-04-20 05:00:00.250000"
GM = [address("mqr-gm"), address("mqr-gm-deputy")]
TREND = [
	"2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09",
	"2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03",
]  # fmt: skip


@contextmanager
def ticking(moment):
	"""The clock starts at ``moment`` and runs on (the stock receipt precedes the delivery)."""
	tz = pytz.timezone(get_system_timezone())
	with freeze_time(tz.localize(get_datetime(moment)).astimezone(pytz.utc), tick=True):
		yield


def sheet(occurred, **kw):
	doc = make_feedback(customer=CUSTOMER, item=PART, occurred_at=occurred, reported_at=occurred, **kw)
	with frozen(occurred):
		doc.submit()
	return doc


@pytest.fixture
def seed():
	set_settings(gm_recipients="\n".join(GM), monthly_report_day=20)
	make_customer(CUSTOMER)
	make_item(PART, customer=CUSTOMER)
	with ticking("2026-03-05 09:00:00"):
		make_delivery_note(CUSTOMER, PART, 1000)
	first = sheet("2026-03-06 08:00:00", quantity=2, line_stop_minutes=30, is_major=1)
	second = sheet("2026-03-12 14:00:00", quantity=1, line_stop_minutes=15, is_major=1)
	sheet("2026-03-13 10:00:00", quantity=5, problem_type="Disputed Problem")
	return frappe._dict(
		first=first,
		second=second,
		company=default_company(),
		manager=make_user("cs-mqr-manager", "CS Manager"),
		engineer=make_user("cs-mqr-engineer", "CS Engineer"),
	)


def reports(month=MONTH):
	return frappe.get_all(REPORT, filters={"month": month}, pluck="name")


def mails_of(name):
	return frappe.get_all(
		"Email Queue", filters={"reference_doctype": REPORT, "reference_name": name}, pluck="name"
	)


def run_job(moment=REPORT_DAY):
	with frozen(moment):
		return queue_due_reports()


def deck(file_url):
	file = frappe.get_doc("File", {"file_url": file_url})
	return file, Presentation(io.BytesIO(file.get_content()))


def slide_of(prs, customer):
	return next(s for s in prs.slides if s.shapes.title and s.shapes.title.text_frame.text == customer)


def chart_series(slide):
	"""``[(chart type, categories, values of the one series)]`` of the charts of a slide."""
	out = []
	for shape in slide.shapes:
		if shape.has_chart:
			plot = shape.chart.plots[0]
			(series,) = plot.series
			out.append((shape.chart.chart_type, list(plot.categories), list(series.values)))
	return out


def stored(doc, table, *keys):
	return [tuple(row.get(k) for k in keys) for row in doc.get(table) if row.customer == CUSTOMER]


# ---------------------------------------------------------------- the scheduled job (R-US-4)


def test_the_report_day_creates_one_report_with_its_figures_decks_and_one_email(seed):
	assert reports() == []
	run_job()
	(name,) = reports()
	doc = frappe.get_doc(REPORT, name)
	abbr = frappe.db.get_value("Company", seed.company, "abbr")
	assert (doc.name, doc.company, doc.status) == (f"MQR-{MONTH}-{abbr}", seed.company, "Sent")
	assert (str(doc.from_date), str(doc.to_date)) == ("2026-03-01", "2026-03-31")
	assert CUSTOMER in [row.customer for row in doc.major_customers]

	# frozen figures, worked out by hand
	assert stored(doc, "delivery", "item", "delivered", "returned", "net_delivered", "defective", "ppm") == [
		(PART, 1000, 0, 1000, 3, 3000)
	]
	trend = stored(doc, "trend", "month", "net_delivered", "defective", "ppm")
	assert trend == [(m, 0, 0, 0) for m in TREND[:-1]] + [(MONTH, 1000, 3, 3000)]
	assert stored(doc, "line_stops", "month", "minutes", "cumulative", "sheets") == [
		("2026-01", 0, 0, ""),
		("2026-02", 0, 0, ""),
		(MONTH, 45, 45, f"{seed.first.name}, {seed.second.name}"),
	]
	assert (doc.complaints_received, doc.found_on_site, doc.complaints_handled) == (3, 3, 0)
	assert (doc.handling_rate, doc.handling_target) == (0, 100)
	assert [row.feedback_sheet for row in doc.major_problems] == [seed.first.name, seed.second.name]
	assert (
		doc.figures()["delivery"][0]["ppm"]
		== live.delivery_quality("2026-03-01", "2026-03-31", customer=CUSTOMER)[0]["ppm"]
	)


def test_the_decks_are_private_pptx_files_whose_charts_hold_the_report_figures(seed):
	run_job()
	doc = frappe.get_doc(REPORT, reports()[0])
	assert doc.generated_at == get_datetime(REPORT_DAY)

	file, prs = deck(doc.quality_deck)
	assert (file.is_private, file.attached_to_doctype, file.attached_to_name) == (1, REPORT, doc.name)
	assert file.file_name.endswith(".pptx")
	((chart_type, categories, values),) = chart_series(slide_of(prs, CUSTOMER))
	assert (chart_type, categories) == (XL_CHART_TYPE.LINE_MARKERS, TREND)
	ppm = [row.ppm if row.net_delivered else None for row in doc.trend if row.customer == CUSTOMER]
	assert values == ppm == [None] * 11 + [3000]
	now = live.delivery_quality("2026-03-01", "2026-03-31", customer=CUSTOMER, company=doc.company)
	assert values[-1] == now[0]["ppm"]

	file, prs = deck(doc.line_stop_deck)
	assert file.attached_to_field == "line_stop_deck"
	columns, line = chart_series(slide_of(prs, CUSTOMER))
	rows = [row for row in doc.line_stops if row.customer == CUSTOMER]
	months = [row.month for row in rows]
	assert columns == (XL_CHART_TYPE.COLUMN_CLUSTERED, months, [row.minutes for row in rows])
	assert line == (XL_CHART_TYPE.LINE_MARKERS, months, [row.cumulative for row in rows])
	assert columns[2] == [0, 0, 45] and line[2] == [0, 0, 45]


def test_one_email_to_the_managers_and_general_manager_with_both_decks(seed):
	run_job()
	doc = frappe.get_doc(REPORT, reports()[0])
	(mail,) = mails_of(doc.name)
	mail = frappe.get_doc("Email Queue", mail)
	recipients = {r.recipient for r in mail.recipients}
	assert {seed.manager, *GM} <= recipients
	assert seed.engineer not in recipients
	attached = {a["fid"] for a in json.loads(mail.attachments)}
	files = frappe.get_all(
		"File", filters={"attached_to_doctype": REPORT, "attached_to_name": doc.name}, pluck="file_url"
	)
	assert sorted(files) == sorted([doc.quality_deck, doc.line_stop_deck])
	assert attached == set(frappe.get_all("File", filters={"file_url": ("in", files)}, pluck="name"))
	assert doc.sent_at == get_datetime(REPORT_DAY)
	assert set(doc.sent_to.split("\n")) == recipients


def test_running_again_the_same_day_creates_and_sends_nothing_new(seed):
	run_job()
	(name,) = reports()
	files = frappe.get_all("File", filters={"attached_to_name": name}, pluck="name")
	run_job("2026-04-20 05:30:00.250000")
	assert reports() == [name]
	assert len(mails_of(name)) == 1
	assert frappe.get_all("File", filters={"attached_to_name": name}, pluck="name") == files
	assert frappe.db.get_value(REPORT, name, "sent_at") == get_datetime(REPORT_DAY)


@pytest.mark.parametrize(
	"moment", ["2026-04-01 05:00:00.25", "2026-04-19 05:00:00.25", "2026-05-01 05:00:00.25"]
)
def test_nothing_happens_before_the_report_day(seed, moment):
	"""Before the 20th nothing is due; from 1 May, April's report day is the next one due."""
	assert run_job(moment) == []
	assert reports() == [] and reports("2026-04") == []


def test_a_report_not_made_on_its_day_is_made_the_next_morning_and_only_once(seed):
	"""The 20th's run failed (e.g. no worker): the 21st, still before the deadline, catches up."""
	run_job("2026-04-21 05:00:00.250000")
	assert len(reports()) == 1
	assert frappe.db.get_value(REPORT, reports()[0], "sent_at")
	assert run_job("2026-04-21 06:00:00.250000") == []


def test_the_report_day_comes_from_the_settings(seed):
	set_settings(monthly_report_day=15)
	assert run_job("2026-04-14 05:00:00.250000") == []
	run_job("2026-04-15 05:00:00.250000")
	assert len(reports()) == 1


def test_the_job_is_scheduled_daily():
	method = "cs_service.jobs.scheduled.monthly_quality_report"
	assert method in frappe.get_hooks("scheduler_events")["cron"]["0 5 * * *"]
	assert frappe.db.get_value("Scheduled Job Type", {"method": method}, "cron_format") == "0 5 * * *"


# ---------------------------------------------------------------- freezing (R-RP-3)


def test_later_edits_of_the_sheets_do_not_change_the_report(seed):
	"""The second sheet (1 defective, 15 minutes) is cancelled after the report went out: the
	live figures drop to 2,000 PPM and 30 minutes, the report keeps 3,000 and 45."""
	run_job()
	name = reports()[0]
	frappe.get_doc("Quality Feedback Sheet", seed.second.name).cancel()
	now = live.delivery_quality("2026-03-01", "2026-03-31", customer=CUSTOMER)
	assert (now[0]["defective"], now[0]["ppm"]) == (2, 2000)

	doc = frappe.get_doc(REPORT, name)
	doc.save()  # an unrelated save does not compute anything again
	doc = frappe.get_doc(REPORT, name)
	assert stored(doc, "delivery", "defective", "ppm") == [(3, 3000)]
	assert stored(doc, "line_stops", "minutes")[-1] == (45,)
	_, prs = deck(doc.quality_deck)
	assert chart_series(slide_of(prs, CUSTOMER))[0][2][-1] == 3000


def test_the_stored_figures_cannot_be_edited(seed):
	"""Every stored figure, the PPM columns and the rates included."""
	run_job()
	name = reports()[0]
	edits = [
		lambda doc: setattr(next(r for r in doc.delivery if r.customer == CUSTOMER), "defective", 1),
		lambda doc: setattr(next(r for r in doc.delivery if r.customer == CUSTOMER), "ppm", 10),
		lambda doc: setattr(next(r for r in doc.trend if r.customer == CUSTOMER), "ppm", 10),
		lambda doc: setattr(doc.line_stops[-1], "undecided_minutes", 5),
		lambda doc: setattr(doc, "complaints_handled", 3),
		lambda doc: setattr(doc, "handling_rate", 100),
		lambda doc: setattr(doc, "on_time_rate", 50),
	]
	for index, edit in enumerate(edits):
		doc = frappe.get_doc(REPORT, name)
		edit(doc)
		with pytest.raises(FrozenFigures):
			doc.save()
			pytest.fail(f"edit {index} was saved")


def test_a_cs_engineer_cannot_regenerate(seed):
	run_job()
	name = reports()[0]
	frappe.set_user(seed.engineer)
	doc = frappe.get_doc(REPORT, name)
	with pytest.raises(frappe.PermissionError):
		doc.regenerate()


def test_a_cs_manager_regenerates_from_the_current_records(seed):
	"""After the cancellation, Regenerate (queued; inline in tests) freezes 2,000 PPM and 30
	minutes, rebuilds both decks and sends nothing again."""
	run_job()
	name = reports()[0]
	old_files = set(frappe.get_all("File", filters={"attached_to_name": name}, pluck="name"))
	frappe.get_doc("Quality Feedback Sheet", seed.second.name).cancel()
	frappe.set_user(seed.manager)
	with frozen("2026-04-21 09:00:00.250000"):
		frappe.get_doc(REPORT, name).regenerate()
	frappe.set_user("Administrator")
	doc = frappe.get_doc(REPORT, name)
	assert stored(doc, "delivery", "defective", "ppm") == [(2, 2000)]
	assert stored(doc, "line_stops", "minutes", "sheets")[-1] == (30, seed.first.name)
	assert (doc.status, doc.generated_by) == ("Generated", seed.manager)
	assert doc.generated_at == get_datetime("2026-04-21 09:00:00.250000")
	assert doc.sent_at == get_datetime(REPORT_DAY)  # the e-mail went once, with the earlier decks
	assert len(mails_of(name)) == 1
	files = set(frappe.get_all("File", filters={"attached_to_name": name}, pluck="name"))
	assert len(files) == 2 and not files & old_files
	_, prs = deck(doc.quality_deck)
	assert chart_series(slide_of(prs, CUSTOMER))[0][2][-1] == 2000


# ---------------------------------------------------------------- one per month and company


def test_one_report_per_month_and_company(seed):
	run_job()
	with frozen(REPORT_DAY), pytest.raises(DuplicateReport):
		frappe.get_doc({"doctype": REPORT, "company": seed.company, "month": MONTH}).insert()


@pytest.mark.parametrize("month", ["2026-3", "March", "2026-13", "2026-05", "2026-04"])
def test_the_month_is_a_finished_yyyy_mm(seed, month):
	"""On 20 April 2026 April is still running: no report of it."""
	with frozen(REPORT_DAY), pytest.raises(InvalidReportMonth):
		frappe.get_doc({"doctype": REPORT, "company": seed.company, "month": month}).insert()
