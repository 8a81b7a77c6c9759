"""The quality reports and number cards write nothing: a site with a read replica
(``read_from_replica``) serves them from it, where a write would fail. Every statement they send
to the database is recorded here and must be a read."""

import re

import frappe
import pytest
from frappe.desk.query_report import run

from cs_service.figures import cards

READS = re.compile(r"^\s*(\(?\s*SELECT|SET\s+SESSION|SHOW|EXPLAIN)", re.IGNORECASE)
PERIOD = {"from_date": "2026-01-01", "to_date": "2026-12-31"}
REPORTS = (
	("Delivery Quality", PERIOD),
	("Line Stop Minutes", PERIOD),
	("Complaint Handling KPI", PERIOD),
	("Defect Pareto", {**PERIOD, "group_by": "Defect Code", "measure": "Quantity"}),
	("Customer Quality Issue Tracking", {**PERIOD, "open_only": 0}),
)
CARDS = (
	cards.card_ppm_this_month,
	cards.card_line_stop_minutes_this_month,
	cards.card_line_stop_minutes_undecided_this_month,
	cards.card_on_time_rate_this_month,
	cards.card_overdue_actions,
)


@pytest.fixture
def statements(monkeypatch):
	sent = []
	original = frappe.db.sql

	def recording(query, *args, **kwargs):
		sent.append(str(query))
		return original(query, *args, **kwargs)

	monkeypatch.setattr(frappe.db, "sql", recording)
	return sent


@pytest.mark.parametrize("report, filters", REPORTS, ids=[r for r, _f in REPORTS])
def test_a_quality_report_only_reads(statements, report, filters):
	run(report, filters=filters, ignore_prepared_report=True)
	assert statements  # it did ask the database
	assert [s for s in statements if not READS.match(s)] == []


@pytest.mark.parametrize("card", CARDS, ids=[c.__name__ for c in CARDS])
def test_a_number_card_only_reads_and_is_served_from_the_replica(statements, card):
	card()
	assert [s for s in statements if not READS.match(s)] == []
	assert "read_only" in wrappers(card), "the card is wrapped by @frappe.read_only()"


def wrappers(function) -> list[str]:
	"""The decorators around ``function``, by the name of the function that made each wrapper."""
	found = []
	while function is not None:
		found.append(function.__code__.co_qualname.split(".")[0])  # wraps() copies __qualname__, not the code
		function = getattr(function, "__wrapped__", None)
	return found
