"""The demo department from the desk: the buttons of CS Service Settings, for a System
Manager. The work runs on the long queue (it takes a minute); the progress and, at the end, the
demo users and their passwords are shown to the user who asked, live, and kept nowhere."""

from __future__ import annotations

import frappe
from frappe import _

from cs_service.access.roles import has_role
from cs_service.jobs.once import enqueue_once

JOB_ID = "cs-service-demo"


def require_system_manager():
	"""Checked here (``frappe.only_for`` lets everybody through in tests)."""
	if not has_role(["System Manager"]):
		frappe.throw(_("Only a System Manager makes or removes the demo department"), frappe.PermissionError)


@frappe.whitelist()
def make_demo() -> str:
	require_system_manager()
	return start("cs_service.setup.demo.buttons.run_make")


@frappe.whitelist()
def remove_demo() -> str:
	require_system_manager()
	return start("cs_service.setup.demo.buttons.run_remove")


def start(method: str) -> str:
	"""One demo job at a time: making and removing share the job id."""
	from frappe.utils.background_jobs import is_job_enqueued

	if is_job_enqueued(JOB_ID):
		return _("The demo department is being made or removed already")
	enqueue_once(method, JOB_ID, queue="long", timeout=1800, user=frappe.session.user)
	return _("Started: the progress shows here")


def tell(user: str, message: str, done: bool = False):
	frappe.publish_realtime(
		"cs_service_demo", {"message": message, "done": done}, user=user, after_commit=False
	)


def run_make(user: str):
	from cs_service.setup.demo import builder, data

	frappe.set_user(user)
	require_system_manager()
	demo = builder.make(lambda message: tell(user, message))
	lines = [_("{0} records made in {1} s").format(demo.made_now, round(demo.seconds(), 1))]
	for person in data.PEOPLE:
		password = demo.passwords.get(person.email) or _("(set when the demo was first made)")
		lines.append(f"{', '.join(_(r) for r in person.roles)}: {person.email} {password}")
	tell(user, "\n".join(lines), done=True)


def run_remove(user: str):
	from cs_service.setup.demo import builder

	frappe.set_user(user)
	require_system_manager()
	removed = builder.remove(lambda message: tell(user, message))
	tell(user, _("{0} records removed").format(removed), done=True)
