"""Benchmark of the monthly quality figures (R-RP-1..3) on synthetic data -- not a test.

Seeds customers, parts, submitted Delivery Notes (with returns) and submitted Quality
Feedback Sheets with multi-row INSERTs (``frappe.db.bulk_insert``), bypassing the
controllers (that would take days at this size), then times each report for one month
and for twelve months, and the monthly slide decks if their module is there::

    bench --site SITE execute cs_service.benchmarks.quality_reports.run \\
        --kwargs "{'customers': 200, 'parts': 2000, 'dn_lines': 1000000, 'sheets': 200000, 'years': 5}"
    bench --site SITE execute cs_service.benchmarks.quality_reports.clean

Every record it makes has a name starting with ``BENCH-`` and :func:`clean` removes them
all. The data lies in the five years up to ``last_month`` (December 2019 by default), so
that it does not mix with a site's recent records or with the integration tests' 2026
data; what a query costs depends on the rows in its period and the size of the tables,
not on the year. Results of a full-size run: ``cs_service/benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta

import frappe
from frappe.utils import now_datetime

from cs_service.reporting import quality
from cs_service.rules import quality as rules

PREFIX = "BENCH-"
CHUNK = 10_000
LINES_PER_NOTE = (1, 9)  # a Delivery Note has 1 to 9 lines, 5 on average
RETURN_SHARE = 0.02  # of the Delivery Notes are returns (one line, negative quantity)
PROBLEM_TYPES = (("Quality Problem", 60), ("Tracking Problem", 25), ("Disputed Problem", 15))
LINE_STOP_SHARE = 0.2  # of the sheets stopped the customer's line
MAJOR_SHARE = 0.02


# ---------------------------------------------------------------- entry points


def run(
	customers: int = 200,
	parts: int = 2000,
	dn_lines: int = 1_000_000,
	sheets: int = 200_000,
	years: int = 5,
	seed: int = 1,
	last_month: str = "2019-12",
	repeat: int = 3,
	reseed: bool = True,
) -> dict:
	"""Seed (after removing an earlier benchmark's data, unless ``reseed`` is False) and
	time; prints a table and returns the timings. The data stays until :func:`clean`."""
	if reseed:
		clean()
		seed_data(customers, parts, dn_lines, sheets, years, seed, last_month)
	return time_reports(last_month, repeat=repeat)


def clean() -> None:
	"""Remove every record the benchmark made (names starting with BENCH-)."""
	started = time.perf_counter()
	for doctype in ("Delivery Note Item", "Delivery Note", "Quality Feedback Sheet", "Item", "Customer"):
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
	customers: int, parts: int, dn_lines: int, sheets: int, years: int, seed: int, last_month: str
) -> None:
	rng = random.Random(seed)
	first_day = rules.add_months(rules.parse_month(last_month), -(12 * years - 1))
	last_day = rules.month_bounds(last_month)[1]
	days = (last_day - first_day).days + 1
	company = _company()
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

	for table in ("Delivery Note", "Delivery Note Item", "Quality Feedback Sheet"):
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


def _company() -> str:
	return (
		frappe.defaults.get_global_default("company")
		or frappe.get_all("Company", pluck="name", order_by="creation", limit=1)[0]
	)


# ---------------------------------------------------------------- timing


def time_reports(last_month: str = "2019-12", repeat: int = 3, company: str | None = None) -> dict:
	"""Times every report for ``last_month`` and for the twelve months up to it; prints a table
	with the first run and the best of ``repeat`` runs, in seconds."""
	from cs_service.cs_service.report.complaint_handling_kpi import complaint_handling_kpi
	from cs_service.cs_service.report.delivery_quality import delivery_quality
	from cs_service.cs_service.report.line_stop_minutes import line_stop_minutes

	company = company or _company()
	month_start, month_end = rules.month_bounds(last_month)
	year_start = rules.parse_month(rules.last_months(last_month, 12)[0])
	periods = {"1 month": (month_start, month_end), "12 months": (year_start, month_end)}
	reports: dict[str, Callable] = {
		"Delivery Quality": delivery_quality.execute,
		"Line Stop Minutes": line_stop_minutes.execute,
		"Complaint Handling KPI": complaint_handling_kpi.execute,
	}
	results: dict[str, dict] = {}
	for name, execute in reports.items():
		for period, (from_date, to_date) in periods.items():
			filters = {"from_date": from_date, "to_date": to_date}
			results[f"{name} / {period}"] = _time(lambda e=execute, f=filters: len(e(f)[1]), repeat)
	for period, (from_date, to_date) in periods.items():
		results[f"major_customers / {period}"] = _time(
			lambda f=from_date, t=to_date: len(quality.major_customers(f, t, company)), repeat
		)
	results["decks / 1 month"] = _time_decks(last_month, company, repeat)
	_print_table(results)
	return results


def _time(function: Callable[[], int], repeat: int) -> dict:
	timings, rows = [], 0
	for _i in range(max(repeat, 1)):
		started = time.perf_counter()
		rows = function()
		timings.append(time.perf_counter() - started)
	return {"first": timings[0], "best": min(timings), "rows": rows}


def _time_decks(month: str, company: str, repeat: int) -> dict:
	"""Part B's deck generation (``cs_service.monthly_report.decks.build_decks``), if present."""
	try:
		from cs_service.monthly_report.decks import build_decks
	except ImportError as error:
		return {"note": f"skipped: {error}"}
	return _time(lambda: sum(len(deck) for deck in build_decks(month, company)), min(repeat, 2))


def _print_table(results: dict) -> None:
	_say(f"{'what':40} {'first s':>9} {'best s':>9} {'rows':>10}  (decks: bytes of both .pptx)")
	for name, r in results.items():
		if "note" in r:
			_say(f"{name:40} {r['note']}")
		else:
			_say(f"{name:40} {r['first']:9.3f} {r['best']:9.3f} {r['rows']:10,}")


def _say(text: str) -> None:
	print(text, flush=True)
