"""One source for a rule in Python and in SQL: the predicate evaluates a row and
builds the query criterion with the same fields, values and parameters."""

from datetime import date

from cs_service.rules import feedback, tracking

TODAY = date(2026, 3, 31)


class Sql:
	"""Stands in for a pypika field / criterion: records the SQL it would write."""

	def __init__(self, text):
		self.text = text

	def __eq__(self, other):
		return Sql(f"{self.text} = {other!r}")

	def __ne__(self, other):
		return Sql(f"{self.text} != {other!r}")

	def __lt__(self, other):
		return Sql(f"{self.text} < {other!r}")

	def __and__(self, other):
		return Sql(f"({self.text} AND {other.text})")

	def isin(self, values):
		return Sql(f"{self.text} IN {tuple(values)!r}")

	def isnotnull(self):
		return Sql(f"{self.text} IS NOT NULL")

	__hash__ = object.__hash__


class Table:
	def __getattr__(self, name):
		return Sql(name)


def test_overdue_action_in_python_and_in_sql():
	assert tracking.ACTION_OVERDUE.matches({"status": "Open", "due_date": date(2026, 3, 30)}, today=TODAY)
	assert not tracking.ACTION_OVERDUE.matches({"status": "Done", "due_date": date(2026, 3, 1)}, today=TODAY)
	assert not tracking.ACTION_OVERDUE.matches({"status": "Open", "due_date": None}, today=TODAY)
	assert tracking.ACTION_OVERDUE.criterion(Table(), today=TODAY).text == (
		"((status IS NOT NULL AND status != 'Done') AND (due_date IS NOT NULL AND due_date < datetime.date(2026, 3, 31)))"
	)


def test_closed_action_in_python_and_in_sql():
	assert tracking.action_closed({"status": "Done", "verified_by": "qa@x"})
	assert not tracking.action_closed({"status": "Done", "verified_by": " "})
	assert tracking.ACTION_CLOSED.criterion(Table()).text == (
		"(status = 'Done' AND (verified_by IS NOT NULL AND verified_by != ''))"
	)


def test_what_counts_as_ours():
	"""R-FB-3, R-RP-3: Quality counts, Tracking is not decided yet, Disputed never."""
	assert feedback.COUNTS_AS_OURS.matches({"problem_type": feedback.QUALITY})
	assert not feedback.COUNTS_AS_OURS.matches({"problem_type": feedback.TRACKING})
	assert not feedback.COUNTS_AS_OURS.matches({"problem_type": feedback.DISPUTED})
	assert feedback.NOT_YET_DECIDED.matches({"problem_type": feedback.TRACKING})
	assert feedback.COUNTS_AS_OURS.criterion(Table()).text == "problem_type IN ('Quality Problem',)"
