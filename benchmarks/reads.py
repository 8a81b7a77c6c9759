"""Reads: each report as the desk runs it (``frappe.desk.query_report.run``, rows,
chart and summary) for one month and for twelve, the number cards, the major customers and the
monthly decks; beside them the raw SQL floor (the plain queries over Delivery Note, its lines
and the sheets that the reports ran before the aggregate) and ERPNext's Issue Analytics for
twelve months over the seeded Issues, measured in the same run on the same site."""

from __future__ import annotations

import time
from collections.abc import Callable

import frappe
from frappe.desk.query_report import run as run_report

from benchmarks.seed import LAST_MONTH, default_company
from cs_service.figures import cards, live
from cs_service.rules import months

TARGET = 0.3  # s, every report for twelve months
REPORTS = (
	("Delivery Quality", {}),
	("Line Stop Minutes", {}),
	("Complaint Handling KPI", {}),
	("Defect Pareto", {"group_by": "Defect Code", "measure": "Quantity"}),
	("Customer Quality Issue Tracking", {"open_only": 0}),  # every sheet of the period, one row each
	("Customer Quality Issue Tracking", {"open_only": 1}),  # the desk's default: the open sheets
)
CARDS = (
	cards.card_ppm_this_month,
	cards.card_line_stop_minutes_this_month,
	cards.card_line_stop_minutes_undecided_this_month,
	cards.card_on_time_rate_this_month,
	cards.card_overdue_actions,
)


def periods(last_month: str = LAST_MONTH) -> dict[str, tuple]:
	month_start, month_end = months.month_bounds(last_month)
	year_start = months.parse_month(months.last_months(last_month, 12)[0])
	return {"1 month": (month_start, month_end), "12 months": (year_start, month_end)}


def timed(function: Callable[[], int], repeat: int) -> dict:
	timings, rows = [], 0
	for _i in range(max(repeat, 1)):
		started = time.perf_counter()
		rows = function()
		timings.append(time.perf_counter() - started)
		frappe.db.rollback()
	return {"first": timings[0], "best": min(timings), "rows": rows}


def report(name: str, filters: dict) -> int:
	result = run_report(name, filters=filters, ignore_prepared_report=True)
	return len(result["result"])


def floor(from_date, to_date) -> int:
	"""The plain SQL of Delivery Quality over the raw tables (no aggregate)."""
	return len(live._raw_deliveries(from_date, to_date, None, None, None)) + len(
		live._raw_defects(from_date, to_date, None, None)
	)


def run(repeat: int = 3, last_month: str = LAST_MONTH) -> dict:
	company = default_company()
	results: dict[str, dict] = {}
	for period, (from_date, to_date) in periods(last_month).items():
		results[f"floor: raw SQL of Delivery Quality / {period}"] = timed(
			lambda f=from_date, t=to_date: floor(f, t), repeat
		)
		results[f"anchor: Issue Analytics / {period}"] = timed(
			lambda f=from_date, t=to_date: report(
				"Issue Analytics",
				{
					"company": company,
					"based_on": "Customer",
					"range": "Monthly",
					"from_date": f,
					"to_date": t,
				},
			),
			repeat,
		)
	for name, extra in REPORTS:
		label = name + {0: " (every sheet)", 1: " (open sheets)"}.get(extra.get("open_only"), "")
		for period, (from_date, to_date) in periods(last_month).items():
			filters = {"from_date": str(from_date), "to_date": str(to_date), **extra}
			results[f"{label} / {period}"] = timed(lambda n=name, f=filters: report(n, f), repeat)
	for period, (from_date, to_date) in periods(last_month).items():
		results[f"major customers / {period}"] = timed(
			lambda f=from_date, t=to_date: len(live.major_customers(f, t, company)), repeat
		)
	for card in CARDS:
		results[f"card {card.__name__[5:]}"] = timed(lambda c=card: int(bool(c())), repeat)
	results["decks / 1 month"] = timed(lambda: _decks(last_month, company), min(repeat, 2))
	print_table(results)
	return results


def _decks(month: str, company: str) -> int:
	from cs_service.decks.contents import build_decks

	return sum(len(deck) for deck in build_decks(month, company))


def print_table(results: dict) -> None:
	floors = {k.rsplit(" / ", 1)[1]: v["best"] for k, v in results.items() if k.startswith("floor")}
	anchors = {k.rsplit(" / ", 1)[1]: v["best"] for k, v in results.items() if k.startswith("anchor")}
	print(f"{'what':58} {'first s':>8} {'best s':>8} {'rows':>10} {'x floor':>8} {'x anchor':>9}", flush=True)
	for name, r in results.items():
		period = name.rsplit(" / ", 1)[1] if " / " in name else None
		ratio_floor = f"{r['best'] / floors[period]:8.3f}" if period in floors else " " * 8
		ratio_anchor = f"{r['best'] / anchors[period]:9.3f}" if period in anchors else " " * 9
		mark = ""
		if period == "12 months" and not name.startswith(("floor", "anchor")):
			mark = "  ok" if r["best"] < TARGET else f"  over {TARGET} s"
		print(
			f"{name:58} {r['first']:8.3f} {r['best']:8.3f} {r['rows']:10,} {ratio_floor} {ratio_anchor}{mark}",
			flush=True,
		)
