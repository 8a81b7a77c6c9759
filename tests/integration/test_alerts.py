"""Alerts to the plant's group chats: WeCom, DingTalk and Feishu robots (R-FB-4, R-FB-6,
R-CT-9, R-ST-2, R-US-4).

The robots are a local HTTP server on loopback (:class:`Robots`), one path per platform, that
checks each request as the platform would -- the payload's format, and DingTalk's and Feishu's
signature recomputed here from the secret -- and answers as the platform does, or fails on
demand: HTTP 500, no answer in time, or the platform's own "too many requests". Tests run the
delivery job inside the save (``frappe.flags.in_test``), as the app's other jobs; "time passes"
for a retry by moving the message's next attempt into the past. The last test prints the
summary per platform.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import frappe
import pytest
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, get_datetime, now_datetime

from cs_service.cs_service.doctype.cs_alert_channel.cs_alert_channel import IncompleteChannel, InvalidWebhook
from cs_service.notifications.chat import alerts, delivery, platforms
from cs_service.rules import chat
from cs_service.staff import qualification
from tests.integration.factories import (
	make_customer,
	make_feedback,
	make_site,
	make_slip,
	make_user,
	set_settings,
)

CUSTOMER = "CS Alert Motors"
OTHER = "CS Alert Other Motors"
SECRETS = {"WeCom": None, "DingTalk": "SECdingtalk-test-secret", "Feishu": "feishu-test-secret"}
LIMIT_ANSWERS = {
	"WeCom": {"errcode": 45009, "errmsg": "api freq out of limit"},
	"DingTalk": {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"},
	"Feishu": {"code": 9499, "msg": "Too Many Request"},
}
OK_ANSWERS = {
	"WeCom": {"errcode": 0, "errmsg": "ok"},
	"DingTalk": {"errcode": 0, "errmsg": "ok"},
	"Feishu": {"code": 0, "msg": "success", "data": {}},
}
TIMEOUT_SECONDS = 1

# the summary printed by the last test, per platform
SUMMARY: dict[str, Counter] = defaultdict(Counter)


# ---------------------------------------------------------------- the robots


class Robots:
	"""Three group robots on one loopback server. ``fail(platform, *plan)`` makes the next
	requests of a platform fail in turn: ``"500"``, ``"timeout"`` (answers after the channel's
	timeout), ``"limit"`` (the platform's too-many-requests answer) or ``"down"`` (always 500)."""

	def __init__(self):
		self.received: list[dict] = []  # every accepted message: platform, body, verified
		self.refused: list[str] = []  # requests that broke the platform's rules
		self.plans: dict[str, list[str]] = defaultdict(list)
		self.down: set[str] = set()
		self.lock = threading.Lock()
		robots = self

		class Handler(BaseHTTPRequestHandler):
			def log_message(self, *args):
				pass

			def do_POST(self):
				robots.handle(self)

		self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.server.daemon_threads = True
		self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

	@property
	def base(self) -> str:
		return f"http://127.0.0.1:{self.server.server_address[1]}"

	def webhook(self, platform: str) -> str:
		return {
			"WeCom": f"{self.base}/cgi-bin/webhook/send?key=wecom-key-1",
			"DingTalk": f"{self.base}/robot/send?access_token=dingtalk-token-1",
			"Feishu": f"{self.base}/open-apis/bot/v2/hook/feishu-hook-1",
		}[platform]

	def fail(self, platform: str, *plan: str):
		with self.lock:
			self.plans[platform] = list(plan)

	def messages(self, platform: str | None = None) -> list[dict]:
		return [m for m in self.received if platform in (None, m["platform"])]

	def handle(self, request: BaseHTTPRequestHandler):
		url = urlsplit(request.path)
		platform = (
			"WeCom"
			if url.path.startswith("/cgi-bin")
			else "DingTalk"
			if url.path.startswith("/robot")
			else "Feishu"
		)
		body = request.rfile.read(int(request.headers.get("Content-Length") or 0))
		with self.lock:
			step = (
				"500"
				if platform in self.down
				else (self.plans[platform].pop(0) if self.plans[platform] else "")
			)
		if step == "timeout":
			time.sleep(TIMEOUT_SECONDS + 0.5)
			return self.answer(request, 200, OK_ANSWERS[platform])  # too late: the sender gave up
		if step == "500":
			return self.answer(request, 500, None)
		if step == "limit":
			return self.answer(request, 200, LIMIT_ANSWERS[platform])
		problem = self.check(platform, url, body)
		if problem:
			self.refused.append(f"{platform}: {problem}")
			return self.answer(request, 200, {"errcode": 310000, "errmsg": problem, "code": 19021})
		with self.lock:
			self.received.append(
				{"platform": platform, "body": json.loads(body), "verified": bool(SECRETS[platform])}
			)
		return self.answer(request, 200, OK_ANSWERS[platform])

	@staticmethod
	def answer(request, status: int, data: dict | None):
		payload = json.dumps(data).encode() if data is not None else b"Internal Server Error"
		request.send_response(status)
		request.send_header("Content-Type", "application/json" if data is not None else "text/plain")
		request.send_header("Content-Length", str(len(payload)))
		request.end_headers()
		try:
			request.wfile.write(payload)
		except (BrokenPipeError, ConnectionResetError):
			pass  # the sender gave up waiting

	@staticmethod
	def check(platform: str, url, raw: bytes) -> str | None:
		"""What the platform would refuse in the request, recomputing the signature by its recipe."""
		try:
			body = json.loads(raw.decode("utf-8"))
		except ValueError:
			return "body is not JSON"
		query = parse_qs(url.query)
		if platform == "WeCom":
			if query.get("key") != ["wecom-key-1"]:
				return "wrong key"
			content = body.get("markdown", {}).get("content", "")
			if body.get("msgtype") != "markdown" or "](http" not in content:
				return "not a markdown message with a link"
			if len(content.encode()) > 4096:
				return "content over 4096 bytes"
		elif platform == "DingTalk":
			secret = SECRETS["DingTalk"]
			timestamp = query.get("timestamp", [""])[0]
			expected = base64.b64encode(
				hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
			).decode()
			if query.get("access_token") != ["dingtalk-token-1"] or query.get("sign") != [expected]:
				return "sign not match"
			if abs(int(timestamp) / 1000 - time.time()) > 3600:
				return "timestamp older than an hour"
			markdown = body.get("markdown", {})
			if (
				body.get("msgtype") != "markdown"
				or not markdown.get("title")
				or "](http" not in markdown.get("text", "")
			):
				return "not a markdown message with a title and a link"
		else:
			secret = SECRETS["Feishu"]
			timestamp = body.get("timestamp", "")
			expected = base64.b64encode(
				hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
			).decode()
			if body.get("sign") != expected:
				return "sign match fail"
			if abs(int(timestamp) - time.time()) > 3600:
				return "timestamp older than an hour"
			card = body.get("card", {})
			buttons = [a for e in card.get("elements", []) if e.get("tag") == "action" for a in e["actions"]]
			if body.get("msg_type") != "interactive" or not card.get("header") or not buttons[0].get("url"):
				return "not a card with a link"
		return None


@pytest.fixture(scope="module")
def robots():
	server = Robots()
	server.thread.start()
	yield server
	server.server.shutdown()
	server.server.server_close()


@pytest.fixture
def robot(robots):
	robots.received.clear()
	robots.refused.clear()
	robots.plans.clear()
	robots.down.clear()
	return robots


# ---------------------------------------------------------------- the department


def make_channel(robots: Robots, platform: str, language: str = "zh", **kw):
	doc = frappe.get_doc(
		{
			"doctype": "CS Alert Channel",
			"channel_name": kw.pop("channel_name", f"CS Alert {platform} {language}"),
			"platform": platform,
			"language": language,
			"webhook_url": robots.webhook(platform),
			"secret": SECRETS[platform],
			"timeout_seconds": TIMEOUT_SECONDS,
			"on_sheet_sent": 1,
			"on_line_stop": 1,
			"line_stop_minutes": 10,
			**kw,
		}
	)
	return doc.insert()


def all_channels(robots: Robots, **kw):
	return {p: make_channel(robots, p, **kw) for p in platforms.PLATFORMS}


def sent_sheet(**kw):
	set_settings()
	doc = make_feedback(customer=CUSTOMER, item="CS-ALERT-PART", **kw)
	doc.submit()
	return doc


def messages_of(name: str, **filters) -> list[frappe._dict]:
	return frappe.get_all(
		delivery.DOCTYPE,
		filters={"reference_name": name, **filters},
		fields=["name", "channel", "platform", "event", "status", "attempt_count", "next_attempt_at"],
		order_by="platform, event",
	)


def attempts_of(message: str) -> list[frappe._dict]:
	return frappe.get_all(
		"CS Alert Attempt",
		filters={"parent": message, "parenttype": delivery.DOCTYPE},
		fields=["attempt", "outcome", "http_status", "response", "attempted_at"],
		order_by="attempt",
	)


def time_passes(message: str):
	"""The message's next attempt is due now."""
	frappe.db.set_value(
		delivery.DOCTYPE,
		message,
		"next_attempt_at",
		add_to_date(now_datetime(), seconds=-1),
		update_modified=False,
	)


# ---------------------------------------------------------------- each platform's message


def test_a_sent_sheet_reaches_each_platform_in_its_own_format_signed_in_the_channels_language(robot):
	"""R-FB-4: the sheet's customer, part, problem type, line stop and on time / late, with a link."""
	all_channels(robot)
	make_channel(robot, "DingTalk", language="en", channel_name="CS Alert DingTalk en", on_line_stop=0)
	sheet = sent_sheet(line_stop_minutes=25)

	messages = messages_of(sheet.name)
	assert {(m.platform, m.event) for m in messages} == {
		(p, e) for p in platforms.PLATFORMS for e in (chat.SHEET_SENT, chat.LINE_STOP)
	}
	assert len(messages) == 7  # the English DingTalk channel wants no line stops
	assert {m.status for m in messages} == {delivery.SENT}
	assert robot.refused == []
	assert len(robot.messages()) == 7
	for m in messages:
		[attempt] = attempts_of(m.name)
		assert (attempt.outcome, attempt.http_status) == (delivery.ATTEMPT_SENT, 200)
		SUMMARY[m.platform]["sent"] += 1
	for received in robot.messages():
		SUMMARY[received["platform"]]["verified"] += received["verified"]

	wecom = [m["body"]["markdown"]["content"] for m in robot.messages("WeCom")]
	sent = next(c for c in wecom if "质量问题反馈单已发送" in c)
	assert f"**客户**: {CUSTOMER}" in sent
	assert "CS-ALERT-PART" in sent and "C-CS-ALERT-PART" in sent  # our part and the customer's number
	assert "**问题类型**: 质量问题" in sent
	assert "**停线**: 25分钟" in sent
	assert "及时" in sent or "超时" in sent
	assert f"/app/quality-feedback-sheet/{sheet.name}" in sent
	stop = next(c for c in wecom if "停线25分钟" in c)
	assert stop.startswith('## <font color="warning">')

	english = [
		m["body"]["markdown"]["text"]
		for m in robot.messages("DingTalk")
		if "Quality Feedback Sheet sent" in m["body"]["markdown"]["title"]
	]
	assert len(english) == 1 and "**Problem Type**: Quality Problem" in english[0]
	assert "**Line Stop**: 25 min" in english[0]
	feishu = [m["body"]["card"] for m in robot.messages("Feishu")]
	assert {c["header"]["title"]["content"].split("：")[0] for c in feishu} >= {"质量问题反馈单已发送"}
	assert all(c["elements"][1]["actions"][0]["url"].endswith(sheet.name) for c in feishu)


def test_channels_get_only_their_sites_events_and_line_stops_of_their_minutes(robot):
	other_site = make_site(make_customer(OTHER)).name
	make_channel(
		robot,
		"WeCom",
		channel_name="CS Alert other site",
		all_sites=0,
		customer_sites=[{"customer_site": other_site}],
	)
	make_channel(robot, "Feishu", channel_name="CS Alert long stops", on_sheet_sent=0, line_stop_minutes=30)
	short = sent_sheet(line_stop_minutes=25)
	none = sent_sheet(line_stop_minutes=0)
	assert messages_of(short.name) == [] and messages_of(none.name) == []
	long = sent_sheet(line_stop_minutes=45)
	assert [(m.channel, m.event) for m in messages_of(long.name)] == [("CS Alert long stops", chat.LINE_STOP)]
	assert len(robot.messages()) == 1


# ---------------------------------------------------------------- exactly once


def test_a_job_run_twice_or_an_event_raised_twice_sends_once(robot):
	channels = all_channels(robot)
	sheet = sent_sheet(line_stop_minutes=0)
	messages = messages_of(sheet.name)
	assert len(messages) == 3 and len(robot.messages()) == 3
	for m in messages:
		assert delivery.deliver(m.name) is None  # the job again: finds it sent
		delivery.queue_message(m.name)  # queued again (runs at once in tests)
	assert alerts.sheet_sent(sheet) == []  # the event again: the key refuses a second message
	alert = alerts.sheet_alert(sheet, chat.SHEET_SENT, "zh")
	for platform, channel in channels.items():
		assert (
			delivery.record(channel.name, platform, chat.SHEET_SENT, alert, sheet.doctype, sheet.name) is None
		)
	assert len(messages_of(sheet.name)) == 3
	received = Counter(m["platform"] for m in robot.messages())
	assert received == {p: 1 for p in platforms.PLATFORMS}
	for platform in platforms.PLATFORMS:
		SUMMARY[platform]["duplicates"] += received[platform] - 1
		SUMMARY[platform]["jobs run twice"] += 1


# ---------------------------------------------------------------- failures, retries, back-off


@pytest.mark.parametrize("platform", platforms.PLATFORMS)
def test_a_failing_robot_is_retried_with_back_off_and_every_attempt_is_logged(robot, platform):
	make_channel(robot, platform, on_line_stop=0)
	robot.fail(platform, "500", "timeout", "limit")
	sheet = sent_sheet()  # the save goes through while the robot fails
	assert frappe.db.get_value(sheet.doctype, sheet.name, "docstatus") == 1
	[message] = messages_of(sheet.name)
	assert message.status == delivery.RETRYING
	assert delivery.deliver(message.name) is None  # not due yet
	assert message.name not in delivery.due_messages()

	for _attempt in range(3):
		time_passes(message.name)
		assert message.name in delivery.due_messages()
		delivery.deliver(message.name)

	attempts = attempts_of(message.name)
	assert [(a.outcome, a.http_status) for a in attempts] == [
		("Retry", 500),
		("Retry", 0),  # no answer in time
		("Retry", 200),  # the platform's "too many requests"
		("Sent", 200),
	]
	assert "timeout" in attempts[1].response.lower() or "timed out" in attempts[1].response.lower()
	limit_code = LIMIT_ANSWERS[platform].get("errcode", LIMIT_ANSWERS[platform].get("code"))
	assert str(limit_code) in attempts[2].response
	doc = frappe.get_doc(delivery.DOCTYPE, message.name)
	assert (doc.status, doc.attempt_count) == (delivery.SENT, 4)
	assert "key=" not in json.dumps([a.response for a in attempts])  # the webhook's key is not logged
	assert len(robot.messages(platform)) == 1
	SUMMARY[platform]["sent"] += 1
	SUMMARY[platform]["retries"] += len(attempts) - 1
	SUMMARY[platform]["verified"] += robot.messages(platform)[0]["verified"]


def test_the_back_off_grows_and_a_robot_that_stays_down_is_given_up(robot):
	make_channel(robot, "DingTalk", on_line_stop=0)
	robot.down.add("DingTalk")
	[message] = messages_of(sent_sheet().name)
	for _attempt in range(platforms.MAX_ATTEMPTS - 1):
		time_passes(message.name)
		delivery.deliver(message.name)
	attempts = attempts_of(message.name)
	assert [a.outcome for a in attempts] == ["Retry"] * (platforms.MAX_ATTEMPTS - 1) + ["Failed"]
	doc = frappe.get_doc(delivery.DOCTYPE, message.name)
	assert doc.status == delivery.FAILED and doc.next_attempt_at is None
	time_passes(message.name)
	assert delivery.deliver(message.name) is None  # given up: no more attempts


def test_the_wait_before_a_retry_follows_the_back_off(robot):
	make_channel(robot, "WeCom", on_line_stop=0)
	robot.fail("WeCom", "500", "500")
	[message] = messages_of(sent_sheet().name)
	first = attempts_of(message.name)[0]
	due = frappe.db.get_value(delivery.DOCTYPE, message.name, "next_attempt_at")
	assert (
		round((get_datetime(due) - get_datetime(first.attempted_at)).total_seconds())
		== platforms.BACKOFF_SECONDS[0]
	)
	time_passes(message.name)
	delivery.deliver(message.name)
	second = attempts_of(message.name)[1]
	due = frappe.db.get_value(delivery.DOCTYPE, message.name, "next_attempt_at")
	assert (
		round((get_datetime(due) - get_datetime(second.attempted_at)).total_seconds())
		== platforms.BACKOFF_SECONDS[1]
	)


def test_a_lost_job_is_made_good_by_the_scheduled_run(robot, monkeypatch):
	"""Redis restarted before the job ran: the message waits as *Queued* and the one-minute run
	takes it once it is older than its job would be."""
	make_channel(robot, "Feishu", on_line_stop=0)
	monkeypatch.setattr(delivery, "queue_message", lambda message: None)  # the job never runs
	[message] = messages_of(sent_sheet().name)
	assert message.status == delivery.QUEUED and robot.messages() == []
	assert message.name not in delivery.due_messages()  # its job may still be on its way
	frappe.db.set_value(
		delivery.DOCTYPE,
		message.name,
		"creation",
		add_to_date(now_datetime(), minutes=-(delivery.LOST_JOB_AFTER_MINUTES + 1)),
		update_modified=False,
	)
	assert message.name in delivery.due_messages()
	assert delivery.deliver(message.name) == delivery.ATTEMPT_SENT
	assert message.name not in delivery.due_messages()
	assert len(robot.messages("Feishu")) == 1


def test_a_bad_signature_fails_at_once_without_retries(robot):
	make_channel(robot, "Feishu", on_line_stop=0, secret="not-the-robots-secret")
	[message] = messages_of(sent_sheet().name)
	assert frappe.db.get_value(delivery.DOCTYPE, message.name, "status") == delivery.FAILED
	assert "sign" in attempts_of(message.name)[0].response
	assert robot.messages() == [] and robot.refused == ["Feishu: sign match fail"]


def test_no_save_fails_while_the_robots_are_down_or_unreachable(robot):
	"""R-FB-4: the engineer's sending never waits for nor fails on a robot."""
	all_channels(robot)
	# and a robot nobody answers for: nothing listens on the discard port
	make_channel(
		robot, "WeCom", channel_name="CS Alert nowhere", on_line_stop=0, webhook_url="http://127.0.0.1:9/x"
	)
	robot.down.update(platforms.PLATFORMS)
	saves = failed = 0
	sheets = []
	for minutes in (0, 15, 30):
		try:
			sheet = sent_sheet(line_stop_minutes=minutes)
			sheets.append(sheet.name)
			saves += frappe.db.get_value(sheet.doctype, sheet.name, "docstatus") == 1
		except Exception:
			failed += 1
	assert (saves, failed) == (3, 0)
	statuses = frappe.get_all(
		delivery.DOCTYPE,
		filters={"event": ("in", [chat.SHEET_SENT, chat.LINE_STOP]), "reference_name": ("in", sheets)},
		pluck="status",
	)
	assert len(statuses) == 3 * 3 + 2 * 3 + 3 and set(statuses) == {delivery.RETRYING}
	for platform in platforms.PLATFORMS:
		SUMMARY[platform]["saves while down"] += saves
		SUMMARY[platform]["failed saves"] += failed


# ---------------------------------------------------------------- the other events


def test_a_slip_waiting_for_the_sqe_longer_than_the_channels_hours_is_posted_once(robot):
	"""R-CT-9: the customer's SQE signs; a slip left waiting is a problem the plant should see."""
	engineer = make_user("cs-alert-engineer", "CS Engineer")
	sqe = make_user("cs-alert-sqe", "Customer SQE")
	site = make_site(make_customer(CUSTOMER), engineers=[engineer], sqe_users=[sqe]).name
	# the channel of this site only: slips of other customers of the site may wait too
	make_channel(
		robot,
		"DingTalk",
		on_sheet_sent=0,
		on_line_stop=0,
		on_waiting_for_sqe=1,
		waiting_hours=4,
		all_sites=0,
		customer_sites=[{"customer_site": site}],
	)
	set_settings()
	frappe.set_user(engineer)
	slip = apply_workflow(make_slip(CUSTOMER, item="CS-ALERT-SLIP"), "Send to SQE")
	frappe.set_user("Administrator")
	[pending] = frappe.get_all("Suspect Part Slip", filters={"name": slip.name}, fields=["name", "modified"])
	sent = alerts.waiting_since("Suspect Part Slip", [pending])[slip.name]
	assert alerts.waiting_for_sqe(add_to_date(sent, hours=3)) == []
	made = alerts.waiting_for_sqe(add_to_date(sent, hours=5))
	assert len(made) == 1
	assert alerts.waiting_for_sqe(add_to_date(sent, hours=9)) == []  # once per sending
	[received] = robot.messages("DingTalk")
	assert (
		slip.name in received["body"]["markdown"]["title"]
		and "等待SQE签字5小时" in received["body"]["markdown"]["title"]
	)
	SUMMARY["DingTalk"]["sent"] += 1
	SUMMARY["DingTalk"]["verified"] += 1


def test_the_sending_to_the_sqe_is_read_from_the_version_history():
	"""Tests save no versions (Frappe's ``in_test``); on a site every save of a slip does."""
	slip = make_slip(CUSTOMER, item="CS-ALERT-SLIP")
	for state, moment in (
		("Pending SQE", "2026-03-01 08:00:00"),
		("Returned for Correction", "2026-03-01 09:00:00"),
		("Pending SQE", "2026-03-02 10:00:00"),
	):
		version = frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": "Suspect Part Slip",
				"docname": slip.name,
				"data": json.dumps({"changed": [["workflow_state", "Draft", state]]}),
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Version", version.name, "creation", moment, update_modified=False)
	assert alerts.sent_to_sqe_at("Suspect Part Slip", [slip.name]) == {
		slip.name: get_datetime("2026-03-02 10:00:00")
	}


def test_overdue_actions_at_month_end_are_posted_once_per_month(robot):
	"""R-FB-6: the month-end's overdue corrective actions, of the channel's sites."""
	make_channel(robot, "Feishu", on_sheet_sent=0, on_line_stop=0, on_overdue_actions=1)
	sheet = sent_sheet()
	sheet.reload()
	sheet.append(
		"corrective_actions",
		{
			"action": "Change the clip tool",
			"action_owner": "Administrator",
			"due_date": "2026-02-10",
			"status": "Open",
		},
	)
	sheet.save()
	made = alerts.overdue_at_month_end("2026-03-31")
	assert len(made) == 1
	assert alerts.overdue_at_month_end("2026-04-01") == []  # the same month-end
	assert alerts.overdue_at_month_end("2026-06-20") == []  # too long after a month-end to announce it
	card = robot.messages("Feishu")[-1]["body"]["card"]
	assert "逾期" in card["header"]["title"]["content"]
	assert "Change the clip tool" in card["elements"][0]["content"]
	SUMMARY["Feishu"]["sent"] += 1
	SUMMARY["Feishu"]["verified"] += 1


def test_a_revoked_qualification_goes_to_the_managers_channel_only(robot):
	"""R-ST-2: the managers hear of a revocation; the plant's group does not."""
	make_channel(robot, "WeCom", channel_name="CS Alert plant group", on_qualification_revoked=0)
	make_channel(
		robot, "WeCom", channel_name="CS Alert managers", managers_channel=1, on_qualification_revoked=1
	)
	engineer = make_user("cs-alert-revoked", "CS Engineer")
	site = make_site(make_customer(CUSTOMER), engineers=[engineer])
	set_settings()
	assert qualification.revoke(engineer, "two site-rule violations")
	[message] = frappe.get_all(
		delivery.DOCTYPE, filters={"event": chat.QUALIFICATION_REVOKED}, fields=["channel"]
	)
	assert message.channel == "CS Alert managers"
	content = robot.messages("WeCom")[-1]["body"]["markdown"]["content"]
	assert "岗位资格已取消" in content and site.name in content
	SUMMARY["WeCom"]["sent"] += 1


def test_send_test_message_says_what_the_robot_answered(robot):
	channel = make_channel(robot, "DingTalk")
	assert channel.send_test_message() == {"ok": True, "reason": "ok"}
	[received] = robot.messages("DingTalk")
	assert "测试消息" in received["body"]["markdown"]["title"]
	robot.fail("DingTalk", "limit")
	answer = channel.send_test_message()
	assert not answer["ok"] and "130101" in answer["reason"]
	assert frappe.get_all(delivery.DOCTYPE, filters={"channel": channel.name}) == []  # no event, no record


def test_a_channel_names_what_it_lacks():
	with pytest.raises(InvalidWebhook):
		frappe.get_doc(
			{
				"doctype": "CS Alert Channel",
				"channel_name": "CS Alert bad",
				"platform": "WeCom",
				"webhook_url": "qyapi.weixin.qq.com/send",
			}
		).insert()
	with pytest.raises(IncompleteChannel) as refused:
		frappe.get_doc(
			{
				"doctype": "CS Alert Channel",
				"channel_name": "CS Alert incomplete",
				"platform": "DingTalk",
				"webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=x",
				"on_qualification_revoked": 1,
				"all_sites": 0,
			}
		).insert()
	assert "Managers' Channel" in str(refused.value) or "经理渠道" in str(refused.value)
	assert not frappe.db.exists("CS Alert Channel", "CS Alert incomplete")


def test_zz_summary(capsys):
	"""The summary per platform."""
	lines = ["", "alerts summary:"]
	for platform in platforms.PLATFORMS:
		s = SUMMARY[platform]
		signed = (
			f"{s['verified']:>2}" if SECRETS[platform] else "n/a (WeCom does not sign; its key is in the URL)"
		)
		lines.append(
			f"  {platform:<8} messages sent {s['sent']:>2}, retries {s['retries']:>2}, "
			f"duplicates {s['duplicates']} "
			f"(jobs run twice {s['jobs run twice']}), failed saves {s['failed saves']} "
			f"(of {s['saves while down']} while the robot was down), signatures verified {signed}"
		)
	with capsys.disabled():
		print("\n".join(lines))
	if SUMMARY:
		assert all(
			SUMMARY[p]["duplicates"] == 0 and SUMMARY[p]["failed saves"] == 0 for p in platforms.PLATFORMS
		)
