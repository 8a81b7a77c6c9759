"""The group robots' payloads, signatures and answers, without a site (R-FB-4, R-US-4).

The signatures are checked against the platforms' published recipes, computed here by hand
(not with the module's functions), and against a vector worked out once.
"""

import base64
import hashlib
import hmac
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from cs_service.notifications.chat import platforms
from cs_service.notifications.chat.platforms import DINGTALK, FEISHU, WECOM, Alert
from cs_service.rules import chat

ALERT = Alert(
	title="质量问题反馈单已发送 QFS-0001",
	lines=(("客户", "Lingxi Motors"), ("停线", "25 min"), ("描述", "scratch <b>*bad*</b> [x](http://evil)")),
	url="https://cs.example.com/app/quality-feedback-sheet/QFS-0001",
	link_text="打开反馈单",
	urgent=True,
)
NOW = 1_765_000_000.123  # seconds since the epoch


def test_dingtalk_sign_is_base64_of_hmac_sha256_of_timestamp_and_secret_keyed_by_the_secret():
	secret = "SEC0123456789abcdef"
	ts = 1765000000123
	by_hand = base64.b64encode(
		hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()
	).decode()
	assert platforms.dingtalk_sign(secret, ts) == by_hand
	assert platforms.dingtalk_sign(secret, ts + 1) != by_hand
	assert platforms.dingtalk_sign("SEC", 1) == "3KZIhMzb3vx2uIxYqE3AoV0z65ctlCr2gwV1u5ipMJo="


def test_feishu_sign_uses_timestamp_and_secret_as_the_key_of_an_empty_message():
	secret = "feishu-secret"
	ts = 1765000000
	by_hand = base64.b64encode(hmac.new(f"{ts}\n{secret}".encode(), b"", hashlib.sha256).digest()).decode()
	assert platforms.feishu_sign(secret, ts) == by_hand
	# not the DingTalk recipe
	assert platforms.feishu_sign(secret, ts) != platforms.dingtalk_sign(secret, ts)


def test_wecom_payload_is_a_markdown_message_with_the_link_and_no_markup_from_the_values():
	request = platforms.build_request(WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K", ALERT)
	assert request.url.endswith("key=K")
	assert request.body["msgtype"] == "markdown"
	content = request.body["markdown"]["content"]
	assert content.startswith('## <font color="warning">质量问题反馈单已发送 QFS-0001</font>')
	assert "> **客户**: Lingxi Motors" in content
	assert f"[打开反馈单]({ALERT.url})" in content
	assert "<b>" not in content and "[x]" not in content  # a typed description stays text
	assert "＜b＞＊bad＊＜/b＞ ［x］(http://evil)" in content


def test_wecom_content_is_cut_to_4096_bytes_keeping_the_link():
	long = Alert(
		title="t", lines=tuple((f"l{i}", "字" * 199) for i in range(40)), url="https://x/y", link_text="go"
	)
	content = platforms.build_request(WECOM, "https://w", long).body["markdown"]["content"]
	assert len(content.encode()) <= platforms.WECOM_MAX_BYTES
	assert content.endswith("[go](https://x/y)")


def test_dingtalk_unsigned_and_signed_requests():
	webhook = "https://oapi.dingtalk.com/robot/send?access_token=T"
	plain = platforms.build_request(DINGTALK, webhook, ALERT)
	assert plain.url == webhook
	assert plain.body["msgtype"] == "markdown"
	assert plain.body["markdown"]["title"] == "质量问题反馈单已发送 QFS-0001"
	text = plain.body["markdown"]["text"]
	assert text.startswith("### ⚠ 质量问题反馈单已发送")
	assert "- **停线**: 25 min" in text and f"[打开反馈单]({ALERT.url})" in text

	signed = platforms.build_request(DINGTALK, webhook, ALERT, secret="SECabc", now=NOW)
	query = parse_qs(urlsplit(signed.url).query)
	assert query["access_token"] == ["T"]
	assert query["timestamp"] == ["1765000000123"]
	expected = base64.b64encode(
		hmac.new(b"SECabc", b"1765000000123\nSECabc", hashlib.sha256).digest()
	).decode()
	assert query["sign"] == [expected]  # parse_qs undoes the URL encoding of + / =
	raw_sign = urlsplit(signed.url).query.split("sign=")[1].split("&")[0]
	assert not set(raw_sign) & set("+/=")  # URL-encoded, as DingTalk asks
	assert "timestamp" not in signed.body


def test_feishu_card_with_signature_in_the_body():
	webhook = "https://open.feishu.cn/open-apis/bot/v2/hook/H"
	signed = platforms.build_request(FEISHU, webhook, ALERT, secret="s3", now=NOW)
	assert signed.url == webhook
	body = signed.body
	assert body["timestamp"] == "1765000000"
	assert (
		body["sign"] == base64.b64encode(hmac.new(b"1765000000\ns3", b"", hashlib.sha256).digest()).decode()
	)
	assert body["msg_type"] == "interactive"
	card = body["card"]
	assert card["header"]["title"]["content"] == "质量问题反馈单已发送 QFS-0001"
	assert card["header"]["template"] == "red"
	assert card["elements"][0] == {
		"tag": "markdown",
		"content": "**客户**: Lingxi Motors\n**停线**: 25 min\n**描述**: scratch ＜b＞＊bad＊＜/b＞ ［x］(http://evil)",
	}
	button = card["elements"][1]["actions"][0]
	assert button["url"] == ALERT.url and button["text"]["content"] == "打开反馈单"
	unsigned = platforms.build_request(FEISHU, webhook, ALERT)
	assert "sign" not in unsigned.body and "timestamp" not in unsigned.body
	json.loads(signed.data().decode())  # JSON, Chinese kept as UTF-8


def test_an_unknown_platform_is_refused():
	with pytest.raises(platforms.UnknownPlatform):
		platforms.build_request("Slack", "https://x", ALERT)


def test_an_alert_survives_its_json_round_trip():
	assert Alert.from_dict(json.loads(json.dumps(ALERT.as_dict()))) == ALERT


@pytest.mark.parametrize(
	"platform, status, text, ok, retry, wait",
	[
		(WECOM, 200, '{"errcode":0,"errmsg":"ok"}', True, False, 0),
		(WECOM, 200, '{"errcode":45009,"errmsg":"api freq out of limit"}', False, True, 60),
		(WECOM, 200, '{"errcode":93000,"errmsg":"invalid webhook url"}', False, False, 0),
		(DINGTALK, 200, '{"errcode":0,"errmsg":"ok"}', True, False, 0),
		(DINGTALK, 200, '{"errcode":130101,"errmsg":"send too fast"}', False, True, 60),
		(DINGTALK, 200, '{"errcode":310000,"errmsg":"sign not match"}', False, False, 0),
		(FEISHU, 200, '{"code":0,"msg":"success","data":{}}', True, False, 0),
		(FEISHU, 200, '{"StatusCode":0,"StatusMessage":"success"}', True, False, 0),
		(FEISHU, 200, '{"code":9499,"msg":"Too Many Request"}', False, True, 60),
		(FEISHU, 200, '{"code":19021,"msg":"sign match fail"}', False, False, 0),
		(FEISHU, 500, "Internal Server Error", False, True, 0),
		(DINGTALK, 502, "", False, True, 0),
		(WECOM, 429, "slow down", False, True, 60),
		(WECOM, 404, "<html>not found</html>", False, False, 0),
		(DINGTALK, None, "timed out", False, True, 0),
	],
)
def test_answers(platform, status, text, ok, retry, wait):
	answer = platforms.read_answer(platform, status, text)
	assert (answer.ok, answer.retry, answer.wait_seconds) == (ok, retry, wait)
	assert answer.reason


def test_backoff_grows_and_ends():
	waits = [platforms.next_attempt_in(n) for n in range(1, platforms.MAX_ATTEMPTS + 1)]
	assert waits == [*platforms.BACKOFF_SECONDS, None]
	assert waits == [*sorted(waits[:-1]), None]
	assert platforms.next_attempt_in(1, wait_seconds=60) == 60  # the robot's minute is waited out
	assert platforms.next_attempt_in(3, wait_seconds=60) == 600


def test_message_key_is_the_same_for_the_same_record_event_occasion_and_channel():
	key = platforms.message_key("Plant A", "Sheet Sent", "Quality Feedback Sheet/QFS-1")
	assert key == platforms.message_key("Plant A", "Sheet Sent", "Quality Feedback Sheet/QFS-1")
	assert len(key) == 20
	others = {
		platforms.message_key("Plant B", "Sheet Sent", "Quality Feedback Sheet/QFS-1"),
		platforms.message_key("Plant A", "Line Stop", "Quality Feedback Sheet/QFS-1"),
		platforms.message_key("Plant A", "Sheet Sent", "Quality Feedback Sheet/QFS-2"),
		platforms.message_key("Plant A", "Sheet Sent", "Quality Feedback Sheet/QFS-1", "2026-03"),
	}
	assert key not in others and len(others) == 4


def test_the_webhooks_key_never_reaches_the_log():
	error = "HTTPSConnectionPool(host='qyapi.weixin.qq.com'): Max retries exceeded with url: /cgi-bin/webhook/send?key=693a91f6-7xxx"
	assert "693a91f6" not in platforms.redact(
		error, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx"
	)
	feishu = "https://open.feishu.cn/open-apis/bot/v2/hook/2f6e-abc-123"
	assert (
		platforms.redact(f"timeout at {feishu}", feishu)
		== "timeout at https://open.feishu.cn/open-apis/bot/v2/hook/***"
	)
	ding = "https://oapi.dingtalk.com/robot/send?access_token=tok123456"
	assert "tok123456" not in platforms.redact(f"refused {ding}&timestamp=1&sign=x", ding)


def test_with_query_adds_and_replaces_parameters():
	url = platforms.with_query("https://x/send?access_token=T&sign=old", sign="a+b/c=", timestamp="1")
	assert parse_qs(urlsplit(url).query) == {"access_token": ["T"], "sign": ["a+b/c="], "timestamp": ["1"]}
	assert "a%2Bb%2Fc%3D" in url


# ---------------------------------------------------------------- which channel wants what

CHANNEL = {
	"enabled": 1,
	"all_sites": 0,
	"sites": ("Site A",),
	"on_sheet_sent": 1,
	"on_line_stop": 1,
	"line_stop_minutes": 10,
	"on_waiting_for_sqe": 1,
	"waiting_hours": 4,
	"on_overdue_actions": 1,
	"on_qualification_revoked": 1,
	"managers_channel": 0,
}


def test_a_channel_wants_the_events_it_ticks_at_the_sites_it_serves():
	assert chat.wants(CHANNEL, chat.SHEET_SENT, ["Site A"])
	assert not chat.wants(CHANNEL, chat.SHEET_SENT, ["Site B"])
	assert chat.wants({**CHANNEL, "all_sites": 1}, chat.SHEET_SENT, ["Site B"])
	assert not chat.wants({**CHANNEL, "on_sheet_sent": 0}, chat.SHEET_SENT, ["Site A"])
	assert not chat.wants({**CHANNEL, "enabled": 0}, chat.SHEET_SENT, ["Site A"])


def test_thresholds_of_line_stops_and_waiting():
	assert chat.wants(CHANNEL, chat.LINE_STOP, ["Site A"], 10)
	assert not chat.wants(CHANNEL, chat.LINE_STOP, ["Site A"], 9)
	assert not chat.wants({**CHANNEL, "line_stop_minutes": 0}, chat.LINE_STOP, ["Site A"], 0)
	assert chat.wants(CHANNEL, chat.WAITING_FOR_SQE, ["Site A"], 4.5)
	assert not chat.wants(CHANNEL, chat.WAITING_FOR_SQE, ["Site A"], 3.9)


def test_a_revoked_qualification_goes_to_a_managers_channel_only():
	assert not chat.wants(CHANNEL, chat.QUALIFICATION_REVOKED, ["Site A"])
	assert chat.wants({**CHANNEL, "managers_channel": 1}, chat.QUALIFICATION_REVOKED, ["Site A"])


def test_rows_served_and_missing_settings():
	rows = [{"customer_site": "Site A", "n": 1}, {"customer_site": "Site B", "n": 2}]
	assert [r["n"] for r in chat.rows_served(CHANNEL, rows)] == [1]
	assert chat.missing_settings(CHANNEL) == ["managers_channel"]
	assert chat.missing_settings({**CHANNEL, "line_stop_minutes": 0, "sites": (), "managers_channel": 1}) == [
		"line_stop_minutes",
		"customer_sites",
	]
