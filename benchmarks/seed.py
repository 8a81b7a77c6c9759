"""The benchmark's data: customers, parts, submitted Delivery Notes (with returns),
submitted Quality Feedback Sheets and ERPNext Issues, inserted in bulk with multi-row INSERTs
(``frappe.db.bulk_insert``), bypassing the controllers (that would take days at this size).

Every record it makes has a name starting with ``BENCH-`` and :func:`clean` removes them all.
The data lies in the five years up to ``last_month`` (December 2019 by default), so that it
does not mix with a site's recent records or with the integration tests' 2026 data; what a
query costs depends on the rows in its period and the size of the tables, not on the year.
"""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta

import frappe
from frappe.utils import now_datetime

from cs_service.rules import months

PREFIX = "BENCH-"
LAST_MONTH = "2019-12"
CHUNK = 10_000
LINES_PER_NOTE = (1, 9)  # a Delivery Note has 1 to 9 lines, 5 on average
RETURN_SHARE = 0.02  # of the Delivery Notes are returns (one line, negative quantity)
PROBLEM_TYPES = (("Quality Problem", 60), ("Tracking Problem", 25), ("Disputed Problem", 15))
LINE_STOP_SHARE = 0.2  # of the sheets stopped the customer's line
MAJOR_SHARE = 0.02


def clean() -> None:
	"""Remove every record the benchmark made (names starting with BENCH-)."""
	started = time.perf_counter()
	for doctype in (
		"Delivery Note Item",
		"Delivery Note",
		"Quality Feedback Sheet",
		"Issue",
		"Item",
		"Customer",
	):
		removed = 0
		while True:
			table = frappe.qb.DocType(doctype)
			# in slices, so that no transaction holds a million rows
			names = (
				frappe.qb.from_(table).select(table.name).where(table.name.like(f"{PREFIX}%")).limit(CHUNK)
			).run(pluck=True)
			if not names:
				break
			frappe.qb.from_(table).delete().where(table.name.isin(names)).run()
			frappe.db.commit()  # nosemgrep: a bench-executed maintenance script, not a request
			removed += len(names)
		if removed:
			_say(f"removed {removed:,} {doctype} rows")
	_say(f"clean: {time.perf_counter() - started:.1f} s")


# ---------------------------------------------------------------- seeding


def seed_data(
	customers: int = 200,
	parts: int = 2000,
	dn_lines: int = 1_000_000,
	sheets: int = 200_000,
	issues: int = 100_000,
	years: int = 5,
	seed: int = 1,
	last_month: str = LAST_MONTH,
) -> None:
	rng = random.Random(seed)
	first_day = months.add_months(months.parse_month(last_month), -(12 * years - 1))
	last_day = months.month_bounds(last_month)[1]
	days = (last_day - first_day).days + 1
	company = default_company()
	started = time.perf_counter()

	customer_names = [f"{PREFIX}CUST-{i:04d}" for i in range(1, customers + 1)]
	part_names = [f"{PREFIX}PART-{i:05d}" for i in range(1, parts + 1)]
	# every part is supplied to one customer; a customer has parts / customers of them
	parts_of = {c: part_names[i::customers] for i, c in enumerate(customer_names)}
	_seed_customers(customer_names)
	_seed_items(part_names)
	_say(f"seeded {customers:,} customers and {parts:,} parts")

	notes, lines = _seed_delivery_notes(rng, customer_names, parts_of, dn_lines, first_day, days, company)
	_say(f"seeded {notes:,} delivery notes with {lines:,} lines: {time.perf_counter() - started:.0f} s")

	_seed_feedback_sheets(rng, customer_names, parts_of, sheets, first_day, days)
	_say(f"seeded {sheets:,} feedback sheets: {time.perf_counter() - started:.0f} s")

	_seed_issues(rng, customer_names, issues, first_day, days, company)
	_say(f"seeded {issues:,} issues: {time.perf_counter() - started:.0f} s")

	for table in ("Delivery Note", "Delivery Note Item", "Quality Feedback Sheet", "Issue"):
		frappe.db.sql(f"analyze table `tab{table}`")
	_say(f"seeding took {time.perf_counter() - started:.0f} s")


def _stamp() -> dict:
	now = now_datetime()
	return {"creation": now, "modified": now, "owner": "Administrator", "modified_by": "Administrator"}


def _insert(doctype: str, rows: list[dict]) -> None:
	if rows:
		fields = list(rows[0])
		frappe.db.bulk_insert(doctype, fields, [tuple(r[f] for f in fields) for r in rows], chunk_size=CHUNK)


def _seed_customers(names: list[str]) -> None:
	group = frappe.db.get_value("Customer Group", {"is_group": 0}) or "All Customer Groups"
	territory = frappe.db.get_value("Territory", {"is_group": 0}) or "All Territories"
	_insert(
		"Customer",
		[
			{"name": n, "customer_name": n, "customer_type": "Company", "customer_group": group,
			 "territory": territory, "docstatus": 0, **_stamp()}
			for n in names
		],
	)  # fmt: skip
	frappe.db.commit()  # nosemgrep


def _seed_items(names: list[str]) -> None:
	group = frappe.db.get_value("Item Group", {"is_group": 0}) or "All Item Groups"
	_insert(
		"Item",
		[
			{"name": n, "item_code": n, "item_name": f"Part {n[len(PREFIX) :]}", "item_group": group,
			 "stock_uom": "Nos", "is_stock_item": 1, "docstatus": 0, **_stamp()}
			for n in names
		],
	)  # fmt: skip
	frappe.db.commit()  # nosemgrep


def _seed_delivery_notes(rng, customers, parts_of, dn_lines, first_day, days, company) -> tuple[int, int]:
	currency = frappe.get_cached_value("Company", company, "default_currency")
	notes = lines = 0
	headers, items = [], []
	stamp = _stamp()
	while lines < dn_lines:
		notes += 1
		name = f"{PREFIX}DN-{notes:07d}"
		customer = rng.choice(customers)
		posting_date = first_day + timedelta(days=rng.randrange(days))
		is_return = rng.random() < RETURN_SHARE
		count = 1 if is_return else min(rng.randint(*LINES_PER_NOTE), dn_lines - lines)
		chosen = rng.sample(parts_of[customer], min(count, len(parts_of[customer])))
		total = 0
		for idx, part in enumerate(chosen, 1):
			lines += 1
			qty = -rng.randint(1, 50) if is_return else rng.randint(50, 2000)
			total += qty
			items.append(
				{"name": f"{PREFIX}DNI-{lines:08d}", "parent": name, "parenttype": "Delivery Note",
				 "parentfield": "items", "idx": idx, "docstatus": 1, "item_code": part,
				 "item_name": part, "qty": qty, "stock_qty": qty, "conversion_factor": 1, "uom": "Nos",
				 "stock_uom": "Nos", "rate": 10, "amount": 10 * qty, **stamp}
			)  # fmt: skip
		headers.append(
			{"name": name, "docstatus": 1, "naming_series": "MAT-DN-.YYYY.-", "customer": customer,
			 "customer_name": customer, "company": company, "posting_date": posting_date,
			 "posting_time": "10:00:00", "set_posting_time": 1, "is_return": int(is_return),
			 "status": "Return" if is_return else "Completed", "currency": currency, "conversion_rate": 1,
			 "total_qty": total, **stamp}
		)  # fmt: skip
		if len(items) >= 5 * CHUNK:
			_flush_notes(headers, items)
	_flush_notes(headers, items)
	return notes, lines


def _flush_notes(headers: list, items: list) -> None:
	_insert("Delivery Note", headers)
	_insert("Delivery Note Item", items)
	frappe.db.commit()  # nosemgrep
	headers.clear()
	items.clear()


def _weighted(rng, choices) -> str:
	return rng.choices([c for c, _w in choices], weights=[w for _c, w in choices])[0]


def _seed_feedback_sheets(rng, customers, parts_of, count, first_day, days) -> None:
	stamp = _stamp()
	rows = []
	last = datetime.combine(first_day + timedelta(days=days), datetime.min.time())
	for i in range(1, count + 1):
		customer = rng.choice(customers)
		part = rng.choice(parts_of[customer])
		occurred = datetime.combine(first_day, datetime.min.time()) + timedelta(
			seconds=rng.randrange(days * 86400)
		)
		reported = occurred + timedelta(minutes=rng.randint(0, 30))
		sent = min(reported + timedelta(minutes=rng.choice((5, 8, 10, 12, 14, 15, 20, 40))), last)
		rows.append(
			{"name": f"{PREFIX}QFS-{i:07d}", "docstatus": 1, "naming_series": "QFS-.YYYY.-",
			 "customer": customer, "item": part, "item_name": part,
			 "problem_type": _weighted(rng, PROBLEM_TYPES),
			 "source": "Found on Site" if rng.random() < 0.8 else "Reported by Customer",
			 "is_major": int(rng.random() < MAJOR_SHARE), "occurred_at": occurred,
			 "reported_at": reported, "deadline": reported + timedelta(minutes=15), "sent_at": sent,
			 "timeliness": "On time" if sent <= reported + timedelta(minutes=15) else "Late",
			 "quantity": rng.randint(1, 50),
			 "line_stop_minutes": rng.randint(5, 120) if rng.random() < LINE_STOP_SHARE else 0,
			 "tracking_status": "Closed" if rng.random() < 0.9 else "Actions in Progress",
			 "description": "Synthetic benchmark problem", "shop": "Final Assembly", "station": "FA-01",
			 **stamp}
		)  # fmt: skip
		if len(rows) >= 5 * CHUNK:
			_insert("Quality Feedback Sheet", rows)
			frappe.db.commit()  # nosemgrep
			rows.clear()
	_insert("Quality Feedback Sheet", rows)
	frappe.db.commit()  # nosemgrep


ISSUE_STATUSES = (("Open", 10), ("Replied", 10), ("Resolved", 30), ("Closed", 50))


def _seed_issues(rng, customers, count, first_day, days, company) -> None:
	"""ERPNext Issues, the anchor of the reports: Issue Analytics runs over them."""
	stamp = _stamp()
	rows = []
	for i in range(1, count + 1):
		opened = first_day + timedelta(days=rng.randrange(days))
		rows.append(
			{"name": f"{PREFIX}ISS-{i:07d}", "subject": f"Synthetic issue {i}", "status": _weighted(rng, ISSUE_STATUSES),
			 "customer": rng.choice(customers), "company": company, "opening_date": opened,
			 "opening_time": "09:00:00", "raised_by": "customer@bench.example.com", "docstatus": 0, **stamp}
		)  # fmt: skip
		if len(rows) >= 5 * CHUNK:
			_insert("Issue", rows)
			frappe.db.commit()  # nosemgrep
			rows.clear()
	_insert("Issue", rows)
	frappe.db.commit()  # nosemgrep


def default_company() -> str:
	return (
		frappe.defaults.get_global_default("company")
		or frappe.get_all("Company", pluck="name", order_by="creation", limit=1)[0]
	)


def _say(text: str) -> None:
	print(text, flush=True)
