# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Delivery Quality (R-RP-2, R-RP-3): per month, customer and part the quantity delivered
net of returns, the defective quantity of Quality Problems and the PPM, with the PPM trend.

A row with more defective parts than delivered net of returns (e.g. a month of a recall) has
its PPM bounded at 1,000,000 and is flagged, with a warning above the report. A row without a
PPM says why: nothing delivered net of returns, and with defective parts it is
flagged too. Piece counts are whole numbers."""

import frappe
from frappe import _

from cs_service.figures import live
from cs_service.figures.filters import refuse_external_sqe, report_period
from cs_service.rules import months, quality

REPORT = "Delivery Quality"


def execute(filters: dict | None = None):
	refuse_external_sqe(REPORT)
	filters = frappe._dict(filters or {})
	from_date, to_date = report_period(filters)
	data = live.delivery_quality(
		from_date, to_date, customer=filters.customer, item=filters.item, company=filters.company
	)
	for row in data:
		explain(row)
	trend = quality.monthly_totals(data, months.months_between(from_date, to_date))
	return get_columns(), data, get_message(data), get_chart(trend), get_summary(trend)


def ppm_notes() -> dict[str, str]:
	return {
		quality.NO_DELIVERY: _("No PPM: nothing delivered net of returns"),
		quality.DEFECTIVE_WITHOUT_DELIVERY: _("No PPM: defective parts but nothing delivered net of returns"),
	}


def explain(row: dict) -> None:
	"""A missing PPM says why, and defective parts without a delivery are flagged as
	more defective than delivered (as a bounded PPM is)."""
	reason = quality.ppm_missing_reason(row["defective"], row["net_delivered"])
	row["ppm_note"] = (
		ppm_notes()[reason]
		if reason
		else (_("Bounded at 1,000,000") if row["defective_above_delivered"] else "")
	)
	row["defective_above_delivered"] = int(
		quality.more_defective_than_delivered(row["defective"], row["net_delivered"])
	)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{"fieldname": "customer", "label": _("Customer"), "fieldtype": "Link", "options": "Customer", "width": 160},
		{"fieldname": "item", "label": _("Part"), "fieldtype": "Link", "options": "Item", "width": 130},
		{"fieldname": "item_name", "label": _("Product Name"), "fieldtype": "Data", "width": 160},
		{"fieldname": "delivered", "label": _("Delivered Qty"), "fieldtype": "Int", "width": 110},
		{"fieldname": "returned", "label": _("Returned Qty"), "fieldtype": "Int", "width": 110},
		{"fieldname": "net_delivered", "label": _("Net Delivered Qty"), "fieldtype": "Int", "width": 120},
		{"fieldname": "defective", "label": _("Defective Qty"), "fieldtype": "Int", "width": 110},
		{"fieldname": "ppm", "label": _("PPM"), "fieldtype": "Int", "width": 90},
		{"fieldname": "defective_above_delivered", "label": _("Defective above Delivered"), "fieldtype": "Check", "width": 90},
		{"fieldname": "ppm_note", "label": _("PPM Note"), "fieldtype": "Data", "width": 260},
	]  # fmt: skip


def get_message(data: list[dict]) -> str | None:
	"""The warning of R-RP-3's bounded PPM, when a row has it."""
	bounded = sum(1 for row in data if row["defective_above_delivered"] and row["ppm"] is not None)
	undelivered = sum(1 for row in data if row["defective_above_delivered"] and row["ppm"] is None)
	messages = []
	if bounded:
		messages.append(
			_(
				"{0} rows have more defective parts than delivered net of returns: their PPM is bounded at 1,000,000."
			).format(bounded)
		)
	if undelivered:
		messages.append(
			_("{0} rows have defective parts but nothing delivered net of returns: they have no PPM.").format(
				undelivered
			)
		)
	return " ".join(messages) or None


def get_chart(trend: list[dict]) -> dict:
	"""The PPM of all selected customers and parts per month; a month without delivery shows 0.
	One month is a bar: the desk's chart library draws a line of one point with paths it cannot
	compute (a dozen console errors)."""
	return {
		"data": {
			"labels": [m["month"] for m in trend],
			"datasets": [{"name": _("PPM"), "values": [m["ppm"] or 0 for m in trend]}],
		},
		**({"type": "line", "lineOptions": {"regionFill": 1}} if len(trend) > 1 else {"type": "bar"}),
		"fieldtype": "Int",
	}


def get_summary(trend: list[dict]) -> list[dict]:
	net = sum(m["net_delivered"] for m in trend)
	defective = sum(m["defective"] for m in trend)
	ppm = quality.ppm(defective, net)
	reason = quality.ppm_missing_reason(defective, net)
	return [
		{"value": net, "label": _("Net Delivered Qty"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": defective,
			"label": _("Defective Qty"),
			"datatype": "Int",
			"indicator": "Red" if defective else "Green",
		},
		{
			"value": ppm_notes()[reason] if reason else ppm,
			"label": _("PPM"),
			"datatype": "Data" if reason else "Int",
			"indicator": "Orange" if reason == quality.DEFECTIVE_WITHOUT_DELIVERY else "Blue",
		},
	]
