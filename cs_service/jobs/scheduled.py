"""The scheduled jobs of cs_service (R-US-4): the entry points hooks.scheduler_events names, one
line each; the work is in the domain modules they call.

Every job records what it did in the transaction that does it (:mod:`cs_service.jobs.once`): a
re-run does nothing more, a worker killed half-way leaves nothing half-done (the scheduler
commits a job's work at its end, or nothing), and a run that was missed is made good by the next.
"""

from __future__ import annotations

from frappe.utils import getdate, nowdate

from cs_service.containment import follow_up
from cs_service.decks import schedule
from cs_service.feedback import escalation, qa_mail
from cs_service.notifications.chat import alerts, delivery
from cs_service.planning import visits
from cs_service.staff import ledger


def month_end_escalation():
	"""Every morning (R-FB-6): the latest month-end not escalated yet goes to the general manager
	once, and to the group chats that want it."""
	escalation.escalate_month_end(getdate(nowdate()))
	alerts.overdue_at_month_end(getdate(nowdate()))


def monthly_quality_report() -> list:
	"""Every morning (R-RP-3): from the report day of the settings on, the previous month's decks."""
	return schedule.queue_due_reports()


def remind_breakpoint_confirmation():
	"""Every 15 minutes (R-CT-7): ask the engineer to confirm a breakpoint whose follow-up is over."""
	follow_up.remind_all()


def alert_waiting_for_sqe():
	"""Every 15 minutes: sheets waiting for the customer's SQE longer than a channel's hours."""
	alerts.waiting_for_sqe()


def qa_mail_catch_up() -> int:
	"""Every 5 minutes (R-FB-4): the QA e-mail of a sent sheet whose job was lost, queued once."""
	return qa_mail.catch_up()


def retry_alerts():
	"""Every minute: group-chat alerts whose retry is due or whose job was lost."""
	return delivery.retry_due()


def flag_visits_behind_plan():
	"""Daily (R-PL-1): planned months that ended behind the annual service plan, to the CS Managers
	once each."""
	visits.flag_plans_behind(getdate(nowdate()))


def flag_unconfirmed_handovers(now=None) -> list[str]:
	"""Hourly (R-ST-3): handovers not confirmed in time after their shift are violations, booked once."""
	return ledger.book_unconfirmed_handovers(now)
