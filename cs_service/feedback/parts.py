"""What is known of a part at a customer (R-PL-4, R-FB-8), read where it is kept: the
customer's part number from ERPNext's *Item Customer Detail*, where the part goes on line
from the *Customer Part* records, and its historical defects from the submitted Quality
Feedback Sheets. Nothing of it is copied; the feedback sheet, the Customer Part, the 8D
report and the phone page all ask here.
"""

from __future__ import annotations

import frappe
from frappe.utils import cint

QFS = "Quality Feedback Sheet"


def customer_part_no(item: str, customer: str | None) -> str | None:
	"""The customer's part number from ERPNext's Item Customer Detail (never copied by hand)."""
	if not customer:
		return None
	return frappe.db.get_value(
		"Item Customer Detail",
		{"parent": item, "parenttype": "Item", "customer_name": customer},
		"ref_code",
	)


def customer_part_nos(customer: str, items: list[str]) -> dict[str, str]:
	"""``{item: the customer's part number}`` of ``items`` (those the customer numbers)."""
	return dict(
		frappe.get_all(
			"Item Customer Detail",
			filters={"parenttype": "Item", "customer_name": customer, "parent": ("in", items or [""])},
			fields=["parent", "ref_code"],
			as_list=True,
		)
	)


def part_knowledge(item: str, customer: str, customer_site: str | None = None) -> frappe._dict | None:
	"""The Customer Part of ``item`` at the site, else the one of the whole customer."""
	fields = ["name", "customer_site", "function_features", "mounting_position", "shop", "section", "station"]
	for site in ([customer_site] if customer_site else []) + [("is", "not set")]:
		found = frappe.db.get_value(
			"Customer Part", {"customer": customer, "item": item, "customer_site": site}, fields, as_dict=True
		)
		if found:
			return found
	return None


def defect_filters(customer: str, item: str, customer_site: str | None = None) -> dict:
	filters = {"customer": customer, "item": item, "docstatus": 1}
	if customer_site:
		filters["customer_site"] = customer_site
	return filters


def last_defects(customer: str, item: str, customer_site: str | None = None, limit: int = 5) -> list[dict]:
	"""The latest submitted feedback sheets of the part at the customer (site), as the user
	may see them (frappe.get_list applies their permissions)."""
	return frappe.get_list(
		QFS,
		filters=defect_filters(customer, item, customer_site),
		fields=[
			"name",
			"occurred_at",
			"defect",
			"problem_type",
			"quantity",
			"shop",
			"station",
			"tracking_status",
		],
		order_by="occurred_at desc, creation desc",
		limit_page_length=limit,
	)


def defect_summary(customer: str, item: str, customer_site: str | None = None) -> list[dict]:
	"""Per defect: how often, how many parts, when last (aggregated by the database)."""
	rows = frappe.get_list(
		QFS,
		filters=defect_filters(customer, item, customer_site),
		fields=[
			"defect",
			"count(name) as occurrences",
			"sum(quantity) as quantity",
			"max(occurred_at) as last_occurred",
		],
		group_by="defect",
		order_by="last_occurred desc",
	)
	for row in rows:
		row.occurrences, row.quantity = cint(row.occurrences), cint(row.quantity)
	return rows
