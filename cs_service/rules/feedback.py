"""What a Quality Feedback Sheet must hold before it is sent (R-FB-1, R-FB-2, R-FB-3).

The sheet is saved as a draft while the engineer writes it; on submit -- which *is*
sending it to QA -- every R-FB-2 item must be there and valid. The functions return
every problem at once, so the engineer fixes them in one go (R-FB-7 counts an
incomplete feedback against them).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from cs_service.rules.predicates import OneOf

QUALITY = "Quality Problem"  # confirmed defect of our part
TRACKING = "Tracking Problem"  # not confirmed, not excluded
DISPUTED = "Disputed Problem"  # confirmed not ours
PROBLEM_TYPES = (QUALITY, TRACKING, DISPUTED)
# R-FB-3, R-RP-3: what counts as caused by us (defects, line stops), and what is not decided
# yet (shown apart); a Disputed problem never counts. One source for Python and SQL.
COUNTS_AS_OURS = OneOf("problem_type", (QUALITY,))
NOT_YET_DECIDED = OneOf("problem_type", (TRACKING,))

FOUND_ON_SITE = "Found on Site"
REPORTED_BY_CUSTOMER = "Reported by Customer"
SOURCES = (FOUND_ON_SITE, REPORTED_BY_CUSTOMER)

# R-FB-2 (and R-FB-1's preliminary cause), in the order the form shows them.
REQUIRED_ON_SUBMIT = (
	"customer_site",
	"occurred_at",
	"shop",
	"station",
	"item",
	"drawing_no",
	"description",
	"suspect_area",
	"quantity",
	"problem_type",
	"temporary_measures",
	"breakpoint",
	"customer_communication",
	"preliminary_cause",
)
# The breakpoint may be given as free text or as a structured cut-off.
BREAKPOINT_FIELDS = ("breakpoint", "breakpoint_lot", "breakpoint_serial", "breakpoint_time")

# Problem codes of invalid_items
QUANTITY_NOT_POSITIVE = "quantity_not_positive"
OCCURRED_IN_FUTURE = "occurred_in_future"
REPORTED_BEFORE_OCCURRENCE = "reported_before_occurrence"
NEGATIVE_LINE_STOP = "negative_line_stop"
UNKNOWN_PROBLEM_TYPE = "unknown_problem_type"
UNKNOWN_SOURCE = "unknown_source"
REPORTED_IN_FUTURE = "reported_in_future"

# R-FB-4: a time "now" typed on a phone whose clock runs a little ahead is not "in the
# future"; anything later is.
CLOCK_TOLERANCE = timedelta(minutes=1)


def _blank(value) -> bool:
	return value is None or (isinstance(value, str) and not value.strip())


def missing_items(values: Mapping) -> list[str]:
	"""Fieldnames of the R-FB-2 items that are empty (``breakpoint`` when no form of it is given)."""
	missing = []
	for field in REQUIRED_ON_SUBMIT:
		if field == "breakpoint":
			if all(_blank(values.get(f)) for f in BREAKPOINT_FIELDS):
				missing.append(field)
		elif field == "quantity":
			# Frappe stores an empty Int as 0: no quantity yet, not a wrong one
			if values.get(field) in (None, "", 0):
				missing.append(field)
		elif _blank(values.get(field)):
			missing.append(field)
	return missing


def invalid_items(values: Mapping, now: datetime) -> list[tuple[str, str]]:
	"""``(fieldname, code)`` of every value that is present but wrong."""
	problems = []
	quantity = values.get("quantity")
	if quantity not in (None, "", 0) and (
		isinstance(quantity, bool)
		or not isinstance(quantity, int | float)
		or quantity < 0
		or quantity != int(quantity)
	):
		problems.append(("quantity", QUANTITY_NOT_POSITIVE))
	occurred, reported = values.get("occurred_at"), values.get("reported_at")
	if occurred and occurred > now + CLOCK_TOLERANCE:
		problems.append(("occurred_at", OCCURRED_IN_FUTURE))
	if reported and reported > now + CLOCK_TOLERANCE:
		problems.append(("reported_at", REPORTED_IN_FUTURE))
	if occurred and reported and reported < occurred:
		problems.append(("reported_at", REPORTED_BEFORE_OCCURRENCE))
	if (values.get("line_stop_minutes") or 0) < 0:
		problems.append(("line_stop_minutes", NEGATIVE_LINE_STOP))
	if not _blank(values.get("problem_type")) and values.get("problem_type") not in PROBLEM_TYPES:
		problems.append(("problem_type", UNKNOWN_PROBLEM_TYPE))
	if not _blank(values.get("source")) and values.get("source") not in SOURCES:
		problems.append(("source", UNKNOWN_SOURCE))
	return problems


def report_time_correction_problems(
	reported: datetime | None, occurred: datetime | None, sent: datetime | None, now: datetime
) -> list[tuple[str, str]]:
	"""R-FB-4: a first-report time corrected after sending is still a time between the
	occurrence and the sending, never in the future."""
	problems = invalid_items({"reported_at": reported, "occurred_at": occurred}, now)
	if reported and sent and reported > sent:
		problems.append(("reported_at", REPORTED_AFTER_SENDING))
	return problems


REPORTED_AFTER_SENDING = "reported_after_sending"


# a first-report time this long before "now" is implausible for a sheet being written
# (a desk once accepted 2012 and showed the sheet 7.5 million minutes late); the desk asks the
# engineer to check it and refuses to save a newly typed one older than REPORT_TIME_REFUSED.
REPORT_TIME_DOUBTFUL = timedelta(hours=24)
REPORT_TIME_REFUSED = timedelta(days=7)


# The first-report time an engineer states in one tap, in the desk and on the
# phone alike: just now, or 5, 10, 15 minutes before the tap (a problem reported by voice a
# little earlier). An earlier time is typed in the desk, where it is checked (above).
REPORTED_MINUTES_AGO = (0, 5, 10, 15)


def reported_minutes_ago(value) -> int | None:
	"""The stated minutes if they are one of :data:`REPORTED_MINUTES_AGO`, else None (absent
	means "just now": a capture queued by an older page)."""
	if value in (None, ""):
		return 0
	if isinstance(value, bool) or not isinstance(value, int | str):
		return None
	try:
		minutes = int(value)
	except ValueError:
		return None
	return minutes if minutes in REPORTED_MINUTES_AGO else None


def report_time_doubtful(reported: datetime | None, now: datetime) -> bool:
	"""The first-report time lies more than :data:`REPORT_TIME_DOUBTFUL` in the past."""
	return bool(reported) and now - reported > REPORT_TIME_DOUBTFUL
