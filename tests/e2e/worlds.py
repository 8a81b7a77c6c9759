"""What the e2e tests' worlds make and remove: users with a password and a language, sites with
their stations, QA's recipients. A world is committed (the browser talks to a real server) and
removed afterwards."""

import frappe
from frappe.utils import add_to_date, get_datetime, get_first_day, now_datetime, today
from frappe.utils.password import update_password

from tests.e2e.browser import PASSWORD, SHEET
from tests.integration.factories import (
	make_customer,
	make_feedback,
	make_item,
	make_outgoing_email_account,
	make_site,
	make_user,
)

QA_RECIPIENTS = "qa-department@cs-test.example.com"
# what the engineer writes of a problem on the phone page, field by field, down the page
TEXTS = {
	"description": "门饰板卡扣在装配时断裂",
	"suspect_area": "线边料架 3",
	"temporary_measures": "线边库存 100% 检查",
	"breakpoint": "批次 L-0309",
	"customer_communication": "SQE 同意现场挑选",
	"preliminary_cause": "模具 2 号穴磨损",
}


def new_world() -> frappe._dict:
	"""A world of its own run (``w.run``, five letters its names carry), made as the Administrator."""
	frappe.set_user("Administrator")
	return frappe._dict(run=frappe.generate_hash(length=5).upper())


def make_person(name: str, role: str, language: str) -> str:
	"""A user of ``role`` who logs in with PASSWORD and reads the desk in ``language``."""
	user = make_user(name, role)
	update_password(user, PASSWORD)
	frappe.db.set_value("User", user, "language", language)
	return user


def make_station_site(customer: str, site_name: str, stations=("FA-12",), **kw):
	"""A Customer Site whose final assembly (its third shop) has ``stations`` in section Doors."""
	site = make_site(customer, site_name, **kw)
	for station in stations:
		site.append("stations", {"shop": site.shops[2].shop, "section": "Doors", "station": station})
	site.save()
	return site


def make_part_at_site(w, name: str, site_name: str, ref_code: str, **site_kw):
	"""The world's customer ``w.customer`` (CS <name> <run>), its part ``w.item``
	(CS-<NAME>-<run>, the customer's number ``ref_code``) and its site ``w.site`` with its
	stations (:func:`make_station_site`) in ``w.shop``, the final assembly; QA's recipients set
	(:func:`set_qa_recipients`). The site is returned."""
	w.customer = make_customer(f"CS {name} {w.run}")
	w.item = make_item(f"CS-{name.upper()}-{w.run}", customer=w.customer, ref_code=ref_code)
	site = make_station_site(w.customer, site_name, **site_kw)
	w.site, w.shop = site.name, site.shops[2].shop
	set_qa_recipients(w)
	return site


def send_sheet(w, **kw):
	"""A sent Quality Feedback Sheet of the world's part at its station FA-12."""
	return make_feedback(
		w.customer, w.item, submit=True, customer_site=w.site, shop=w.shop, station="FA-12", **kw
	)


def this_month_an_hour_ago():
	"""An hour ago, or the month's first moment if that was last month (a sheet of this month)."""
	return max(add_to_date(now_datetime(), hours=-1), get_datetime(get_first_day(today())))


def set_qa_recipients(w):
	"""An outgoing e-mail account, and QA's recipients set if the site has none (as they were,
	in ``w.qa_before``, for :func:`restore_qa_recipients`)."""
	make_outgoing_email_account()
	settings = frappe.get_single("CS Service Settings")
	w.qa_before = settings.qa_recipients
	if not settings.qa_recipients:
		settings.qa_recipients = QA_RECIPIENTS
		settings.save()


def restore_qa_recipients(w):
	if not w.qa_before:
		frappe.db.set_single_value("CS Service Settings", "qa_recipients", w.qa_before)


def committed(w, remove):
	"""A fixture's world: ``w`` committed, then, once the tests are done, ``remove(w)`` as the
	Administrator after a rollback, committed. ``yield from committed(w, remove)``."""
	frappe.db.commit()
	try:
		yield w
	finally:
		frappe.set_user("Administrator")
		frappe.db.rollback()
		remove(w)
		frappe.db.commit()


def remove_world(w, *users: str, history: bool = False, photos: bool = False):
	"""What a world made for its customer: the sheets (see :func:`remove_sheets`), the site, the
	``users``, the parts (``w.item`` and ``w.item2``), the customer; QA's recipients as they were."""
	remove_sheets(w.customer, history=history, photos=photos)
	delete("Customer Site", w.site)
	remove_users(*users)
	delete("Item", *(item for item in (w.item, w.item2) if item))
	delete("Customer", w.customer)
	restore_qa_recipients(w)


def remove_documents(customer: str, *doctypes: str):
	"""The customer's documents of ``doctypes`` (slips, screenings, confirmation sheets) with
	their workflow actions, notifications and e-mails."""
	for doctype in doctypes:
		for name in frappe.get_all(doctype, filters={"customer": customer}, pluck="name"):
			frappe.db.delete("Workflow Action", {"reference_name": name})
			frappe.db.delete("Notification Log", {"document_name": name})
			frappe.db.delete("Email Queue", {"reference_doctype": doctype, "reference_name": name})
			frappe.db.delete(doctype, {"name": name})


def remove_sheets(customer: str, history: bool = False, photos: bool = False):
	"""The customer's Quality Feedback Sheets with their e-mails and departments; ``history``:
	their versions and comments; ``photos``: the files attached to them."""
	for name in frappe.get_all(SHEET, filters={"customer": customer}, pluck="name"):
		frappe.db.delete("Email Queue", {"reference_doctype": SHEET, "reference_name": name})
		if photos:
			for file in frappe.get_all(
				"File", filters={"attached_to_doctype": SHEET, "attached_to_name": name}, pluck="name"
			):
				frappe.delete_doc("File", file, force=True, ignore_permissions=True)
		frappe.db.delete("Quality Feedback Department", {"parent": name})
		if history:
			frappe.db.delete("Version", {"ref_doctype": SHEET, "docname": name})
			frappe.db.delete("Comment", {"reference_doctype": SHEET, "reference_name": name})
		frappe.db.delete(SHEET, {"name": name})


def remove_users(*users: str):
	"""The users with their permissions and notifications."""
	for user in users:
		frappe.db.delete("User Permission", {"user": user})
		frappe.db.delete("Notification Log", {"for_user": user})
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)


def delete(doctype: str, *names: str):
	for name in names:
		frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
