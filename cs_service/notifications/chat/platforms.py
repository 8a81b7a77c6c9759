"""The group robots' own formats, signatures and answers. No frappe here.

Each platform's robot takes an HTTPS POST of JSON to its webhook:

- **WeCom** (企业微信): ``{"msgtype": "markdown", "markdown": {"content": ...}}``; answers
  ``{"errcode": 0, "errmsg": "ok"}``; 45009 is "api freq out of limit" (20 messages a minute).
  No signature: the key in the webhook URL is the secret.
- **DingTalk** (钉钉): ``{"msgtype": "markdown", "markdown": {"title", "text"}}``; with a
  secret, ``timestamp`` (milliseconds) and ``sign`` go in the query string, where
  ``sign = base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}"))``, URL-encoded.
  Answers ``{"errcode": 0}``; 130101 is "send too fast" (20 a minute), 310000 a bad
  signature or keyword.
- **Feishu** (飞书): an ``interactive`` card whose body is a ``markdown`` element and a button
  to the record; with a secret, ``timestamp`` (seconds, a string) and ``sign`` go in the body,
  where ``sign = base64(HMAC-SHA256(key=f"{timestamp}\\n{secret}", msg=b""))``. Answers
  ``{"code": 0}``; 9499 is "too many requests", 19021 a bad signature.

A message is an :class:`Alert` (title, labelled lines, a link), already in the channel's
language; :func:`build_request` makes the URL and body of one attempt (a fresh timestamp and
signature each time), :func:`read_answer` says whether the robot took it and whether another
attempt may succeed, and :func:`next_attempt_in` is the back-off.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit, urlunsplit

WECOM = "WeCom"
DINGTALK = "DingTalk"
FEISHU = "Feishu"
PLATFORMS = (WECOM, DINGTALK, FEISHU)

# The platforms' "too many requests" answers: wait, then try again.
RATE_LIMITED = {WECOM: {45009}, DINGTALK: {130101, 130102}, FEISHU: {9499, 11232, 11233}}
# Answers of a busy system that may pass on another attempt.
BUSY = {WECOM: {-1}, DINGTALK: {-1}, FEISHU: set()}
RATE_LIMIT_WAIT_SECONDS = 60  # the robots count messages per minute

# Seconds to wait before attempt n + 1 after attempt n failed (n = 1, 2, ...).
BACKOFF_SECONDS = (30, 120, 600, 1800)
MAX_ATTEMPTS = len(BACKOFF_SECONDS) + 1

MAX_VALUE_CHARS = 200  # a free-text value in a message (the description) is cut here
WECOM_MAX_BYTES = 4096  # WeCom refuses a markdown content longer than this


class UnknownPlatform(ValueError):
	pass


@dataclass(frozen=True)
class Alert:
	"""One message, already in the channel's language."""

	title: str
	lines: tuple[tuple[str, str], ...] = ()  # (label, value)
	url: str = ""
	link_text: str = ""
	urgent: bool = False  # shown in the platform's warning colour

	def as_dict(self) -> dict:
		return {
			"title": self.title,
			"lines": [list(line) for line in self.lines],
			"url": self.url,
			"link_text": self.link_text,
			"urgent": self.urgent,
		}

	@classmethod
	def from_dict(cls, data: dict) -> Alert:
		return cls(
			title=data["title"],
			lines=tuple((str(k), str(v)) for k, v in data.get("lines", [])),
			url=data.get("url", ""),
			link_text=data.get("link_text", ""),
			urgent=bool(data.get("urgent")),
		)


@dataclass(frozen=True)
class Request:
	url: str
	body: dict = field(default_factory=dict)

	def data(self) -> bytes:
		return json.dumps(self.body, ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class Answer:
	"""What a robot's answer means: ``ok``; if not, whether to ``retry`` and after how long at least."""

	ok: bool
	retry: bool
	reason: str
	wait_seconds: int = 0


# ---------------------------------------------------------------- signatures


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
	"""base64(HMAC-SHA256(key=secret, msg="{timestamp}\\n{secret}")), not yet URL-encoded."""
	digest = hmac.new(
		secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), digestmod=hashlib.sha256
	).digest()
	return base64.b64encode(digest).decode("ascii")


def feishu_sign(secret: str, timestamp_s: int) -> str:
	"""base64(HMAC-SHA256(key="{timestamp}\\n{secret}", msg=b"")), as Feishu's documentation has it."""
	digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", digestmod=hashlib.sha256).digest()
	return base64.b64encode(digest).decode("ascii")


# ---------------------------------------------------------------- text

_MARKUP = str.maketrans({"<": "＜", ">": "＞", "[": "［", "]": "］", "*": "＊", "`": "'", "#": "＃"})


def clean(value) -> str:
	"""A value as one line of text that no robot reads as markup (a description may hold
	anything): whitespace collapsed, markup characters replaced by their full-width forms,
	cut at :data:`MAX_VALUE_CHARS`."""
	text = re.sub(r"\s+", " ", str(value if value is not None else "")).strip().translate(_MARKUP)
	return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def markdown(alert: Alert, platform: str) -> str:
	"""The message as the platform's markdown."""
	title = clean(alert.title)
	lines = [f"**{clean(label)}**: {clean(value)}" for label, value in alert.lines]
	link = f"[{clean(alert.link_text or alert.url)}]({alert.url})" if alert.url else ""
	if platform == WECOM:
		head = f'## <font color="warning">{title}</font>' if alert.urgent else f"## {title}"
		body = "\n".join(f"> {line}" for line in lines)
		text = "\n".join(part for part in (head, body, link) if part)
		return _cut_bytes(text, WECOM_MAX_BYTES, keep_tail=link)
	if platform == DINGTALK:
		head = f"### {'⚠ ' if alert.urgent else ''}{title}"
		return "\n\n".join(part for part in (head, *(f"- {line}" for line in lines), link) if part)
	if platform == FEISHU:
		return "\n".join(lines)
	raise UnknownPlatform(platform)


def _cut_bytes(text: str, limit: int, keep_tail: str = "") -> str:
	if len(text.encode("utf-8")) <= limit:
		return text
	tail = "\n…\n" + keep_tail if keep_tail else "…"
	room = limit - len(tail.encode("utf-8"))
	head = text.encode("utf-8")[:room].decode("utf-8", errors="ignore")
	return head + tail


# ---------------------------------------------------------------- requests


def build_request(
	platform: str, webhook: str, alert: Alert, secret: str | None = None, now: float = 0.0
) -> Request:
	"""The URL and JSON body of one attempt to post ``alert``; ``now`` in seconds since the epoch
	(the signature's timestamp)."""
	if platform == WECOM:
		return Request(webhook, {"msgtype": "markdown", "markdown": {"content": markdown(alert, WECOM)}})
	if platform == DINGTALK:
		url = webhook
		if secret:
			timestamp = int(now * 1000)
			url = with_query(webhook, timestamp=str(timestamp), sign=dingtalk_sign(secret, timestamp))
		return Request(
			url,
			{
				"msgtype": "markdown",
				"markdown": {"title": clean(alert.title), "text": markdown(alert, DINGTALK)},
			},
		)
	if platform == FEISHU:
		body: dict = {"msg_type": "interactive", "card": feishu_card(alert)}
		if secret:
			timestamp = int(now)
			body = {"timestamp": str(timestamp), "sign": feishu_sign(secret, timestamp), **body}
		return Request(webhook, body)
	raise UnknownPlatform(platform)


def feishu_card(alert: Alert) -> dict:
	elements: list[dict] = []
	text = markdown(alert, FEISHU)
	if text:
		elements.append({"tag": "markdown", "content": text})
	if alert.url:
		elements.append(
			{
				"tag": "action",
				"actions": [
					{
						"tag": "button",
						"text": {"tag": "plain_text", "content": clean(alert.link_text or alert.url)},
						"url": alert.url,
						"type": "primary",
					}
				],
			}
		)
	return {
		"config": {"wide_screen_mode": True},
		"header": {
			"title": {"tag": "plain_text", "content": clean(alert.title)},
			"template": "red" if alert.urgent else "blue",
		},
		"elements": elements,
	}


def with_query(url: str, **params: str) -> str:
	"""``url`` with ``params`` added to (or replacing those of) its query string, URL-encoded."""
	parts = urlsplit(url)
	query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
	query += list(params.items())
	return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote_plus)))


# ---------------------------------------------------------------- answers


def read_answer(platform: str, http_status: int | None, text: str | None) -> Answer:
	"""What the robot's answer means. ``http_status`` None: no answer (timeout, refused)."""
	if http_status is None:
		return Answer(False, True, text or "no answer")
	try:
		data = json.loads(text or "")
	except ValueError:
		data = None
	if http_status == 429:
		return Answer(False, True, f"HTTP 429 {_short(text)}", RATE_LIMIT_WAIT_SECONDS)
	if http_status >= 500:
		return Answer(False, True, f"HTTP {http_status} {_short(text)}")
	if not isinstance(data, dict):
		return Answer(False, http_status >= 500, f"HTTP {http_status}: not the robot's answer {_short(text)}")
	code = _code(platform, data)
	message = str(data.get("errmsg") or data.get("msg") or data.get("StatusMessage") or "")
	if http_status == 200 and code == 0:
		return Answer(True, False, message or "ok")
	reason = f"HTTP {http_status}, code {code}: {message}".strip()
	if code in RATE_LIMITED.get(platform, ()):
		return Answer(False, True, reason, RATE_LIMIT_WAIT_SECONDS)
	if code in BUSY.get(platform, ()):
		return Answer(False, True, reason)
	return Answer(False, False, reason)  # a bad key, signature or keyword: fix the channel


def _code(platform: str, data: dict) -> int | None:
	if platform == FEISHU:
		value = data.get("code", data.get("StatusCode"))
	else:
		value = data.get("errcode")
	try:
		return int(value)
	except (TypeError, ValueError):
		return None


def _short(text: str | None, limit: int = 300) -> str:
	text = (text or "").strip()
	return text if len(text) <= limit else text[:limit] + "…"


def redact(text: str, webhook: str) -> str:
	"""``text`` without the webhook's key or token (a connection error quotes the URL): WeCom's
	and DingTalk's are in the query string, Feishu's is the last part of the path."""
	parts = urlsplit(webhook)
	secrets = [value for _key, value in parse_qsl(parts.query)]
	if "/hook/" in parts.path:
		secrets.append(parts.path.rsplit("/", 1)[-1])
	for secret in sorted((s for s in secrets if len(s) > 3), key=len, reverse=True):
		text = text.replace(secret, "***")
	return text


def next_attempt_in(attempt: int, wait_seconds: int = 0) -> int | None:
	"""Seconds before the next attempt after attempt number ``attempt`` (1-based) failed; None
	when no attempt is left."""
	if attempt >= MAX_ATTEMPTS:
		return None
	return max(BACKOFF_SECONDS[attempt - 1], wait_seconds)


def message_key(channel: str, event: str, reference: str, occasion: str = "") -> str:
	"""The name of the one message of a channel for an event of a record (on an occasion: the
	month, the sending to the SQE): the same always gives the same name."""
	return hashlib.sha1(f"{channel}\n{event}\n{reference}\n{occasion}".encode()).hexdigest()[:20]
