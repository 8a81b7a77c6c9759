"""The demo's master data and deliveries: people, customers, parts, plants, a stock
receipt, three months of delivery notes and returns -- through ERPNext's controllers."""

from __future__ import annotations

import secrets

import frappe
from frappe import _
from frappe.utils import add_days, getdate

from cs_service.setup.demo import data, registry
from cs_service.setup.demo.context import Demo, company, customer_name, person_email


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


def make_customers(demo: Demo):
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


def make_parts(demo: Demo):
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
						{"customer_name": customer, "ref_code": data.fictional_part_no(prefix, index)},
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


def make_deliveries(demo: Demo):
	"""Delivery notes and their returns in the order of their dates: a stock entry dated before
	one already posted makes ERPNext queue a valuation repost of the later ones."""
	comp = company()
	store = warehouse(comp)
	events = []
	for key, c, posting, lines in data.delivery_plan(demo.today):
		events.append((getdate(posting), 0, key, c, lines))
		back = getdate(add_days(posting, 4))
		if key.endswith("-1") and back < demo.today:  # a few parts of the second delivery come back
			events.append((back, 1, key, c, lines))
	for posting, is_return, key, c, lines in sorted(events):
		if is_return:
			demo.once(
				f"{key}-return", "deliveries", lambda key=key, posting=posting: sales_return(key, posting)
			)
		else:
			demo.once(
				key,
				"deliveries",
				lambda c=c, posting=posting, lines=lines: delivery_note(comp, store, c, posting, lines),
			)


def delivery_note(comp: str, store: str, c: int, posting, lines):
	note = frappe.get_doc(
		{
			"doctype": "Delivery Note",
			"customer": customer_name(c),
			"company": comp,
			"set_posting_time": 1,
			"posting_date": posting,
			"posting_time": f"{7 + c:02d}:30:00",  # one customer after the other
			"items": [
				{"item_code": data.part_code(p), "qty": qty, "rate": 20 + p, "warehouse": store}
				for p, qty in lines
			],
		}
	)
	note.insert(ignore_permissions=True)
	note.submit()
	return note


def sales_return(key: str, posting):
	"""A return of two lines of the delivery of ``key``, through ERPNext's own mapping."""
	from erpnext.stock.doctype.delivery_note.delivery_note import make_sales_return

	back = make_sales_return(registry.made(key))
	back.set_posting_time = 1
	back.posting_date = posting
	back.items = back.items[:2]
	for row in back.items:
		row.qty = -max(1, abs(row.qty) // 100)
	back.insert(ignore_permissions=True)
	back.submit()
	return back
