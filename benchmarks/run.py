"""The benchmark, on a site of its own -- not a test.

Run it from the repository with the bench's Python::

    ~/frappe-bench/env/bin/python -m benchmarks.run --bench ~/frappe-bench --site cs-bench.localhost seed
    ~/frappe-bench/env/bin/python -m benchmarks.run --bench ~/frappe-bench --site cs-bench.localhost reads writes churn load

Steps (in the order given):

- ``seed``: the data (benchmarks/seed.py: 1,000,000 delivery-note lines, 200,000 sheets,
  100,000 ERPNext Issues over five years), then the aggregate's rebuild (timed) and its check.
- ``reads``: each report for 1 and 12 months, the number cards and the decks, with the raw SQL
  floor and ERPNext's Issue Analytics for 12 months as anchors (benchmarks/reads.py).
- ``writes``: Issue insert, Issue + e-mail, Delivery Note submit (and what the aggregate adds
  to it), a draft sheet and a sent sheet, in the same run (benchmarks/writes.py).
- ``churn``: random cancels, amends and reclassifications, the check, a rebuild and the check
  again (benchmarks/churn.py).
- ``load``: 32 concurrent REST clients creating sheets against gunicorn with two worker
  processes, reports and cards read meanwhile through a read-only replica connection
  (benchmarks/load.py).
- ``portal``: the SQE portal on a throttled phone (Chromium, DevTools' "Slow 4G" network and 4x
  CPU): the pending list and a slip page with its photos, time until usable and bytes on the
  wire, against the 1 s target (benchmarks/portal.py; needs playwright and Chromium; makes and
  removes its own data, needs no seed).
- ``clean``: remove everything the benchmark made.

The site must have ERPNext and cs_service installed and must not be a site the tests use.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import frappe


def connect(bench: str, site: str) -> None:
	sites = os.path.join(os.path.abspath(os.path.expanduser(bench)), "sites")
	os.chdir(sites)
	frappe.init(site=site, sites_path=sites)
	frappe.connect()
	frappe.set_user("Administrator")
	missing = {"erpnext", "cs_service"} - set(frappe.get_installed_apps())
	if missing:
		sys.exit(f"site {site} lacks {sorted(missing)}")


def main(argv: list[str] | None = None) -> int:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--bench", default="~/frappe-bench")
	parser.add_argument("--site", required=True)
	parser.add_argument("--dn-lines", type=int, default=1_000_000)
	parser.add_argument("--sheets", type=int, default=200_000)
	parser.add_argument("--issues", type=int, default=100_000)
	parser.add_argument("--repeat", type=int, default=3, help="runs of each read; the best counts")
	parser.add_argument("--writes", type=int, default=60, help="documents of each kind in the writes step")
	parser.add_argument("--clients", type=int, default=32)
	parser.add_argument("--per-client", type=int, default=10)
	parser.add_argument("--portal-repeat", type=int, default=5, help="cold loads of each portal page")
	parser.add_argument(
		"steps", nargs="+", choices=("seed", "reads", "writes", "churn", "load", "portal", "clean")
	)
	args = parser.parse_args(argv)
	connect(args.bench, args.site)

	from benchmarks import churn, seed

	failures = 0
	for step in args.steps:
		started = time.perf_counter()
		print(f"\n== {step}", flush=True)
		if step == "seed":
			seed.clean()
			seed.seed_data(dn_lines=args.dn_lines, sheets=args.sheets, issues=args.issues)
			failures += churn.rebuild_and_check("after the seed")
		elif step == "reads":
			from benchmarks import reads

			reads.run(repeat=args.repeat)
		elif step == "writes":
			from benchmarks import writes

			writes.run(count=args.writes)
		elif step == "churn":
			failures += churn.run()
		elif step == "load":
			from benchmarks import load

			failures += load.run(args.bench, args.site, clients=args.clients, per_client=args.per_client)
		elif step == "portal":
			from benchmarks import portal

			failures += portal.run(args.bench, args.site, repeat=args.portal_repeat)
		elif step == "clean":
			seed.clean()
		print(f"== {step}: {time.perf_counter() - started:.0f} s", flush=True)
	frappe.destroy()
	return 1 if failures else 0


if __name__ == "__main__":
	sys.exit(main())
