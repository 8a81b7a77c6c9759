"""Two customers, A and B, with a record of A in every DocType of the module.

Made by the factories where one exists, and otherwise *by construction* from the DocType's
metadata: every parent DocType of the module gets a record and every child table a row, so
a DocType added to the module is in the world without anybody editing this file. Every
string of A's records carries the sentinel, which must never reach the SQE of B.

The world is committed (a real HTTP server reads it) and removed by :func:`remove`.
"""

from __future__ import annotations

import io

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, nowdate
from frappe.utils.password import update_password

from cs_service.access.doctypes import module_doctypes, parents_of
from tests.integration.factories import (
	api_credentials,
	make_contact,
	make_customer,
	make_customer_part,
	make_feedback,
	make_screening,
	make_site,
	make_slip,
	make_user,
	make_visit,
	set_settings,
)


class World(frappe._dict):
	pass


def build(run: str) -> World:
	frappe.set_user("Administrator")
	w = World(run=run, sentinel=f"SWEEP{run}")
	w.customer_a = make_customer(f"CSW A {run}")
	w.customer_b = make_customer(f"CSW B {run}")
	w.part_a = f"CSW-PA-{run}"
	w.engineer = make_user(f"csw-eng-{run.lower()}", "CS Engineer")
	w.manager = make_user(f"csw-mgr-{run.lower()}", "CS Manager")
	w.sqe_a = make_user(f"csw-sqe-a-{run.lower()}", "Customer SQE")
	w.sqe_b = make_user(f"csw-sqe-b-{run.lower()}", "Customer SQE")
	site_a = make_site(w.customer_a, "Plant", engineers=[w.engineer], sqe_users=[w.sqe_a])
	site_a.append("stations", {"shop": "Final Assembly", "section": "Doors", "station": "FA-12"})
	site_a.save()
	w.site_a = site_a.name
	w.site_b = make_site(w.customer_b, "Plant", sqe_users=[w.sqe_b]).name
	w.contact_a = make_contact(w.customer_a, f"Wang {w.sentinel}").name
	set_settings()
	w.created = []  # (doctype, name) of every parent record made here, in order

	sheet = make_feedback(
		customer=w.customer_a,
		item=w.part_a,
		customer_site=w.site_a,
		description=f"Broken clip {w.sentinel}",
		line_stop_minutes=30,
		corrective_actions=[
			{"action": f"Replace tool {w.sentinel}", "action_owner": w.engineer, "due_date": nowdate()}
		],
	)
	sheet.submit()
	w.sheet_a = sheet.name
	w.created.append(("Quality Feedback Sheet", sheet.name))
	w.screening_a = make_screening(sheet=sheet.name, engineer=w.engineer).name
	w.created.append(("Containment Screening", w.screening_a))
	w.slip_a = make_slip(
		w.customer_a,
		item=w.part_a,
		customer_site=w.site_a,
		quality_feedback_sheet=sheet.name,
		welded_to_vehicle=1,
		vehicles=[{"vin": f"VIN{w.sentinel}", "location": "Body Shop (Welded)", "status": "Open"}],
	).name
	w.created.append(("Suspect Part Slip", w.slip_a))
	w.customer_part_a = make_customer_part(w.customer_a, w.part_a, customer_site=w.site_a).name
	w.created.append(("Customer Part", w.customer_part_a))
	visit = make_visit(
		w.customer_a,
		nowdate(),
		customer_site=w.site_a,
		visitor=w.engineer,
		contacts=[{"contact": w.contact_a}],
		problems=[{"item": w.part_a, "description": f"Gap at the door {w.sentinel}"}],
	)
	w.visit_a, w.visit_problem_a = visit.name, visit.problems[0].name
	w.created.append(("Customer Visit Log", visit.name))
	fill_by_construction(w)
	add_private_things(w)
	w.credentials = {u: api_credentials(u) for u in (w.sqe_a, w.sqe_b, w.engineer, w.stranger)}
	w.password = f"Pw-{frappe.generate_hash(length=16)}"
	for user in (w.sqe_a, w.sqe_b, w.engineer, w.stranger):
		update_password(user, w.password)
	w.sentinels = {w.sentinel, w.customer_a, w.part_a, *(name for _dt, name in w.created)}
	# what the scheduler does every few minutes: A's records (the contact, the customer...) are
	# in the global search (the awesome bar) before anybody searches
	from frappe.utils.global_search import sync_global_search

	sync_global_search()
	return w


def add_private_things(w: World):
	"""What was found reachable before the gate: A's credit limit, a private photo of A's sheet, the
	internal monthly deck (a private File of a predictable name), an assignment of A's sheet
	that names our engineer; B's own draft slip, never sent; a desk user of the company who
	holds none of our roles (the stranger)."""
	company = frappe.defaults.get_global_default("company")
	customer = frappe.get_doc("Customer", w.customer_a)
	w.credit_limit = 7654321
	customer.append("credit_limits", {"company": company, "credit_limit": w.credit_limit})
	customer.save()
	w.photo_bytes = png(f"PHOTO {w.sentinel}")
	w.photo_a = private_file(
		w, f"csw-{w.run.lower()}-photo.png", w.photo_bytes, "Quality Feedback Sheet", w.sheet_a
	)
	report = record_of_a(w, "Monthly Quality Report")
	w.deck_bytes = f"DECK {w.sentinel}".encode()
	w.deck = private_file(
		w, f"{report}-delivery-quality.pptx", w.deck_bytes, "Monthly Quality Report", report
	)
	from frappe.desk.form.assign_to import add as assign

	assign({"doctype": "Quality Feedback Sheet", "name": w.sheet_a, "assign_to": [w.engineer]})
	frappe.set_user(w.engineer)
	pending = make_slip(w.customer_a, item=w.part_a, customer_site=w.site_a, quantity=4)
	w.pending_a = apply_workflow(pending, "Send to SQE").name
	frappe.set_user("Administrator")
	w.created.append(("Suspect Part Slip", w.pending_a))
	w.slip_photo_a = private_file(
		w, f"csw-{w.run.lower()}-slip-photo.png", w.photo_bytes, "Suspect Part Slip", w.pending_a
	)
	w.part_b = f"CSW-PB-{w.run}"
	w.slip_b = make_slip(w.customer_b, item=w.part_b, customer_site=w.site_b).name
	w.stranger = make_user(f"csw-stranger-{w.run.lower()}", "Stock User")


def png(text: str) -> bytes:
	"""A small PNG image that carries ``text`` (a sentinel) in its bytes."""
	from PIL import Image, PngImagePlugin

	info = PngImagePlugin.PngInfo()
	info.add_text("Comment", text)
	buffer = io.BytesIO()
	Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG", pnginfo=info)
	return buffer.getvalue()


def private_file(w: World, file_name: str, content: bytes, doctype: str, name: str) -> frappe._dict:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)
	return frappe._dict(name=file.name, url=file.file_url)


# ---------------------------------------------------------------- by construction


def _value(w: World, df, doctype: str):
	"""A value for a mandatory field, from A's world, by field type."""
	links = {
		"User": w.engineer,
		"Customer": w.customer_a,
		"Customer Site": w.site_a,
		"Item": w.part_a,
		"Contact": w.contact_a,
		"Quality Feedback Sheet": w.sheet_a,
		"Company": frappe.defaults.get_global_default("company"),
		"Department": frappe.get_all("Department", pluck="name", limit=1)[0],
	}
	if df.fieldtype == "Link":
		return links.get(df.options) or frappe.get_all(df.options, pluck="name", limit=1)[0]
	if df.fieldtype == "Select":
		return next(o for o in (df.options or "").split("\n") if o)
	if df.fieldtype in ("Int", "Float", "Currency", "Percent", "Check"):
		return 1
	if df.fieldtype == "Date":
		return nowdate()
	if df.fieldtype == "Datetime":
		return f"{add_days(nowdate(), -1)} 08:00:00"
	if df.fieldtype == "Time":
		return "08:00:00"
	if "email" in df.fieldname or "recipient" in df.fieldname:
		return f"{w.sentinel}@example.com"
	if df.fieldtype in ("Attach", "Attach Image"):
		return f"/files/{w.sentinel}.png"
	text = f"{df.fieldname} {w.sentinel}"
	return text[: df.length] if df.length else text


def _fields(w: World, doctype: str) -> dict:
	meta = frappe.get_meta(doctype)
	values = {
		df.fieldname: _value(w, df, doctype)
		for df in meta.fields
		if df.reqd and df.fieldtype not in frappe.model.table_fields
	}
	if meta.has_field("customer"):
		values["customer"] = w.customer_a
	if meta.has_field("customer_site") and meta.get_field("customer_site").options == "Customer Site":
		values["customer_site"] = w.site_a
	return values


def _records_of(w: World, doctype: str) -> list[str]:
	mod = module_doctypes()[doctype]
	if mod.issingle:
		return [doctype]
	if mod.customer_field:
		return frappe.get_all(doctype, filters={"customer": w.customer_a}, pluck="name")
	return [name for dt, name in w.created if dt == doctype]


def fill_by_construction(w: World):
	"""A record of A in every parent DocType that has none yet, a row in every child table."""
	for mod in module_doctypes().values():
		if mod.istable or _records_of(w, mod.name):
			continue
		doc = frappe.get_doc({"doctype": mod.name, **_fields(w, mod.name)})
		if mod.name == "Monthly Quality Report":  # a report exists for a finished month only
			doc.to_date = add_days(frappe.utils.get_first_day(nowdate()), -1)
			doc.from_date = frappe.utils.get_first_day(doc.to_date)
		doc.name = f"CSW-{w.run}-{frappe.scrub(mod.name)}"
		doc.flags.name_set = True
		doc.db_insert()
		w.created.append((mod.name, doc.name))
	for mod in module_doctypes().values():
		if not mod.istable or child_rows(w, mod.name):
			continue
		parent = next(p for p in parents_of(mod.name) if _records_of(w, p))
		parentfield = next(f for f, c in module_doctypes()[parent].tables if c == mod.name)
		row = frappe.get_doc(
			{
				"doctype": mod.name,
				"parent": _records_of(w, parent)[0],
				"parenttype": parent,
				"parentfield": parentfield,
				"idx": 99,
				**_fields(w, mod.name),
			}
		)
		row.db_insert()


def child_rows(w: World, child: str) -> list[frappe._dict]:
	rows = []
	for parent in parents_of(child):
		names = _records_of(w, parent)
		if names:
			rows += frappe.get_all(
				child,
				filters={"parenttype": parent, "parent": ("in", names)},
				fields=["name", "parent", "parenttype"],
			)
	return rows


def record_of_a(w: World, doctype: str) -> str:
	names = _records_of(w, doctype)
	assert names, f"the sweep's world has no record of A in {doctype}"
	return names[0]


# ---------------------------------------------------------------- cleanup


def remove(w: World):
	frappe.set_user("Administrator")
	frappe.db.rollback()
	for file in frappe.get_all(
		"File", filters={"file_url": ("in", [w.photo_a.url, w.slip_photo_a.url, w.deck.url])}, pluck="name"
	):
		frappe.delete_doc("File", file, force=True, ignore_permissions=True)
	frappe.db.delete("ToDo", {"reference_name": w.sheet_a})
	# B's slip may have been signed by a test run on code that let a PUT sign it
	frappe.db.delete("Vehicle Repair", {"parent": w.slip_b})
	frappe.db.delete("Suspect Part Slip", {"name": w.slip_b})
	for name in (w.slip_b, w.pending_a):
		frappe.db.delete("Workflow Action", {"reference_name": name})
		frappe.db.delete("Notification Log", {"document_name": name})
		frappe.db.delete("Email Queue", {"reference_name": name})
	for doctype, name in reversed(w.created):
		if module_doctypes()[doctype].issingle:
			continue
		for _f, child in module_doctypes()[doctype].tables:
			frappe.db.delete(child, {"parent": name, "parenttype": doctype})
		frappe.db.delete(doctype, {"name": name})
	for child in [m.name for m in module_doctypes().values() if m.istable]:
		for parent in parents_of(child):
			if module_doctypes()[parent].issingle:
				frappe.db.delete(child, {"parenttype": parent, "idx": 99})
	for site in (w.site_a, w.site_b):
		frappe.delete_doc("Customer Site", site, force=True, ignore_permissions=True)
	names = [w.contact_a, w.customer_a, w.customer_b, w.part_a, w.part_b, *(n for _dt, n in w.created)]
	frappe.db.sql("delete from `__global_search` where `name` in %(names)s", {"names": names})
	frappe.db.delete("Contact", {"name": w.contact_a})
	frappe.db.delete("Dynamic Link", {"parenttype": "Contact", "parent": w.contact_a})
	for user in (w.engineer, w.manager, w.sqe_a, w.sqe_b, w.stranger):
		frappe.db.delete("User Permission", {"user": user})
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	for customer in (w.customer_a, w.customer_b):
		frappe.delete_doc("Customer", customer, force=True, ignore_permissions=True)
	for item in (w.part_a, w.part_b):
		frappe.delete_doc("Item", item, force=True, ignore_permissions=True)
	frappe.db.commit()
