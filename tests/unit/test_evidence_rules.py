"""R-FB-4: a capture from the phone page is judged On time only on evidence."""

from datetime import datetime, timedelta

from cs_service.rules import evidence

NOW = datetime(2026, 3, 10, 11, 10)


def judge(reported, completed, **kw):
	args = {
		"report_to_complete": None,
		"complete_to_send": None,
		"report_contact": None,
		"complete_contact": None,
		**kw,
	}
	return evidence.judge(NOW, reported, completed, **args)


def test_times_backed_by_the_monotonic_clock_are_trusted():
	completed = NOW - timedelta(hours=1)
	j = judge(completed - timedelta(minutes=12), completed, report_to_complete=720, complete_to_send=3600)
	assert j.trusted and j.completed_at == completed and j.offline_for == timedelta(hours=1)


def test_a_first_report_three_days_ago_completed_two_minutes_later_is_not_trusted():
	reported = NOW - timedelta(days=3)
	assert set(judge(reported, reported + timedelta(minutes=2)).reasons) == {
		evidence.NO_COMPLETION_EVIDENCE,
		evidence.NO_REPORT_EVIDENCE,
	}
	j = judge(reported, reported + timedelta(minutes=2), report_to_complete=120, complete_to_send=30)
	assert evidence.COMPLETION_DISAGREES in j.reasons and evidence.REPORT_DISAGREES in j.reasons
	j = judge(reported, reported + timedelta(minutes=2), report_to_complete=120, complete_to_send=3 * 86400)
	assert j.reasons == [evidence.HELD_OFFLINE_TOO_LONG]


def test_a_capture_sent_from_a_reopened_page_is_judged_by_its_last_contact():
	contact = evidence.Contact(at=NOW - timedelta(hours=2), since=600)
	completed = contact.at + timedelta(seconds=600)
	j = judge(completed - timedelta(minutes=5), completed, report_to_complete=300, complete_contact=contact)
	assert j.trusted and j.offline_for == timedelta(hours=1, minutes=50)


def test_held_offline_beyond_the_bound_goes_to_review():
	completed = NOW - timedelta(hours=13)
	j = judge(completed - timedelta(minutes=5), completed, report_to_complete=300, complete_to_send=13 * 3600)
	assert j.reasons == [evidence.HELD_OFFLINE_TOO_LONG]
	j = evidence.judge(
		NOW, completed - timedelta(minutes=5), completed, 300, 13 * 3600, None, None, timedelta(hours=14)
	)
	assert j.trusted


def test_measured_durations_are_finite_non_negative_seconds():
	assert [evidence.seconds(v) for v in (12.5, "30", -1, "x", None, True, float("nan"), 1e12)] == [
		12.5,
		30.0,
		None,
		None,
		None,
		None,
		None,
		None,
	]


def test_a_first_report_in_a_reported_month_is_refused():
	until = datetime(2026, 3, 1)
	assert evidence.reported_in_closed_month(datetime(2026, 2, 28, 23, 59), until)
	assert not evidence.reported_in_closed_month(datetime(2026, 3, 1), until)
	assert not evidence.reported_in_closed_month(datetime(2020, 1, 1), None)
