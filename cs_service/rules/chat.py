"""Which group-chat channel wants which event (R-FB-4, R-FB-6, R-CT-9, R-ST-2).

A channel (a *CS Alert Channel*, read here as a plain mapping) serves all customer sites or
those it lists, and wants the events it ticks:

- *Sheet Sent*: a Quality Feedback Sheet was sent (submitted);
- *Line Stop*: a sent sheet stopped the line at least the channel's minutes;
- *Waiting for SQE*: a sheet sent to the customer's SQE is not signed after the channel's hours;
- *Overdue Actions*: corrective actions past their due date at a month-end;
- *Qualification Revoked*: an engineer's post qualification was revoked -- a managers'
  channel only (a plant's group chat holds the customer's people too).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

SHEET_SENT = "Sheet Sent"
LINE_STOP = "Line Stop"
WAITING_FOR_SQE = "Waiting for SQE"
OVERDUE_ACTIONS = "Overdue Actions"
QUALIFICATION_REVOKED = "Qualification Revoked"
EVENTS = (SHEET_SENT, LINE_STOP, WAITING_FOR_SQE, OVERDUE_ACTIONS, QUALIFICATION_REVOKED)

# The channel's tick box of each event.
EVENT_FIELDS = {
	SHEET_SENT: "on_sheet_sent",
	LINE_STOP: "on_line_stop",
	WAITING_FOR_SQE: "on_waiting_for_sqe",
	OVERDUE_ACTIONS: "on_overdue_actions",
	QUALIFICATION_REVOKED: "on_qualification_revoked",
}
# The channel's threshold of each event that has one.
THRESHOLD_FIELDS = {LINE_STOP: "line_stop_minutes", WAITING_FOR_SQE: "waiting_hours"}


def serves(channel: Mapping, sites: Iterable[str | None]) -> bool:
	"""Whether the channel serves one of ``sites`` (every site when it serves all)."""
	if channel.get("all_sites"):
		return True
	return bool(set(channel.get("sites") or ()) & {s for s in sites if s})


def wants(
	channel: Mapping, event: str, sites: Iterable[str | None] = (), measure: float | None = None
) -> bool:
	"""Whether the channel gets a message of ``event`` about a record of ``sites``; ``measure``
	is the line stop's minutes or the hours waited, held against the channel's threshold."""
	if not channel.get("enabled") or not channel.get(EVENT_FIELDS[event]):
		return False
	if event == QUALIFICATION_REVOKED and not channel.get("managers_channel"):
		return False
	if event in THRESHOLD_FIELDS:
		threshold = channel.get(THRESHOLD_FIELDS[event]) or 0
		if measure is None or measure <= 0 or measure < threshold:
			return False
	return serves(channel, sites)


def rows_served(channel: Mapping, rows: Iterable[Mapping], site_key: str = "customer_site") -> list:
	"""The rows (each of a customer site) that the channel serves."""
	return [row for row in rows if serves(channel, [row.get(site_key)])]


def missing_settings(channel: Mapping) -> list[str]:
	"""The fields a channel lacks for the events it ticks: a threshold must be positive, the
	revocation goes to a managers' channel only, and a channel serving some sites lists them."""
	missing = [
		field
		for event, field in THRESHOLD_FIELDS.items()
		if channel.get(EVENT_FIELDS[event]) and not (channel.get(field) or 0) > 0
	]
	if channel.get(EVENT_FIELDS[QUALIFICATION_REVOKED]) and not channel.get("managers_channel"):
		missing.append("managers_channel")
	if not channel.get("all_sites") and not channel.get("sites"):
		missing.append("customer_sites")
	return missing
