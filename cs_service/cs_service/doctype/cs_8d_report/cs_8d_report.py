# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""8D Report: the customer's complaint answered in the automotive standard.

Made from a Quality Feedback Sheet (one per sheet; one report may answer several sheets of the
same problem and part). It reads what the app already holds and never copies it by hand: D2
from the sheets, D3 from their containment records (the sheets' temporary measures, Containment
Screenings, Suspect Part Slips, Service Confirmation Sheets, with quantities and breakpoints),
D5/D6 from the corrective actions QA keeps on the sheets -- refreshed on every save and print.
The customer's due dates per D (cs_service.rules.eight_d) count from the first report.

The customer's SQE sees their customer's 8D reports (the customer scope), receives the PDF and
acknowledges it (:meth:`CS8DReport.acknowledge`): the only thing the SQE changes.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import (
	cint,
	escape_html,
	format_datetime,
	get_datetime,
	now_datetime,
	nowdate,
	validate_email_address,
)

from cs_service.access.roles import is_outsider
from cs_service.access.sqes import is_sqe_of, sqe_users
from cs_service.containment.signoff import NotCustomerSQE
from cs_service.feedback import catalog
from cs_service.feedback.due_times import customer_due_rows
from cs_service.feedback.parts import customer_part_no
from cs_service.integrity.text import escape_markup
from cs_service.notifications import mail
from cs_service.rules import containment, eight_d
from cs_service.settings import split_addresses

EIGHT_D = "CS 8D Report"
QFS = "Quality Feedback Sheet"
PRINT_FORMAT = "CS 8D Report"

# Set by the server's own methods only (sending, acknowledgement): a client's values never count.
SERVER_FIELDS = (
	"sent_to_customer_at",
	"sent_to_customer_by",
	"sent_to_recipients",
	"acknowledged_by",
	"acknowledged_at",
	"acknowledgement_remarks",
)
CODE_FIELDS = {
	"defect_code": catalog.DEFECT_TYPE,
	"defect_location_code": catalog.DEFECT_LOCATION,
	"cause_code": catalog.CAUSE,
}
SHEET_FIELDS = (
	"name",
	"docstatus",
	"customer",
	"customer_site",
	"item",
	"item_name",
	"reported_at",
	"occurred_at",
	"sent_at",
	"owner",
	"shop",
	"station",
	"suspect_area",
	"description",
	"defect",
	"defect_code",
	"defect_location_code",
	"cause_code",
	"quantity",
	"temporary_measures",
	"breakpoint",
	"breakpoint_lot",
	"breakpoint_serial",
	"breakpoint_time",
	"root_cause",
)
MIRRORED_ACTION_FIELDS = ("action", "action_owner", "due_date", "status", "closed_on", "verified_by")


class SheetNotSent(frappe.ValidationError):
	pass


class SheetInAnother8D(frappe.ValidationError):
	pass


class SheetOfAnotherPart(frappe.ValidationError):
	pass


class StepNotComplete(frappe.ValidationError):
	pass


class NotSentToCustomer(frappe.ValidationError):
	pass


class CS8DReport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.cs_8d_action.cs_8d_action import CS8DAction
		from cs_service.cs_service.doctype.cs_8d_cause.cs_8d_cause import CS8DCause
		from cs_service.cs_service.doctype.cs_8d_containment.cs_8d_containment import CS8DContainment
		from cs_service.cs_service.doctype.cs_8d_is_is_not.cs_8d_is_is_not import CS8DIsIsNot
		from cs_service.cs_service.doctype.cs_8d_prevention.cs_8d_prevention import CS8DPrevention
		from cs_service.cs_service.doctype.cs_8d_sheet.cs_8d_sheet import CS8DSheet
		from cs_service.cs_service.doctype.cs_8d_step.cs_8d_step import CS8DStep
		from cs_service.cs_service.doctype.cs_8d_team_member.cs_8d_team_member import CS8DTeamMember
		from cs_service.cs_service.doctype.cs_8d_why.cs_8d_why import CS8DWhy

		acknowledged_at: DF.Datetime | None
		acknowledged_by: DF.Link | None
		acknowledgement_remarks: DF.SmallText | None
		actions: DF.Table[CS8DAction]
		cause_code: DF.Link | None
		closed_on: DF.Date | None
		closure_summary: DF.SmallText | None
		containment: DF.Table[CS8DContainment]
		customer: DF.Link
		customer_part_no: DF.Data | None
		customer_site: DF.Link | None
		defect_code: DF.Link | None
		defect_location_code: DF.Link | None
		escape_root_cause: DF.Text | None
		five_whys: DF.Table[CS8DWhy]
		is_is_not: DF.Table[CS8DIsIsNot]
		ishikawa: DF.Table[CS8DCause]
		item: DF.Link | None
		item_name: DF.Data | None
		naming_series: DF.Literal["8D-.YYYY.-"]
		occurrence_root_cause: DF.Text | None
		opened_at: DF.Datetime | None
		overdue_steps: DF.Data | None
		preparation: DF.SmallText | None
		prevention: DF.Table[CS8DPrevention]
		problem_description: DF.Text | None
		quality_feedback_sheet: DF.Link
		quantity: DF.Int
		recognition: DF.SmallText | None
		sent_to_customer_at: DF.Datetime | None
		sent_to_customer_by: DF.Link | None
		sent_to_recipients: DF.SmallText | None
		sheets: DF.Table[CS8DSheet]
		status: DF.Literal["Open", "Closed"]
		steps: DF.Table[CS8DStep]
		team: DF.Table[CS8DTeamMember]
		total_checked: DF.Int
		total_suspect: DF.Int
	# end: auto-generated types

	def onload(self):
		# the form shows the containment records and corrective actions as they are now
		if not self.is_new():
			self.refresh_from_records()

	def before_print(self, settings=None):
		self.refresh_from_records()

	def validate(self):
		self.keep_server_fields()
		self.set_sheets()
		self.validate_sheets()
		self.set_from_sheets()
		self.validate_team()
		catalog.validate_codes(self, CODE_FIELDS)
		self.refresh_from_records()
		self.set_steps()
		self.validate_steps()
		self.set_status()

	# ------------------------------------------------------------ sheets (D2)

	def sheet_names(self) -> list[str]:
		names = [self.quality_feedback_sheet, *(row.quality_feedback_sheet for row in self.sheets)]
		return list(dict.fromkeys(n for n in names if n))

	def sheet_values(self) -> list[frappe._dict]:
		"""The sheets of the report, first sheet first, read (and locked, so that two reports
		cannot take the same sheet at once) from the database."""
		names = self.sheet_names()
		if not names:
			return []
		sheet = frappe.qb.DocType(QFS)
		query = frappe.qb.from_(sheet).select(*(sheet[f] for f in SHEET_FIELDS)).where(sheet.name.isin(names))
		if not self.flags.reading_only:
			query = query.for_update()
		found = {row.name: row for row in query.run(as_dict=True)}
		return [found[n] for n in names if n in found]

	def set_sheets(self):
		"""The first sheet is row 1 of the sheets; each row shows its sheet's key facts."""
		values = {v.name: v for v in self.sheet_values()}
		for name in self.sheet_names():
			if name not in values:
				frappe.throw(
					_("{0}: {1} not found").format(_("Quality Feedback Sheet"), name),
					frappe.LinkValidationError,
				)
		self._sync_rows(
			"sheets",
			lambda row: row.get("quality_feedback_sheet"),
			[
				{
					"quality_feedback_sheet": v.name,
					"customer_site": v.customer_site,
					"reported_at": v.reported_at,
					"defect": v.defect,
					"quantity": v.quantity,
				}
				for v in values.values()
			],
			keep_manual=False,
		)
		self._sheets = list(values.values())

	def validate_sheets(self):
		first = self._sheets[0]
		for v in self._sheets:
			if v.docstatus != 1:
				frappe.throw(
					_("{0}: {1} is not sent yet; an 8D report answers a sent sheet").format(
						_("Quality Feedback Sheet"), v.name
					),
					SheetNotSent,
				)
			if v.item != first.item:
				frappe.throw(
					_("{0}: {1} is about part {2}, this 8D report about part {3}").format(
						_("Quality Feedback Sheet"), v.name, v.item or "-", first.item or "-"
					),
					SheetOfAnotherPart,
				)
		row = frappe.qb.DocType("CS 8D Sheet")
		taken = (
			frappe.qb.from_(row)
			.select(row.quality_feedback_sheet, row.parent)
			.where(row.parenttype == EIGHT_D)
			.where(row.quality_feedback_sheet.isin([v.name for v in self._sheets]))
			.where(row.parent != (self.name or ""))
			.limit(1)
		).run(as_dict=True)
		if taken:
			frappe.throw(
				_("{0}: {1} is already answered by 8D report {2}").format(
					_("Quality Feedback Sheet"), taken[0].quality_feedback_sheet, taken[0].parent
				),
				SheetInAnother8D,
			)

	def set_from_sheets(self):
		first = self._sheets[0]
		self.customer = first.customer
		self.customer_site = first.customer_site
		self.item = first.item
		self.item_name = first.item_name
		self.customer_part_no = customer_part_no(first.item, first.customer) if first.item else None
		reported = [get_datetime(v.reported_at) for v in self._sheets if v.reported_at]
		self.opened_at = min(reported) if reported else None
		self.quantity = sum(cint(v.quantity) for v in self._sheets)

	def fill_from_sheets(self):
		"""A new report takes what the sheets say: the emergency response (D0), the problem
		(D2, with its Is column), the codes, QA's root cause (D4), a team led by its maker (D1)
		and the documents to review (D7). Nothing the user wrote is overwritten."""
		self.flags.reading_only = True
		self.set_sheets()
		self.flags.reading_only = False
		sheets = self._sheets
		first = sheets[0]
		many = len(sheets) > 1

		def lines(field):
			return "\n".join(
				(f"{v.name}: {v[field]}" if many else v[field]) for v in sheets if (v[field] or "").strip()
			)

		self.preparation = self.preparation or lines("temporary_measures")
		self.problem_description = self.problem_description or lines("description")
		for field in CODE_FIELDS:
			self.set(field, self.get(field) or first.get(field))
		self.occurrence_root_cause = self.occurrence_root_cause or lines("root_cause")
		if not self.is_is_not:
			self.set_is_is_not(sheets)
		if not self.team:
			self.append(
				"team", {"member_type": "Our Staff", "user": frappe.session.user, "team_role": eight_d.LEADER}
			)
			if first.owner != frappe.session.user:
				self.append("team", {"member_type": "Our Staff", "user": first.owner, "team_role": "Member"})
		if not self.prevention:
			for document in eight_d.PREVENTION_DOCUMENTS:
				self.append("prevention", {"document": document, "status": eight_d.PREVENTION_OPEN})

	def set_is_is_not(self, sheets):
		def distinct(values):
			return "; ".join(dict.fromkeys(v for v in values if v))

		self.append(
			"is_is_not",
			{
				"dimension": "What",
				"is_text": distinct(f"{v.item_name or v.item}: {v.defect or ''}" for v in sheets),
			},
		)
		self.append(
			"is_is_not",
			{
				"dimension": "Where",
				"is_text": distinct(
					" / ".join(p for p in (v.shop, v.station, v.suspect_area) if p) for v in sheets
				),
			},
		)
		self.append(
			"is_is_not",
			{
				"dimension": "When",
				"is_text": distinct(format_datetime(v.occurred_at) for v in sheets if v.occurred_at),
			},
		)
		self.append(
			"is_is_not", {"dimension": "How Many", "is_text": str(sum(cint(v.quantity) for v in sheets))}
		)

	# ------------------------------------------------------------ team (D1)

	def validate_team(self):
		for row in self.team:
			where = _("{0}, row {1}").format(_("Team"), row.idx)
			if row.member_type == "Customer Contact":
				row.user = None
				if not row.contact:
					frappe.throw(_("{0}: choose the customer's contact").format(where), frappe.MandatoryError)
				row.member_name = frappe.db.get_value("Contact", row.contact, "full_name") or row.contact
			else:
				row.contact = None
				if not row.user:
					frappe.throw(_("{0}: choose the user").format(where), frappe.MandatoryError)
				row.member_name = frappe.db.get_value("User", row.user, "full_name") or row.user

	# ------------------------------------------------------------ containment (D3) and actions (D5/D6)

	def refresh_from_records(self):
		"""D3 and D5/D6 as the records say now: a row per containment record and per corrective
		action of the sheets; what the user wrote on a row (its text, the verification) stays."""
		if not self.sheet_names():
			return
		self.sync_containment()
		self.sync_actions()

	def sync_containment(self):
		names = self.sheet_names()
		wanted = [*self._sheet_containment(names), *self._screenings(names), *self._slips(names)]
		wanted += self._confirmations(names)
		# a row's status follows its record, but what the team confirmed (e.g. the customer's
		# verification of a screening) is not taken back
		current = {_containment_key(row): row.status for row in self.containment}
		for values in wanted:
			values["status"] = max(
				values["status"], current.get(_containment_key(values)) or values["status"], key=_status_rank
			)
		self._sync_rows("containment", _containment_key, wanted, keep=("action",))
		self.total_checked = sum(cint(r.qty_checked) for r in self.containment)
		self.total_suspect = sum(cint(r.qty_suspect) for r in self.containment)

	def _sheet_containment(self, names):
		sheets = frappe.get_all(
			QFS,
			filters={"name": ("in", names)},
			fields=[
				"name",
				"temporary_measures",
				"quantity",
				"sent_at",
				*containment.BREAKPOINT_FIELDS,
				"breakpoint",
			],
		)
		order = {n: i for i, n in enumerate(names)}
		for v in sorted(sheets, key=lambda v: order[v.name]):
			yield {
				"source": QFS,
				"quality_feedback_sheet": v.name,
				"action": v.temporary_measures,
				"qty_suspect": v.quantity,
				"breakpoint": _breakpoint(v),
				"status": eight_d.CONTAINMENT_DONE,
				"done_at": v.sent_at,
			}

	def _screenings(self, names):
		screenings = frappe.get_all(
			"Containment Screening",
			filters={"quality_feedback_sheet": ("in", names)},
			fields=["name", "breakpoint_status", "confirmed_at", *containment.BREAKPOINT_FIELDS],
			order_by="creation asc, name asc",
		)
		areas = frappe.get_all(
			"Containment Screening Area",
			filters={
				"parenttype": "Containment Screening",
				"parent": ("in", [s.name for s in screenings] or [""]),
			},
			fields=["parent", "area", "screened", "qty_checked", "qty_suspect"],
			order_by="idx asc",
		)
		for s in screenings:
			rows = [a for a in areas if a.parent == s.name]
			screened = [a for a in rows if a.screened]
			yield {
				"source": "Containment Screening",
				"containment_screening": s.name,
				"action": ", ".join(dict.fromkeys(a.area for a in screened or rows)),
				"qty_checked": sum(cint(a.qty_checked) for a in rows),
				"qty_suspect": sum(cint(a.qty_suspect) for a in rows),
				"breakpoint": _breakpoint(s),
				"status": eight_d.containment_status(
					done=bool(rows) and len(screened) == len(rows),
					verified=s.breakpoint_status == containment.VERIFIED,
				),
				"done_at": s.confirmed_at,
			}

	def _slips(self, names):
		for s in frappe.get_all(
			"Suspect Part Slip",
			filters={"quality_feedback_sheet": ("in", names), "docstatus": ("<", 2)},
			fields=["name", "docstatus", "moved_to", "quantity", "signed_at"],
			order_by="creation asc, name asc",
		):
			yield {
				"source": "Suspect Part Slip",
				"suspect_part_slip": s.name,
				"action": s.moved_to,
				"qty_checked": s.quantity,
				"qty_suspect": s.quantity,
				"status": eight_d.containment_status(done=True, verified=s.docstatus == 1),
				"done_at": s.signed_at,
			}

	def _confirmations(self, names):
		for s in frappe.get_all(
			"Service Confirmation Sheet",
			filters={"quality_feedback_sheet": ("in", names), "docstatus": ("<", 2)},
			fields=[
				"name",
				"docstatus",
				"plan",
				"qty_sorted",
				"qty_defective",
				"measure_effective",
				"sqe_verdict",
				"signed_at",
			],
			order_by="creation asc, name asc",
		):
			yield {
				"source": "Service Confirmation Sheet",
				"service_confirmation_sheet": s.name,
				"action": s.plan,
				"qty_checked": s.qty_sorted,
				"qty_suspect": s.qty_defective,
				"status": eight_d.containment_status(
					done=s.docstatus == 1 or s.measure_effective == "Effective",
					verified=s.docstatus == 1 and s.sqe_verdict == "Executed as Required",
				),
				"done_at": s.signed_at,
			}

	def sync_actions(self):
		names = self.sheet_names()
		rows = frappe.get_all(
			"Quality Feedback Action",
			filters={"parenttype": QFS, "parentfield": "corrective_actions", "parent": ("in", names)},
			fields=["name", "parent", "idx", *MIRRORED_ACTION_FIELDS],
		)
		order = {n: i for i, n in enumerate(names)}
		rows.sort(key=lambda r: (order[r.parent], r.idx))
		wanted = [
			{
				"action_row": r.name,
				"quality_feedback_sheet": r.parent,
				**{f: r[f] for f in MIRRORED_ACTION_FIELDS},
			}
			for r in rows
		]
		self._sync_rows("actions", lambda row: row.get("action_row"), wanted, keep_manual=False)

	def _sync_rows(self, fieldname, key_of, wanted, keep=(), keep_manual=True):
		"""Make the rows of ``fieldname`` the ``wanted`` ones, in that order, then the rows the
		user added (no key) when ``keep_manual``. Existing rows are updated in place; their
		fields in ``keep`` stay as the user wrote them once filled."""
		existing, manual = {}, []
		for row in self.get(fieldname):
			key = key_of(row)
			if key is None:
				if keep_manual:
					manual.append(row)
			else:
				existing.setdefault(key, row)
		rows = []
		for values in wanted:
			row = existing.pop(key_of(values), None)
			if row is None:
				row = self.append(fieldname, values)
			else:
				for field, value in values.items():
					if field in keep and not _blank(row.get(field)):
						continue
					if row.get(field) != value:
						row.set(field, value)
			rows.append(row)
		rows += manual
		for idx, row in enumerate(rows, start=1):
			row.idx = idx
		self.set(fieldname, rows)

	# ------------------------------------------------------------ status per D

	def set_steps(self):
		due = eight_d.due_dates(
			get_datetime(self.opened_at) if self.opened_at else None,
			eight_d.due_hours(customer_due_rows(self.customer)),
		)
		self._sync_rows(
			"steps",
			lambda row: row.get("step"),
			[{"step": s, "title": eight_d.STEP_TITLES[s], "due_at": due.get(s)} for s in eight_d.STEPS],
			keep_manual=False,
		)
		for row in self.steps:
			row.status = row.status or eight_d.NOT_STARTED

	def validate_steps(self):
		"""A D becomes Done only when what it needs is there, all missing items named at once;
		the server records when."""
		stored = (
			{}
			if self.is_new()
			else dict(
				frappe.get_all(
					"CS 8D Step",
					filters={"parenttype": EIGHT_D, "parent": self.name},
					fields=["step", "status"],
					as_list=True,
				)
			)
		)
		statuses = {row.step: row.status for row in self.steps}
		values = self._step_values()
		problems = []
		for row in self.steps:
			if row.status not in eight_d.STEP_STATUSES:
				frappe.throw(
					_("{0}, {1}: choose one of {2}").format(
						_("Status per Discipline"), row.step, ", ".join(_(s) for s in eight_d.STEP_STATUSES)
					)
				)
			if row.status != eight_d.DONE:
				row.done_at = None
				continue
			if stored.get(row.step) == eight_d.DONE:
				continue
			problems += [
				_("{0} {1}: {2}").format(row.step, _(row.title), step_problem_message(code))
				for code in eight_d.step_problems(row.step, values, statuses)
			]
			row.done_at = now_datetime()
		if problems:
			items = "".join(f"<li>{escape_html(p)}</li>" for p in problems)
			frappe.throw(
				_("These disciplines cannot be done yet:") + f"<ul>{items}</ul>",
				title=_("8D Report"),
				exc=StepNotComplete,
			)

	def _step_values(self) -> dict:
		return {
			**self.as_dict(),
			"team": [r.as_dict() for r in self.team],
			"containment": [r.as_dict() for r in self.containment],
			"actions": [r.as_dict() for r in self.actions],
			"prevention": [r.as_dict() for r in self.prevention],
		}

	def set_status(self):
		rows = [r.as_dict() for r in self.steps]
		self.status = eight_d.report_status(rows)
		self.closed_on = (self.closed_on or nowdate()) if self.status == eight_d.CLOSED else None
		self.overdue_steps = ", ".join(eight_d.overdue_steps(rows, now_datetime())) or None

	def keep_server_fields(self):
		stored = (
			None
			if self.is_new()
			else frappe.db.get_value(self.doctype, self.name, SERVER_FIELDS, as_dict=True)
		)
		for field in SERVER_FIELDS:
			self.set(field, stored.get(field) if stored else None)

	# ------------------------------------------------------------ the customer

	@frappe.whitelist()
	def customer_recipients(self) -> list[str]:
		"""Who at the customer receives the report: the SQE users of the customer's sites and
		the customer's contacts of the team (D1)."""
		self.check_permission("write")
		users = sqe_users(self.customer, enabled_only=False)
		emails = [frappe.db.get_value("User", u, "email") for u in users]
		contacts = [r.contact for r in self.team if r.member_type == "Customer Contact" and r.contact]
		emails += [frappe.db.get_value("Contact", c, "email_id") for c in contacts]
		return list(dict.fromkeys(e for e in emails if e))

	@frappe.whitelist()
	def send_to_customer(self, recipients: str, message: str | None = None) -> str | None:
		"""Queue one e-mail to the customer with the report's PDF (bilingual print format) and
		record when and to whom; an acknowledgement of an earlier sending no longer counts."""
		self.check_permission("write")
		if is_outsider():
			raise frappe.PermissionError
		addresses = list(dict.fromkeys(split_addresses(recipients if isinstance(recipients, str) else "")))
		invalid = [a for a in addresses if not validate_email_address(a)]
		if not addresses or invalid:
			frappe.throw(
				_("{0}: give the customer's e-mail addresses").format(_("Recipients"))
				if not addresses
				else _("{0}: not a valid e-mail address: {1}").format(_("Recipients"), ", ".join(invalid)),
				frappe.ValidationError,
			)
		queued = mail.queue_email(
			addresses,
			_("8D Report {0}: {1} ({2})").format(self.name, self.item_name or self.item, self.customer),
			template="eight_d_report",
			args={
				"name": self.name,
				"part": self.item_name or self.item or "",
				"message": (message or "").strip(),
			},
			reference=self,
			attachments=[mail.print_attachment(self, PRINT_FORMAT)],
		)
		self.db_set(
			{
				"sent_to_customer_at": now_datetime(),
				"sent_to_customer_by": frappe.session.user,
				"sent_to_recipients": ", ".join(addresses),
				"acknowledged_by": None,
				"acknowledged_at": None,
				"acknowledgement_remarks": None,
			},
			notify=True,
		)
		self.add_comment("Info", _("Sent to the customer: {0}").format(", ".join(addresses)))
		return getattr(queued, "name", None)

	@frappe.whitelist()
	def acknowledge(self, remarks: str | None = None) -> dict:
		"""The customer's SQE acknowledges the report we sent: the one thing the SQE changes on
		it, judged on the stored record (its customer, whether it was sent)."""
		self.check_permission("read")
		user = frappe.session.user
		stored = frappe.db.get_value(
			self.doctype, self.name, ["customer", "sent_to_customer_at"], as_dict=True
		)
		if not stored or not is_sqe_of(user, stored.customer):
			frappe.throw(_("Only the customer's SQE acknowledges an 8D report"), NotCustomerSQE)
		if not stored.sent_to_customer_at:
			frappe.throw(
				_("8D report {0} has not been sent to the customer yet").format(self.name), NotSentToCustomer
			)
		remarks = escape_markup((remarks or "").strip()) or None
		self.db_set(
			{"acknowledged_by": user, "acknowledged_at": now_datetime(), "acknowledgement_remarks": remarks},
			notify=True,
		)
		self.add_comment(
			"Info",
			_("Acknowledged by the customer's SQE {0}").format(user) + (f": {remarks}" if remarks else ""),
		)
		return {"acknowledged_by": self.acknowledged_by, "acknowledged_at": self.acknowledged_at}


def _blank(value) -> bool:
	return value is None or (isinstance(value, str) and not value.strip())


def _containment_key(row):
	source = row.get("source")
	field = {
		QFS: "quality_feedback_sheet",
		"Containment Screening": "containment_screening",
		"Suspect Part Slip": "suspect_part_slip",
		"Service Confirmation Sheet": "service_confirmation_sheet",
	}.get(source)
	value = row.get(field) if field else None
	return (source, value) if value else None


def _status_rank(status: str | None) -> int:
	statuses = eight_d.CONTAINMENT_STATUSES
	return statuses.index(status) if status in statuses else 0


def _breakpoint(values) -> str | None:
	parts = [
		(values.get("breakpoint") or "").strip(),
		values.get("breakpoint_lot"),
		values.get("breakpoint_serial"),
		format_datetime(values.breakpoint_time) if values.get("breakpoint_time") else None,
	]
	return " / ".join(p for p in parts if p) or None


def step_problem_message(code: str) -> str:
	return {
		eight_d.NO_TEAM: _("name the team"),
		eight_d.NO_LEADER: _("name a team leader"),
		eight_d.NO_PROBLEM_DESCRIPTION: _("describe the problem"),
		eight_d.NO_CONTAINMENT: _("record at least one containment action"),
		eight_d.CONTAINMENT_NOT_DONE: _("every containment action must be done or verified"),
		eight_d.NO_OCCURRENCE_CAUSE: _("give the root cause of occurrence"),
		eight_d.NO_ESCAPE_CAUSE: _("give the root cause of non-detection"),
		eight_d.NO_ACTION: _("the sheets have no corrective action yet (QA records them on the sheet)"),
		eight_d.ACTIONS_NOT_CLOSED: _("every corrective action must be done and verified on its sheet"),
		eight_d.VERIFICATION_MISSING: _("say for every corrective action how its effectiveness was verified"),
		eight_d.NO_PREVENTION: _("list the documents to update"),
		eight_d.PREVENTION_NOT_DONE: _("every document to update must be done or not applicable"),
		eight_d.PREVENTION_OWNER_MISSING: _("every document to update needs its owner"),
		eight_d.EARLIER_STEPS_OPEN: _("D1 to D7 must be done first"),
		eight_d.NO_CLOSURE_SUMMARY: _("write the closure summary"),
	}.get(code, code)


def report_of_sheet(sheet: str) -> str | None:
	"""The 8D report that answers a sheet, if any (one per sheet)."""
	return frappe.db.get_value(
		"CS 8D Sheet", {"parenttype": EIGHT_D, "quality_feedback_sheet": sheet}, "parent"
	)


@frappe.whitelist()
def make_8d_report(quality_feedback_sheet: str) -> str:
	"""The 8D report of a sent sheet: the one that answers it already, or a new one filled from
	the sheet and its containment records."""
	from cs_service.access.arguments import existing_name

	existing_name(QFS, quality_feedback_sheet)
	frappe.has_permission(QFS, "read", quality_feedback_sheet, throw=True)
	existing = report_of_sheet(quality_feedback_sheet)
	if existing:
		return existing
	frappe.has_permission(EIGHT_D, "create", throw=True)
	doc = frappe.new_doc(EIGHT_D)
	doc.quality_feedback_sheet = quality_feedback_sheet
	doc.fill_from_sheets()
	doc.insert()
	return doc.name
