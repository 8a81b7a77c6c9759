# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Line Stop Minutes (R-RP-3): minutes of customer line stop / stoppage caused by us, per
customer and month, cumulative over the calendar year, with the feedback sheets behind them.

Caused by us are the minutes of Quality problems; those of Tracking problems are not decided
yet and are shown apart (own columns and summary figure, never in the minutes, the
cumulative or the chart); Disputed problems never count."""

import frappe
from frappe import _

from cs_service.figures import live
from cs_service.figures.filters import refuse_external_sqe, report_period

REPORT = "Line Stop Minutes"
SHEET_SEPARATOR = ", "


def execute(filters: dict | None = None):
	refuse_external_sqe(REPORT)
	filters = frappe._dict(filters or {})
	from_date, to_date = report_period(filters, default="year")
	data = [
		{
			**row,
			"sheets": SHEET_SEPARATOR.join(row["sheets"]),
			"undecided_sheets": SHEET_SEPARATOR.join(row["undecided_sheets"]),
		}
		for row in live.line_stop_minutes(from_date, to_date, customer=filters.customer)
	]
	trend = live.line_stop_trend(from_date, to_date, customer=filters.customer)
	return get_columns(), data, None, get_chart(trend), get_summary(trend)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{"fieldname": "customer", "label": _("Customer"), "fieldtype": "Link", "options": "Customer", "width": 180},
		{"fieldname": "minutes", "label": _("Line Stop Minutes"), "fieldtype": "Int", "width": 120},
		{"fieldname": "cumulative", "label": _("Cumulative Minutes in the Year"), "fieldtype": "Int", "width": 150},
		{"fieldname": "sheets", "label": _("Quality Feedback Sheets"), "fieldtype": "Data", "width": 320},
		{"fieldname": "undecided_minutes", "label": _("Not Yet Decided Minutes (Tracking Problems)"), "fieldtype": "Int", "width": 150},
		{"fieldname": "undecided_sheets", "label": _("Sheets Not Yet Decided"), "fieldtype": "Data", "width": 260},
	]  # fmt: skip


def get_chart(trend: list[dict]) -> dict:
	"""Bars: minutes per month; line: cumulative minutes since the start of the year. One month
	is a bar alone (its cumulative is its minutes): the desk's chart library draws a line of one
	point with paths it cannot compute."""
	datasets = [{"name": _("Line Stop Minutes"), "chartType": "bar", "values": [m["minutes"] for m in trend]}]
	if len(trend) > 1:
		datasets.append(
			{
				"name": _("Cumulative Minutes in the Year"),
				"chartType": "line",
				"values": [m["cumulative"] for m in trend],
			}
		)
	return {
		"data": {"labels": [m["month"] for m in trend], "datasets": datasets},
		"type": "axis-mixed" if len(trend) > 1 else "bar",
		"fieldtype": "Int",
	}


def get_summary(trend: list[dict]) -> list[dict]:
	minutes = sum(m["minutes"] for m in trend)
	undecided = sum(m["undecided_minutes"] for m in trend)
	return [
		{
			"value": minutes,
			"label": _("Line Stop Minutes"),
			"datatype": "Int",
			"indicator": "Red" if minutes else "Green",
		},
		{
			"value": trend[-1]["cumulative"] if trend else 0,
			"label": _("Cumulative Minutes in the Year"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"value": undecided,
			"label": _("Not Yet Decided Minutes (Tracking Problems)"),
			"datatype": "Int",
			"indicator": "Orange" if undecided else "Grey",
		},
	]
