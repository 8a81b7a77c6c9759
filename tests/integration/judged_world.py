"""One customer's plant with two resident engineers, an engineer of another plant and a CS
Manager, committed (a real HTTP server reads it) and removed by :func:`remove`.

The engineers write the records they are judged by: the tests send what an engineer would,
over HTTP, and look at the sheets, the violations ledger and the monthly figures.
"""

from __future__ import annotations

import uuid

import frappe
from frappe.utils import add_to_date, now_datetime
from frappe.utils.password import update_password

from cs_service.access.doctypes import module_doctypes
from tests.integration.factories import (
	api_credentials,
	make_customer,
	make_item,
	make_site,
	make_user,
	set_settings,
)

PASSWORD = "Judged-Test-2026!"


class World(frappe._dict):
	pass


def build(run: str) -> World:
	frappe.set_user("Administrator")
	frappe.db.rollback()
	w = World(run=run)
	w.customer = make_customer(f"CSJ {run}")
	w.item = make_item(f"CSJ-P-{run}", customer=w.customer, ref_code=f"OEM-{run}")
	frappe.db.set_value("Item", w.item, "cs_drawing_no", f"DWG-{run}")
	w.engineer = make_user(f"csj-eng-{run.lower()}", "CS Engineer")
	w.colleague = make_user(f"csj-col-{run.lower()}", "CS Engineer")
	w.stranger = make_user(f"csj-str-{run.lower()}", "CS Engineer")  # an engineer of no plant of the customer
	w.manager = make_user(f"csj-mgr-{run.lower()}", "CS Manager")
	w.site = make_site(w.customer, "Plant", engineers=[w.engineer, w.colleague]).name
	set_settings()
	w.users = (w.engineer, w.colleague, w.stranger, w.manager)
	w.credentials = {user: api_credentials(user) for user in w.users}
	for user in w.users:
		update_password(user, PASSWORD)
		frappe.db.set_value("User", user, "language", "zh")  # the message names the field in Chinese
	frappe.db.commit()
	for user in w.users:
		frappe.cache.hdel("lang", user)
	return w


def capture(w: World, **kw) -> dict:
	"""What the phone page sends for a problem reported five minutes ago and completed now."""
	now = now_datetime()
	return {
		"capture_id": str(uuid.uuid4()),
		"customer_site": w.site,
		"item": w.item,
		"shop": "Final Assembly",
		"station": "FA-12",
		"quantity": 2,
		"description": "Clip broken",
		"suspect_area": "Rack 3",
		"temporary_measures": "Sort the rack",
		"breakpoint": "L-0309",
		"customer_communication": "SQE agrees",
		"preliminary_cause": "Tool wear",
		"reported_at": str(add_to_date(now, minutes=-5)),
		"captured_at": str(add_to_date(now, minutes=-1)),
		"clock_offset": 0,
		**kw,
	}


def remove(w: World):
	frappe.set_user("Administrator")
	frappe.db.rollback()
	names = []
	for doctype in module_doctypes().values():
		if not doctype.customer_field or doctype.istable or doctype.issingle:
			continue
		for name in frappe.get_all(doctype.name, filters={"customer": w.customer}, pluck="name"):
			names.append(name)
			for _field, table in doctype.tables:
				frappe.db.delete(table, {"parent": name, "parenttype": doctype.name})
			frappe.db.delete(doctype.name, {"name": name})
	for file in frappe.get_all("File", filters={"attached_to_name": ("in", names or [""])}, pluck="name"):
		frappe.delete_doc("File", file, force=True, ignore_permissions=True)
	for table, field in (
		("Workflow Action", "reference_name"),
		("Email Queue", "reference_name"),
		("Comment", "reference_name"),
		("Version", "docname"),
		("CS Job Record", "reference_name"),
	):
		if frappe.db.table_exists(table) and frappe.get_meta(table).has_field(field):
			frappe.db.delete(table, {field: ("in", names or [""])})
	for doctype in ("Staff Violation", "Engineer Qualification"):
		frappe.db.delete(doctype, {"engineer": ("in", list(w.users))})
	frappe.db.delete("CS Quality Figure", {"customer": w.customer})
	frappe.delete_doc("Customer Site", w.site, force=True, ignore_permissions=True)
	for user in w.users:
		frappe.db.delete("User Permission", {"user": user})
		frappe.db.delete("Notification Log", {"for_user": user})
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.delete_doc("Item", w.item, force=True, ignore_permissions=True)
	frappe.delete_doc("Customer", w.customer, force=True, ignore_permissions=True)
	frappe.db.commit()
