"""ERPNext's Delivery Note: returns of suspect parts against it (R-CT-2, R-US-3), its deliveries
in the kept monthly figures (R-RP-2, R-RP-3) and the slips on its dashboard.

A return is an ordinary ERPNext sales return (``is_return``, ``return_against``, negative
quantity), made by ERPNext's own ``make_sales_return`` and validated by ERPNext: asking to
return more than was delivered fails with ERPNext's message and nothing is saved.
"""

import frappe
from erpnext.stock.doctype.delivery_note.delivery_note import make_sales_return
from frappe import _
from frappe.utils import cint

from cs_service.figures import kept
from cs_service.integrations.erpnext import add_dashboard_group


class ReturnNotPossible(frappe.ValidationError):
	pass


@frappe.whitelist(methods=["POST"])
def make_return(suspect_part_slip: str, qty: int | None = None) -> str:
	"""Draft Delivery Note return of the slip's parts, for logistics to complete and submit.
	``qty`` defaults to the slip's returned quantity.

	One return per slip, also when two requests come at once (a double click, two engineers):
	the slip's row is locked until this request's transaction ends, so the second request
	waits, then finds the first one's return and is refused with its name."""
	slip = frappe.get_doc("Suspect Part Slip", suspect_part_slip)
	slip.check_permission("write")  # the slip records its return
	frappe.has_permission("Delivery Note", "create", throw=True)
	lock_slip(slip.name)
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
	existing = existing_return(slip)
	if existing:
		frappe.throw(
			_("{0}: {1} already returns these parts").format(_("Return Delivery Note"), existing),
			ReturnNotPossible,
		)


def lock_slip(slip: str):
	"""``SELECT ... FOR UPDATE`` of the slip's row: a second return of the same slip waits here
	until the first request has committed (or rolled back) its return."""
	frappe.db.get_value("Suspect Part Slip", slip, "name", for_update=True)


def existing_return(slip) -> str | None:
	"""The draft or submitted return of the slip, if any: a return made for it, or the one the
	slip names. Locking reads: they see what another request committed after this transaction
	began, which a plain read (repeatable read) would not."""
	made = frappe.db.get_value(
		"Delivery Note",
		{"cs_suspect_part_slip": slip.name, "is_return": 1, "docstatus": ("<", 2)},
		"name",
		order_by="creation",
		for_update=True,
	)
	if made:
		return made
	named = frappe.db.get_value("Suspect Part Slip", slip.name, "return_delivery_note", for_update=True)
	if named and frappe.db.get_value("Delivery Note", named, "docstatus", for_update=True) in (0, 1):
		return named
	return None


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


# ---------------------------------------------------------------- hooks (hooks.doc_events, dashboards)


def on_submit(doc, method=None):
	"""The delivered (or returned) quantities join the month's kept figures, in this transaction."""
	kept.on_delivery_note_submit(doc)


def on_cancel(doc, method=None):
	kept.on_delivery_note_cancel(doc)


def dashboard(data: dict) -> dict:
	"""Delivery Note's dashboard links by ``delivery_note``: the slips of parts it delivered."""
	return add_dashboard_group(data, ["Suspect Part Slip"])
