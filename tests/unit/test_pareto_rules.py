"""Pareto of defects by code, customer and part (R-RP-2)."""

from cs_service.rules.pareto import ParetoRow, count_by, pareto

SHEETS = [
	{"defect_code": "SCR", "customer": "A", "quantity": 5},
	{"defect_code": "BUR", "customer": "A", "quantity": 1},
	{"defect_code": "SCR", "customer": "B", "quantity": 2},
	{"defect_code": None, "customer": "B", "quantity": 40},
	{"defect_code": "DEN", "customer": "A", "quantity": 3},
	{"defect_code": "SCR", "customer": "A", "quantity": 1},
	{"defect_code": "  ", "customer": "A", "quantity": 1},
	{"defect_code": "BUR", "customer": "B", "quantity": 1},
]


def test_largest_first_ties_by_key_uncoded_last_with_shares_and_cumulative():
	assert pareto(count_by(SHEETS, "defect_code")) == [
		ParetoRow("SCR", 3, 37.5, 37.5),
		ParetoRow("BUR", 2, 25.0, 62.5),
		ParetoRow("DEN", 1, 12.5, 75.0),
		ParetoRow(None, 2, 25.0, 100.0),  # no code: apart and last, although as large as BUR
	]


def test_weighted_by_quantity():
	assert [(r.key, r.count) for r in pareto(count_by(SHEETS, "defect_code", weight="quantity"))] == [
		("SCR", 8),
		("DEN", 3),
		("BUR", 2),
		(None, 41),
	]


def test_by_customer():
	assert [(r.key, r.count, r.cumulative) for r in pareto(count_by(SHEETS, "customer"))] == [
		("A", 5, 62.5),
		("B", 3, 100.0),
	]


def test_the_cumulative_share_always_ends_at_100():
	rows = pareto({"X": 1, "Y": 1, "Z": 1})
	assert [r.share for r in rows] == [33.3, 33.3, 33.3]
	assert rows[-1].cumulative == 100.0


def test_nothing_gives_no_rows():
	assert pareto({}) == []
	assert pareto({"X": 0}) == []
