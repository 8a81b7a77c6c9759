# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Monthly Quality Report (R-RP-1..3, R-US-4): one per finished month and company.

The month's figures are computed once, when the report is created, and stored in its
tables: later edits of feedback sheets or delivery notes do not change a report already
handed in. Only a CS Manager's explicit *Regenerate* computes them again. The two decks are
built from the stored figures and attached as private .pptx files.

What the report records cannot be bent (issue 11):

- a report exists only for a month that has ended (no partial figures sent);
- every stored figure (PPM and rates included), ``status``, ``sent_at`` / ``sent_to``, the
  decks and when / by whom they were generated change only through the monthly job
  (:mod:`cs_service.monthly_report.tasks`) or Regenerate -- never by a save, the REST API
  or a row of a child table; a sent report cannot be deleted (the job would send it again);
- Regenerate is all or nothing: the figures and both decks are computed and built before
  anything is written; the old decks' files are removed only once the new ones are committed;
- the e-mail is queued in the transaction that records ``sent_at``: both are committed, or
  neither, so a run killed half-way is completed by the next run and nothing goes twice.
"""

from contextlib import contextmanager
from functools import partial

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, cstr, escape_html, flt, get_datetime, getdate, now_datetime, nowdate
from frappe.utils.file_manager import delete_file

from cs_service.cs_service.doctype.cs_service_settings.cs_service_settings import get_recipients
from cs_service.monthly_report import decks, figures, months
from cs_service.roles import CS_MANAGER
from cs_service.rules import feedback
from cs_service.rules import quality as rules
from cs_service.rules.quality import format_rate

REGENERATE_ROLES = (CS_MANAGER, "System Manager")
DRAFT, GENERATED, SENT = "Draft", "Generated", "Sent"
# Attach field -> file name suffix and the name of its builder in decks (looked up when used)
DECKS = {
	"quality_deck": ("delivery-quality", "build_quality_deck"),
	"line_stop_deck": ("line-stops", "build_line_stop_deck"),
}
FIGURE_TABLES = {
	"delivery": (
		"customer",
		"item",
		"item_name",
		"delivered",
		"returned",
		"net_delivered",
		"defective",
		"ppm",
		"defective_above_delivered",
	),
	"trend": ("customer", "month", "net_delivered", "defective", "ppm"),
	"line_stops": (
		"customer",
		"month",
		"minutes",
		"cumulative",
		"sheets",
		"undecided_minutes",
		"undecided_sheets",
	),
	"major_problems": (
		"feedback_sheet",
		"customer",
		"item",
		"item_name",
		"description",
		"problem_type",
		"tracking_status",
		"occurred_at",
	),
}
KPI_FIELDS = (
	"complaints_received",
	"found_on_site",
	"reported_by_customer",
	"complaints_handled",
	"handling_rate",
	"handling_target",
	"on_time",
	"timed",
	"on_time_rate",
)
PERIOD_FIELDS = ("from_date", "to_date")
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
SHEET_SEPARATOR = ", "


class InvalidReportMonth(frappe.ValidationError):
	pass


class DuplicateReport(frappe.ValidationError):
	pass


class FrozenFigures(frappe.ValidationError):
	pass


class RecordedByTheJob(frappe.ValidationError):
	pass


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
			self.freeze(figures.collect(self.company, self.month))
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
		if not months.is_month(self.month):
			frappe.throw(
				_("{0}: write the month as YYYY-MM, e.g. 2026-03: {1}").format(_("Month"), self.month),
				exc=InvalidReportMonth,
			)
		if self.is_new() and not months.is_finished(self.month, getdate(nowdate())):
			frappe.throw(
				_("{0}: {1} has not ended yet; a report is made for a finished month only").format(
					_("Month"), self.month
				),
				exc=InvalidReportMonth,
			)

	def set_period(self):
		self.from_date, self.to_date = rules.month_bounds(self.month)

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
		if stored_figures(before) != stored_figures(self):
			frappe.throw(
				_("{0}: the figures of a report are frozen; use Regenerate to compute them again").format(
					self.name
				),
				exc=FrozenFigures,
			)
		changed = [f for f in RECORD_FIELDS if _normal(before.get(f), f) != _normal(self.get(f), f)]
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
		"""Store the figures of :func:`cs_service.monthly_report.figures.collect` (in memory;
		the caller saves)."""
		kpi = values["kpi"]
		by_source = kpi.get("by_source") or {}
		self.update(
			{
				"major_customers": [{"customer": c} for c in values["major_customers"]],
				"complaints_received": kpi["received"],
				"found_on_site": by_source.get(feedback.FOUND_ON_SITE, 0),
				"reported_by_customer": by_source.get(feedback.REPORTED_BY_CUSTOMER, 0),
				"complaints_handled": kpi["handled"],
				"handling_rate": kpi["rate"] or 0,
				"handling_target": kpi["target"],
				"on_time": kpi["on_time"],
				"timed": kpi["timed"],
				"on_time_rate": kpi["on_time_rate"] or 0,
				"delivery": [
					{
						**row,
						"ppm": row["ppm"] or 0,
						"defective_above_delivered": int(
							rules.defective_above_delivered(row["defective"], row["net_delivered"])
						),
					}
					for row in values["delivery"]
				],
				"trend": [{**row, "ppm": row["ppm"] or 0} for row in values["trend"]],
				"line_stops": [
					{
						**row,
						"sheets": SHEET_SEPARATOR.join(row["sheets"]),
						"undecided_sheets": SHEET_SEPARATOR.join(row.get("undecided_sheets") or []),
					}
					for row in values["line_stops"]
				],
				"major_problems": [
					{**{k: v for k, v in p.items() if k != "name"}, "feedback_sheet": p["name"]}
					for p in values["major_problems"]
				],
			}
		)

	def figures(self) -> dict:
		"""The stored figures, in the structure :func:`figures.collect` returns (a PPM or rate
		of nothing is None again: stored as 0 beside a zero count)."""
		return {
			"company": self.company,
			"month": self.month,
			"from_date": getdate(self.from_date),
			"to_date": getdate(self.to_date),
			"major_customers": [row.customer for row in self.major_customers],
			"delivery": [
				{
					**{k: row.get(k) for k in FIGURE_TABLES["delivery"]},
					"ppm": rules.ppm(row.defective, row.net_delivered),
					"defective_above_delivered": int(
						rules.defective_above_delivered(row.defective, row.net_delivered)
					),
				}
				for row in self.delivery
			],
			"trend": [
				{
					**{k: row.get(k) for k in FIGURE_TABLES["trend"]},
					"ppm": rules.ppm(row.defective, row.net_delivered),
				}
				for row in self.trend
			],
			"line_stops": [
				{
					**{k: row.get(k) for k in FIGURE_TABLES["line_stops"]},
					"undecided_minutes": cint(row.undecided_minutes),
					"sheets": _split(row.sheets),
					"undecided_sheets": _split(row.undecided_sheets),
				}
				for row in self.line_stops
			],
			"kpi": {
				"received": cint(self.complaints_received),
				"by_source": {
					feedback.FOUND_ON_SITE: cint(self.found_on_site),
					feedback.REPORTED_BY_CUSTOMER: cint(self.reported_by_customer),
				},
				"handled": cint(self.complaints_handled),
				"rate": rules.handling_rate(cint(self.complaints_received), cint(self.complaints_handled)),
				"target": flt(self.handling_target),
				"on_time": cint(self.on_time),
				"timed": cint(self.timed),
				"on_time_rate": rules.rate(cint(self.on_time), cint(self.timed)),
			},
			"major_problems": [
				{
					"name": row.feedback_sheet,
					**{k: row.get(k) for k in FIGURE_TABLES["major_problems"][1:]},
				}
				for row in self.major_problems
			],
		}

	# ------------------------------------------------------------ decks and e-mail

	def build_decks(self) -> dict[str, bytes]:
		"""Both decks of the figures held now (stored or just frozen), in memory: nothing is
		written, so a failure here changes nothing."""
		data = figures.deck_input(self.figures())
		return {fieldname: getattr(decks, builder)(data) for fieldname, (_suffix, builder) in DECKS.items()}

	def make_decks(self):
		"""Build both decks from the stored figures and attach them (replacing earlier ones)."""
		self.attach_decks(self.build_decks())

	def attach_decks(self, contents: dict[str, bytes]):
		"""Attach the built decks and record them, in one transaction with whatever else the
		caller changed (Regenerate: the figures). The files of the decks they replace leave
		the database in the same transaction; their content leaves the disk only after the
		commit, so a rollback finds the old decks whole (issue 11)."""
		old = self.deck_files(current_only=False)
		for fieldname, (suffix, _builder) in DECKS.items():
			file = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"{self.name}-{suffix}.pptx",
					"attached_to_doctype": self.doctype,
					"attached_to_name": self.name,
					"attached_to_field": fieldname,
					"is_private": 1,
					"content": contents[fieldname],
				}
			).insert(ignore_permissions=True)
			self.set(fieldname, file.file_url)
		discard_files_after_commit(old)
		self.generated_at = now_datetime()
		self.generated_by = frappe.session.user
		self.status = GENERATED
		self.save_record()

	def has_decks(self) -> bool:
		"""Both decks recorded, each with its file."""
		return all(self.get(fieldname) for fieldname in DECKS) and len(self.deck_files()) == len(DECKS)

	def deck_files(self, current_only: bool = True) -> list[str]:
		"""Names of the File records of the decks: those the report records now, or (not
		``current_only``) every file attached to a deck field."""
		filters = {
			"attached_to_doctype": self.doctype,
			"attached_to_name": self.name,
			"attached_to_field": ("in", list(DECKS)),
		}
		if current_only:
			filters["file_url"] = ("in", [self.get(fieldname) for fieldname in DECKS if self.get(fieldname)])
		return frappe.get_all("File", filters=filters, pluck="name", order_by="attached_to_field desc")

	def send(self) -> bool:
		"""R-US-4: queue one e-mail with both decks to the CS Managers and the general-manager
		recipients and record it (``sent_at``) in the same transaction; False (nothing queued)
		when there is nobody to send to."""
		recipients = report_recipients()
		if not recipients:
			return False
		frappe.sendmail(
			recipients=recipients,
			subject=_("Monthly quality report {0} of {1}: delivery quality and line-stop decks").format(
				self.month, self.company
			),
			message=self.email_message(),
			attachments=[{"fid": name} for name in self.deck_files()],
			reference_doctype=self.doctype,
			reference_name=self.name,
		)
		self.sent_at = now_datetime()
		self.sent_to = "\n".join(recipients)
		self.status = SENT
		self.save_record()
		return True

	def email_message(self) -> str:
		values = self.figures()
		kpi = values["kpi"]
		lines = [
			_("The monthly quality report {0} of {1} is attached as two slide decks.").format(
				self.month, self.company
			),
			_("Complaint handling rate: {0} (target {1})").format(
				format_rate(kpi["rate"]), format_rate(kpi["target"])
			),
			_("15-minute feedback on time: {0}").format(format_rate(kpi["on_time_rate"])),
			_("Major problems of the month: {0}").format(len(values["major_problems"])),
		]
		if months.is_late(getdate(nowdate())):
			lines.append(_("Sent after the deadline of the 22nd: the runs before it did not complete."))
		link = frappe.utils.get_url_to_form(self.doctype, self.name)
		body = "".join(f"<p>{escape_html(line)}</p>" for line in lines)
		return body + f'<p><a href="{escape_html(link)}">{escape_html(self.name)}</a></p>'

	# ------------------------------------------------------------ regenerate

	@frappe.whitelist()
	def regenerate(self):
		"""Queue the recomputation of the figures and of both decks (CS Manager)."""
		self.check_regenerate_permission()
		from cs_service.monthly_report.tasks import enqueue_regeneration

		enqueue_regeneration(self.name)

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
		self.freeze(figures.collect(self.company, self.month))


def can_regenerate(user: str | None = None) -> bool:
	return bool(set(frappe.get_roles(user)).intersection(REGENERATE_ROLES))


DATETIME_KEYS = ("sent_at", "generated_at", "occurred_at")


def _normal(v, key: str | None = None):
	"""A stored value as a comparable one, whether read from the database or sent by the
	desk or the API (numbers as floats, times as the database writes them)."""
	if isinstance(v, float | int):
		return flt(v)
	if v and (key in DATETIME_KEYS or hasattr(v, "hour")):
		try:
			return cstr(get_datetime(v))
		except Exception:
			return cstr(v)  # not a time: compared as typed (and so a change)
	return cstr(v)


def _split(text: str | None) -> list[str]:
	return [s for s in cstr(text).split(SHEET_SEPARATOR) if s]


def stored_figures(doc) -> tuple:
	"""What must not change once frozen, normalised for comparison: every stored figure (PPM
	and rates included), the major customers and the period."""
	tables = tuple(
		tuple(tuple(_normal(row.get(k), k) for k in keys) for row in doc.get(table) or [])
		for table, keys in FIGURE_TABLES.items()
	)
	kpi = tuple(flt(doc.get(k)) for k in KPI_FIELDS)
	customers = tuple(row.customer for row in doc.get("major_customers") or [])
	period = tuple(cstr(getdate(doc.get(k))) if doc.get(k) else "" for k in PERIOD_FIELDS)
	return (tables, kpi, customers, period)


def discard_files_after_commit(names: list[str]) -> None:
	"""Remove File records now, in the caller's transaction, and their content from the disk
	only once that transaction is committed (and only if no File uses it then): a rollback
	brings the records back with their content intact. ``frappe.delete_doc`` would delete the
	content at once."""
	for file in (
		frappe.get_all("File", filters={"name": ("in", names)}, fields=["name", "file_url"]) if names else []
	):
		frappe.db.delete("File", {"name": file.name})
		frappe.db.after_commit.add(partial(_delete_unused_content, file.file_url))


def _delete_unused_content(file_url: str) -> None:
	if file_url and not frappe.db.exists("File", {"file_url": file_url}):
		delete_file(file_url)


def refuse_direct_row_edit(row) -> None:
	"""A row of a report's table saved on its own (``/api/resource/<child>/<name>``) would
	change a frozen figure without the report's checks: refused."""
	frappe.throw(
		_("{0}: the figures of a report are frozen; use Regenerate to compute them again").format(
			row.parent or row.doctype
		),
		exc=FrozenFigures,
	)


def report_recipients() -> list[str]:
	"""Enabled CS Managers and the general-manager recipients of CS Service Settings."""
	user = frappe.qb.DocType("User")
	has_role = frappe.qb.DocType("Has Role")
	managers = (
		frappe.qb.from_(user)
		.join(has_role)
		.on((has_role.parent == user.name) & (has_role.parenttype == "User"))
		.select(user.email)
		.distinct()
		.where(has_role.role == CS_MANAGER)
		.where(user.enabled == 1)
		.where(user.name.notin(["Administrator", "Guest"]))
		.orderby(user.email)
	).run(pluck=True)
	recipients = []
	for email in [*managers, *get_recipients("gm_recipients")]:
		if email and email not in recipients:
			recipients.append(email)
	return recipients
