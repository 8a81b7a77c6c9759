# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Complaint Handling KPI (R-RP-1, R-RP-2): complaints received (found on site and reported
by the customer) against those handled (closed), as a rate against the 100 % target, with
the 15-minute on-time rate; the rows are the period's major problems."""

import frappe
from frappe import _

from cs_service.figures import live
from cs_service.figures.filters import refuse_external_sqe, report_period
from cs_service.rules import feedback, quality

REPORT = "Complaint Handling KPI"


def execute(filters: dict | None = None):
	refuse_external_sqe(REPORT)
	filters = frappe._dict(filters or {})
	from_date, to_date = report_period(filters, default="month")
	kpi = live.complaint_kpi(from_date, to_date, customer=filters.customer)
	return get_columns(), kpi["major_problems"], None, get_chart(kpi), get_summary(kpi)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "name", "label": _("Quality Feedback Sheet"), "fieldtype": "Link", "options": "Quality Feedback Sheet", "width": 150},
		{"fieldname": "occurred_at", "label": _("Time of Occurrence"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "customer", "label": _("Customer"), "fieldtype": "Link", "options": "Customer", "width": 150},
		{"fieldname": "item", "label": _("Part"), "fieldtype": "Link", "options": "Item", "width": 120},
		{"fieldname": "item_name", "label": _("Product Name"), "fieldtype": "Data", "width": 140},
		{"fieldname": "problem_type", "label": _("Problem Type"), "fieldtype": "Data", "width": 120},
		{"fieldname": "description", "label": _("Description"), "fieldtype": "Data", "width": 260},
		{"fieldname": "tracking_status", "label": _("Tracking Status"), "fieldtype": "Data", "width": 130},
	]  # fmt: skip


def get_chart(kpi: dict) -> dict:
	sources = (feedback.FOUND_ON_SITE, feedback.REPORTED_BY_CUSTOMER)
	return {
		"data": {
			"labels": [_(s) for s in sources],
			"datasets": [
				{"name": _("Received"), "values": [kpi["by_source"][s] for s in sources]},
				{"name": _("Handled"), "values": [kpi["handled_by_source"][s] for s in sources]},
			],
		},
		"type": "bar",
		"fieldtype": "Int",
	}


def get_summary(kpi: dict) -> list[dict]:
	met = quality.meets_target(kpi["rate"], kpi["target"])
	return [
		{"value": kpi["received"], "label": _("Complaints Received"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": kpi["by_source"][feedback.FOUND_ON_SITE],
			"label": _("Found on Site"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"value": kpi["by_source"][feedback.REPORTED_BY_CUSTOMER],
			"label": _("Reported by Customer"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{"value": kpi["handled"], "label": _("Complaints Handled"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": quality.format_rate(kpi["rate"]),
			"label": _("Handling Rate (target {0} %)").format(kpi["target"]),
			"datatype": "Data",
			"indicator": {True: "Green", False: "Red", None: "Grey"}[met],
		},
		{
			"value": quality.format_rate(kpi["on_time_rate"]),
			# the one rate (cs_service.rules.quality.on_time_rate), its base said
			"label": _("15-Minute On-Time Rate (the period's sent sheets)"),
			"datatype": "Data",
			"indicator": "Blue",
		},
	]
