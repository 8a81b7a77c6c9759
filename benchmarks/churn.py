"""The aggregate against the raw records: after the seed (a rebuild), after random
cancels, amends and reclassifications made through the controllers, and after a rebuild."""

from __future__ import annotations

import random
import time

import frappe

from benchmarks import writes
from benchmarks.seed import PREFIX
from cs_service.figures import kept

PROBLEM_TYPES = ("Quality Problem", "Tracking Problem", "Disputed Problem")


def rebuild_and_check(label: str) -> int:
	started = time.perf_counter()

	def progress(done, total, month):
		if done % 12 == 0 or done == total:
			print(
				f"  rebuilt {done}/{total} months ({month}): {time.perf_counter() - started:.1f} s",
				flush=True,
			)

	rows = kept.rebuild(progress=progress)
	print(f"rebuild: {rows:,} rows in {time.perf_counter() - started:.1f} s", flush=True)
	return check(label)


def check(label: str) -> int:
	started = time.perf_counter()
	differences = kept.differences()
	for difference in differences[:10]:
		print(f"  {difference}", flush=True)
	print(
		f"check {label}: {len(differences)} differences between the aggregate and the raw records "
		f"({time.perf_counter() - started:.1f} s)",
		flush=True,
	)
	return int(bool(differences))


def run(notes: int = 40, sheets: int = 40, seed: int = 14) -> int:
	rng = random.Random(seed)
	world = writes.setup()
	made_notes, made_sheets = [], []
	today = frappe.utils.getdate()
	days = (today, today.replace(day=1), frappe.utils.add_months(today.replace(day=15), -1))
	for _n in range(notes):
		dn = writes.delivery_note(world)
		dn.set_posting_time = 1
		dn.posting_date = rng.choice(days)  # the site's fiscal year: this month and the last
		dn.items[0].qty = rng.randint(1, 500)
		dn.insert()
		dn.submit()
		made_notes.append(dn)
	for n in range(sheets):
		doc = writes.sheet_doc(
			world, n, problem_type=rng.choice(PROBLEM_TYPES), line_stop_minutes=rng.choice((0, 15, 60))
		)
		doc.insert()
		doc.submit()
		made_sheets.append(doc)
	frappe.db.commit()  # nosemgrep

	cancelled = amended = reclassified = 0
	for dn in rng.sample(made_notes, notes // 3):
		dn.reload()
		dn.cancel()
		cancelled += 1
		if rng.random() < 0.5:
			copy = frappe.copy_doc(dn)
			copy.docstatus, copy.amended_from = 0, dn.name
			copy.items[0].qty = rng.randint(1, 500)
			copy.insert()
			copy.submit()
			amended += 1
	# seeded sheets too (inserted in bulk, counted by the rebuild): reclassified and cancelled
	seeded = frappe.get_all(
		"Quality Feedback Sheet",
		filters={"name": ("like", f"{PREFIX}QFS-%"), "docstatus": 1},
		pluck="name",
		limit=2000,
	)
	for name in rng.sample(made_sheets, sheets // 3) + [frappe._dict(name=n) for n in rng.sample(seeded, 30)]:
		doc = frappe.get_doc("Quality Feedback Sheet", name.name)
		doc.problem_type = rng.choice([t for t in PROBLEM_TYPES if t != doc.problem_type])
		doc.save()
		reclassified += 1
	for name in rng.sample(made_sheets, sheets // 4) + [frappe._dict(name=n) for n in rng.sample(seeded, 20)]:
		doc = frappe.get_doc("Quality Feedback Sheet", name.name)
		if doc.docstatus == 1:
			doc.cancel()
			cancelled += 1
	frappe.db.commit()  # nosemgrep
	print(
		f"churn: {notes} delivery notes and {sheets} sheets made; {cancelled} cancelled, {amended} amended, "
		f"{reclassified} reclassified",
		flush=True,
	)
	failures = check("after the cancels, amends and reclassifications")
	failures += rebuild_and_check("after a rebuild")
	return failures
