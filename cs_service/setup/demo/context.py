"""What every step of the demo department shares: the run (:class:`Demo`), the
clock at a moment of the demo's history, acting as one of the demo's people, and the names of
what was made."""

from __future__ import annotations

import time as clock
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, datetime

import frappe
import pytz
from frappe import _
from frappe.utils import get_system_timezone, getdate, nowdate

from cs_service.setup.demo import data, registry

Progress = Callable[[str], None]


@contextmanager
def at(moment: datetime):
	"""The clock at ``moment`` (the system's time zone), as the app's own tests freeze it."""
	from freezegun import freeze_time

	tz = pytz.timezone(get_system_timezone())
	with freeze_time(tz.localize(moment).astimezone(pytz.utc), tick=True):
		yield


def as_user(user: str):
	"""Act as ``user`` (the engineer, QA, the SQE) for one action."""

	@contextmanager
	def acting():
		frappe.set_user(user)
		try:
			yield
		finally:
			frappe.set_user("Administrator")

	return acting()


class Demo:
	def __init__(self, progress: Progress, today: date | None = None):
		self.progress = progress
		self.today = getdate(today or nowdate())
		self.started = clock.perf_counter()
		self.made_now = 0
		self.passwords: dict[str, str] = {}

	def seconds(self) -> float:
		return clock.perf_counter() - self.started

	def say(self, message: str):
		self.progress(f"[{self.seconds():6.1f} s] {message}")

	def once(self, key: str, step: str, factory: Callable[[], object]) -> str:
		"""The record of ``key``: made by ``factory`` (returning a Document) unless made before."""
		name = registry.made(key)
		if name:
			return name
		doc = factory()
		registry.keep(key, doc.doctype, doc.name, step)
		self.made_now += 1
		return doc.name

	def commit(self):
		frappe.db.commit()  # nosemgrep: a command, one step per transaction


def company() -> str:
	name = frappe.defaults.get_global_default("company") or frappe.db.get_value("Company", {}, "name")
	if not name:
		frappe.throw(_("Set up ERPNext first: the demo delivers from the default company"))
	return name


def customer_name(index: int) -> str:
	return data.CUSTOMERS[index][1]


def person_email(key: str) -> str:
	return next(p.email for p in data.PEOPLE if p.key == key)


def site_of(c: int) -> str:
	return registry.made(f"site:{data.CUSTOMERS[c][0]}")


def sheets_of_month(demo: Demo, month: date) -> list[str]:
	"""The demo's sent sheets of ``month``, oldest first."""
	return [
		name
		for problem in data.problem_plan(demo.today)
		if problem.occurred.date().replace(day=1) == month and (name := registry.made(problem.key))
	]


@contextmanager
def demo_qa():
	"""The demo's sheets are e-mailed to the demo QA engineer (at example.com), never to the
	site's QA: the QA recipients are the demo's while its sheets are sent and their e-mails
	queued (:func:`cs_service.feedback.qa_mail.send_once`, as the job would), and the site's again before the
	step's commit -- the job after the commit finds the e-mail queued and does nothing."""
	field = "qa_recipients"
	previous = frappe.db.get_single_value("CS Service Settings", field, cache=False)
	frappe.db.set_single_value("CS Service Settings", field, person_email("qa"))
	try:
		yield
	finally:
		frappe.db.set_single_value("CS Service Settings", field, previous)
