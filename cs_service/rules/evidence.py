"""When a capture from the phone page may be judged *On time* (R-FB-4).

The phone page works offline, so its completion time cannot come from the server. It used to be
the phone's word: a first report three days ago completed "two minutes later" made an On time
sheet. Now the page sends **evidence** with its wall-clock times, measured on the phone's
monotonic clock (``performance.now()``, which no setting of the phone's clock moves):

- ``report_to_complete``: seconds from *New problem* to *Send* (same page session);
- ``complete_to_send``: seconds from *Send* to the request that delivers it (same page session);
- at *New problem* and at *Send*, the page's **last contact** with the server: the server's own
  time signed by the server (``contact_at``, verified by the caller) and the seconds since then.

The server estimates on its own clock when the capture was completed and first reported and
judges the 15 minutes only when the phone's times agree with the estimates (within
:data:`TOLERANCE`) and the capture waited offline no longer than the bound of CS Service
Settings; otherwise the sheet is made and sent all the same, *To Be Reviewed* by QA, with the
reasons -- never silently On time, never lost.

Plain values only; :mod:`cs_service.pages.capture` gathers them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

TOLERANCE = timedelta(minutes=2)  # a phone's clock drifts, a request takes its time
DEFAULT_MAX_OFFLINE = timedelta(hours=12)
TO_BE_REVIEWED = "To Be Reviewed"

# reasons
NO_COMPLETION_EVIDENCE = "no_completion_evidence"
NO_REPORT_EVIDENCE = "no_report_evidence"
COMPLETION_DISAGREES = "completion_disagrees"
REPORT_DISAGREES = "report_disagrees"
HELD_OFFLINE_TOO_LONG = "held_offline_too_long"
IMPOSSIBLE = "impossible"


@dataclass(frozen=True)
class Contact:
	"""A contact with the server: its time (verified) and the phone's monotonic seconds since."""

	at: datetime
	since: float


@dataclass
class Judgement:
	completed_at: datetime | None = None  # the server's estimate
	reported_at: datetime | None = None
	offline_for: timedelta | None = None
	reasons: list[str] = field(default_factory=list)

	@property
	def trusted(self) -> bool:
		return not self.reasons


def seconds(value) -> float | None:
	"""A measured duration from the page: a finite number of seconds >= 0, else ``None``."""
	if value is None or isinstance(value, bool):
		return None
	try:
		number = float(value)
	except (TypeError, ValueError):
		return None
	return number if math.isfinite(number) and 0 <= number < 10 * 365 * 86400 else None


def judge(
	now: datetime,
	claimed_reported: datetime,
	claimed_completed: datetime,
	report_to_complete: float | None,
	complete_to_send: float | None,
	report_contact: Contact | None,
	complete_contact: Contact | None,
	max_offline: timedelta = DEFAULT_MAX_OFFLINE,
	tolerance: timedelta = TOLERANCE,
) -> Judgement:
	"""Whether the phone's times (``claimed_*``, on the server's clock) are backed by the evidence."""
	j = Judgement()
	if complete_to_send is not None:
		j.completed_at = now - timedelta(seconds=complete_to_send)
	elif complete_contact is not None:
		j.completed_at = complete_contact.at + timedelta(seconds=complete_contact.since)
	if j.completed_at is not None and report_to_complete is not None:
		j.reported_at = j.completed_at - timedelta(seconds=report_to_complete)
	elif report_contact is not None:
		j.reported_at = report_contact.at + timedelta(seconds=report_contact.since)

	if j.completed_at is None:
		j.reasons.append(NO_COMPLETION_EVIDENCE)
	else:
		if j.completed_at > now + tolerance:
			j.reasons.append(IMPOSSIBLE)
		j.offline_for = max(now - j.completed_at, timedelta(0))
		if j.offline_for > max_offline:
			j.reasons.append(HELD_OFFLINE_TOO_LONG)
		if abs(j.completed_at - claimed_completed) > tolerance:
			j.reasons.append(COMPLETION_DISAGREES)
	if j.reported_at is None:
		j.reasons.append(NO_REPORT_EVIDENCE)
	elif abs(j.reported_at - claimed_reported) > tolerance:
		j.reasons.append(REPORT_DISAGREES)
	return j


def reported_in_closed_month(reported: datetime, reported_until: datetime | None) -> bool:
	"""A first report before ``reported_until`` (the first moment after the last month whose
	monthly report was made): its figures went out already."""
	return reported_until is not None and reported < reported_until
