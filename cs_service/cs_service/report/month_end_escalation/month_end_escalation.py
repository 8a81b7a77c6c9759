# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Month-end Escalation (R-FB-6): the overdue corrective actions, recurring problems and overdue
8D disciplines that the month-end job e-mails to the general manager, as rows in the
desk."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from cs_service.access.roles import is_outsider
from cs_service.feedback.escalation import escalation_lists

OVERDUE_ACTION = "Overdue Action"
RECURRING_PROBLEM = "Recurring Problem"
OVERDUE_8D_STEP = "Overdue 8D Discipline"


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	# An internal escalation across all customers: never shown to a customer's SQE.
	if is_outsider(frappe.session.user):
		frappe.throw(
			_("{0} is not available to a customer's SQE").format(_("Month-end Escalation")),
			frappe.PermissionError,
		)
	lists = escalation_lists(getdate(filters.get("as_of") or nowdate()))
	return get_columns(), get_data(lists)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "kind", "label": _("Kind"), "fieldtype": "Data", "width": 130},
		{
			"fieldname": "sheet",
			"label": _("Quality Feedback Sheet"),
			"fieldtype": "Link",
			"options": "Quality Feedback Sheet",
			"width": 150,
		},
		# A Link: our roles read Customer (cs_service.setup.install.ROLE_PERMISSIONS).
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 140,
		},
		{"fieldname": "item", "label": _("Part"), "fieldtype": "Link", "options": "Item", "width": 120},
		{"fieldname": "item_name", "label": _("Product Name"), "fieldtype": "Data", "width": 140},
		{"fieldname": "description", "label": _("Action or Defect"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "action_owner",
			"label": _("Owner"),
			"fieldtype": "Link",
			"options": "User",
			"width": 150,
		},
		{"fieldname": "due_date", "label": _("Due Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 90},
		{"fieldname": "occurrences", "label": _("Occurrences"), "fieldtype": "Int", "width": 90},
		{"fieldname": "first", "label": _("First Occurrence"), "fieldtype": "Date", "width": 100},
		{"fieldname": "last", "label": _("Last Occurrence"), "fieldtype": "Date", "width": 100},
		{"fieldname": "sheets", "label": _("Quality Feedback Sheets"), "fieldtype": "Data", "width": 250},
		{"fieldname": "customers", "label": _("Customers"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "eight_d_report",
			"label": _("8D Report"),
			"fieldtype": "Link",
			"options": "CS 8D Report",
			"width": 130,
		},
	]


def get_data(lists: frappe._dict) -> list[dict]:
	rows = [
		{
			"kind": OVERDUE_ACTION,
			"sheet": a.sheet,
			"customer": a.customer,
			"item": a.item,
			"item_name": a.item_name,
			"description": a.action,
			"action_owner": a.action_owner,
			"due_date": a.due_date,
			"days_overdue": a.days_overdue,
		}
		for a in lists.overdue_actions
	]
	rows += [
		{
			"kind": RECURRING_PROBLEM,
			"sheet": r.sheets[-1],  # the latest occurrence
			"customer": r.customer,
			"item": r.item,
			"item_name": r.item_name,
			"description": r.defect,
			"occurrences": r.count,
			"first": r.first,
			"last": r.last,
			"sheets": ", ".join(r.sheets),
			"customers": ", ".join(r.customers) if len(r.customers or ()) > 1 else None,
		}
		for r in lists.recurring_problems
	]
	rows += [
		{
			"kind": OVERDUE_8D_STEP,
			"sheet": s.sheet,
			"customer": s.customer,
			"item": s.item,
			"item_name": s.item_name,
			"description": f"{s.step} {_(s.title)}",
			"due_date": getdate(s.due_at),
			"days_overdue": s.days_overdue,
			"eight_d_report": s.report,
		}
		for s in lists.get("overdue_8d_steps") or []
	]
	return rows
