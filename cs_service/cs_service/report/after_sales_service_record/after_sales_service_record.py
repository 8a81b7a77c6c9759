# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""After-sales Service Record (R-PL-2): every service done for a customer in a period, whatever
the document: Quality Feedback Sheets, Suspect Part Slips, Service Confirmation Sheets, Customer
Visit Logs, Trial Fit Verifications and Containment Screenings, as one list (a UNION of the documents in the database)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Field
from frappe.query_builder.functions import Coalesce, Date
from frappe.utils import add_days, add_months, getdate, nowdate
from pypika.terms import NullValue, ValueWrapper

from cs_service.access.scope import report_customers

QFS = "Quality Feedback Sheet"
SLIP = "Suspect Part Slip"
CONFIRMATION = "Service Confirmation Sheet"
VISIT = "Customer Visit Log"
TRIAL_FIT = "Trial Fit Verification"
SCREENING = "Containment Screening"
SOURCES = (QFS, SLIP, CONFIRMATION, VISIT, TRIAL_FIT, SCREENING)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, None, get_summary(data)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "date", "label": _("Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "document_type", "label": _("Service"), "fieldtype": "Data", "width": 170},
		{
			"fieldname": "document",
			"label": _("Document"),
			"fieldtype": "Dynamic Link",
			"options": "document_type",
			"width": 150,
		},
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 140,
		},
		{
			"fieldname": "customer_site",
			"label": _("Customer Site"),
			"fieldtype": "Link",
			"options": "Customer Site",
			"width": 140,
		},
		{"fieldname": "item", "label": _("Part"), "fieldtype": "Link", "options": "Item", "width": 120},
		{"fieldname": "summary", "label": _("What Was Done"), "fieldtype": "Data", "width": 280},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 130},
		{
			"fieldname": "recorded_by",
			"label": _("Recorded By"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
	]


def _select(table, doctype: str, date, summary, status, item=None, recorded_by=None):
	return frappe.qb.from_(table).select(
		Date(date).as_("date"),
		ValueWrapper(doctype).as_("document_type"),
		table.name.as_("document"),
		table.customer,
		table.customer_site,
		(item if item is not None else NullValue()).as_("item"),
		summary.as_("summary"),
		status.as_("status"),
		(recorded_by if recorded_by is not None else table.owner).as_("recorded_by"),
	)


def source_queries() -> dict[str, tuple]:
	"""``{doctype: (query without filters, table, date column)}`` of every kind of service."""
	qfs, slip, confirmation, visit, trial, screening = (frappe.qb.DocType(dt) for dt in SOURCES)
	return {
		QFS: (
			_select(
				qfs,
				QFS,
				qfs.reported_at,
				Coalesce(qfs.defect, qfs.description),
				qfs.tracking_status,
				qfs.item,
			).where(qfs.docstatus == 1),
			qfs,
			qfs.reported_at,
		),
		SLIP: (
			_select(slip, SLIP, slip.creation, slip.moved_to, slip.workflow_state, slip.item).where(
				slip.docstatus < 2
			),
			slip,
			slip.creation,
		),
		CONFIRMATION: (
			_select(
				confirmation,
				CONFIRMATION,
				confirmation.service_date,
				confirmation.plan,
				confirmation.workflow_state,
				recorded_by=confirmation.engineer,
			).where(confirmation.docstatus < 2),
			confirmation,
			confirmation.service_date,
		),
		VISIT: (
			_select(visit, VISIT, visit.visit_date, Coalesce(visit.purpose, visit.topics), ValueWrapper("")),
			visit,
			visit.visit_date,
		),
		TRIAL_FIT: (
			_select(
				trial,
				TRIAL_FIT,
				trial.trial_date,
				Coalesce(trial.vehicle_model, trial.function_features),
				trial.result,
				trial.item,
			).where(trial.docstatus < 2),
			trial,
			trial.trial_date,
		),
		SCREENING: (
			_select(
				screening,
				SCREENING,
				screening.creation,
				screening.quality_feedback_sheet,
				screening.breakpoint_status,
				screening.item,
				recorded_by=screening.engineer,
			),
			screening,
			screening.creation,
		),
	}


def period(filters: frappe._dict):
	to_date = getdate(filters.get("to_date") or nowdate())
	from_date = getdate(filters.get("from_date") or add_months(to_date, -1))
	return from_date, to_date


def get_data(filters: frappe._dict) -> list[dict]:
	from_date, to_date = period(filters)
	# frappe.qb applies no permissions: a customer's SQE sees only their own customers' services.
	customers = report_customers()
	if customers is not None and not customers:
		return []
	wanted = [filters.document_type] if filters.get("document_type") else SOURCES
	union = None
	for doctype, (query, table, date) in source_queries().items():
		if doctype not in wanted or not frappe.has_permission(doctype, "read"):
			continue
		query = query.where((date >= from_date) & (date < add_days(to_date, 1)))
		if filters.get("customer"):
			query = query.where(table.customer == filters.customer)
		if filters.get("customer_site"):
			query = query.where(table.customer_site == filters.customer_site)
		if customers is not None:
			query = query.where(table.customer.isin(customers))
		union = query if union is None else union.union_all(query)
	if union is None:
		return []
	return union.orderby(Field("date")).orderby(Field("document")).run(as_dict=True)


def get_summary(data: list[dict]) -> list[dict]:
	counts = {doctype: 0 for doctype in SOURCES}
	for row in data:
		counts[row["document_type"]] += 1
	return [{"value": count, "label": _(doctype), "datatype": "Int"} for doctype, count in counts.items()]
