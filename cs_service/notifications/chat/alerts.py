"""What each event says to the channels that want it (R-FB-4, R-FB-6, R-CT-9, R-ST-2).

Every function here is called from a user's save or a scheduled job and never fails it: a
message that cannot be made is logged (:func:`guarded`). Each message is in its channel's
language and links to its record; :mod:`cs_service.notifications.chat.delivery` records it once and sends
it after the commit.

- :func:`sheet_sent` -- the Quality Feedback Sheet's submit (sending): *Sheet Sent* (customer,
  part, problem type, line stop, on time / late) and *Line Stop* (at least the channel's
  minutes).
- :func:`waiting_for_sqe` -- scheduled: a slip or confirmation sheet sent to the customer's SQE
  and not signed after the channel's hours; once per sending.
- :func:`overdue_at_month_end` -- scheduled with the month-end escalation: the corrective
  actions overdue at the month-end, of the channel's sites; once per month.
- :func:`qualification_revoked` -- the revocation: managers' channels only.
"""

from __future__ import annotations

import functools
import json
from datetime import date, datetime

import frappe
from frappe import _
from frappe.utils import (
	flt,
	format_datetime,
	formatdate,
	get_datetime,
	get_url_to_form,
	get_url_to_report,
	getdate,
	now_datetime,
	nowdate,
)

from cs_service.feedback.escalation import overdue_actions_as_of
from cs_service.integrity.text import as_typed
from cs_service.notifications.chat import delivery
from cs_service.notifications.chat.platforms import Alert
from cs_service.rules import chat, jobs, months

SHEET = "Quality Feedback Sheet"
SIGNED_BY_SQE = ("Suspect Part Slip", "Service Confirmation Sheet")
PENDING_SQE = "Pending SQE"  # cs_service.containment.signoff.PENDING
MAX_OVERDUE_LINES = 10
MONTH_END_GRACE_DAYS = 7


def guarded(function):
	"""An alert never fails the save or the job that raised it: errors are logged."""

	@functools.wraps(function)
	def wrapper(*args, **kwargs):
		savepoint = "cs_alert_event"
		frappe.db.savepoint(savepoint)
		try:
			return function(*args, **kwargs)
		except Exception:
			frappe.db.rollback(save_point=savepoint)
			frappe.log_error(title=f"Alert: {function.__name__}")
			return None

	return wrapper


def channels() -> list[dict]:
	"""The enabled channels as :mod:`cs_service.rules.chat` reads them, with platform and language;
	none while the demo department is made (its fictional records are never posted to the plant's
	real group chats)."""
	if frappe.flags.in_cs_demo:
		return []
	fields = [
		"name",
		"enabled",
		"platform",
		"language",
		"all_sites",
		"managers_channel",
		*chat.EVENT_FIELDS.values(),
		*chat.THRESHOLD_FIELDS.values(),
	]
	found = frappe.get_all(delivery.CHANNEL, filters={"enabled": 1}, fields=fields, order_by="name")
	sites: dict[str, list[str]] = {}
	if found:
		for row in frappe.get_all(
			"CS Alert Channel Site",
			filters={"parenttype": delivery.CHANNEL, "parent": ("in", [c.name for c in found])},
			fields=["parent", "customer_site"],
		):
			sites.setdefault(row.parent, []).append(row.customer_site)
	return [{**channel, "sites": tuple(sites.get(channel.name, ()))} for channel in found]


def _send(channel: dict, event: str, alert: Alert, doctype=None, name=None, occasion: str = "") -> str | None:
	return delivery.record(channel["name"], channel["platform"], event, alert, doctype, name, occasion)


def _text(value) -> str:
	return as_typed(str(value)) if value not in (None, "") else "-"


# ---------------------------------------------------------------- the sheet is sent (R-FB-4)


@guarded
def sheet_sent(sheet) -> list[str]:
	"""The sheet's submit: *Sheet Sent* and *Line Stop* to the channels that want them."""
	made = []
	minutes = flt(sheet.line_stop_minutes)
	for channel in channels():
		for event in (chat.SHEET_SENT, chat.LINE_STOP):
			if chat.wants(
				channel, event, [sheet.customer_site], minutes if event == chat.LINE_STOP else None
			):
				alert = sheet_alert(sheet, event, channel["language"])
				made.append(_send(channel, event, alert, SHEET, sheet.name))
	return [m for m in made if m]


def sheet_alert(sheet, event: str, lang: str) -> Alert:
	minutes = int(flt(sheet.line_stop_minutes))
	part = " ".join(str(p) for p in (sheet.item, sheet.item_name) if p)
	if sheet.customer_part_no:
		part += f" ({sheet.customer_part_no})"
	if event == chat.LINE_STOP:
		title = _("Line stop {0} min at {1}: {2}", lang=lang).format(minutes, sheet.customer, sheet.name)
	else:
		title = _("Quality Feedback Sheet sent: {0}", lang=lang).format(sheet.name)
	timeliness = _(sheet.timeliness, lang=lang) if sheet.timeliness else "-"
	return Alert(
		title=title,
		lines=(
			(_("Customer", lang=lang), _text(sheet.customer)),
			(_("Customer Site", lang=lang), _text(sheet.customer_site)),
			(_("Part", lang=lang), _text(part)),
			(_("Problem Type", lang=lang), _(sheet.problem_type, lang=lang) if sheet.problem_type else "-"),
			(_("Defect", lang=lang), _text(sheet.defect or sheet.description)),
			(_("Quantity", lang=lang), _text(sheet.quantity)),
			(
				_("Line Stop", lang=lang),
				_("{0} min", lang=lang).format(minutes) if minutes else _("None", lang=lang),
			),
			(
				_("Sent", lang=lang),
				f"{timeliness} ({format_datetime(sheet.sent_at, 'yyyy-MM-dd HH:mm')})"
				if sheet.sent_at
				else timeliness,
			),
		),
		url=get_url_to_form(SHEET, sheet.name),
		link_text=_("Open {0}", lang=lang).format(sheet.name),
		urgent=event == chat.LINE_STOP or sheet.timeliness == "Late" or bool(sheet.is_major),
	)


# ---------------------------------------------------------------- waiting for the SQE (R-CT-9)


@guarded
def waiting_for_sqe(now: datetime | None = None) -> list[str]:
	"""Scheduled: sheets sent to the customer's SQE and not signed after a channel's hours, once
	per channel and sending (a sheet returned and sent again is a new sending)."""
	now = get_datetime(now or now_datetime())
	wanting = [c for c in channels() if c.get(chat.EVENT_FIELDS[chat.WAITING_FOR_SQE])]
	if not wanting:
		return []
	made = []
	for doctype in SIGNED_BY_SQE:
		pending = frappe.get_all(
			doctype,
			filters={"docstatus": 0, "workflow_state": PENDING_SQE},
			fields=["name", "customer", "customer_site", "modified"],
			order_by="modified",
		)
		since = waiting_since(doctype, pending)
		for row in pending:
			sent = since[row.name]
			hours = (now - sent).total_seconds() / 3600
			for channel in wanting:
				if chat.wants(channel, chat.WAITING_FOR_SQE, [row.customer_site], hours):
					alert = waiting_alert(doctype, row, sent, hours, channel["language"])
					occasion = sent.strftime("%Y-%m-%d %H:%M:%S")
					made.append(_send(channel, chat.WAITING_FOR_SQE, alert, doctype, row.name, occasion))
	return [m for m in made if m]


def waiting_since(doctype: str, rows: list) -> dict[str, datetime]:
	"""When each pending sheet (``name``, ``modified``) was sent to the SQE: from its version
	history, else its last change (a pending sheet is not edited by our side)."""
	sent = sent_to_sqe_at(doctype, [row.name for row in rows])
	return {row.name: sent.get(row.name) or get_datetime(row.modified) for row in rows}


def sent_to_sqe_at(doctype: str, names: list[str]) -> dict[str, datetime]:
	"""When each sheet was last sent to the SQE, from its version history (the workflow state
	changed to *Pending SQE*)."""
	if not names:
		return {}
	found: dict[str, datetime] = {}
	for version in frappe.get_all(
		"Version",
		filters={"ref_doctype": doctype, "docname": ("in", names)},
		fields=["docname", "data", "creation"],
		order_by="creation desc",
	):
		if version.docname in found:
			continue
		try:
			changed = json.loads(version.data or "{}").get("changed") or []
		except ValueError:
			continue
		if any(c[0] == "workflow_state" and c[2] == PENDING_SQE for c in changed if len(c) == 3):
			found[version.docname] = get_datetime(version.creation)
	return found


def waiting_alert(doctype: str, row, sent: datetime, hours: float, lang: str) -> Alert:
	return Alert(
		title=_("{0} {1} waits for the SQE's signature for {2} hours", lang=lang).format(
			_(doctype, lang=lang), row.name, int(hours)
		),
		lines=(
			(_("Customer", lang=lang), _text(row.customer)),
			(_("Customer Site", lang=lang), _text(row.customer_site)),
			(_("Sent to the SQE", lang=lang), format_datetime(sent, "yyyy-MM-dd HH:mm")),
		),
		url=get_url_to_form(doctype, row.name),
		link_text=_("Open {0}", lang=lang).format(row.name),
		urgent=True,
	)


# ---------------------------------------------------------------- month-end (R-FB-6)


@guarded
def overdue_at_month_end(today: date | str | None = None) -> list[str]:
	"""Scheduled with the month-end escalation: the actions overdue at the latest month-end, of
	each channel's sites, once per channel and month."""
	today = getdate(today or nowdate())
	month_end = jobs.month_end_due(today)
	if (today - month_end).days > MONTH_END_GRACE_DAYS:
		return []  # a missed run is made good; an old month is not announced to a new channel
	wanting = [c for c in channels() if c.get(chat.EVENT_FIELDS[chat.OVERDUE_ACTIONS])]
	if not wanting:
		return []
	rows = overdue_actions_as_of(month_end)
	made = []
	for channel in wanting:
		served = chat.rows_served(channel, rows)
		if served:
			alert = overdue_alert(served, month_end, channel["language"])
			made.append(_send(channel, chat.OVERDUE_ACTIONS, alert, occasion=months.month_key(month_end)))
	return [m for m in made if m]


def overdue_alert(rows: list, month_end: date, lang: str) -> Alert:
	lines = [
		(
			f"{row.sheet} #{row.idx}",
			_("{0}, owner {1}, due {2}, {3} days overdue", lang=lang).format(
				_text(row.action), _text(row.action_owner), formatdate(row.due_date), row.days_overdue
			),
		)
		for row in rows[:MAX_OVERDUE_LINES]
	]
	if len(rows) > MAX_OVERDUE_LINES:
		lines.append(("…", _("{0} more", lang=lang).format(len(rows) - MAX_OVERDUE_LINES)))
	return Alert(
		title=_("{0} corrective actions overdue at the month-end {1}", lang=lang).format(
			len(rows), formatdate(month_end)
		),
		lines=tuple(lines),
		url=get_url_to_report("Month-end Escalation"),
		link_text=_("Open the Month-end Escalation report", lang=lang),
		urgent=True,
	)


# ---------------------------------------------------------------- revocation (R-ST-2, R-ST-3, R-FB-7)


@guarded
def qualification_revoked(qualification, reason: str, sites: list[str]) -> list[str]:
	"""The revocation: the managers' channels that serve one of the sites the engineer was on (or
	all sites)."""
	made = []
	for channel in channels():
		if chat.wants(channel, chat.QUALIFICATION_REVOKED, sites or [None]):
			lang = channel["language"]
			alert = Alert(
				title=_("Post qualification of {0} revoked", lang=lang).format(
					qualification.engineer_name or qualification.engineer
				),
				lines=(
					(_("Reason", lang=lang), _text(reason)),
					(_("Removed from", lang=lang), ", ".join(sites) if sites else "-"),
				),
				url=get_url_to_form(qualification.doctype, qualification.name),
				link_text=_("Open {0}", lang=lang).format(qualification.engineer_name or qualification.name),
				urgent=True,
			)
			occasion = format_datetime(qualification.revoked_on, "yyyy-MM-dd HH:mm:ss")
			made.append(
				_send(
					channel,
					chat.QUALIFICATION_REVOKED,
					alert,
					qualification.doctype,
					qualification.name,
					occasion,
				)
			)
	return [m for m in made if m]
