"""Two *Create Return* requests at the same time on one slip make one return (R-CT-2, R-US-3).

Real concurrency: a gunicorn with two worker processes on loopback and two HTTP requests
sent at the same moment, each with the token of an engineer who may create Delivery Notes.
The data the requests see is committed, so the test removes everything it made at the end.
"""

from __future__ import annotations

import threading
import time

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from tests.integration.factories import (
	api_credentials,
	make_customer,
	make_delivery_note,
	make_item,
	make_site,
	make_slip,
	make_user,
	set_settings,
)
from tests.integration.server import Server, sites_path

MAKE_RETURN = "/api/method/cs_service.integrations.erpnext.delivery_note.make_return"
ENGINEER, SQE = "cs-return-race-engineer", "cs-return-race-sqe"


# ---------------------------------------------------------------- committed world and its removal


def build(run: str) -> frappe._dict:
	"""A delivery of 100 parts and a slip of 30 of them to return, signed by the customer's SQE."""
	frappe.set_user("Administrator")
	w = frappe._dict(run=run, customer=f"CS Return Race {run}", item=f"CS-RACE-{run}", made=[])
	w.engineer = make_user(ENGINEER, "CS Engineer", "Stock User")
	w.sqe = make_user(SQE, "Customer SQE")
	make_customer(w.customer)
	w.site = make_site(w.customer, sqe_users=[w.sqe], engineers=[w.engineer]).name
	make_item(w.item, customer=w.customer)
	set_settings()
	w.delivery = make_delivery_note(w.customer, w.item, 100).name
	slip = make_slip(w.customer, item=w.item, delivery_note=w.delivery, quantity=30, qty_returned=30)
	slip = apply_workflow(slip, "Send to SQE")
	frappe.set_user(w.sqe)
	apply_workflow(frappe.get_doc("Suspect Part Slip", slip.name), "Sign")
	frappe.set_user("Administrator")
	w.slip = slip.name
	w.credentials = api_credentials(w.engineer)
	return w


def returns_of(slip: str) -> list[str]:
	return frappe.get_all("Delivery Note", filters={"cs_suspect_part_slip": slip}, pluck="name")


def purge(doctype: str, names: list[str]):
	"""Delete records, their rows and what Frappe wrote about them (versions, comments...)."""
	if not names:
		return
	for df in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(df.options, {"parenttype": doctype, "parent": ("in", names)})
	frappe.db.delete(doctype, {"name": ("in", names)})
	for log, doctype_field, name_field in (
		("Version", "ref_doctype", "docname"),
		("Comment", "reference_doctype", "reference_name"),
		("Communication", "reference_doctype", "reference_name"),
		("ToDo", "reference_type", "reference_name"),
		("Workflow Action", "reference_doctype", "reference_name"),
		("DocShare", "share_doctype", "share_name"),
		("Activity Log", "reference_doctype", "reference_name"),
	):
		frappe.db.delete(log, {doctype_field: doctype, name_field: ("in", names)})
	mails = frappe.get_all(
		"Email Queue", filters={"reference_doctype": doctype, "reference_name": ("in", names)}, pluck="name"
	)
	if mails:
		frappe.db.delete("Email Queue Recipient", {"parent": ("in", mails)})
		frappe.db.delete("Email Queue", {"name": ("in", mails)})


def remove(w: frappe._dict):
	frappe.set_user("Administrator")
	frappe.db.rollback()
	started = frappe.utils.now()
	deliveries = frappe.get_all(
		"Delivery Note",
		filters=[["Delivery Note Item", "item_code", "=", w.item]],
		pluck="name",
		distinct=True,
	)
	receipts = frappe.get_all(
		"Stock Entry", filters=[["Stock Entry Detail", "item_code", "=", w.item]], pluck="name", distinct=True
	)
	for voucher_type, vouchers in (("Delivery Note", deliveries), ("Stock Entry", receipts)):
		if vouchers:
			for ledger in ("Stock Ledger Entry", "GL Entry", "Payment Ledger Entry"):
				frappe.db.delete(ledger, {"voucher_type": voucher_type, "voucher_no": ("in", vouchers)})
			frappe.db.delete(
				"Repost Item Valuation", {"voucher_type": voucher_type, "voucher_no": ("in", vouchers)}
			)
	slips = frappe.get_all("Suspect Part Slip", filters={"customer": w.customer}, pluck="name")
	if slips:  # the PDF the workflow e-mail to the SQE attaches
		frappe.db.delete("Access Log", {"reference_document": ("in", slips)})
	purge("Suspect Part Slip", slips)
	purge("Delivery Note", deliveries)
	purge("Stock Entry", receipts)
	frappe.db.delete("Bin", {"item_code": w.item})
	frappe.db.delete("CS Quality Figure", {"item": w.item})  # what the purged deliveries added
	frappe.db.delete("Item Price", {"item_code": w.item})
	frappe.delete_doc("Customer Site", w.site, force=True, ignore_permissions=True)
	frappe.delete_doc("Item", w.item, force=True, ignore_permissions=True)
	frappe.delete_doc("Customer", w.customer, force=True, ignore_permissions=True)
	for user in (w.engineer, w.sqe):
		frappe.db.delete("User Permission", {"user": user})
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	# what delete_doc wrote about the deletions above
	frappe.db.delete("Deleted Document", {"creation": (">=", started), "data": ("like", f"%{w.run}%")})
	frappe.db.delete(
		"Deleted Document", {"deleted_name": ("in", [w.site, w.item, w.customer, w.engineer, w.sqe])}
	)
	frappe.db.delete(
		"Comment",
		{
			"comment_type": "Deleted",
			"creation": (">=", started),
			"reference_doctype": (
				"in",
				["Customer Site", "User Permission", "Item", "Customer", "User", "Notification Settings"],
			),
		},
	)
	frappe.db.commit()


@pytest.fixture
def race():
	frappe.db.rollback()
	w = frappe._dict(run=frappe.generate_hash(length=6).upper())
	try:
		w.update(build(w.run))
		frappe.db.commit()
		w.server = Server(sites_path(), frappe.local.site, workers=2).start()
		yield w
	finally:
		if w.get("server"):
			w.server.stop()
		if w.get("engineer"):
			remove(w)


def at_once(server: Server, credentials: str, calls: int, **request) -> list[frappe._dict]:
	"""``calls`` identical requests released together; each with its answer and its start and end."""
	barrier = threading.Barrier(calls)
	results = [frappe._dict() for _ in range(calls)]

	def call(result):
		barrier.wait()
		result.start = time.monotonic()
		result.response = server.request("POST", MAKE_RETURN, credentials, **request)
		result.end = time.monotonic()

	threads = [threading.Thread(target=call, args=(r,)) for r in results]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	return results


def test_two_concurrent_create_return_requests_on_one_slip_make_one_return(race):
	"""Acceptance: two *Create Return* at the same time (a double click, two engineers) make one
	return; the other request is told, in a translated message, that the return exists."""
	results = at_once(race.server, race.credentials, 2, json={"suspect_part_slip": race.slip})
	assert max(r.start for r in results) < min(r.end for r in results), "the requests did not overlap"

	frappe.db.rollback()  # see what the server committed
	made = returns_of(race.slip)
	assert len(made) == 1, f"{len(made)} returns of one slip: {made}"
	answers = sorted((r.response.status_code, r.response.json()) for r in results)
	(ok_status, ok_body), (refused_status, refused_body) = answers
	assert (ok_status, ok_body["message"]) == (200, made[0])
	assert refused_status == 417
	assert "already returns these parts" in refused_body.get("_server_messages", "")
	assert made[0] in refused_body["_server_messages"]  # it names the return that exists
	assert frappe.db.get_value("Suspect Part Slip", race.slip, "return_delivery_note") == made[0]
	ret = frappe.get_doc("Delivery Note", made[0])
	assert (ret.docstatus, ret.is_return, ret.return_against) == (0, 1, race.delivery)
	assert [(row.item_code, row.qty) for row in ret.items] == [(race.item, -30)]
