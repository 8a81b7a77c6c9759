"""The 15-minute feedback clock (R-FB-4).

Within 15 minutes of the first (verbal) report of a quality problem the written Quality
Feedback Sheet must be complete and sent to QA. These functions say when the 15 minutes
end, how much time is left and whether the rule was met.
"""

from __future__ import annotations

from datetime import datetime, timedelta

FEEDBACK_WINDOW = timedelta(minutes=15)

ON_TIME = "On time"
LATE = "Late"


def deadline(reported_at: datetime, window: timedelta = FEEDBACK_WINDOW) -> datetime:
	"""The moment the written feedback is due: first report + 15 minutes (R-FB-4)."""
	if reported_at is None:
		raise ValueError("reported_at is required")
	return reported_at + window


def is_on_time(reported_at: datetime, sent_at: datetime, window: timedelta = FEEDBACK_WINDOW) -> bool:
	"""True when the sheet was sent no later than the deadline (the deadline itself counts)."""
	return sent_at <= deadline(reported_at, window)


def timeliness(reported_at: datetime, sent_at: datetime, window: timedelta = FEEDBACK_WINDOW) -> str:
	"""``"On time"`` or ``"Late"``, as recorded on the sheet."""
	return ON_TIME if is_on_time(reported_at, sent_at, window) else LATE
