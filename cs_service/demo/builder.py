"""The demo department, made through the app's controllers and ERPNext's (issue 26).

``bench --site SITE cs-service-demo`` (and the button on CS Service Settings) runs :func:`make`;
``--remove`` runs :func:`remove`. Every record is inserted, submitted, signed or cancelled the
way a user's action would be -- no raw inserts -- so the figures, the violation ledger, the
reports and the decks are what the app computes from them. History is made at its own time:
a sheet sent on 5 March at 09:20 is submitted with the clock at that moment (freezegun, a
dependency of Frappe), so *On time* / *Late* and the 15-minute rule are the app's own verdict.

Each record is made once under its key (:mod:`cs_service.demo.registry`), one step per
transaction: a second run makes nothing twice, and a run that stopped half-way goes on.
"""

from __future__ import annotations

import json
import secrets
import time as clock
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import frappe
import pytz
from frappe import _
from frappe.utils import add_days, get_system_timezone, getdate, nowdate

from cs_service.demo import data
from cs_service.demo import registry as reg

Progress = Callable[[str], None]


@contextmanager
def at(moment: datetime):
	"""The clock at ``moment`` (the system's time zone), as the app's own tests freeze it."""
	from freezegun import freeze_time

	tz = pytz.timezone(get_system_timezone())
	with freeze_time(tz.localize(moment).astimezone(pytz.utc), tick=True):
		yield


class Demo:
	def __init__(self, progress: Progress, today: date | None = None):
		self.progress = progress
		self.today = getdate(today or nowdate())
		self.started = clock.perf_counter()
		self.made_now = 0
		self.passwords: dict[str, str] = {}

	def say(self, message: str):
		self.progress(f"[{clock.perf_counter() - self.started:6.1f} s] {message}")

	def once(self, key: str, step: str, factory: Callable[[], object]) -> str:
		"""The record of ``key``: made by ``factory`` (returning a Document) unless made before."""
		name = reg.made(key)
		if name:
			return name
		doc = factory()
		reg.keep(key, doc.doctype, doc.name, step)
		self.made_now += 1
		return doc.name

	def commit(self):
		frappe.db.commit()  # nosemgrep: a command, one step per transaction


def make(progress: Progress, today: date | None = None) -> Demo:
	demo = Demo(progress, today)
	frappe.set_user("Administrator")
	frappe.flags.mute_messages = True
	reg.note_counts()
	demo.commit()
	steps = (
		(_("Settings"), settings),
		(_("Users"), users),
		(_("Customers"), customers),
		(_("Parts"), parts),
		(_("Customer Sites"), sites),
		(_("Stock"), stock),
		(_("Deliveries and returns"), deliveries),
		(_("Quality Feedback Sheets"), feedback_sheets),
	)
	for label, step in steps:
		before = demo.made_now
		step(demo)
		demo.commit()
		demo.say(_("{0}: {1} made").format(label, demo.made_now - before))
	return demo


def remove(progress: Progress) -> int:
	frappe.set_user("Administrator")
	frappe.flags.mute_messages = True
	return reg.remove_all(progress)


# ---------------------------------------------------------------- master data


def company() -> str:
	name = frappe.defaults.get_global_default("company") or frappe.db.get_value("Company", {}, "name")
	if not name:
		frappe.throw(_("Set up ERPNext first: the demo delivers from the default company"))
	return name


def settings(demo: Demo):
	"""QA must have a recipient for a sheet to be sent: the demo QA engineer, when none is set."""
	if not frappe.db.get_single_value("CS Service Settings", "qa_recipients") and not reg.made("setting:qa"):
		previous = frappe.db.get_single_value("CS Service Settings", "qa_recipients") or ""
		doc = frappe.get_single("CS Service Settings")
		doc.qa_recipients = next(p.email for p in data.PEOPLE if p.key == "qa")
		doc.save(ignore_permissions=True)
		version = frappe.db.get_value(
			"Version", {"ref_doctype": "CS Service Settings"}, "name", order_by="creation desc"
		)
		if version:  # the settings' history of the change goes with the demo
			reg.keep("setting:qa:version", "Version", version, "settings")
		reg.keep(
			"setting:qa",
			"CS Service Settings",
			"CS Service Settings",
			"settings",
			reg.CHANGED_SETTING,
			json.dumps({"qa_recipients": previous}),
		)


def users(demo: Demo):
	for person in data.PEOPLE:

		def factory(person=person):
			password = secrets.token_urlsafe(9)
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": person.email,
					"first_name": person.first_name,
					"last_name": person.last_name,
					"language": "zh",
					"time_zone": "Asia/Shanghai",
					"send_welcome_email": 0,
					"new_password": password,
					"roles": [{"role": role} for role in person.roles],
				}
			).insert(ignore_permissions=True)
			demo.passwords[person.email] = password
			return user

		demo.once(f"user:{person.key}", "users", factory)


def customer_name(index: int) -> str:
	return data.CUSTOMERS[index][1]


def customers(demo: Demo):
	group = frappe.db.get_single_value("Selling Settings", "customer_group") or frappe.db.get_value(
		"Customer Group", {"is_group": 0}, "name"
	)
	territory = frappe.db.get_single_value("Selling Settings", "territory") or frappe.db.get_value(
		"Territory", {"is_group": 0}, "name"
	)
	for key, name, *_rest in data.CUSTOMERS:
		demo.once(
			f"customer:{key}",
			"customers",
			lambda name=name: frappe.get_doc(
				{
					"doctype": "Customer",
					"customer_name": name,
					"customer_type": "Company",
					"customer_group": group or "All Customer Groups",
					"territory": territory or "All Territories",
				}
			).insert(ignore_permissions=True),
		)


def parts(demo: Demo):
	group = frappe.db.get_value("Item Group", {"is_group": 0}, "name") or "All Item Groups"
	for index, (name, *_where) in enumerate(data.PARTS):
		code = data.part_code(index)

		def factory(index=index, name=name, code=code):
			item = frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": code,
					"item_name": name,
					"item_group": group,
					"stock_uom": "Nos",
					"is_stock_item": 1,
					"valuation_rate": 12 + index,
					"standard_rate": 20 + index,
					"cs_drawing_no": f"DWG-{code}-B",
				}
			)
			for c, (_key, customer, _site, _city, _tz, prefix) in enumerate(data.CUSTOMERS):
				if index in data.parts_of(c):
					item.append(
						"customer_items",
						{"customer_name": customer, "ref_code": data.customer_part_no(prefix, index)},
					)
			return item.insert(ignore_permissions=True)

		demo.once(f"item:{code}", "parts", factory)


def sites(demo: Demo):
	for key, customer, site_name, city, tz, _prefix in data.CUSTOMERS:

		def factory(key=key, customer=customer, site_name=site_name, city=city, tz=tz):
			site = frappe.get_doc(
				{
					"doctype": "Customer Site",
					"customer": customer,
					"site_name": site_name,
					"city": city,
					"time_zone": tz,
					"stations": [
						{"shop": _(shop), "section": section, "station": station}
						for shop, section, station in data.STATIONS
					],
					"shifts": [{"shift_name": n, "start_time": s, "end_time": e} for n, s, e in data.SHIFTS],
					"engineers": [{"user": person_email(p)} for p in data.RESIDENTS[key]],
					"sqe_users": [{"user": person_email(f"sqe-{key}")}],
				}
			)
			return site.insert(ignore_permissions=True)

		demo.once(f"site:{key}", "sites", factory)


def person_email(key: str) -> str:
	return next(p.email for p in data.PEOPLE if p.key == key)


def site_of(c: int) -> str:
	return reg.made(f"site:{data.CUSTOMERS[c][0]}")


# ---------------------------------------------------------------- stock, deliveries, returns


def warehouse(company_name: str) -> str:
	return frappe.db.get_value(
		"Warehouse", {"company": company_name, "is_group": 0, "warehouse_name": "Stores"}, "name"
	) or frappe.db.get_value("Warehouse", {"company": company_name, "is_group": 0}, "name")


def stock(demo: Demo):
	"""One receipt of every part before the first delivery, enough for the three months."""
	comp = company()
	first = data.demo_months(demo.today)[0]

	def factory():
		entry = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": "Material Receipt",
				"company": comp,
				"set_posting_time": 1,
				"posting_date": add_days(first, -1),
				"posting_time": "08:00:00",
				"items": [
					{
						"item_code": data.part_code(i),
						"qty": 20000,
						"basic_rate": 12 + i,
						"t_warehouse": warehouse(comp),
					}
					for i in range(len(data.PARTS))
				],
			}
		)
		entry.insert(ignore_permissions=True)
		entry.submit()
		return entry

	demo.once("stock:receipt", "stock", factory)


def deliveries(demo: Demo):
	from erpnext.stock.doctype.delivery_note.delivery_note import make_sales_return

	comp = company()
	store = warehouse(comp)
	for key, c, posting, lines in data.delivery_plan(demo.today):

		def factory(c=c, posting=posting, lines=lines):
			note = frappe.get_doc(
				{
					"doctype": "Delivery Note",
					"customer": customer_name(c),
					"company": comp,
					"set_posting_time": 1,
					"posting_date": posting,
					"posting_time": "07:30:00",
					"items": [
						{"item_code": data.part_code(p), "qty": qty, "rate": 20 + p, "warehouse": store}
						for p, qty in lines
					],
				}
			)
			note.insert(ignore_permissions=True)
			note.submit()
			return note

		name = demo.once(key, "deliveries", factory)
		if key.endswith("-1"):  # the second delivery of each month: a few parts come back

			def return_factory(name=name, posting=posting):
				back = make_sales_return(name)
				back.set_posting_time = 1
				back.posting_date = add_days(posting, 4)
				back.items = back.items[:2]
				for row in back.items:
					row.qty = -max(1, abs(row.qty) // 100)
				back.insert(ignore_permissions=True)
				back.submit()
				return back

			demo.once(f"{key}-return", "deliveries", return_factory)


# ---------------------------------------------------------------- quality feedback


def feedback_sheets(demo: Demo):
	for problem in data.problem_plan(demo.today):
		demo.once(problem.key, "feedback", lambda problem=problem: feedback_sheet(demo, problem))


def feedback_sheet(demo: Demo, problem: data.Problem):
	c = problem.customer
	_name, shop, _section, station = data.PARTS[problem.part]
	reported = problem.occurred + timedelta(minutes=problem.report_minutes)
	sent = reported + timedelta(minutes=problem.send_minutes)
	engineer = person_email(data.RESIDENTS[data.CUSTOMERS[c][0]][0])
	with at(reported):
		frappe.set_user(engineer)
		try:
			sheet = frappe.get_doc(
				{
					"doctype": "Quality Feedback Sheet",
					"customer": customer_name(c),
					"customer_site": site_of(c),
					"problem_type": problem.problem_type,
					"source": problem.source,
					"is_major": int(problem.major),
					"occurred_at": problem.occurred,
					"reported_at": reported,
					"shop": _(shop),
					"station": station,
					"suspect_area": _("Line side rack and the logistics warehouse"),
					"item": data.part_code(problem.part),
					"description": problem.description,
					"defect": problem.defect,
					"quantity": problem.quantity,
					"line_stop_minutes": problem.line_stop,
					"temporary_measures": _(
						"100% check of the line-side stock; suspect parts to the red box"
					),
					"breakpoint_lot": f"L{problem.occurred:%y%m%d}-{problem.part + 1:02d}",
					"customer_communication": _("The SQE agrees to sort on site"),
					"preliminary_cause": _("Tool wear suspected; checking the last lots"),
				}
			)
			sheet.insert()
		finally:
			frappe.set_user("Administrator")
	with at(sent):
		frappe.set_user(engineer)
		try:
			sheet.submit()
		finally:
			frappe.set_user("Administrator")
	return sheet
