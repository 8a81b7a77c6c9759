"""The demo department's calendar and names, without a site (R-FB-2, R-FB-3, R-FB-4,
R-FB-8, R-CT-3, R-RP-3)."""

from datetime import date

from cs_service.setup.demo import data

TODAY = date(2026, 12, 7)


def test_three_whole_months_before_this_one():
	assert data.demo_months(TODAY) == [date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)]
	assert data.demo_months(date(2026, 2, 1)) == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1)]


def test_deliveries_every_week_to_both_customers_with_unique_keys():
	plan = data.delivery_plan(TODAY)
	assert len(plan) == 3 * 2 * len(data.DELIVERY_DAYS) + 2  # and the 3rd of this month, before the 7th
	assert len({key for key, *_rest in plan}) == len(plan)
	assert all(date(2026, 9, 1) <= posting < TODAY for _k, _c, posting, _l in plan)
	assert len(data.delivery_plan(date(2026, 12, 1))) == 3 * 2 * len(data.DELIVERY_DAYS)
	for _key, c, _posting, lines in plan:
		assert lines and all(part in data.parts_of(c) and qty > 0 for part, qty in lines)


def test_problems_of_all_three_types_on_time_and_late_with_line_stops():
	problems = data.problem_plan(TODAY)
	assert {p.problem_type for p in problems} == {"Quality Problem", "Tracking Problem", "Disputed Problem"}
	late = [p for p in problems if p.send_minutes > 15]  # 15 minutes from the first report
	assert late and len(late) < len(problems)
	assert any(p.line_stop for p in problems) and any(not p.line_stop for p in problems)
	assert any(p.source == "Reported by Customer" for p in problems)
	assert any(p.major for p in problems)
	assert any(p.occurred.hour < 6 or p.occurred.hour >= 20 for p in problems)  # the night shift
	assert len({p.key for p in problems}) == len(problems)
	assert all(p.occurred.date() < TODAY for p in problems)
	assert all(p.part in data.parts_of(p.customer) for p in problems)


def test_names_are_ours_and_part_numbers_differ_per_customer():
	assert len(data.PARTS) == 20 and len({data.part_code(i) for i in range(20)}) == 20
	assert data.fictional_part_no("LX", 3) != data.fictional_part_no("YL", 3)
	assert all(p.email.endswith("@cs-demo.example.com") for p in data.PEOPLE)
	assert sum("CS Engineer" in p.roles for p in data.PEOPLE) == 3
	assert {p.customer for p in data.PEOPLE if "Customer SQE" in p.roles} == {"lingxi", "yuanlan"}


def test_vins_have_17_characters_without_i_o_q():
	for n in (1, 42, 123456):
		vin = data.vin("LX", n)
		assert len(vin) == 17 and not set(vin) & set("IOQ")
