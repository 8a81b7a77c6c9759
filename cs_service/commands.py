"""``bench`` commands of the app.

- ``bench --site SITE rebuild-quality-figures``: fill the monthly quality figures (DocType
  *CS Quality Figure*) from the raw delivery notes and feedback sheets, one month per
  transaction, with progress -- for a site that installed the app on existing data, or a repair.
- ``bench --site SITE check-quality-figures``: compare the figures with the raw records; exits
  with 1 and lists the differences when they do not agree.
- ``bench --site SITE cs-service-demo [--remove]``: make the demo department through
  the app's controllers and ERPNext's, printing progress and the demo users' passwords; or remove
  exactly what it made. Running it twice makes nothing twice.
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
	from cs_service.figures import kept

	started = time.perf_counter()

	def progress(done: int, total: int, month: str):
		click.echo(f"{done}/{total} {month} ({time.perf_counter() - started:.1f} s)")

	with connected(context):
		rows = kept.rebuild(progress=progress)
	click.echo(f"rebuilt {rows:,} rows in {time.perf_counter() - started:.1f} s")


@click.command("check-quality-figures")
@pass_context
def check_quality_figures(context):
	"""Compare the monthly quality figures with the raw records."""
	from cs_service.figures import kept

	with connected(context):
		differences = kept.differences()
	for difference in differences[:50]:
		click.echo(difference)
	click.echo(f"{len(differences)} differences")
	if differences:
		sys.exit(1)


@click.command("cs-service-demo")
@click.option("--remove", is_flag=True, default=False, help="Remove exactly what the demo made.")
@pass_context
def cs_service_demo(context, remove=False):
	"""Make the demo department (or remove it)."""
	from frappe import _

	from cs_service.setup.demo import builder, registry

	with connected(context):
		if remove:
			before = registry.counts()
			noted = registry.counts_before()
			removed = builder.remove(click.echo)
			click.echo(_("{0} records removed").format(removed))
			print_counts(
				noted, before, registry.counts(), (_("Before the Demo"), _("With the Demo"), _("Now"))
			)
			return
		demo = builder.make(click.echo)
		click.echo(_("{0} records made in {1} s").format(demo.made_now, round(demo.seconds(), 1)))
		print_users(demo)


def print_users(demo):
	from frappe import _

	from cs_service.setup.demo import data

	click.echo(_("Demo users (log in at /login; the engineers on a phone at /cs, the SQEs at /sqe):"))
	for person in data.PEOPLE:
		password = demo.passwords.get(person.email) or _("(set when the demo was first made)")
		click.echo(f"  {', '.join(person.roles):<14} {person.email:<36} {password}")


def print_counts(*columns_and_titles):
	from frappe import _

	*columns, titles = columns_and_titles
	names = sorted({n for c in columns for n in c})
	click.echo(f"  {_('DocType'):<28}" + "".join(f"{t:>16}" for t in titles))
	for name in names:
		click.echo(f"  {name:<28}" + "".join(f"{c.get(name, '-'):>16}" for c in columns))


commands = [rebuild_quality_figures, check_quality_figures, cs_service_demo]
