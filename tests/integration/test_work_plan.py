"""Monthly Work Plan of the CS department (R-PL-3)."""

import frappe
import pytest

from cs_service.cs_service.doctype.monthly_work_plan.monthly_work_plan import (
	DuplicateWorkPlan,
	InvalidWorkItem,
)
from tests.integration.factories import make_user


def make_work_plan(items, **kw):
	return frappe.get_doc(
		{"doctype": "Monthly Work Plan", "year": 2026, "month": "March", "items": items, **kw}
	).insert()


def test_progress_counts_done_items_and_leaves_cancelled_out():
	owner = make_user("cs-mwp-engineer", "CS Engineer")
	plan = make_work_plan(
		[
			{"task": "Visit customer A", "responsible": owner, "due_date": "2026-03-10", "status": "Done", "done_on": "2026-03-09"},
			{"task": "Train new resident engineer", "responsible": owner, "due_date": "2026-03-20", "status": "In Progress"},
			{"task": "Update contact list", "responsible": owner, "due_date": "2026-03-25"},
			{"task": "Old idea", "responsible": owner, "due_date": "2026-03-25", "status": "Cancelled"},
		]
	)  # fmt: skip
	assert plan.name == "MWP-2026-03"
	assert plan.progress == 33  # 1 of 3
	plan.items[1].status, plan.items[1].done_on = "Done", "2026-03-19"
	plan.save()
	assert plan.progress == 67


def test_one_plan_per_month_and_department():
	owner = make_user("cs-mwp-engineer", "CS Engineer")
	make_work_plan([{"task": "A", "responsible": owner, "due_date": "2026-03-10"}])
	with pytest.raises(DuplicateWorkPlan):
		make_work_plan([{"task": "B", "responsible": owner, "due_date": "2026-03-10"}])


def test_a_done_item_needs_its_date():
	owner = make_user("cs-mwp-engineer", "CS Engineer")
	with pytest.raises(InvalidWorkItem):
		make_work_plan([{"task": "A", "responsible": owner, "due_date": "2026-03-10", "status": "Done"}])
