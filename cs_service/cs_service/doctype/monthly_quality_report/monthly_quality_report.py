# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Monthly Quality Report (R-RP-1..3, R-US-4): one per finished month and company.

The month's figures are computed once, when the report is created, and stored in its
tables: later edits of feedback sheets or delivery notes do not change a report already
handed in. Only a CS Manager's explicit *Regenerate* computes them again. The two decks are
built from the stored figures and attached as private .pptx files.

This controller is the report's life cycle; the machinery is in :mod:`cs_service.decks`:
what is stored (:mod:`~cs_service.decks.storage`), the decks' contents and files
(:mod:`~cs_service.decks.contents`, :mod:`~cs_service.decks.files`), the e-mail
(:mod:`~cs_service.decks.sending`) and the jobs (:mod:`~cs_service.decks.schedule`).

What the report records cannot be bent:

- a report exists only for a month that has ended (no partial figures sent);
- every stored figure (PPM and rates included), ``status``, ``sent_at`` / ``sent_to``, the
  decks and when / by whom they were generated change only through the monthly job
  (:mod:`cs_service.decks.schedule`) or Regenerate -- never by a save, the REST API
  or a row of a child table; a sent report cannot be deleted (the job would send it again);
- Regenerate is all or nothing: the figures and both decks are computed and built before
  anything is written; the old decks' files are removed only once the new ones are committed;
- the e-mail is queued in the transaction that records ``sent_at``: both are committed, or
  neither, so a run killed half-way is completed by the next run and nothing goes twice.
"""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, nowdate

from cs_service.access.roles import CS_MANAGER, has_role
from cs_service.decks import contents, files, schedule, sending, series, storage
from cs_service.decks.errors import DuplicateReport, FrozenFigures, InvalidReportMonth, RecordedByTheJob
from cs_service.rules import months

REGENERATE_ROLES = (CS_MANAGER, "System Manager")
DRAFT, GENERATED, SENT = "Draft", "Generated", "Sent"
# What the monthly job and Regenerate record (besides the figures)
RECORD_FIELDS = (
	"status",
	"sent_at",
	"sent_to",
	"generated_at",
	"generated_by",
	"quality_deck",
	"line_stop_deck",
)


class MonthlyQualityReport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.monthly_quality_report_customer.monthly_quality_report_customer import (
			MonthlyQualityReportCustomer,
		)
		from cs_service.cs_service.doctype.monthly_quality_report_delivery.monthly_quality_report_delivery import (
			MonthlyQualityReportDelivery,
		)
		from cs_service.cs_service.doctype.monthly_quality_report_line_stop.monthly_quality_report_line_stop import (
			MonthlyQualityReportLineStop,
		)
		from cs_service.cs_service.doctype.monthly_quality_report_problem.monthly_quality_report_problem import (
			MonthlyQualityReportProblem,
		)
		from cs_service.cs_service.doctype.monthly_quality_report_trend.monthly_quality_report_trend import (
			MonthlyQualityReportTrend,
		)

		company: DF.Link
		complaints_handled: DF.Int
		complaints_received: DF.Int
		delivery: DF.Table[MonthlyQualityReportDelivery]
		found_on_site: DF.Int
		from_date: DF.Date | None
		generated_at: DF.Datetime | None
		generated_by: DF.Link | None
		handling_rate: DF.Percent
		handling_target: DF.Percent
		line_stop_deck: DF.Attach | None
		line_stops: DF.Table[MonthlyQualityReportLineStop]
		major_customers: DF.TableMultiSelect[MonthlyQualityReportCustomer]
		major_problems: DF.Table[MonthlyQualityReportProblem]
		month: DF.Data
		on_time: DF.Int
		on_time_rate: DF.Percent
		quality_deck: DF.Attach | None
		reported_by_customer: DF.Int
		sent_at: DF.Datetime | None
		sent_to: DF.SmallText | None
		status: DF.Literal["Draft", "Generated", "Sent"]
		timed: DF.Int
		to_date: DF.Date | None
		trend: DF.Table[MonthlyQualityReportTrend]
	# end: auto-generated types

	def autoname(self):
		abbr = frappe.get_cached_value("Company", self.company, "abbr") or self.company
		self.name = f"MQR-{self.month}-{abbr}"

	def validate(self):
		self.validate_month()
		self.set_period()
		self.validate_unique()
		if self.is_new():
			self.start_unbuilt()
			self.freeze(contents.collect(self.company, self.month))
		else:
			self.validate_unchanged()

	def on_trash(self):
		if self.sent_at:
			frappe.throw(
				_("{0} was sent on {1}: a sent report is kept (Regenerate recomputes it)").format(
					self.name, frappe.utils.format_datetime(self.sent_at)
				),
				RecordedByTheJob,
			)

	# ------------------------------------------------------------ steps

	def validate_month(self):
		if not series.is_month(self.month):
			frappe.throw(
				_("{0}: write the month as YYYY-MM, e.g. 2026-03: {1}").format(_("Month"), self.month),
				exc=InvalidReportMonth,
			)
		if self.is_new() and not series.is_finished(self.month, getdate(nowdate())):
			frappe.throw(
				_("{0}: {1} has not ended yet; a report is made for a finished month only").format(
					_("Month"), self.month
				),
				exc=InvalidReportMonth,
			)

	def set_period(self):
		self.from_date, self.to_date = months.month_bounds(self.month)

	def validate_unique(self):
		filters = {"company": self.company, "month": self.month}
		if not self.is_new():
			filters["name"] = ("!=", self.name)
		other = frappe.db.exists(self.doctype, filters)
		if other:
			frappe.throw(
				_("{0} is already the report of {1} for {2}").format(other, self.month, self.company),
				exc=DuplicateReport,
			)

	def start_unbuilt(self):
		"""A new report has no decks and has not been sent, whatever the request said."""
		self.status = DRAFT
		for fieldname in RECORD_FIELDS[1:]:
			self.set(fieldname, None)

	def validate_unchanged(self):
		"""The stored figures change only through :meth:`freeze` (creation, Regenerate); the
		status, the decks and ``sent_at`` only through the job's and Regenerate's own saves."""
		if self.flags.recorded_by_job:
			return
		before = self.get_doc_before_save()
		if not before:
			return
		if storage.stored_figures(before) != storage.stored_figures(self):
			frappe.throw(
				_("{0}: the figures of a report are frozen; use Regenerate to compute them again").format(
					self.name
				),
				exc=FrozenFigures,
			)
		changed = storage.changed_fields(before, self, RECORD_FIELDS)
		if changed:
			frappe.throw(
				_("{0}: {1} changes only through the monthly job or Regenerate").format(
					self.name, ", ".join(_(self.meta.get_label(f)) for f in changed)
				),
				exc=RecordedByTheJob,
			)

	@contextmanager
	def recording(self):
		"""Saves of the monthly job and of Regenerate: they may change what they record."""
		self.flags.recorded_by_job = True
		try:
			yield
		finally:
			self.flags.recorded_by_job = False

	def save_record(self):
		with self.recording():
			self.save()

	# ------------------------------------------------------------ figures

	def freeze(self, values: dict):
		"""Store the figures of :func:`cs_service.decks.contents.collect` (in memory; the
		caller saves)."""
		storage.freeze(self, values)

	def figures(self) -> dict:
		"""The stored figures, in the structure :func:`cs_service.decks.contents.collect` returns."""
		return storage.figures(self)

	# ------------------------------------------------------------ decks and e-mail

	def build_decks(self) -> dict[str, bytes]:
		"""Both decks of the figures held now (stored or just frozen), in memory: nothing is
		written, so a failure here changes nothing."""
		return contents.build(self.figures())

	def make_decks(self):
		"""Build both decks from the stored figures and attach them (replacing earlier ones)."""
		self.attach_decks(self.build_decks())

	def attach_decks(self, built: dict[str, bytes]):
		"""Attach the built decks and record them, in one transaction with whatever else the
		caller changed (Regenerate: the figures); the old decks' content leaves the disk only
		after the commit (:mod:`cs_service.decks.files`)."""
		files.attach(self, built)
		self.generated_at = now_datetime()
		self.generated_by = frappe.session.user
		self.status = GENERATED
		self.save_record()

	def has_decks(self) -> bool:
		"""Both decks recorded, each with its file."""
		return files.has_decks(self)

	def send(self) -> bool:
		"""R-US-4: queue one e-mail with both decks to the CS Managers and the general-manager
		recipients and record it (``sent_at``) in the same transaction; False (nothing queued)
		when there is nobody to send to."""
		recipients = sending.report_recipients()
		if not recipients:
			return False
		sending.queue_report(self, recipients)
		self.sent_at = now_datetime()
		self.sent_to = "\n".join(recipients)
		self.status = SENT
		self.save_record()
		return True

	def email_message(self) -> str:
		return sending.report_message(self)

	# ------------------------------------------------------------ regenerate

	@frappe.whitelist()
	def regenerate(self):
		"""Queue the recomputation of the figures and of both decks (CS Manager)."""
		self.check_regenerate_permission()
		schedule.enqueue_regeneration(self.name)

	def check_regenerate_permission(self):
		self.check_permission("write")
		if not can_regenerate():
			frappe.throw(
				_("{0}: only a CS Manager may regenerate a monthly quality report").format(self.name),
				frappe.PermissionError,
			)

	def refreeze(self):
		"""Compute the figures again from the current records, in memory (Regenerate only);
		:meth:`attach_decks` saves them with the new decks."""
		self.freeze(contents.collect(self.company, self.month))


def can_regenerate(user: str | None = None) -> bool:
	return has_role(REGENERATE_ROLES, user)
