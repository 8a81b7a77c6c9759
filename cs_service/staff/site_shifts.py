"""A site's shifts and its open problems, for the handover and the shift report (R-ST-3, R-ST-4)."""

from __future__ import annotations

from datetime import datetime

import frappe
from frappe import _
from frappe.utils import get_system_timezone, getdate

from cs_service.planning.sites import shift_error_message
from cs_service.rules import shifts

FEEDBACK = "Quality Feedback Sheet"
SLIP = "Suspect Part Slip"
SCREENING = "Containment Screening"


class UnknownShift(frappe.ValidationError):
	pass


def site_shift(customer_site: str, shift_name: str | None, label: str) -> shifts.Shift:
	"""The shift called ``shift_name`` of the site; the error names the field ``label``."""
	site = frappe.get_cached_doc("Customer Site", customer_site)
	if not site.shifts:
		frappe.throw(
			_("{0}: Customer Site {1} has no shift pattern; the CS Manager enters its shifts first").format(
				_(label), customer_site
			),
			UnknownShift,
		)
	try:
		pattern = site.shift_pattern()
	except shifts.ShiftPatternError as e:
		frappe.throw(_("{0}: {1}").format(_(label), shift_error_message(e)), UnknownShift)
	found = next((s for s in pattern if s.name == (shift_name or "").strip()), None)
	if not found:
		frappe.throw(
			_("{0}: {1} is not a shift of {2} ({3})").format(
				_(label), shift_name or "", customer_site, ", ".join(s.name for s in pattern)
			),
			UnknownShift,
		)
	return found


def occurrence(customer_site: str, shift_name: str, day, label: str) -> shifts.ShiftOccurrence:
	"""The shift starting on ``day`` (the plant's calendar), with its start and end on the
	system's clock, as the records are."""
	occ = site_shift(customer_site, shift_name, label).occurrence(getdate(day))
	return shifts.ShiftOccurrence(
		occ.shift, to_system(customer_site, occ.start), to_system(customer_site, occ.end)
	)


def plant_zone(customer_site: str | None) -> str:
	zone = customer_site and frappe.db.get_value("Customer Site", customer_site, "time_zone")
	return zone or get_system_timezone()


def to_system(customer_site: str | None, moment: datetime) -> datetime:
	"""A time on the plant's clock as a time on the system's clock."""
	return shifts.convert(moment, plant_zone(customer_site), get_system_timezone())


def to_plant(customer_site: str | None, moment: datetime) -> datetime:
	"""A time on the system's clock as a time on the plant's clock."""
	return shifts.convert(moment, get_system_timezone(), plant_zone(customer_site))


def shift_names(customer_site: str) -> list[str]:
	if not customer_site or not frappe.db.exists("Customer Site", customer_site):
		return []
	return frappe.get_all(
		"Customer Site Shift",
		filters={"parenttype": "Customer Site", "parent": customer_site},
		pluck="shift_name",
		order_by="idx",
	)


def site_open_problems(customer_site: str) -> list[frappe._dict]:
	"""The site's problems that are still open: feedback sheets not closed, slips not signed,
	screenings whose breakpoint is not verified. ``reference_doctype``, ``reference_name``, ``summary``."""
	found = []
	for row in frappe.get_all(
		FEEDBACK,
		filters={"customer_site": customer_site, "docstatus": ("<", 2), "tracking_status": ("!=", "Closed")},
		fields=["name", "item", "defect", "description"],
		order_by="reported_at asc",
	):
		found.append(_problem(FEEDBACK, row.name, row.item, row.defect or row.description))
	for row in frappe.get_all(
		SLIP,
		filters={"customer_site": customer_site, "docstatus": 0},
		fields=["name", "item", "quantity"],
		order_by="creation asc",
	):
		found.append(_problem(SLIP, row.name, row.item, _("{0} suspect parts").format(row.quantity or 0)))
	for row in frappe.get_all(
		SCREENING,
		filters={"customer_site": customer_site, "breakpoint_status": ("!=", "Verified")},
		fields=["name", "item", "breakpoint_status"],
		order_by="creation asc",
	):
		found.append(_problem(SCREENING, row.name, row.item, _(row.breakpoint_status)))
	return found


def _problem(doctype: str, name: str, item: str | None, what: str | None) -> frappe._dict:
	summary = " - ".join(str(v) for v in (item, what) if v)
	return frappe._dict(reference_doctype=doctype, reference_name=name, summary=summary[:140])


def shift_problems(customer_site: str, start: datetime, end: datetime) -> list[frappe._dict]:
	"""The feedback sheets of the site first reported in the shift [start, end)."""
	return frappe.get_all(
		FEEDBACK,
		filters=[
			["customer_site", "=", customer_site],
			["docstatus", "<", 2],
			["reported_at", ">=", start],
			["reported_at", "<", end],
		],
		fields=["name", "item", "defect", "description", "tracking_status", "reported_at"],
		order_by="reported_at asc",
	)
