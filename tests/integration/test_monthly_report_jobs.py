"""The monthly job runs once and catches up (R-RP-3, R-US-4).

"The monthly job after a worker is killed mid-run makes exactly one report and one e-mail on
its next run." The report records each step it has done -- it exists with its frozen
figures, its decks are attached, ``sent_at`` is set in the transaction that queues the
e-mail -- and the job does only the steps not recorded yet.

A killed worker is a lost transaction: the killed run happens inside a savepoint and is
rolled back to it, which is what the database does with the work of a worker that dies
before the commit. A step that *was* committed by an earlier run is simply left in place.
The killing itself is an exception raised from one of the app's steps (monkeypatch).

Seed: the report day is the 20th; March 2026 has one delivery and one Quality sheet with a
30-minute line stop. The killed run is on 20 April, the next run on the 21st (or the 22nd,
after the deadline).
"""

from contextlib import contextmanager

import frappe
import pytest
import pytz
from frappe.utils import get_datetime, get_system_timezone
from freezegun import freeze_time

from cs_service.cs_service.doctype.monthly_quality_report import monthly_quality_report as mqr
from cs_service.decks import files, schedule, sending, slides, storage
from tests.integration.clock import frozen
from tests.integration.factories import (
	default_company,
	email,
	make_customer,
	make_delivery_note,
	make_feedback,
	make_item,
	set_settings,
)

REPORT = "Monthly Quality Report"
CUSTOMER = "CS Catch-up Customer"
PART = "CS-CATCHUP-P"
MONTH = "2026-03"
REPORT_DAY = "2026-04-20 05:00:00.250000"
NEXT_MORNING = "2026-04-21 05:00:00.250000"
GM = email("catch-up-gm")


class WorkerKilled(Exception):
	"""Stands for the worker dying at that point of the run."""


@contextmanager
def ticking(moment):
	tz = pytz.timezone(get_system_timezone())
	with freeze_time(tz.localize(get_datetime(moment)).astimezone(pytz.utc), tick=True):
		yield


@pytest.fixture
def seed():
	set_settings(gm_recipients=GM, monthly_report_day=20)
	make_customer(CUSTOMER)
	make_item(PART, customer=CUSTOMER)
	with ticking("2026-03-05 09:00:00"):
		make_delivery_note(CUSTOMER, PART, 1000)
	doc = make_feedback(
		customer=CUSTOMER,
		item=PART,
		occurred_at="2026-03-06 08:00:00",
		reported_at="2026-03-06 08:00:00",
		line_stop_minutes=30,
	)
	with frozen("2026-03-06 08:00:00"):
		doc.submit()
	return frappe._dict(company=default_company())


def run_job(moment):
	with frozen(moment):
		return schedule.queue_due_reports()


def killed_run(moment, monkeypatch, target, name):
	"""The job of ``moment`` dies when it reaches ``target.name``; its transaction is lost."""

	def die(*args, **kwargs):
		raise WorkerKilled

	with monkeypatch.context() as patch:
		patch.setattr(target, name, die)
		frappe.db.savepoint("killed_worker")
		with pytest.raises(WorkerKilled):
			run_job(moment)
		frappe.db.rollback(save_point="killed_worker")


def reports():
	return frappe.get_all(REPORT, filters={"month": MONTH}, pluck="name")


def mails():
	return frappe.get_all("Email Queue", filters={"reference_doctype": REPORT}, pluck="name")


def deck_files(name):
	return frappe.get_all(
		"File",
		filters={"attached_to_doctype": REPORT, "attached_to_name": name},
		pluck="file_url",
		order_by="file_url",
	)


def assert_made_once():
	"""Exactly one report, built and sent, and one e-mail with its two decks."""
	(name,) = reports()
	doc = frappe.get_doc(REPORT, name)
	assert doc.status == "Sent" and doc.sent_at
	assert deck_files(name) == sorted([doc.quality_deck, doc.line_stop_deck])
	(mail,) = mails()
	assert len(frappe.parse_json(frappe.db.get_value("Email Queue", mail, "attachments"))) == 2
	return doc


# ---------------------------------------------------------------- killed, nothing committed


@pytest.mark.parametrize(
	"target, name",
	[
		(mqr.MonthlyQualityReport, "build_decks"),  # report inserted, no deck yet
		(slides, "build_line_stop_deck"),  # one deck built, the other not
		(files, "discard_files_after_commit"),  # deck files written, not recorded
		(sending, "report_recipients"),  # decks recorded, the e-mail not queued
		(mqr.MonthlyQualityReport, "email_message"),  # the e-mail being written
	],
)
def test_a_run_killed_mid_way_is_made_good_by_the_next_run_once(seed, monkeypatch, target, name):
	killed_run(REPORT_DAY, monkeypatch, target, name)
	assert reports() == [] and mails() == []  # nothing half-done is left
	run_job(NEXT_MORNING)
	doc = assert_made_once()
	assert doc.sent_at == get_datetime(NEXT_MORNING)
	assert run_job("2026-04-21 06:00:00.250000") == []
	assert len(mails()) == 1


def test_killed_after_queueing_the_email_before_recording_it_sends_once(seed, monkeypatch):
	"""The e-mail and ``sent_at`` are one transaction: killed between them, neither is left."""
	original = mqr.MonthlyQualityReport.save_record

	def save_record(self):
		if self.sent_at:
			raise WorkerKilled
		return original(self)

	monkeypatch.setattr(mqr.MonthlyQualityReport, "save_record", save_record)
	frappe.db.savepoint("killed_worker")
	with pytest.raises(WorkerKilled):
		run_job(REPORT_DAY)
	frappe.db.rollback(save_point="killed_worker")
	monkeypatch.undo()
	assert mails() == []
	run_job(NEXT_MORNING)
	assert_made_once()


# ---------------------------------------------------------------- a step committed, the next not


def test_report_committed_without_decks_or_email_is_completed(seed):
	"""A run that inserted (and committed) the report, then died: the next run builds the
	decks from the figures frozen then, and sends once."""
	with frozen(REPORT_DAY):
		doc = schedule.report_of(seed.company, MONTH)
	frozen_figures = storage.stored_figures(doc)
	run_job(NEXT_MORNING)
	doc = assert_made_once()
	assert storage.stored_figures(doc) == frozen_figures
	assert doc.generated_at == get_datetime(NEXT_MORNING)


def test_decks_committed_without_email_are_sent_not_rebuilt(seed):
	with frozen(REPORT_DAY):
		doc = schedule.report_of(seed.company, MONTH)
		doc.make_decks()
	files = deck_files(doc.name)
	run_job(NEXT_MORNING)
	doc = assert_made_once()
	assert deck_files(doc.name) == files
	assert doc.generated_at == get_datetime(REPORT_DAY)


def test_a_deck_file_lost_is_built_again_before_sending(seed):
	"""The report records a deck whose File is gone: the next run builds both again."""
	with frozen(REPORT_DAY):
		doc = schedule.report_of(seed.company, MONTH)
		doc.make_decks()
	frappe.db.delete("File", {"file_url": doc.line_stop_deck})
	run_job(NEXT_MORNING)
	doc = assert_made_once()
	assert doc.generated_at == get_datetime(NEXT_MORNING)


# ---------------------------------------------------------------- after the deadline


def test_a_run_killed_on_the_21st_is_made_good_on_the_22nd_late(seed, monkeypatch):
	"""The last run before the deadline dies: the next morning's run still makes the report
	and sends it once -- late, and the e-mail says so -- rather than never."""
	killed_run("2026-04-21 05:00:00.250000", monkeypatch, mqr.MonthlyQualityReport, "build_decks")
	assert reports() == []
	run_job("2026-04-22 05:00:00.250000")
	assert_made_once()
	message = frappe.db.get_value("Email Queue", mails()[0], "message")
	assert "Sent after the deadline of the 22nd" in message
	assert run_job("2026-04-23 05:00:00.250000") == []


def test_a_run_that_looked_before_another_inserted_continues_from_its_report(monkeypatch):
	"""Two runs at once: the second looked for the report before the first inserted it; its
	own insert is refused and it continues from the first run's report (one report)."""
	set_settings(gm_recipients=GM)
	company = default_company()
	with frozen(REPORT_DAY):
		first = schedule.report_of(company, MONTH)
		find, calls = schedule.find_report, []

		def looked_too_early(*args):
			calls.append(args)
			return None if len(calls) == 1 else find(*args)

		monkeypatch.setattr(schedule, "find_report", looked_too_early)
		second = schedule.report_of(company, MONTH)
	assert len(calls) == 2  # it looked, its insert was refused, it looked again
	assert second.name == first.name and reports() == [first.name]
