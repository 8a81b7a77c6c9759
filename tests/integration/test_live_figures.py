"""Figures that can be trusted (R-RP-1..3, R-US-4).

- Line-stop minutes *caused by us* are those of Quality problems; Tracking problems are shown
  apart as not yet decided; Disputed problems never count -- in the report, the number cards
  and the decks.
- A Monthly Quality Report exists only for a finished month; its figures, ``status``,
  ``sent_at`` and decks change only through the monthly job or Regenerate; Regenerate is all
  or nothing and the old decks stay until the new ones are committed.
- PPM is stored safely and bounded: a small net delivery after a recall does not overflow it
  and does not stop the daily job; more defective than delivered is a warning.

Seed of the line stops, March 2026, one customer: a Quality problem of 30 minutes on
the 5th, a Tracking problem of 20 on the 10th, a Disputed problem of 45 on the 15th. So the
line-stop figure is 30 (cumulative 30), with 20 not yet decided shown apart; 45 nowhere.
"""

import io
import os
from contextlib import contextmanager

import frappe
import pytest
import pytz
from erpnext.stock.doctype.delivery_note.delivery_note import make_sales_return
from frappe.utils import get_datetime, get_system_timezone
from freezegun import freeze_time
from pptx import Presentation

from cs_service.cs_service.doctype.monthly_quality_report import monthly_quality_report as mqr
from cs_service.decks import slides, storage
from cs_service.decks.errors import FrozenFigures, InvalidReportMonth, RecordedByTheJob
from cs_service.decks.schedule import queue_due_reports, regenerate_report
from cs_service.figures import live
from tests.integration.clock import frozen
from tests.integration.factories import (
	default_company,
	email,
	make_customer,
	make_delivery_note,
	make_feedback,
	make_item,
	make_user,
	set_settings,
)

REPORT = "Monthly Quality Report"
CUSTOMER = "CS Trust LS Customer"
PART = "CS-TRUST-LS-P"
RECALL_CUSTOMER = "CS Trust Recall Customer"
RECALL_PART = "CS-TRUST-RECALL-P"
MONTH = "2026-03"
REPORT_DAY = "2026-04-20 05:00:00.250000"
GM = email("trust-gm")


@contextmanager
def ticking(moment):
	tz = pytz.timezone(get_system_timezone())
	with freeze_time(tz.localize(get_datetime(moment)).astimezone(pytz.utc), tick=True):
		yield


def sheet(customer, item, occurred, **kw):
	doc = make_feedback(customer=customer, item=item, occurred_at=occurred, reported_at=occurred, **kw)
	with frozen(occurred):
		doc.submit()
	return doc


def run_job(moment=REPORT_DAY):
	with frozen(moment):
		return queue_due_reports()


def report_of_month(month=MONTH):
	return frappe.get_doc(REPORT, {"company": default_company(), "month": month})


def mails_of(name):
	return frappe.get_all(
		"Email Queue", filters={"reference_doctype": REPORT, "reference_name": name}, pluck="name"
	)


def deck_of(file_url):
	file = frappe.get_doc("File", {"file_url": file_url})
	return Presentation(io.BytesIO(file.get_content()))


def slide_of(prs, title):
	return next(s for s in prs.slides if s.shapes.title and s.shapes.title.text_frame.text == title)


def texts(slide):
	return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def table_rows(slide):
	(table,) = [shape.table for shape in slide.shapes if shape.has_table]
	return {row.cells[0].text: row.cells[1].text for row in table.rows}


def charts(slide):
	return [
		(list(shape.chart.plots[0].categories), [list(s.values) for s in shape.chart.plots[0].series])
		for shape in slide.shapes
		if shape.has_chart
	]


def on_disk(file_url):
	return os.path.exists(frappe.get_site_path(file_url.strip("/")))


def run_report(name, **filters):
	from frappe.desk.query_report import run

	return run(name, filters=filters, ignore_prepared_report=True)


def summary_of(result):
	return {s["label"]: s["value"] for s in result["report_summary"]}


# ---------------------------------------------------------------- line stops caused by us


@pytest.fixture
def stops():
	set_settings(gm_recipients=GM, monthly_report_day=20)
	return frappe._dict(
		quality=sheet(CUSTOMER, PART, "2026-03-05 10:00:00", line_stop_minutes=30),
		tracking=sheet(
			CUSTOMER, PART, "2026-03-10 10:00:00", line_stop_minutes=20, problem_type="Tracking Problem"
		),
		disputed=sheet(
			CUSTOMER, PART, "2026-03-15 10:00:00", line_stop_minutes=45, problem_type="Disputed Problem"
		),
	)


def test_line_stop_minutes_count_quality_show_tracking_apart_never_disputed(stops):
	"""R-RP-3: 30 caused by us (the Quality sheet only), 20 not yet decided, the 45 Disputed
	nowhere -- not in the minutes, the cumulative, the sheets nor the undecided."""
	(row,) = live.line_stop_minutes("2026-03-01", "2026-03-31", customer=CUSTOMER)
	assert row == {
		"month": MONTH,
		"customer": CUSTOMER,
		"minutes": 30,
		"cumulative": 30,
		"sheets": [stops.quality.name],
		"undecided_minutes": 20,
		"undecided_sheets": [stops.tracking.name],
	}
	(month,) = live.line_stop_trend("2026-03-01", "2026-03-31", customer=CUSTOMER)
	assert (month["minutes"], month["cumulative"], month["undecided_minutes"]) == (30, 30, 20)


def test_acceptance_the_line_stop_report_shows_30_with_20_apart(stops):
	frappe.set_user(make_user("cs-trust-qa", "QA Engineer"))
	result = run_report("Line Stop Minutes", from_date="2026-03-01", to_date="2026-03-31", customer=CUSTOMER)
	(row,) = result["result"]
	assert (row["minutes"], row["cumulative"], row["sheets"]) == (30, 30, stops.quality.name)
	assert (row["undecided_minutes"], row["undecided_sheets"]) == (20, stops.tracking.name)
	summary = summary_of(result)
	assert summary["Line Stop Minutes"] == 30
	assert summary["Cumulative Minutes in the Year"] == 30
	assert summary["Not Yet Decided Minutes (Tracking Problems)"] == 20
	# the chart: caused by us only; one month is a bar alone (a line of one
	# point is drawn with paths the desk's chart library cannot compute)
	(bars,) = result["chart"]["data"]["datasets"]
	assert (bars["values"], result["chart"]["type"]) == ([30], "bar")


def test_acceptance_the_cards_show_30_and_20_apart(stops):
	"""The cards as the workspace calls them: the method each Number Card names."""
	frappe.set_user(make_user("cs-trust-manager", "CS Manager"))

	def card(name):
		method = frappe.get_attr(frappe.get_doc("Number Card", name).method)
		return method({"customer": CUSTOMER})["value"]

	with frozen("2026-03-31 18:00:00.100000"):
		assert card("Line Stop Minutes This Month") == 30
		assert card("Line Stop Minutes Not Yet Decided This Month") == 20


def test_acceptance_the_report_and_its_deck_show_30_with_20_apart(stops):
	run_job()
	doc = report_of_month()
	(row,) = [r for r in doc.line_stops if r.customer == CUSTOMER and r.month == MONTH]
	assert (row.minutes, row.cumulative, row.sheets) == (30, 30, stops.quality.name)
	assert (row.undecided_minutes, row.undecided_sheets) == (20, stops.tracking.name)

	prs = deck_of(doc.line_stop_deck)
	slide = slide_of(prs, CUSTOMER)
	(columns, line) = charts(slide)
	assert columns == (["2026-01", "2026-02", MONTH], [[0, 0, 30]])
	assert line == (["2026-01", "2026-02", MONTH], [[0, 0, 30]])
	note = slides.LABELS["undecided_in_month"].format(20)
	assert f"{slides.LABELS['sheets']}: {stops.quality.name}\n{note} ({stops.tracking.name})" in texts(slide)
	assert stops.disputed.name not in " ".join(texts(slide))

	summary = table_rows(slide_of(prs, "Summary"))
	month_rows = [r for r in doc.line_stops if r.month == MONTH]
	assert summary[slides.LABELS["month_minutes"]] == slides.number(sum(r.minutes for r in month_rows))
	assert summary[slides.LABELS["undecided_minutes"]] == slides.number(
		sum(r.undecided_minutes for r in month_rows)
	)
	assert sum(r.undecided_minutes for r in month_rows if r.customer == CUSTOMER) == 20


def test_a_customer_with_only_undecided_stops_gets_its_slide_with_zero_minutes():
	"""Not major, no stop caused by us, 20 minutes of a Tracking problem: shown, apart."""
	set_settings(gm_recipients=GM)
	sheet(CUSTOMER, PART, "2026-03-10 10:00:00", line_stop_minutes=20, problem_type="Tracking Problem")
	run_job()
	doc = report_of_month()
	slide = slide_of(deck_of(doc.line_stop_deck), CUSTOMER)
	assert charts(slide)[0][1] == [[0, 0, 0]]
	assert any(slides.LABELS["undecided_in_month"].format(20) in text for text in texts(slide))


# ---------------------------------------------------------------- the report is a record


@pytest.fixture
def sent():
	"""The report of March, made and sent by the job of 20 April."""
	set_settings(gm_recipients=GM, monthly_report_day=20)
	make_customer(CUSTOMER)
	make_item(PART, customer=CUSTOMER)
	with ticking("2026-03-05 09:00:00"):
		make_delivery_note(CUSTOMER, PART, 1000)
	sheet(CUSTOMER, PART, "2026-03-06 08:00:00", quantity=2, line_stop_minutes=30, is_major=1)
	run_job()
	return report_of_month()


@pytest.mark.parametrize("moment", ["2026-03-31 23:00:00.250000", "2026-03-20 05:00:00.250000"])
def test_no_report_of_a_month_still_running(moment):
	"""Made on the month's last evening it would go out with partial figures: refused."""
	with frozen(moment), pytest.raises(InvalidReportMonth, match="has not ended yet"):
		frappe.get_doc({"doctype": REPORT, "company": default_company(), "month": MONTH}).insert()


def test_a_report_of_a_finished_month_is_made_the_day_after(sent):
	with frozen("2026-05-01 00:10:00.250000"):
		doc = frappe.get_doc({"doctype": REPORT, "company": default_company(), "month": "2026-04"}).insert()
	assert (doc.status, doc.sent_at) == ("Draft", None)


def test_clearing_sent_at_is_refused_and_the_job_does_not_send_again(sent):
	doc = frappe.get_doc(REPORT, sent.name)
	doc.sent_at = None
	with pytest.raises(RecordedByTheJob):
		doc.save()
	assert run_job("2026-04-21 05:00:00.250000") == []
	assert len(mails_of(sent.name)) == 1


@pytest.mark.parametrize(
	"field, value",
	[
		("status", "Draft"),
		("sent_to", "someone@example.com"),
		("generated_at", "2026-04-01 00:00:00"),
		("generated_by", "Guest"),
		("quality_deck", ""),
		("line_stop_deck", "/private/files/other.pptx"),
	],
)
def test_what_the_job_records_changes_only_through_it(sent, field, value):
	"""Also as a CS Manager through the REST API's own path (frappe.client.set_value)."""
	frappe.set_user(make_user("cs-trust-manager", "CS Manager"))
	with pytest.raises(RecordedByTheJob):
		frappe.client.set_value(REPORT, sent.name, field, value)


def test_the_desk_saves_an_unchanged_report_but_not_a_cleared_sent_at(sent):
	"""The form sends the whole document as JSON (times as text): unchanged, it saves."""
	from frappe.desk.form.save import savedocs

	frappe.set_user(make_user("cs-trust-manager", "CS Manager"))
	values = frappe.parse_json(frappe.as_json(frappe.get_doc(REPORT, sent.name).as_dict()))
	savedocs(frappe.as_json(values), "Save")
	values = frappe.parse_json(frappe.as_json(frappe.get_doc(REPORT, sent.name).as_dict()))
	values["sent_at"] = None
	with pytest.raises(RecordedByTheJob, match="Sent At"):
		savedocs(frappe.as_json(values), "Save")


def test_a_row_of_the_figures_cannot_be_saved_or_deleted_on_its_own(sent):
	row = frappe.get_doc("Monthly Quality Report Delivery", sent.delivery[0].name)
	row.ppm = 1
	with pytest.raises(FrozenFigures):
		row.save()
	with pytest.raises(FrozenFigures):
		frappe.delete_doc("Monthly Quality Report Delivery", row.name)
	frappe.set_user(make_user("cs-trust-manager", "CS Manager"))
	with pytest.raises(FrozenFigures):
		frappe.client.set_value("Monthly Quality Report Delivery", row.name, "ppm", 1)


def test_a_report_made_by_hand_starts_unbuilt_and_unsent():
	"""Whatever a request says, a new report has no decks and has not been sent: the job
	still builds and sends it."""
	set_settings(gm_recipients=GM)
	with frozen(REPORT_DAY):
		doc = frappe.get_doc(
			{
				"doctype": REPORT,
				"company": default_company(),
				"month": MONTH,
				"status": "Sent",
				"sent_at": "2026-04-19 10:00:00",
				"quality_deck": "/private/files/x.pptx",
			}
		).insert()
	assert (doc.status, doc.sent_at, doc.quality_deck) == ("Draft", None, None)
	run_job()
	doc.reload()
	assert doc.status == "Sent" and len(mails_of(doc.name)) == 1


def test_a_sent_report_cannot_be_deleted(sent):
	with pytest.raises(RecordedByTheJob):
		frappe.delete_doc(REPORT, sent.name)


class Boom(Exception):
	pass


def test_regenerate_that_fails_building_changes_nothing(sent, monkeypatch):
	"""The second deck fails to build: the figures, the decks and their files stay as they were."""
	before = storage.stored_figures(frappe.get_doc(REPORT, sent.name))
	old = set(frappe.get_all("File", filters={"attached_to_name": sent.name}, pluck="file_url"))
	frappe.get_doc("Quality Feedback Sheet", sent.line_stops[-1].sheets.split(", ")[0]).cancel()

	def boom(data):
		raise Boom

	monkeypatch.setattr(slides, "build_line_stop_deck", boom)
	with frozen("2026-04-21 09:00:00.250000"), pytest.raises(Boom):
		regenerate_report(sent.name)
	doc = frappe.get_doc(REPORT, sent.name)
	assert storage.stored_figures(doc) == before
	assert (doc.quality_deck, doc.line_stop_deck) == (sent.quality_deck, sent.line_stop_deck)
	assert set(frappe.get_all("File", filters={"attached_to_name": sent.name}, pluck="file_url")) == old
	assert all(on_disk(url) for url in old)


def test_regenerate_that_fails_saving_keeps_the_old_decks_on_disk(sent, monkeypatch):
	"""The save after the new files fails (the job then rolls back): the old decks' content
	is still on the disk, so the rolled-back records find their files."""
	old = [sent.quality_deck, sent.line_stop_deck]

	def boom(self):
		raise Boom

	monkeypatch.setattr(mqr.MonthlyQualityReport, "save_record", boom)
	frappe.db.savepoint("regenerate_job")
	with frozen("2026-04-21 09:00:00.250000"), pytest.raises(Boom):
		regenerate_report(sent.name)
	frappe.db.rollback(save_point="regenerate_job")
	assert all(on_disk(url) for url in old)
	frappe.db.after_commit.run()  # a later commit must not take them either
	assert all(on_disk(url) for url in old)
	doc = frappe.get_doc(REPORT, sent.name)
	assert [doc.quality_deck, doc.line_stop_deck] == old
	assert len(frappe.get_all("File", filters={"attached_to_name": sent.name})) == 2


def test_regenerate_keeps_the_old_decks_until_the_new_ones_are_committed(sent):
	old = [sent.quality_deck, sent.line_stop_deck]
	with frozen("2026-04-21 09:00:00.250000"):
		regenerate_report(sent.name)
	doc = frappe.get_doc(REPORT, sent.name)
	new = [doc.quality_deck, doc.line_stop_deck]
	assert not set(new) & set(old) and all(on_disk(url) for url in new)
	assert all(on_disk(url) for url in old)  # not committed yet
	frappe.db.after_commit.run()  # what the commit runs
	assert not any(on_disk(url) for url in old)
	assert all(on_disk(url) for url in new)
	assert len(mails_of(doc.name)) == 1 and doc.sent_at == get_datetime(REPORT_DAY)


# ---------------------------------------------------------------- PPM stored safely


@pytest.fixture
def recall():
	"""March: 10,000 delivered, 9,999 returned (a recall) -- net 1; 2,500 defective found.
	Unbounded that is 2,500,000,000 PPM: beyond a 32-bit Int, the daily job failed on it."""
	set_settings(gm_recipients=GM, monthly_report_day=20, major_customer_basis="Flag on Customer")
	make_customer(RECALL_CUSTOMER)
	frappe.db.set_value("Customer", RECALL_CUSTOMER, "cs_major_customer", 1)
	make_item(RECALL_PART, customer=RECALL_CUSTOMER)
	with ticking("2026-03-02 09:00:00"):
		dn = make_delivery_note(RECALL_CUSTOMER, RECALL_PART, 10_000)
	with ticking("2026-03-25 15:00:00"):
		ret = make_sales_return(dn.name)
		ret.items[0].qty = -9_999
		ret.insert()
		ret.submit()
	sheet(RECALL_CUSTOMER, RECALL_PART, "2026-03-26 08:00:00", quantity=2_500)


def test_defective_above_delivered_is_a_bounded_ppm_with_a_warning(recall):
	(row,) = live.delivery_quality("2026-03-01", "2026-03-31", customer=RECALL_CUSTOMER)
	assert (row["net_delivered"], row["defective"]) == (1, 2_500)
	assert (row["ppm"], row["defective_above_delivered"]) == (1_000_000, 1)
	result = run_report(
		"Delivery Quality", from_date="2026-03-01", to_date="2026-03-31", customer=RECALL_CUSTOMER
	)
	assert "PPM is bounded at 1,000,000" in result["message"]
	assert summary_of(result)["PPM"] == 1_000_000


def test_the_daily_job_stores_the_recall_month_and_sends_it(recall):
	"""No overflow, no failing job: the report is made, stored and sent once."""
	run_job()
	doc = report_of_month()
	(row,) = [r for r in doc.delivery if r.customer == RECALL_CUSTOMER]
	assert (row.net_delivered, row.defective, row.ppm, row.defective_above_delivered) == (1, 2500, 1e6, 1)
	(trend,) = [r for r in doc.trend if r.customer == RECALL_CUSTOMER and r.month == MONTH]
	assert trend.ppm == 1_000_000
	assert doc.status == "Sent" and len(mails_of(doc.name)) == 1
	slide = slide_of(deck_of(doc.quality_deck), RECALL_CUSTOMER)
	(parts,) = [shape.table for shape in slide.shapes if shape.has_table]
	assert parts.cell(1, 3).text == "1,000,000 *"
	assert slides.LABELS["ppm_bounded"] in texts(slide)


# ---------------------------------------------------------------- a missing PPM says why

UNDELIVERED_CUSTOMER = "CS Trust Undelivered Customer"
UNDELIVERED_PART = "CS-TRUST-UNDELIVERED-P"


def test_defective_parts_without_a_delivery_have_no_ppm_say_why_and_are_flagged():
	"""45 defective against 0 delivered: no PPM, the reason beside it and above the report,
	the flag set; the piece counts are whole numbers."""
	sheet(UNDELIVERED_CUSTOMER, UNDELIVERED_PART, "2026-03-12 08:00:00", quantity=45)
	frappe.local.lang = "en"
	result = run_report(
		"Delivery Quality", from_date="2026-03-01", to_date="2026-03-31", customer=UNDELIVERED_CUSTOMER
	)
	(row,) = result["result"]
	assert (row["net_delivered"], row["defective"], row["ppm"]) == (0, 45, None)
	assert row["defective_above_delivered"] == 1
	assert row["ppm_note"] == "No PPM: defective parts but nothing delivered net of returns"
	assert "1 rows have defective parts but nothing delivered net of returns" in result["message"]
	assert summary_of(result)["PPM"] == "No PPM: defective parts but nothing delivered net of returns"
	columns = {c["fieldname"]: c["fieldtype"] for c in result["columns"]}
	assert {columns[f] for f in ("delivered", "returned", "net_delivered", "defective")} == {"Int"}
