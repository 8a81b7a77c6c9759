"""R-ST-1..5, R-CT-8, R-FB-7: the staff rules."""

from datetime import date, datetime, time

import pytest

from cs_service.rules import months, staff
from cs_service.rules.shifts import Shift
from cs_service.rules.staff import assessment_year


def test_calendar_assessment_year():
	assert assessment_year(date(2026, 1, 1)) == 2026
	assert assessment_year(datetime(2026, 12, 31, 23, 59)) == 2026


def test_assessment_year_starting_in_april():
	assert assessment_year(date(2026, 3, 31), start_month=4) == 2025
	assert assessment_year(date(2026, 4, 1), start_month=4) == 2026


def test_bad_start_month():
	with pytest.raises(ValueError):
		assessment_year(date(2026, 1, 1), 13)


# ---------------------------------------------------------------- violations, fines, revocation

SETTINGS = {
	"attendance_violation_fine": 100,
	"site_rule_violation_fine": 100,
	"handover_violation_fine": 100,
	"unreported_problem_fine": 100,
	"breakpoint_failure_fine": 200,
	"breakpoint_failure_forfeits_bonus": 1,
	"site_rule_revocation_count": 2,
	"handover_revocation_count": 3,
}


@pytest.mark.parametrize(
	"violation_type, fine",
	[
		(staff.LATE, 100),  # R-ST-1
		(staff.ABSENT, 100),
		(staff.NOT_EXECUTED, 100),  # R-ST-2
		(staff.SITE_RULE_BREACH, 100),
		(staff.SHIFT_HANDOVER, 100),  # R-ST-3
		(staff.UNREPORTED_PROBLEM, 100),  # R-ST-4
		(staff.BREAKPOINT_FAILURE, 200),  # R-CT-8
		(staff.DRINKING, 0),  # dismissal, not a fine
		(staff.INCOMPLETE_FEEDBACK, 0),  # R-FB-7: retraining
	],
)
def test_fines_come_from_the_settings(violation_type, fine):
	assert staff.fine_for(violation_type, SETTINGS) == fine


def test_a_changed_setting_changes_the_fine():
	assert staff.fine_for(staff.LATE, {**SETTINGS, "attendance_violation_fine": 150}) == 150


def test_unknown_type_is_refused():
	with pytest.raises(ValueError):
		staff.fine_for("Sleeping", SETTINGS)


def test_only_a_failed_breakpoint_forfeits_the_bonus():
	assert staff.forfeits_bonus(staff.BREAKPOINT_FAILURE, SETTINGS)  # R-CT-8
	assert not staff.forfeits_bonus(
		staff.BREAKPOINT_FAILURE, {**SETTINGS, "breakpoint_failure_forfeits_bonus": 0}
	)
	assert not staff.forfeits_bonus(staff.LATE, SETTINGS)


def test_two_site_rule_violations_revoke():
	limits = staff.thresholds(SETTINGS)
	assert staff.revoking_groups([staff.NOT_EXECUTED], limits) == []
	assert staff.revoking_groups([staff.NOT_EXECUTED, staff.SITE_RULE_BREACH], limits) == [staff.SITE_RULES]


def test_three_handover_violations_revoke_two_do_not():
	limits = staff.thresholds(SETTINGS)
	two = [staff.SHIFT_HANDOVER] * 2
	assert staff.revoking_groups([*two, staff.LATE, staff.BREAKPOINT_FAILURE], limits) == []
	assert staff.revoking_groups([*two, staff.SHIFT_HANDOVER], limits) == [staff.HANDOVER]


def test_thresholds_are_the_settings_values():
	limits = staff.thresholds({**SETTINGS, "handover_revocation_count": 5})
	assert limits == {staff.SITE_RULES: 2, staff.HANDOVER: 5}
	assert staff.revoking_groups([staff.SHIFT_HANDOVER] * 3, limits) == []


def test_remaining_before_revocation_names_the_closest_group():
	limits = staff.thresholds(SETTINGS)
	assert staff.remaining_before_revocation([], limits) == 2
	assert staff.remaining_before_revocation([staff.SHIFT_HANDOVER] * 2, limits) == 1
	assert staff.remaining_before_revocation([staff.NOT_EXECUTED] * 3, limits) == 0


def test_bonus_forfeited_months():
	entries = [(date(2026, 5, 10), True), (date(2026, 5, 30), True), (date(2026, 6, 1), False)]
	assert staff.bonus_forfeited_months(entries) == {date(2026, 5, 1)}


def test_add_months_clips_to_the_month_end():
	assert months.add_months_clipped(date(2026, 1, 31), 1) == date(2026, 2, 28)
	assert months.add_months_clipped(date(2026, 12, 15), 1) == date(2027, 1, 15)
	assert months.add_months_clipped(date(2028, 1, 30), 1) == date(2028, 2, 29)


# ---------------------------------------------------------------- handover (R-ST-3), shift report (R-ST-4)

DAY = Shift("Day", time(8), time(20))
NIGHT = Shift("Night", time(20), time(8))
EARLY = Shift("Early", time(6), time(14))
LATE_SHIFT = Shift("Late", time(14), time(22))
LATE_EVENING = Shift("Evening", time(16), time(0, 30))


def test_night_shifts():
	assert staff.is_night_shift(NIGHT)
	assert not staff.is_night_shift(DAY)
	assert not staff.is_night_shift(LATE_SHIFT)
	assert not staff.is_night_shift(LATE_EVENING)
	assert staff.is_night_shift(Shift("Graveyard", time(0), time(8)))


def test_phone_or_sms_only_between_night_and_day_without_open_problem():
	assert staff.handover_mode_allowed(staff.SMS, NIGHT, DAY, 0)
	assert staff.handover_mode_allowed(staff.PHONE, DAY, NIGHT, 0)
	assert not staff.handover_mode_allowed(staff.SMS, NIGHT, DAY, 1)  # open problem: face to face
	assert not staff.handover_mode_allowed(staff.SMS, EARLY, LATE_SHIFT, 0)  # day to day
	assert staff.handover_mode_allowed(staff.FACE_TO_FACE, NIGHT, DAY, 3)


def test_confirmation_deadline():
	end = datetime(2026, 5, 10, 20, 0)
	assert staff.confirmation_deadline(end, 1) == datetime(2026, 5, 10, 21, 0)
	assert staff.confirmation_deadline(end, 0.5) == datetime(2026, 5, 10, 20, 30)


def test_left_out_keeps_the_expected_order():
	assert staff.left_out(["QFS-3", "QFS-1", "QFS-2", "QFS-1"], ["QFS-2"]) == ["QFS-3", "QFS-1"]
	assert staff.left_out([], ["QFS-2"]) == []


# ---------------------------------------------------------------- monthly assessment (R-ST-5)


def test_kpi_score_higher_is_better():
	assert staff.kpi_score(95, 100) == 95
	assert staff.kpi_score(100, 90) == 100
	assert staff.kpi_score(None, 100) == 100  # nothing to measure
	assert staff.kpi_score(80, 0) == 80  # no target: a percentage


def test_kpi_score_lower_is_better():
	assert staff.kpi_score(0, 0, lower_is_better=True) == 100
	assert staff.kpi_score(2, 0, lower_is_better=True) == 0
	assert staff.kpi_score(200, 100, lower_is_better=True) == 50


def test_weighted_score():
	assert staff.weighted_score([(40, 100), (60, 50)]) == 70
	assert staff.weighted_score([(0, 100)]) == 0
	assert staff.weighted_score([]) == 0


def test_percent():
	assert staff.percent(19, 20) == 95
	assert staff.percent(0, 0) is None
