"""Returns of suspect parts against ERPNext Delivery Notes (R-CT-2, R-US-3).

A return is an ordinary ERPNext sales return (``is_return``, ``return_against``, negative
quantity), made by ERPNext's own ``make_sales_return`` and validated by ERPNext: asking to
return more than was delivered fails with ERPNext's message and nothing is saved.
"""

import frappe
from erpnext.stock.doctype.delivery_note.delivery_note import make_sales_return
from frappe import _
from frappe.utils import cint


class ReturnNotPossible(frappe.ValidationError):
	pass


@frappe.whitelist()
def make_return(suspect_part_slip: str, qty: int | None = None) -> str:
	"""Draft Delivery Note return of the slip's parts, for logistics to complete and submit.
	``qty`` defaults to the slip's returned quantity."""
	slip = frappe.get_doc("Suspect Part Slip", suspect_part_slip)
	slip.check_permission("write")  # the slip records its return
	frappe.has_permission("Delivery Note", "create", throw=True)
	qty = cint(qty) or cint(slip.qty_returned)
	check_returnable(slip, qty)

	dn_return = make_sales_return(slip.delivery_note)
	rows = [row for row in dn_return.items if row.item_code == slip.item]
	dn_return.items = []
	remaining = qty
	for row in rows:
		if remaining <= 0:
			break
		# make_sales_return proposes the quantity still returnable, negative
		take = min(remaining, -row.qty) if row is not rows[-1] else remaining
		row.qty = -take
		row.stock_qty = -take * (row.conversion_factor or 1)
		dn_return.append("items", row)
		remaining -= take
	dn_return.cs_suspect_part_slip = slip.name
	dn_return.insert()  # ERPNext refuses more than was delivered, with its own message

	slip.db_set("return_delivery_note", dn_return.name)
	return dn_return.name


def check_returnable(slip, qty: int):
	if slip.docstatus != 1:
		frappe.throw(
			_("{0} {1} must be signed by the SQE before its parts go back").format(
				_(slip.doctype), slip.name
			),
			ReturnNotPossible,
		)
	if not slip.delivery_note:
		frappe.throw(
			_("{0}: choose the Delivery Note the parts came with").format(_("Delivered with Delivery Note")),
			ReturnNotPossible,
		)
	if qty <= 0:
		frappe.throw(_("{0}: give the quantity to return").format(_("Returned")), ReturnNotPossible)
	if qty > cint(slip.qty_returned):
		frappe.throw(
			_("{0}: {1} is more than the {2} parts the slip returns").format(
				_("Returned"), qty, cint(slip.qty_returned)
			),
			ReturnNotPossible,
		)
	existing = slip.return_delivery_note and frappe.db.get_value(
		"Delivery Note", slip.return_delivery_note, "docstatus"
	)
	if existing is not None and existing in (0, 1):
		frappe.throw(
			_("{0}: {1} already returns these parts").format(
				_("Return Delivery Note"), slip.return_delivery_note
			),
			ReturnNotPossible,
		)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def delivery_note_query(doctype: str, txt: str, searchfield: str, start: int, page_len: int, filters: dict):
	"""Submitted deliveries (not returns) of the slip's part to the slip's customer, newest first."""
	frappe.has_permission("Delivery Note", "read", throw=True)
	if filters.get("customer"):
		frappe.has_permission("Customer", "read", filters.get("customer"), throw=True)
	dn = frappe.qb.DocType("Delivery Note")
	item = frappe.qb.DocType("Delivery Note Item")
	query = (
		frappe.qb.from_(dn)
		.join(item)
		.on(item.parent == dn.name)
		.select(dn.name, dn.posting_date, item.qty)
		.where(
			(dn.docstatus == 1)
			& (dn.is_return == 0)
			& (dn.customer == filters.get("customer"))
			& (item.item_code == filters.get("item_code"))
			& (dn.name.like(f"%{txt}%"))
		)
		.orderby(dn.posting_date, order=frappe.qb.desc)
		.limit(page_len)
		.offset(start)
	)
	frappe.has_permission("Delivery Note", "read", throw=True)
	return query.run()
