"""The demo department, made through the app's controllers and ERPNext's.

``bench --site SITE cs-service-demo`` (and the button on CS Service Settings) runs :func:`make`;
``--remove`` runs :func:`remove`. Every record is inserted, submitted, signed or cancelled the
way a user's action would be -- no raw inserts -- so the figures, the violation ledger, the
reports and the decks are what the app computes from them. History is made at its own time:
a sheet sent on 5 March at 09:20 is submitted with the clock at that moment (freezegun, a
dependency of Frappe), so *On time* / *Late* and the 15-minute rule are the app's own verdict.

Each record is made once under its key (:mod:`cs_service.setup.demo.registry`), one step per
transaction: a second run makes nothing twice, and a run that stopped half-way goes on.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _

from cs_service.setup.demo import master, registry, work
from cs_service.setup.demo.context import Demo, Progress


def make(progress: Progress, today: date | None = None) -> Demo:
	demo = Demo(progress, today)
	frappe.set_user("Administrator")
	muted = frappe.flags.mute_messages
	frappe.flags.mute_messages = True  # the controllers' messages: the demo says its own
	registry.note_counts()
	demo.commit()
	steps = (
		(_("Users"), master.users),
		(_("Customers"), master.make_customers),
		(_("Parts"), master.make_parts),
		(_("Customer Sites"), master.sites),
		(_("Stock"), master.stock),
		(_("Deliveries and returns"), master.make_deliveries),
		(_("Quality Feedback Sheets"), work.feedback_sheets),
		(_("Corrective Actions"), work.corrective_actions),
		(_("Containment"), work.containment),
		(_("Planning and visits"), work.planning),
		(_("Shift handover"), work.handover),
		(_("8D Report"), work.eight_d),
		(_("Monthly Quality Report"), work.monthly_report),
	)
	frappe.flags.in_cs_demo = (
		True  # no group-chat alerts of fictional records (cs_service.notifications.chat)
	)
	try:
		for label, step in steps:
			before = demo.made_now
			step(demo)
			demo.commit()
			demo.say(_("{0}: {1} made").format(label, demo.made_now - before))
	finally:
		frappe.flags.in_cs_demo = False
		frappe.flags.mute_messages = muted  # a request (the Settings button) goes on speaking
	return demo


def remove(progress: Progress) -> int:
	frappe.set_user("Administrator")
	muted = frappe.flags.mute_messages
	frappe.flags.mute_messages = True
	try:
		return registry.remove_all(progress)
	finally:
		frappe.flags.mute_messages = muted
