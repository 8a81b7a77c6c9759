"""``bench`` commands of the app.

- ``bench --site SITE rebuild-quality-figures``: fill the monthly quality figures (DocType
  *CS Quality Figure*) from the raw delivery notes and feedback sheets, one month per
  transaction, with progress -- for a site that installed the app on existing data, or a repair.
- ``bench --site SITE check-quality-figures``: compare the figures with the raw records; exits
  with 1 and lists the differences when they do not agree.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager

import click
from frappe.commands import get_site, pass_context


@contextmanager
def connected(context):
	import frappe

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		yield
	finally:
		frappe.destroy()


@click.command("rebuild-quality-figures")
@pass_context
def rebuild_quality_figures(context):
	"""Rebuild the monthly quality figures from the raw records."""
	from cs_service.figures import aggregate

	started = time.perf_counter()

	def progress(done: int, total: int, month: str):
		click.echo(f"{done}/{total} {month} ({time.perf_counter() - started:.1f} s)")

	with connected(context):
		rows = aggregate.rebuild(progress=progress)
	click.echo(f"rebuilt {rows:,} rows in {time.perf_counter() - started:.1f} s")


@click.command("check-quality-figures")
@pass_context
def check_quality_figures(context):
	"""Compare the monthly quality figures with the raw records."""
	from cs_service.figures import aggregate

	with connected(context):
		differences = aggregate.check()
	for difference in differences[:50]:
		click.echo(difference)
	click.echo(f"{len(differences)} differences")
	if differences:
		sys.exit(1)


commands = [rebuild_quality_figures, check_quality_figures]
