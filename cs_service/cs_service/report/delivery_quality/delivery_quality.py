# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Delivery Quality (R-RP-2, R-RP-3): per month, customer and part the quantity delivered
net of returns, the defective quantity of Quality Problems and the PPM, with the PPM trend.

A row with more defective parts than delivered net of returns (e.g. a month of a recall) has
its PPM bounded at 1,000,000 and is flagged, with a warning above the report."""

import frappe
from frappe import _

from cs_service.figures import quality
from cs_service.figures.filters import refuse_external_sqe, report_period
from cs_service.rules import quality as rules

REPORT = "Delivery Quality"


def execute(filters: dict | None = None):
	refuse_external_sqe(REPORT)
	filters = frappe._dict(filters or {})
	from_date, to_date = report_period(filters)
	data = quality.delivery_quality(
		from_date, to_date, customer=filters.customer, item=filters.item, company=filters.company
	)
	trend = rules.monthly_totals(data, rules.months_between(from_date, to_date))
	return get_columns(), data, get_message(data), get_chart(trend), get_summary(trend)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{"fieldname": "customer", "label": _("Customer"), "fieldtype": "Link", "options": "Customer", "width": 160},
		{"fieldname": "item", "label": _("Part"), "fieldtype": "Link", "options": "Item", "width": 130},
		{"fieldname": "item_name", "label": _("Product Name"), "fieldtype": "Data", "width": 160},
		{"fieldname": "delivered", "label": _("Delivered Qty"), "fieldtype": "Float", "width": 110},
		{"fieldname": "returned", "label": _("Returned Qty"), "fieldtype": "Float", "width": 110},
		{"fieldname": "net_delivered", "label": _("Net Delivered Qty"), "fieldtype": "Float", "width": 120},
		{"fieldname": "defective", "label": _("Defective Qty"), "fieldtype": "Float", "width": 110},
		{"fieldname": "ppm", "label": _("PPM"), "fieldtype": "Int", "width": 90},
		{"fieldname": "defective_above_delivered", "label": _("Defective above Delivered"), "fieldtype": "Check", "width": 90},
	]  # fmt: skip


def get_message(data: list[dict]) -> str | None:
	"""The warning of R-RP-3's bounded PPM, when a row has it."""
	flagged = sum(1 for row in data if row["defective_above_delivered"])
	if not flagged:
		return None
	return _(
		"{0} rows have more defective parts than delivered net of returns: their PPM is bounded at 1,000,000."
	).format(flagged)


def get_chart(trend: list[dict]) -> dict:
	"""The PPM of all selected customers and parts per month; a month without delivery shows 0."""
	return {
		"data": {
			"labels": [m["month"] for m in trend],
			"datasets": [{"name": _("PPM"), "values": [m["ppm"] or 0 for m in trend]}],
		},
		"type": "line",
		"lineOptions": {"regionFill": 1},
		"fieldtype": "Int",
	}


def get_summary(trend: list[dict]) -> list[dict]:
	net = sum(m["net_delivered"] for m in trend)
	defective = sum(m["defective"] for m in trend)
	ppm = rules.ppm(defective, net)
	return [
		{"value": net, "label": _("Net Delivered Qty"), "datatype": "Float", "indicator": "Blue"},
		{
			"value": defective,
			"label": _("Defective Qty"),
			"datatype": "Float",
			"indicator": "Red" if defective else "Green",
		},
		{"value": "-" if ppm is None else ppm, "label": _("PPM"), "datatype": "Data", "indicator": "Blue"},
	]
