"""Customers A and B and what their SQEs find in the SQE portal, committed (a real
HTTP server reads it) and removed by :func:`remove`.

A has: a slip and a confirmation sheet sent to the SQE (each with a photo), a slip never sent
(draft), a sent feedback sheet (open problem, with our internal measures filled in) and its 8D
report sent to the customer. B has a slip sent to its SQE. Every string of A's records carries
the sentinel, which must never reach B's SQE.
"""

from __future__ import annotations

import io

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils.password import update_password

from tests.integration.factories import (
	api_credentials,
	make_8d,
	make_confirmation,
	make_customer,
	make_feedback,
	make_item,
	make_site,
	make_slip,
	make_user,
	set_settings,
)

PASSWORD = "Portal-Test-2026!"
SLIP = "Suspect Part Slip"
CONFIRMATION = "Service Confirmation Sheet"
EIGHT_D = "CS 8D Report"
SHEET = "Quality Feedback Sheet"


class World(frappe._dict):
	pass


def photo_bytes(width: int = 1600, height: int = 1200, label: str = "") -> bytes:
	"""A JPEG the size of a phone photo: a door-trim clip on a grey bench, drawn."""
	from PIL import Image, ImageDraw

	image = Image.new("RGB", (width, height), (118, 124, 130))
	draw = ImageDraw.Draw(image)
	for y in range(0, height, 6):  # a bench with some texture, so the JPEG is not trivially small
		shade = 110 + (y * 37 % 29)
		draw.line([(0, y), (width, y + 40)], fill=(shade, shade + 4, shade + 9), width=3)
	draw.rounded_rectangle(
		[width * 0.25, height * 0.3, width * 0.75, height * 0.7], radius=60, fill=(32, 34, 38)
	)
	draw.ellipse([width * 0.45, height * 0.42, width * 0.55, height * 0.58], fill=(205, 60, 50))
	draw.line([(width * 0.3, height * 0.35), (width * 0.52, height * 0.5)], fill=(230, 230, 230), width=9)
	if label:
		draw.text((40, 40), label, fill=(255, 255, 255))
	out = io.BytesIO()
	image.save(out, "JPEG", quality=85)
	return out.getvalue()


def attach_photo(doc, caption: str, content: bytes | None = None, file_name: str | None = None):
	"""A private photo attached to ``doc`` and listed in its ``photos`` rows (the document is
	still a draft: the engineer adds photos before sending)."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name or f"{doc.name}-{frappe.generate_hash(length=6)}.jpg",
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
			"attached_to_field": "photo",
			"is_private": 1,
			"content": content or photo_bytes(label=doc.name),
		}
	).insert(ignore_permissions=True)
	doc.reload()
	doc.append("photos", {"photo": file.file_url, "caption": caption})
	doc.save()
	return file


def build(run: str, lang_a: str = "zh", lang_b: str = "en", part_name: str | None = None) -> World:
	frappe.set_user("Administrator")
	w = World(run=run, sentinel=f"PORTAL{run}")
	w.customer_a = make_customer(f"CSP A {run}")
	w.customer_b = make_customer(f"CSP B {run}")
	w.part_a = make_item(f"CSP-PA-{run}", customer=w.customer_a, ref_code=f"A-NO-{w.sentinel}")
	if part_name:
		frappe.db.set_value("Item", w.part_a, "item_name", part_name)
	w.part_b = make_item(f"CSP-PB-{run}", customer=w.customer_b, ref_code=f"B-NO-{run}")
	w.engineer = make_user(f"csp-eng-{run.lower()}", "CS Engineer")
	w.sqe_a = make_user(f"csp-sqe-a-{run.lower()}", "Customer SQE")
	w.sqe_b = make_user(f"csp-sqe-b-{run.lower()}", "Customer SQE")
	for user, lang, name in ((w.sqe_a, lang_a, "Li Wei"), (w.sqe_b, lang_b, "Brian Baker")):
		frappe.db.set_value("User", user, {"language": lang, "first_name": name})
	for user in (w.engineer, w.sqe_a, w.sqe_b):
		update_password(user, PASSWORD)
	w.site_a = make_site(w.customer_a, "Plant", engineers=[w.engineer], sqe_users=[w.sqe_a]).name
	w.site_b = make_site(w.customer_b, "Plant", engineers=[w.engineer], sqe_users=[w.sqe_b]).name
	set_settings()
	w.created = []

	frappe.set_user(w.engineer)
	sheet = make_feedback(
		customer=w.customer_a,
		item=w.part_a,
		customer_site=w.site_a,
		description=f"Clip of the door trim broken {w.sentinel}",
		preliminary_cause=f"INTERNAL cause {w.sentinel}",
		temporary_measures=f"100% check of the line-side stock {w.sentinel}",
	)
	sheet.submit()
	w.sheet_a = sheet.name
	w.created.append((SHEET, sheet.name))

	slip = make_slip(
		w.customer_a,
		item=w.part_a,
		customer_site=w.site_a,
		quality_feedback_sheet=sheet.name,
		quantity=30,
		qty_repaired=20,
		qty_exchanged=10,
		welded_to_vehicle=1,
		vehicles=[{"vin": f"LSVAB{w.sentinel}", "location": "Body Shop (Welded)", "status": "Open"}],
	)
	w.created.append((SLIP, slip.name))
	w.photo_a = attach_photo(slip, f"Broken clip {w.sentinel}").name
	w.slip_a = apply_workflow(frappe.get_doc(SLIP, slip.name), "Send to SQE").name

	draft = make_slip(w.customer_a, item=w.part_a, customer_site=w.site_a, quantity=5)
	w.created.append((SLIP, draft.name))
	w.draft_a = draft.name
	w.draft_photo_a = attach_photo(draft, f"Draft photo {w.sentinel}").name

	confirmation = make_confirmation(
		w.customer_a,
		w.engineer,
		quality_feedback_sheet=sheet.name,
		plan=f"Sort all parts at line side {w.sentinel}",
	)
	w.created.append((CONFIRMATION, confirmation.name))
	w.confirmation_photo_a = attach_photo(confirmation, f"Sorting area {w.sentinel}").name
	w.confirmation_a = apply_workflow(frappe.get_doc(CONFIRMATION, confirmation.name), "Send to SQE").name

	slip_b = make_slip(w.customer_b, item=w.part_b, customer_site=w.site_b, quantity=4)
	w.created.append((SLIP, slip_b.name))
	w.slip_b = apply_workflow(slip_b, "Send to SQE").name

	frappe.set_user("Administrator")
	report = make_8d(sheet.name)
	report.send_to_customer(frappe.db.get_value("User", w.sqe_a, "email"))
	w.eight_d_a = report.name
	w.created.append((EIGHT_D, report.name))

	w.credentials = {u: api_credentials(u) for u in (w.sqe_a, w.sqe_b, w.engineer)}
	w.sentinels = {
		w.sentinel,
		w.customer_a,
		w.part_a,
		w.site_a,
		*(name for _dt, name in w.created if name != w.slip_b),
		w.photo_a,
		w.draft_photo_a,
		w.confirmation_photo_a,
	}
	frappe.db.commit()
	return w


def remove(w: World):
	frappe.set_user("Administrator")
	frappe.db.rollback()
	names = [name for _dt, name in w.created]
	for doctype, name in reversed(w.created):
		for table in {df.options for df in frappe.get_meta(doctype).get_table_fields()}:
			frappe.db.delete(table, {"parent": name, "parenttype": doctype})
		frappe.db.delete(doctype, {"name": name})
	for file in frappe.get_all("File", filters={"attached_to_name": ("in", names)}, pluck="name"):
		frappe.delete_doc("File", file, force=True, ignore_permissions=True)
	for table in ("Workflow Action", "Email Queue", "Comment", "Version"):
		field = "docname" if table == "Version" else "reference_name"
		frappe.db.delete(table, {field: ("in", names)})
	for doctype in ("Staff Violation", "CS Quality Figure"):
		if frappe.db.table_exists(doctype) and frappe.get_meta(doctype).has_field("customer"):
			frappe.db.delete(doctype, {"customer": ("in", [w.customer_a, w.customer_b])})
	for site in (w.site_a, w.site_b):
		frappe.delete_doc("Customer Site", site, force=True, ignore_permissions=True)
	for user in (w.engineer, w.sqe_a, w.sqe_b):
		frappe.db.delete("User Permission", {"user": user})
		frappe.db.delete("Notification Log", {"for_user": user})
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	for item in (w.part_a, w.part_b):
		frappe.delete_doc("Item", item, force=True, ignore_permissions=True)
	for customer in (w.customer_a, w.customer_b):
		frappe.delete_doc("Customer", customer, force=True, ignore_permissions=True)
	frappe.db.commit()
