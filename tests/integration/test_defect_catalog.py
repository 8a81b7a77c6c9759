"""Defect catalogs, Pareto and recurrence across plants (R-FB-2, R-FB-5, R-FB-6, R-RP-2).

The catalog: code group CS-DC-SURF (defect types) with the codes CS-DC-SCR (scratch), CS-DC-BUR
(burr) and CS-DC-DEN (dent); code group CS-DC-FIX with CS-DC-CLIP; a defect location CS-DC-LOC-A
and a cause CS-DC-CAUSE-TOOL. Seeded sheets live in June 2025, a month no other test uses.
"""

from datetime import date

import frappe
import pytest

from cs_service.access.roles import NotForCustomerUsers
from cs_service.cs_service.report.defect_pareto.defect_pareto import execute as pareto_report
from cs_service.feedback.catalog import WrongCatalogCode
from cs_service.feedback.escalation import escalation_lists
from tests.integration.factories import (
	make_customer,
	make_defect_code,
	make_feedback,
	make_site,
	make_user,
	set_settings,
)

JUNE = frappe._dict(from_date="2025-06-01", to_date="2025-06-30")
CUSTOMER = "CS DC Customer"


@pytest.fixture
def catalog():
	surface = make_defect_code("CS-DC-SURF", code_name="Surface", is_group=1)
	fixing = make_defect_code("CS-DC-FIX", code_name="Fixing", is_group=1)
	return frappe._dict(
		surface=surface,
		fixing=fixing,
		scratch=make_defect_code("CS-DC-SCR", group=surface, code_name="Scratch"),
		burr=make_defect_code("CS-DC-BUR", group=surface, code_name="Burr"),
		dent=make_defect_code("CS-DC-DEN", group=surface, code_name="Dent"),
		clip=make_defect_code("CS-DC-CLIP", group=fixing, code_name="Broken clip"),
		location=make_defect_code("CS-DC-LOC-A", "Defect Location", code_name="A-surface"),
		cause=make_defect_code("CS-DC-CAUSE-TOOL", "Cause", code_name="Tool wear"),
	)


def sheet(day, code=None, customer=CUSTOMER, item="CS-DC-PART", quantity=1, **kw):
	when = f"{day} 09:00:00"
	return make_feedback(
		customer=customer,
		item=item,
		occurred_at=when,
		reported_at=when,
		defect_code=code,
		quantity=quantity,
		submit=True,
		**kw,
	).name


# ---------------------------------------------------------------- the catalog


def test_sheets_pick_codes_of_the_right_catalog_and_the_text_stays_free(catalog):
	set_settings()
	doc = make_feedback(
		customer=CUSTOMER, defect="", defect_code=catalog.scratch, defect_location_code=catalog.location
	)
	assert doc.defect == "Scratch"  # the code's text, as no defect was typed
	typed = make_feedback(customer=CUSTOMER, defect="Deep scratch near the clip", defect_code=catalog.scratch)
	assert typed.defect == "Deep scratch near the clip"
	for values, message in (
		({"defect_code": catalog.surface}, "CS-DC-SURF is a code group; pick one of its codes"),
		({"defect_code": catalog.location}, "is a code of the catalog Defect Location, not of Defect Type"),
		({"defect_location_code": catalog.scratch}, "not of Defect Location"),
	):
		with pytest.raises(WrongCatalogCode, match=message):
			make_feedback(customer=CUSTOMER, **values)
	with pytest.raises(frappe.LinkValidationError):  # Frappe's own check of the link
		make_feedback(customer=CUSTOMER, defect_code="CS-DC-NO-SUCH")


def test_codes_sit_in_groups_of_their_own_catalog(catalog):
	with pytest.raises(WrongCatalogCode, match="belongs to the catalog Defect Type"):
		make_defect_code("CS-DC-LOC-B", "Defect Location", group=catalog.surface)
	with pytest.raises(WrongCatalogCode, match="CS-DC-SCR is not a code group"):
		make_defect_code("CS-DC-SCR-2", group=catalog.scratch)
	group = frappe.get_doc("Defect Catalog Code", catalog.surface)
	group.catalog = "Cause"
	with pytest.raises(WrongCatalogCode, match="holds codes"):
		group.save()
	# a tree: the codes sit inside their group's bounds
	lft, rgt = frappe.db.get_value("Defect Catalog Code", catalog.surface, ["lft", "rgt"])
	inside = frappe.get_all(
		"Defect Catalog Code", filters={"lft": (">", lft), "rgt": ("<", rgt)}, pluck="name", order_by="name"
	)
	assert inside == [catalog.burr, catalog.dent, catalog.scratch]


def test_a_disabled_code_stays_on_its_sheets_but_is_not_picked_again(catalog):
	set_settings()
	doc = make_feedback(customer=CUSTOMER, defect_code=catalog.dent)
	frappe.db.set_value("Defect Catalog Code", catalog.dent, "disabled", 1)
	doc.save()  # still saved with its code
	with pytest.raises(WrongCatalogCode, match="CS-DC-DEN is disabled"):
		make_feedback(customer=CUSTOMER, defect_code=catalog.dent)


def test_after_sending_only_qa_codes_the_sheet(catalog):
	set_settings()
	engineer = make_user("cs-dc-engineer", "CS Engineer")
	qa = make_user("cs-dc-qa", "QA Engineer")
	name = sheet("2025-06-03")
	frappe.set_user(engineer)
	doc = frappe.get_doc("Quality Feedback Sheet", name)
	doc.defect_code = catalog.scratch
	with pytest.raises(frappe.PermissionError, match="only QA changes the codes"):
		doc.save()
	frappe.set_user(qa)
	doc = frappe.get_doc("Quality Feedback Sheet", name)
	doc.defect_code = catalog.scratch
	doc.cause_code = catalog.cause
	doc.save()
	assert frappe.db.get_value("Quality Feedback Sheet", name, ["defect_code", "cause_code"]) == (
		catalog.scratch,
		catalog.cause,
	)


# ---------------------------------------------------------------- Pareto


@pytest.fixture
def seeded(catalog):
	"""Scratch 3 sheets (quantities 5, 1, 1), burr 2 (2, 2), clip 1 (10), dent 1 (1), and 2
	sheets without a code (3, 4); scratch once at a second customer, burr twice on a second part."""
	set_settings()
	make_customer("CS DC Customer B")
	make_site("CS DC Customer B", "Plant")
	sheets = [
		sheet("2025-06-02", catalog.scratch, quantity=5),
		sheet("2025-06-03", catalog.scratch),
		sheet("2025-06-04", catalog.scratch, customer="CS DC Customer B"),
		sheet("2025-06-05", catalog.burr, item="CS-DC-PART-2", quantity=2),
		sheet("2025-06-06", catalog.burr, item="CS-DC-PART-2", quantity=2),
		sheet("2025-06-07", catalog.clip, quantity=10),
		sheet("2025-06-08", catalog.dent),
		sheet("2025-06-09", None, quantity=3),
		sheet("2025-06-10", None, quantity=4),
	]
	sheet("2025-07-01", catalog.dent)  # outside June
	return frappe._dict(catalog=catalog, sheets=sheets)


def rows(**filters):
	_columns, data, _message, chart = pareto_report(frappe._dict(JUNE, **filters))
	return [(r["key"], r["count"], r["share"], r["cumulative"]) for r in data], chart


def test_pareto_by_defect_code_in_the_hand_computed_order(seeded):
	"""9 sheets: scratch 3 (33.3 %), burr 2 (22.2 %, cumulative 55.6 %), clip 1 and dent 1
	(11.1 % each; clip first by its code), then the 2 sheets without a code, last."""
	c = seeded.catalog
	found, chart = rows(group_by="Defect Code")
	assert found == [
		(c.scratch, 3, 33.3, 33.3),
		(c.burr, 2, 22.2, 55.6),
		(c.clip, 1, 11.1, 66.7),
		(c.dent, 1, 11.1, 77.8),
		("Not coded", 2, 22.2, 100.0),
	]
	assert chart["data"]["labels"] == [c.scratch, c.burr, c.clip, c.dent, "Not coded"]
	assert chart["data"]["datasets"][0]["values"] == [3, 2, 1, 1, 2]
	assert chart["data"]["datasets"][1]["values"] == [33.3, 55.6, 66.7, 77.8, 100.0]


def test_pareto_by_quantity_code_group_customer_and_part(seeded):
	c = seeded.catalog
	assert rows(group_by="Defect Code", measure="Quantity")[0] == [
		(c.clip, 10, 34.5, 34.5),
		(c.scratch, 7, 24.1, 58.6),
		(c.burr, 4, 13.8, 72.4),
		(c.dent, 1, 3.4, 75.9),
		("Not coded", 7, 24.1, 100.0),
	]
	assert rows(group_by="Defect Code Group")[0] == [
		(c.surface, 6, 66.7, 66.7),
		(c.fixing, 1, 11.1, 77.8),
		("Not coded", 2, 22.2, 100.0),
	]
	assert rows(group_by="Customer")[0] == [(CUSTOMER, 8, 88.9, 88.9), ("CS DC Customer B", 1, 11.1, 100.0)]
	assert rows(group_by="Part")[0] == [("CS-DC-PART", 7, 77.8, 77.8), ("CS-DC-PART-2", 2, 22.2, 100.0)]
	assert rows(group_by="Defect Code", customer="CS DC Customer B")[0] == [(c.scratch, 1, 100.0, 100.0)]


def test_the_pareto_is_internal(seeded):
	frappe.set_user(make_user("cs-dc-sqe", "Customer SQE"))
	with pytest.raises(NotForCustomerUsers):
		pareto_report(frappe._dict(JUNE))


def test_the_pareto_chart_is_on_the_workspace():
	workspace = frappe.get_doc("Workspace", "Customer Service")
	assert "Defect Pareto" in [c.chart_name for c in workspace.charts]
	chart = frappe.get_doc("Dashboard Chart", "Defect Pareto")
	assert (chart.chart_type, chart.report_name, chart.use_report_chart) == ("Report", "Defect Pareto", 1)


# ---------------------------------------------------------------- recurrence with codes, across plants

TODAY = date(2025, 6, 30)


def recurring(**settings):
	set_settings(recurrence_window_days=90, recurrence_min_occurrences=2, **settings)
	return [
		(r.group, r.item, r.defect_code, r.customers, r.count)
		for r in escalation_lists(TODAY).recurring_problems
		if r.item.startswith("CS-DC-")
	]


def test_recurrence_uses_the_code_when_there_is_one(catalog):
	set_settings()
	sheet("2025-06-02", catalog.scratch, defect="Scratch on the grain")
	sheet("2025-06-20", catalog.scratch, defect="scratched by the rack")  # other words, same code
	sheet("2025-06-21", catalog.burr, defect="Scratch on the grain")  # same words, other code
	assert recurring() == [(CUSTOMER, "CS-DC-PART", catalog.scratch, [CUSTOMER], 2)]


def test_part_p_with_code_x_at_two_plants_of_one_parent_customer_recurs(catalog):
	"""Acceptance: two plants that are separate customers under one parent customer; each has
	the defect once, so only the group makes it recur."""
	set_settings()
	group = make_customer("CS DC Group")
	plants = [make_customer("CS DC Plant North"), make_customer("CS DC Plant South")]
	for plant in plants:
		frappe.db.set_value("Customer", plant, "cs_parent_customer", group)
		make_site(plant, "Plant")
		sheet("2025-06-10", catalog.clip, customer=plant, item="CS-DC-P")
	assert recurring(recurrence_across="Parent Customer") == [(group, "CS-DC-P", catalog.clip, plants, 2)]
	assert recurring(recurrence_across="Same Customer") == []


def test_part_p_with_code_x_at_two_plants_of_one_customer_group_recurs(catalog):
	set_settings()
	if not frappe.db.exists("Customer Group", "CS DC OEM Group"):
		frappe.get_doc(
			{
				"doctype": "Customer Group",
				"customer_group_name": "CS DC OEM Group",
				"parent_customer_group": frappe.db.get_value("Customer Group", {"is_group": 1}, "name"),
			}
		).insert()
	plants = [make_customer("CS DC OEM East"), make_customer("CS DC OEM West")]
	for plant in plants:
		frappe.db.set_value("Customer", plant, "customer_group", "CS DC OEM Group")
		make_site(plant, "Plant")
		sheet("2025-06-11", catalog.clip, customer=plant, item="CS-DC-Q")
	assert recurring(recurrence_across="Customer Group") == [
		("CS DC OEM Group", "CS-DC-Q", catalog.clip, plants, 2)
	]
	assert recurring(recurrence_across="Parent Customer") == []
