"""Desk pages of Frappe and ERPNext that show people and figures of every customer, closed to a
customer's SQE (R-CT-9, R-US-2). Wired by ``override_whitelisted_methods``; the rule
itself is the customer scope's (:mod:`cs_service.access.scope`).

- The leaderboard: ERPNext ranks customers, items, suppliers and sales people by sales of every
  customer, without a permission check; an SQE gets only the users' board, which the customer
  scope of User reduces to themselves.
- The @-mention list names every user of the site; an SQE gets none.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from cs_service.access.arguments import BadArgument, existing_name, json_argument, whole_number
from cs_service.access.roles import internal_only, is_outsider

LEADERBOARD = "Leaderboard"


@frappe.whitelist()
def get_leaderboard_config() -> dict:
	from frappe.desk.page.leaderboard import leaderboard

	config = leaderboard.get_leaderboard_config()
	if is_outsider():
		return {k: v for k, v in config.items() if k == "User"}
	return config


@frappe.whitelist()
def get_names_for_mentions(search_term: str = "") -> list:
	from frappe.desk import search

	if is_outsider():
		return []
	# Frappe's list ends in an error of the server on a search term that is not a text
	return search.get_names_for_mentions(search_term if isinstance(search_term, str) else "")


def _internal_only(method: str):
	"""A whitelisted stand-in of an ERPNext leaderboard method that refuses external users."""

	def board(date_range=None, company=None, field=None, limit=None):
		internal_only(LEADERBOARD)
		return frappe.get_attr(method)(*board_arguments(method, date_range, company, field, limit))

	board.__name__ = board.__qualname__ = method.rsplit(".", 1)[1]
	return frappe.whitelist()(board)


def board_arguments(method: str, date_range, company, field, limit) -> tuple:
	"""ERPNext's boards end in an error of the server on a field they do not know, a
	date range that is not two dates, a limit that is no number: refused here, naming it."""
	from erpnext.startup.leaderboard import get_leaderboards

	board = next(b for b in get_leaderboards().values() if b["method"] == method)
	fields = [f["fieldname"] if isinstance(f, dict) else f for f in board["fields"]]
	if field not in fields:
		frappe.throw(_("{0}: must be one of {1}").format(_("Field"), ", ".join(fields)), BadArgument)
	dates = json_argument(date_range, "Date Range")
	if dates is not None:
		try:
			valid = isinstance(dates, list) and len(dates) == 2 and all(getdate(d) for d in dates)
		except Exception:
			valid = False
		if not valid:
			frappe.throw(_("{0}: must be two dates").format(_("Date Range")), BadArgument)
	if company not in (None, ""):
		existing_name("Company", company)
	return date_range, company, field, whole_number(limit, "Limit", None, lowest=1, highest=1000)


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
