"""What the 8D report reads beyond its own record (R-FB-5): a customer's due times per discipline."""

import frappe


def customer_due_rows(customer: str | None) -> list[dict]:
	"""The customer's due-date rows (none: the defaults hold)."""
	if not customer or not frappe.db.exists("CS 8D Customer Requirement", customer):
		return []
	return frappe.get_all(
		"CS 8D Due Time",
		filters={"parenttype": "CS 8D Customer Requirement", "parent": customer},
		fields=["step", "due_in", "unit"],
		order_by="idx",
	)
