"""Messages to the group robots, sent once, off the request, with every attempt kept.

The same idiom as the e-mail to QA (:mod:`cs_service.feedback.qa_mail`):

- :func:`record` writes the *CS Alert Message* in the caller's transaction -- the sheet's
  submit, the revocation, a scheduled run -- and asks for its job *after the commit*
  (``enqueue_after_commit``): a save that is rolled back leaves no message, and the user never
  waits for a robot. The message's name is the key of channel, event, record and occasion, so
  the database refuses a second message for the same (a job or a scheduled run made twice).
- :func:`deliver` (the job) locks the message's row, makes one attempt unless it was sent or
  given up, and records the attempt (when, HTTP status, the robot's answer, how long) with the
  message's new status in the same transaction: a job run twice finds *Sent* and posts nothing.
  Holding the lock over the request makes a second job wait for the first to finish.
- A failed attempt that another may mend (no answer, a timeout, HTTP 5xx or 429, the robot's
  "too many requests") is tried again after a growing wait
  (:func:`cs_service.notifications.chat.platforms.next_attempt_in`): :func:`retry_due`, every minute,
  queues the messages whose next attempt is due and those whose first job was lost. A bad
  address, key or signature is *Failed* at once: the channel must be corrected.
- Nothing here raises into the caller: an error while recording is logged and the user's save
  goes on (:func:`record` runs in a savepoint).

What is not covered: a robot that took the message while the worker died before its commit
gets it again on the next attempt (the robots offer no idempotency key).
"""

from __future__ import annotations

import json
import time

import frappe
import requests
from frappe.utils import add_to_date, cint, now_datetime

from cs_service.jobs import once
from cs_service.notifications.chat import platforms
from cs_service.notifications.chat.platforms import Alert

DOCTYPE = "CS Alert Message"
CHANNEL = "CS Alert Channel"
JOB = "cs-alert"  # a message's job id: once.job_id(JOB, message)

QUEUED = "Queued"
SENT = "Sent"
RETRYING = "Retrying"
FAILED = "Failed"

# attempt outcomes
ATTEMPT_SENT = "Sent"
ATTEMPT_RETRY = "Retry"
ATTEMPT_FAILED = "Failed"

LOST_JOB_AFTER_MINUTES = 2  # a job normally runs within seconds of the commit
DEFAULT_TIMEOUT_SECONDS = 5
MAX_RESPONSE_CHARS = 1000


def record(
	channel: str,
	platform: str,
	event: str,
	alert: Alert,
	reference_doctype: str | None = None,
	reference_name: str | None = None,
	occasion: str = "",
) -> str | None:
	"""Record the message of ``channel`` for ``event`` of the record (on ``occasion``) and queue
	its job after the commit. Returns its name; None when it was recorded before (or could not
	be: the error is logged, the caller's transaction goes on)."""
	savepoint = "cs_alert_record"
	frappe.db.savepoint(savepoint)
	try:
		doc = frappe.get_doc(
			{
				"doctype": DOCTYPE,
				"channel": channel,
				"platform": platform,
				"event": event,
				"title": alert.title[:140],
				"reference_doctype": reference_doctype,
				"reference_name": reference_name,
				"occasion": occasion,
				"status": QUEUED,
				"attempt_count": 0,
				"content": json.dumps(alert.as_dict(), ensure_ascii=False, indent=1),
			}
		)
		doc.insert(ignore_permissions=True)  # a system record, whoever's save raised the event
	except frappe.DuplicateEntryError:
		frappe.db.rollback(save_point=savepoint)
		return None
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		frappe.log_error(title=f"Alert {event} of {reference_doctype} {reference_name} to {channel}")
		return None
	queue_message(doc.name)
	return doc.name


def queue_message(message: str) -> None:
	"""The message's job, after the commit. Tests (``frappe.flags.in_test``) run it at once, as
	Frappe's own jobs do."""
	once.enqueue_once(
		"cs_service.notifications.chat.delivery.deliver",
		once.job_id(JOB, message),
		after_commit=True,
		message=message,
	)


def deliver(message: str) -> str | None:
	"""The job: one attempt to post ``message`` when it is due and neither sent nor given up.
	Returns the attempt's outcome, None when no attempt was made."""
	row = frappe.db.sql(
		f"SELECT status, next_attempt_at FROM `tab{DOCTYPE}` WHERE name = %s FOR UPDATE",
		message,
		as_dict=True,
	)
	if not row or row[0].status in (SENT, FAILED):
		return None
	if row[0].status == RETRYING and row[0].next_attempt_at and row[0].next_attempt_at > now_datetime():
		return None  # not due yet: a job queued twice, or run early
	doc = frappe.get_doc(DOCTYPE, message)
	attempt = cint(doc.attempt_count) + 1
	started = time.monotonic()
	status, text, platform = attempt_post(doc)
	answer = platforms.read_answer(platform, status, text)
	wait = None if answer.ok or not answer.retry else platforms.next_attempt_in(attempt, answer.wait_seconds)
	if answer.ok:
		outcome, doc.status, doc.sent_at, doc.next_attempt_at = ATTEMPT_SENT, SENT, now_datetime(), None
	elif wait is not None:
		outcome, doc.status = ATTEMPT_RETRY, RETRYING
		doc.next_attempt_at = add_to_date(now_datetime(), seconds=wait)
	else:
		outcome, doc.status, doc.next_attempt_at = ATTEMPT_FAILED, FAILED, None
	doc.attempt_count = attempt
	doc.append(
		"attempts",
		{
			"attempt": attempt,
			"attempted_at": now_datetime(),
			"outcome": outcome,
			"http_status": status or 0,
			"duration_ms": int((time.monotonic() - started) * 1000),
			"response": (answer.reason if not answer.ok else (text or answer.reason))[:MAX_RESPONSE_CHARS],
		},
	)
	doc.flags.ignore_permissions = True
	doc.save()
	return outcome


def attempt_post(doc) -> tuple[int | None, str, str]:
	"""Post the message to its channel's robot: (HTTP status or None, answer text, platform)."""
	if not frappe.db.exists(CHANNEL, doc.channel):
		return None, "the channel was deleted", doc.platform
	channel = frappe.get_doc(CHANNEL, doc.channel)
	status, text = post(channel, Alert.from_dict(json.loads(doc.content)))
	return status, text, channel.platform


def post(channel, alert: Alert) -> tuple[int | None, str]:
	"""One POST of ``alert`` to the channel's robot: (HTTP status or None, answer text)."""
	webhook = channel.get_password("webhook_url", raise_exception=False) or ""
	secret = channel.get_password("secret", raise_exception=False) or None
	try:
		request = platforms.build_request(channel.platform, webhook, alert, secret, time.time())
	except Exception as error:
		return None, f"{type(error).__name__}: {error}"
	timeout = cint(channel.timeout_seconds) or DEFAULT_TIMEOUT_SECONDS
	try:
		response = requests.post(
			request.url,
			data=request.data(),
			headers={"Content-Type": "application/json; charset=utf-8"},
			timeout=timeout,
		)
	except requests.RequestException as error:
		return None, platforms.redact(f"{type(error).__name__}: {error}", webhook)
	return response.status_code, platforms.redact(response.text[:MAX_RESPONSE_CHARS], webhook)


def due_messages() -> list[str]:
	"""Messages whose next attempt is due, and those still queued a while after they were made
	(their job was lost: Redis restarted, no worker)."""
	now = now_datetime()
	retrying = frappe.get_all(
		DOCTYPE,
		filters={"status": RETRYING, "next_attempt_at": ("<=", now)},
		pluck="name",
		order_by="next_attempt_at",
	)
	lost = frappe.get_all(
		DOCTYPE,
		filters={"status": QUEUED, "creation": ("<", add_to_date(now, minutes=-LOST_JOB_AFTER_MINUTES))},
		pluck="name",
		order_by="creation",
	)
	return [*retrying, *lost]


def retry_due() -> int:
	"""Scheduled every minute: one attempt for each message that is due, one message per
	transaction (a failing one does not hold back the others). Returns the attempts made."""
	made = 0
	for message in due_messages():
		try:
			made += deliver(message) is not None
			frappe.db.commit()  # nosemgrep: one message per transaction
		except Exception:
			frappe.db.rollback()
			frappe.log_error(title=f"Alert message {message}")
	return made
