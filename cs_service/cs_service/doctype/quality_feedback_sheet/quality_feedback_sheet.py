# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime, nowdate

from cs_service import settings
from cs_service.access.roles import RECLASSIFY_ROLES, has_role
from cs_service.feedback import catalog, qa_mail
from cs_service.feedback.parts import customer_part_no, last_defects, part_knowledge
from cs_service.feedback.sheets import CODE_FIELDS
from cs_service.figures import kept
from cs_service.notifications import mail
from cs_service.notifications.chat import alerts
from cs_service.planning.sites import validate_shop_and_station, validate_site_of_customer
from cs_service.rules import clock, evidence, feedback, tracking
from cs_service.staff import ledger

CAPTURE_FIELDS = ("capture_id", "captured_at", "capture_review")
QFS = "Quality Feedback Sheet"


class IncompleteFeedback(frappe.ValidationError):
	pass


class NoFeedbackRecipients(frappe.ValidationError):
	pass


class QualityFeedbackSheet(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.quality_feedback_action.quality_feedback_action import (
			QualityFeedbackAction,
		)
		from cs_service.cs_service.doctype.quality_feedback_department.quality_feedback_department import (
			QualityFeedbackDepartment,
		)

		amended_from: DF.Link | None
		breakpoint: DF.SmallText | None
		breakpoint_lot: DF.Data | None
		breakpoint_serial: DF.Data | None
		breakpoint_time: DF.Datetime | None
		capture_id: DF.Data | None
		capture_review: DF.SmallText | None
		captured_at: DF.Datetime | None
		cause_code: DF.Link | None
		close_reason: DF.SmallText | None
		closed_on: DF.Date | None
		corrective_actions: DF.Table[QualityFeedbackAction]
		customer: DF.Link
		customer_communication: DF.SmallText | None
		customer_part_no: DF.Data | None
		customer_site: DF.Link | None
		customer_visit_log: DF.Link | None
		deadline: DF.Datetime | None
		defect: DF.Data | None
		defect_code: DF.Link | None
		defect_location_code: DF.Link | None
		description: DF.Text | None
		drawing_no: DF.Data | None
		is_major: DF.Check
		item: DF.Link | None
		item_name: DF.Data | None
		line_stop_minutes: DF.Int
		naming_series: DF.Literal["QFS-.YYYY.-"]
		notify_departments: DF.TableMultiSelect[QualityFeedbackDepartment]
		occurred_at: DF.Datetime | None
		photo: DF.AttachImage | None
		preliminary_cause: DF.SmallText | None
		problem_type: DF.Literal["Quality Problem", "Tracking Problem", "Disputed Problem"]
		qa_mail_queued_at: DF.Datetime | None
		qa_review: DF.Literal["", "Complete and Accurate", "Incomplete or Inaccurate"]
		qa_review_note: DF.SmallText | None
		qa_reviewed_at: DF.Datetime | None
		qa_reviewed_by: DF.Link | None
		quantity: DF.Int
		report_time_correction_reason: DF.SmallText | None
		reported_at: DF.Datetime
		root_cause: DF.Text | None
		sent_at: DF.Datetime | None
		shop: DF.Autocomplete | None
		source: DF.Literal["Found on Site", "Reported by Customer"]
		station: DF.Autocomplete | None
		suspect_area: DF.Data | None
		temporary_measures: DF.SmallText | None
		timeliness: DF.Literal["", "On time", "Late", "To Be Reviewed"]
		title: DF.Data | None
		tracking_status: DF.Literal["Open", "Actions in Progress", "Closed"]
	# end: auto-generated types

	def validate(self):
		self.keep_mail_record()
		self.keep_capture_fields()
		self.set_deadline()
		self.set_customer_part_no()
		self.set_part_location()
		self.set_title()
		self.validate_site()
		self.validate_values()
		self.warn_doubtful_report_time()
		self.validate_codes()
		self.validate_actions()
		self.set_tracking_status()
		if self.qa_review:
			frappe.throw(_("{0}: QA reviews the feedback once the sheet is sent").format(_("QA Review")))
		if self.close_reason:
			frappe.throw(_("{0}: QA closes the sheet once it is sent").format(self._label("close_reason")))

	def before_submit(self):
		self.validate_complete()
		self.recipients()  # refuse to submit what cannot be sent
		self.set_sent()

	def on_submit(self):
		qa_mail.queue_sheet(self.name)  # R-FB-4: the e-mail to QA, after the commit
		alerts.sheet_sent(self)  # the group chats that want it, after the commit
		kept.on_sheet_submit(self)  # R-RP-2, R-RP-3: the month's figures, in this transaction

	def on_cancel(self):
		kept.on_sheet_cancel(self)

	def on_update_after_submit(self):
		ledger.on_feedback_review(self)  # R-FB-7: QA found the feedback incomplete
		kept.on_sheet_update_after_submit(self)  # a reclassification moves its share of the figures

	def keep_mail_record(self):
		"""When the e-mail to QA was queued is recorded by its job only, never by a save."""
		before = self.get_doc_before_save()
		self.qa_mail_queued_at = before.qa_mail_queued_at if before else None

	def before_update_after_submit(self):
		self.keep_mail_record()
		self.validate_close_reason()
		self.validate_report_time_correction()
		self.set_timeliness()
		self.validate_reclassification()
		self.validate_recoding()
		self.validate_codes()
		self.validate_actions()
		self.set_tracking_status()
		self.set_qa_reviewer()

	def validate_close_reason(self):
		"""Only QA (or the CS Manager) closes a sheet without corrective action, and says why."""
		before = self.get_doc_before_save()
		if not before or (before.close_reason or "").strip() == (self.close_reason or "").strip():
			return
		if not has_role(RECLASSIFY_ROLES):
			frappe.throw(
				_("{0}: only QA closes a sheet without corrective action").format(
					self._label("close_reason")
				),
				frappe.PermissionError,
			)
		if (self.close_reason or "").strip():
			self.add_comment(
				"Info", _("Closed without corrective action: {0}").format(self.close_reason.strip())
			)

	def validate_report_time_correction(self):
		"""R-FB-4: once the sheet is sent its first-report time is fixed; only QA or the CS
		Manager corrects it, with a reason, and the 15-minute result follows the correction
		(the change is kept in the version history)."""
		before = self.get_doc_before_save()
		if not before or get_datetime(before.reported_at) == get_datetime(self.reported_at):
			return
		label = self._label("reported_at")
		if not has_role(RECLASSIFY_ROLES):
			frappe.throw(
				_("{0}: once the sheet is sent, only QA or the CS Manager corrects it").format(label),
				frappe.PermissionError,
			)
		reason = (self.report_time_correction_reason or "").strip()
		if not reason or reason == (before.report_time_correction_reason or "").strip():
			frappe.throw(
				_("{0}: give the reason for correcting {1}").format(
					self._label("report_time_correction_reason"), label
				),
				frappe.MandatoryError,
			)
		values = self._rule_values()
		sent_at = frappe.db.get_value(self.doctype, self.name, "sent_at")
		sent = get_datetime(sent_at) if sent_at else None
		problems = feedback.report_time_correction_problems(
			values["reported_at"], values["occurred_at"], sent, now_datetime()
		)
		if problems:
			frappe.throw(
				"; ".join(invalid_message(self._label(field), code) for field, code in problems),
				exc=IncompleteFeedback,
			)
		self.add_comment(
			"Info",
			_("First report time corrected from {0} to {1}: {2}").format(
				frappe.utils.format_datetime(before.reported_at),
				frappe.utils.format_datetime(self.reported_at),
				reason,
			),
		)

	def validate_codes(self):
		"""The codes come from the defect catalogs; a draft without a typed defect takes
		the code's short text (the text stays free: the engineer may type anything)."""
		catalog.validate_codes(self, CODE_FIELDS)
		if self.docstatus == 0 and self.defect_code and not (self.defect or "").strip():
			self.defect = catalog.code_texts([self.defect_code]).get(self.defect_code)

	def validate_recoding(self):
		"""After sending, only QA (or the CS Manager) codes or recodes the defect."""
		before = self.get_doc_before_save()
		if not before or all(before.get(f) == self.get(f) for f in CODE_FIELDS):
			return
		if not has_role(RECLASSIFY_ROLES):
			changed = [self._label(f) for f in CODE_FIELDS if before.get(f) != self.get(f)]
			frappe.throw(
				_("{0}: once the sheet is sent, only QA changes the codes").format(", ".join(changed)),
				frappe.PermissionError,
			)

	def set_qa_reviewer(self):
		"""R-FB-7: who reviewed the feedback and when (the fields are QA's, permission level 2)."""
		before = self.get_doc_before_save()
		if before and (before.qa_review or "") != (self.qa_review or ""):
			self.qa_reviewed_by, self.qa_reviewed_at = frappe.session.user, now_datetime()

	# ------------------------------------------------------------ steps

	def set_deadline(self):
		self.deadline = clock.deadline(get_datetime(self.reported_at)) if self.reported_at else None

	def keep_capture_fields(self):
		"""The phone page's id and completion time are set by the page's send only (R-FB-4):
		a client cannot make a late sheet On time by writing them."""
		if self.flags.from_capture:
			return
		stored = (
			None
			if self.is_new()
			else frappe.db.get_value(self.doctype, self.name, CAPTURE_FIELDS, as_dict=True)
		)
		for field in CAPTURE_FIELDS:
			self.set(field, stored.get(field) if stored else None)

	def set_timeliness(self):
		"""The deadline and the 15-minute result are the server's, from the stored sending time. A
		capture to be reviewed stays so until QA corrects its first-report time."""
		self.set_deadline()
		sent_at, stored = frappe.db.get_value(self.doctype, self.name, ["sent_at", "timeliness"])
		before = self.get_doc_before_save()
		corrected = before and get_datetime(before.reported_at) != get_datetime(self.reported_at)
		if stored == evidence.TO_BE_REVIEWED and not corrected:
			self.timeliness = stored
		elif sent_at:
			self.timeliness = clock.timeliness(
				get_datetime(self.reported_at), self.completed_at(get_datetime(sent_at))
			)

	def completed_at(self, sent_at):
		"""R-FB-4 judged fairly: a sheet completed on the phone page without a network counts
		from the moment the engineer tapped Send there (never after the server got it)."""
		captured = get_datetime(self.captured_at) if self.captured_at else None
		if self.capture_review:
			return sent_at  # the phone's completion time was not backed by its evidence
		if captured and get_datetime(self.reported_at) <= captured <= sent_at:
			return captured
		return sent_at

	def set_customer_part_no(self):
		self.customer_part_no = customer_part_no(self.item, self.customer) if self.item else None

	def set_part_location(self):
		"""R-PL-4: shop and station left empty come from what is known of the part at the customer."""
		if not (self.item and self.customer) or (self.shop and self.station):
			return
		knowledge = part_knowledge(self.item, self.customer, self.customer_site)
		if not knowledge:
			return
		if not self.shop:
			self.shop = knowledge.shop
		if not self.station and (self.shop or "").casefold() == (knowledge.shop or "").casefold():
			self.station = knowledge.station

	def set_title(self):
		"""The sheet is known by its number and its part (list, links, form title)."""
		self.title = " · ".join(filter(None, (self.name, self.item_name or self.item)))

	def validate_site(self):
		validate_site_of_customer(self.customer_site, self.customer)
		validate_shop_and_station(self, self.customer_site)

	def warn_doubtful_report_time(self):
		"""A first-report time long past when the draft is written is shown back to the
		engineer (the desk also refuses to save a newly typed one a week old)."""
		before = self.get_doc_before_save()
		if self.docstatus != 0 or not self.reported_at:
			return
		if before and get_datetime(before.reported_at) == get_datetime(self.reported_at):
			return
		if feedback.report_time_doubtful(get_datetime(self.reported_at), now_datetime()):
			frappe.msgprint(
				_("{0}: {1} is more than a day ago; check it, the 15 minutes count from it").format(
					self._label("reported_at"), frappe.utils.format_datetime(self.reported_at)
				),
				indicator="orange",
				alert=True,
			)

	def validate_values(self):
		problems = feedback.invalid_items(self._rule_values(), now_datetime())
		if problems:
			frappe.throw(
				self._problem_list([], problems), title=_("Invalid Feedback"), exc=IncompleteFeedback
			)

	def validate_complete(self):
		"""R-FB-2: every item present and valid, all listed in one message."""
		values = self._rule_values()
		missing = feedback.missing_items(values)
		invalid = feedback.invalid_items(values, now_datetime())
		if missing or invalid:
			frappe.throw(
				self._problem_list(missing, invalid), title=_("Incomplete Feedback"), exc=IncompleteFeedback
			)

	def validate_actions(self):
		for row in self.corrective_actions:
			problems = tracking.action_problems(row.as_dict())
			if problems:
				frappe.throw(
					_("{0}, row {1}: {2}").format(
						_("Corrective Actions"),
						row.idx,
						"; ".join(action_problem_message(p) for p in problems),
					)
				)

	def set_tracking_status(self):
		if self.close_reason and self.corrective_actions:
			frappe.throw(
				_("{0}: a sheet with corrective actions closes when they are done and verified").format(
					self._label("close_reason")
				)
			)
		status = tracking.tracking_status(
			(row.as_dict() for row in self.corrective_actions), bool((self.close_reason or "").strip())
		)
		if status != self.tracking_status:
			self.tracking_status = status
		self.closed_on = (self.closed_on or nowdate()) if status == tracking.CLOSED else None

	def validate_reclassification(self):
		"""After submit, only QA may change the problem type (e.g. Tracking -> Quality once
		confirmed); the change is kept in the document's version history and timeline."""
		before = self.get_doc_before_save()
		if not before or before.problem_type == self.problem_type:
			return
		if not has_role(RECLASSIFY_ROLES):
			frappe.throw(
				_("{0}: only QA may reclassify a submitted feedback sheet").format(_("Problem Type")),
				frappe.PermissionError,
			)
		if self.problem_type not in feedback.PROBLEM_TYPES:
			frappe.throw(
				_("{0}: choose one of {1}").format(
					_("Problem Type"), ", ".join(map(_, feedback.PROBLEM_TYPES))
				)
			)
		self.add_comment(
			"Info",
			_("Problem type changed from {0} to {1}").format(_(before.problem_type), _(self.problem_type)),
		)

	# ------------------------------------------------------------ sending (R-FB-4)

	def recipients(self) -> list[str]:
		recipients = settings.qa_recipients()
		if not recipients:
			frappe.throw(
				_("{0} is empty in {1}: the sheet cannot be sent").format(
					_("QA Department Recipients"), _("CS Service Settings")
				),
				exc=NoFeedbackRecipients,
			)
		for email in settings.department_recipients([row.department for row in self.notify_departments]):
			if email not in recipients:
				recipients.append(email)
		return recipients

	def set_sent(self):
		"""Submitting the sheet is sending it: when it went and whether the 15 minutes were met
		are written with the submit itself (R-FB-4)."""
		self.sent_at = now_datetime()
		if self.capture_review:  # a capture whose times the evidence did not back
			self.timeliness = evidence.TO_BE_REVIEWED
			return
		self.timeliness = clock.timeliness(get_datetime(self.reported_at), self.completed_at(self.sent_at))

	def send_to_qa(self):
		"""Put the e-mail with the sheet's PDF (rendered when the queue sends it) in Frappe's
		e-mail queue; :mod:`cs_service.feedback.qa_mail` calls it once per sent sheet."""
		mail.queue_email(
			self.recipients(),
			_("Quality Feedback {0}: {1} at {2} ({3})").format(
				self.name, self.item_name or self.item, self.customer, _(self.problem_type)
			),
			template="quality_feedback_sheet",
			args={"doc": self, "late": self.timeliness == clock.LATE},
			reference=self,
			attachments=[mail.print_attachment(self, "Quality Feedback Sheet")],
		)

	# ------------------------------------------------------------ helpers

	def _rule_values(self) -> dict:
		values = self.as_dict()
		for field in ("occurred_at", "reported_at", "breakpoint_time"):
			values[field] = get_datetime(values[field]) if values.get(field) else None
		return values

	def _problem_list(self, missing: list[str], invalid: list[tuple[str, str]]) -> str:
		lines = [_("{0}: missing").format(self._label(field)) for field in missing]
		lines += [invalid_message(self._label(field), code) for field, code in invalid]
		items = "".join(f"<li>{frappe.utils.escape_html(line)}</li>" for line in lines)
		return _("The feedback sheet cannot be sent yet:") + f"<ul>{items}</ul>"

	def _label(self, fieldname: str) -> str:
		return _(self.meta.get_label(fieldname))


def invalid_message(label: str, code: str) -> str:
	messages = {
		feedback.QUANTITY_NOT_POSITIVE: _("{0}: must be a whole number above zero"),
		feedback.OCCURRED_IN_FUTURE: _("{0}: cannot be in the future"),
		feedback.REPORTED_IN_FUTURE: _("{0}: cannot be in the future"),
		feedback.REPORTED_AFTER_SENDING: _("{0}: cannot be after the sheet was sent"),
		feedback.REPORTED_BEFORE_OCCURRENCE: _("{0}: cannot be before the time of occurrence"),
		feedback.NEGATIVE_LINE_STOP: _("{0}: cannot be negative"),
		feedback.UNKNOWN_PROBLEM_TYPE: _("{0}: must be Quality, Tracking or Disputed Problem"),
		feedback.UNKNOWN_SOURCE: _("{0}: must be Found on Site or Reported by Customer"),
	}
	return messages.get(code, _("{0}: invalid")).format(label)


def action_problem_message(code: str) -> str:
	return {
		"unknown_status": _("the status must be Open, In Progress or Done"),
		"verified_before_done": _("an action can be verified only when it is done"),
		"done_without_date": _("a done action needs its Closed On date"),
	}.get(code, code)


@frappe.whitelist()
def get_part_details(item: str, customer: str | None = None, customer_site: str | None = None) -> dict:
	"""What the form shows when a part is chosen: names and numbers of the part and, from the
	customer part knowledge (R-PL-4), where it goes on line and its last defects at the customer."""
	frappe.has_permission("Item", "read", item, throw=True)
	for doctype, name in (("Customer", customer), ("Customer Site", customer_site)):
		if name:
			frappe.has_permission(doctype, "read", name, throw=True)
	values = frappe.db.get_value("Item", item, ["item_name", "cs_drawing_no"], as_dict=True) or {}
	details = {
		"item_name": values.get("item_name"),
		"drawing_no": values.get("cs_drawing_no"),
		"customer_part_no": customer_part_no(item, customer),
	}
	if customer:
		knowledge = part_knowledge(item, customer, customer_site) or {}
		details.update(
			customer_part=knowledge.get("name"),
			shop=knowledge.get("shop"),
			section=knowledge.get("section"),
			station=knowledge.get("station"),
			mounting_position=knowledge.get("mounting_position"),
			function_features=knowledge.get("function_features"),
			last_defects=last_defects(customer, item) if frappe.has_permission(QFS, "read") else [],
		)
	return details
