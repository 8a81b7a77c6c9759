"""Desk pages of Frappe and ERPNext that show people and figures of every customer, closed to a
customer's SQE (R-CT-9, R-US-2; issue 15). Wired by ``override_whitelisted_methods``; the rule
itself is the customer scope's (:mod:`cs_service.customer_scope`).

- The leaderboard: ERPNext ranks customers, items, suppliers and sales people by sales of every
  customer, without a permission check; an SQE gets only the users' board, which the customer
  scope of User reduces to themselves.
- The @-mention list names every user of the site; an SQE gets none.
"""

from __future__ import annotations

import frappe

from cs_service.customer_scope import is_external, require_internal

LEADERBOARD = "Leaderboard"


@frappe.whitelist()
def get_leaderboard_config() -> dict:
	from frappe.desk.page.leaderboard import leaderboard

	config = leaderboard.get_leaderboard_config()
	if is_external():
		return {k: v for k, v in config.items() if k == "User"}
	return config


@frappe.whitelist()
def get_names_for_mentions(search_term: str = "") -> list:
	from frappe.desk import search

	if is_external():
		return []
	return search.get_names_for_mentions(search_term)


def _internal_only(method: str):
	"""A whitelisted stand-in of an ERPNext leaderboard method that refuses external users."""

	def board(date_range=None, company=None, field=None, limit=None):
		require_internal(LEADERBOARD)
		return frappe.get_attr(method)(date_range, company, field, limit)

	board.__name__ = board.__qualname__ = method.rsplit(".", 1)[1]
	return frappe.whitelist()(board)


ERPNEXT_BOARDS = (
	"erpnext.startup.leaderboard.get_all_customers",
	"erpnext.startup.leaderboard.get_all_items",
	"erpnext.startup.leaderboard.get_all_suppliers",
	"erpnext.startup.leaderboard.get_all_sales_partner",
	"erpnext.startup.leaderboard.get_all_sales_person",
)
get_all_customers = _internal_only(ERPNEXT_BOARDS[0])
get_all_items = _internal_only(ERPNEXT_BOARDS[1])
get_all_suppliers = _internal_only(ERPNEXT_BOARDS[2])
get_all_sales_partner = _internal_only(ERPNEXT_BOARDS[3])
get_all_sales_person = _internal_only(ERPNEXT_BOARDS[4])
