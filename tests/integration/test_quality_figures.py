"""The monthly quality figures kept as they happen (R-RP-2, R-RP-3).

Delivery notes (with a return and an amendment) and feedback sheets go through ERPNext's and
the app's controllers; after each change the aggregate (CS Quality Figure) must equal what the
raw records give (:func:`cs_service.figures.kept.differences`), and a rebuild must give the same
rows again. The reports must give the same figures whether a month is read from the aggregate
or from the raw records.
"""

import random

import frappe
import pytest
from erpnext.stock.doctype.delivery_note.delivery_note import make_sales_return

from cs_service.figures import kept, live
from cs_service.rules import aggregate
from tests.integration.factories import make_customer, make_feedback, make_item, make_site, set_settings
from tests.integration.test_quality_reports import deliver, ticking

CUSTOMER = "CS Figures Customer"
OTHER = "CS Figures Customer 2"
PARTS = ("CS-FIG-P", "CS-FIG-Q")
MONTHS = ("2026-05", "2026-06", "2026-07")


@pytest.fixture
def world():
	for customer in (CUSTOMER, OTHER):
		make_customer(customer)
		make_site(customer)
		for part in PARTS:
			make_item(f"{part}-{customer[-1]}", customer=customer)
	set_settings(qa_recipients="qa@cs-test.example.com")


def part_of(customer, index=0):
	return f"{PARTS[index]}-{customer[-1]}"


def rows(months=MONTHS):
	return {
		(r.month, r.company, r.customer, r.item): {c: float(r[c]) for c in aggregate.COUNTERS}
		for r in frappe.get_all(
			kept.DOCTYPE,
			filters={"month": ("in", months), "customer": ("in", [CUSTOMER, OTHER])},
			fields=["month", "company", "customer", "item", *aggregate.COUNTERS],
		)
		if any(r[c] for c in aggregate.COUNTERS)
	}


def figure(month, customer, item, company=None):
	name = aggregate.key_name((month, company or "", customer, item))
	return frappe.db.get_value(kept.DOCTYPE, name, aggregate.COUNTERS, as_dict=True) or {}


def sheet(customer, item, occurred, **kw):
	doc = make_feedback(customer=customer, item=item, occurred_at=occurred, reported_at=occurred, **kw)
	with ticking(occurred):
		doc.submit()
	return doc


def test_a_delivery_note_adds_on_submit_and_takes_away_on_cancel_in_its_own_transaction(world):
	dn = deliver(CUSTOMER, part_of(CUSTOMER), 400, "2026-05-10 09:00")
	row = figure("2026-05", CUSTOMER, part_of(CUSTOMER), dn.company)
	assert (row.delivered_qty, row.returned_qty, row.delivery_lines) == (400, 0, 1)

	with ticking("2026-06-02 10:00"):
		ret = make_sales_return(dn.name)
		ret.items[0].qty = -30
		ret.insert()
		ret.submit()
	row = figure("2026-06", CUSTOMER, part_of(CUSTOMER), dn.company)
	assert (row.delivered_qty, row.returned_qty, row.delivery_lines) == (
		0,
		30,
		1,
	)  # in the month of the return

	ret.cancel()
	assert figure("2026-06", CUSTOMER, part_of(CUSTOMER), dn.company).delivery_lines == 0
	assert kept.differences(MONTHS) == []


def test_an_amended_delivery_note_counts_once(world):
	dn = deliver(CUSTOMER, part_of(CUSTOMER), 100, "2026-05-11 09:00")
	dn.cancel()
	amended = frappe.copy_doc(dn)
	amended.amended_from = dn.name
	amended.docstatus = 0
	amended.items[0].qty = 80
	with ticking("2026-05-11 10:00"):
		amended.insert()
		amended.submit()
	row = figure("2026-05", CUSTOMER, part_of(CUSTOMER), dn.company)
	assert (row.delivered_qty, row.delivery_lines) == (80, 1)
	assert kept.differences(MONTHS) == []


def test_a_sheet_adds_its_defects_and_line_stop_and_a_reclassification_moves_them(world):
	doc = sheet(CUSTOMER, part_of(CUSTOMER), "2026-05-20 23:30", quantity=6, line_stop_minutes=45)
	row = figure("2026-05", CUSTOMER, part_of(CUSTOMER))
	assert (row.defective_qty, row.defect_sheets, row.line_stop_minutes, row.undecided_minutes) == (
		6,
		1,
		45,
		0,
	)

	doc.reload()
	doc.problem_type = "Tracking Problem"  # QA reclassifies (Administrator holds the role)
	doc.save()
	row = figure("2026-05", CUSTOMER, part_of(CUSTOMER))
	assert (row.defective_qty, row.defect_sheets, row.line_stop_minutes, row.undecided_minutes) == (
		0,
		0,
		0,
		45,
	)

	doc.reload()
	doc.problem_type = "Disputed Problem"
	doc.save()
	assert not any(figure("2026-05", CUSTOMER, part_of(CUSTOMER)).values())

	doc.reload()
	doc.problem_type = "Quality Problem"
	doc.save()
	doc.reload()
	doc.cancel()
	assert not any(figure("2026-05", CUSTOMER, part_of(CUSTOMER)).values())
	assert kept.differences(MONTHS) == []


def test_the_aggregate_equals_the_raw_records_after_random_changes_and_after_a_rebuild(world):
	"""Random deliveries, returns, sheets, cancels, amends and
	reclassifications; the aggregate equals the raw records, and a rebuild gives the same rows."""
	rng = random.Random(14)
	notes, sheets = [], []
	for _i in range(8):
		customer = rng.choice((CUSTOMER, OTHER))
		month = rng.choice(MONTHS)
		notes.append(
			deliver(
				customer,
				part_of(customer, rng.randrange(2)),
				rng.randint(10, 500),
				f"{month}-0{rng.randint(1, 9)} 08:00",
			)
		)
	for _i in range(10):
		customer = rng.choice((CUSTOMER, OTHER))
		sheets.append(
			sheet(
				customer,
				rng.choice((part_of(customer, 0), part_of(customer, 1), None)) or part_of(customer),
				f"{rng.choice(MONTHS)}-1{rng.randint(0, 9)} 1{rng.randint(0, 9)}:00",
				quantity=rng.randint(1, 9),
				line_stop_minutes=rng.choice((0, 0, 15, 90)),
				problem_type=rng.choice(("Quality Problem", "Tracking Problem", "Disputed Problem")),
			)
		)
	for dn in rng.sample(notes, 3):
		dn.reload()
		dn.cancel()
		if rng.random() < 0.7:
			amended = frappe.copy_doc(dn)
			amended.amended_from = dn.name
			amended.docstatus = 0
			amended.items[0].qty = rng.randint(1, int(dn.items[0].qty))
			with ticking(f"{dn.posting_date} 12:00"):
				amended.insert()
				amended.submit()
	for doc in rng.sample(sheets, 4):
		doc.reload()
		doc.problem_type = rng.choice(("Quality Problem", "Tracking Problem", "Disputed Problem"))
		doc.save()
	for doc in rng.sample(sheets, 2):
		doc.reload()
		doc.cancel()

	assert kept.differences(MONTHS) == []
	before = rows()
	assert before  # the test made figures at all
	for month in MONTHS:
		kept.rebuild_month(month)
	assert rows() == before
	assert kept.differences(MONTHS) == []


def test_reports_give_the_same_figures_from_the_aggregate_and_from_the_raw_records(world):
	"""A period of whole months reads the aggregate; the same period cut in partial months
	reads the raw records for those days: the figures are the same."""
	deliver(CUSTOMER, part_of(CUSTOMER), 1000, "2026-05-03 08:00")
	deliver(CUSTOMER, part_of(CUSTOMER), 500, "2026-06-28 08:00")
	sheet(CUSTOMER, part_of(CUSTOMER), "2026-05-04 10:00", quantity=3, line_stop_minutes=20)
	sheet(
		CUSTOMER,
		part_of(CUSTOMER),
		"2026-06-29 10:00",
		quantity=2,
		problem_type="Tracking Problem",
		line_stop_minutes=5,
	)

	assert [
		p.whole for p in kept.parts(frappe.utils.getdate("2026-05-01"), frappe.utils.getdate("2026-06-30"))
	] == [True]
	whole = live.delivery_quality("2026-05-01", "2026-06-30", customer=CUSTOMER)
	assert [(r["month"], r["delivered"], r["defective"]) for r in whole] == [
		("2026-05", 1000, 3),
		("2026-06", 500, 0),
	]
	# 2 May to 29 June: both months partial, with records on their other days (1 May, 30 June):
	# read from the raw records
	deliver(CUSTOMER, part_of(CUSTOMER), 7, "2026-05-01 08:00")
	deliver(CUSTOMER, part_of(CUSTOMER), 9, "2026-06-30 08:00")
	parts = kept.parts(frappe.utils.getdate("2026-05-02"), frappe.utils.getdate("2026-06-29"))
	assert [p.whole for p in parts] == [False, False]
	partial = live.delivery_quality("2026-05-02", "2026-06-29", customer=CUSTOMER)
	assert [(r["month"], r["delivered"], r["defective"]) for r in partial] == [
		("2026-05", 1000, 3),
		("2026-06", 500, 0),
	]
	stops = live.line_stop_minutes("2026-05-01", "2026-06-30", customer=CUSTOMER)
	assert [
		(r["month"], r["minutes"], r["undecided_minutes"], len(r["sheets"]), len(r["undecided_sheets"]))
		for r in stops
	] == [
		("2026-05", 20, 0, 1, 0),
		("2026-06", 0, 5, 0, 1),
	]
	assert stops == live.line_stop_minutes("2026-05-02", "2026-06-29", customer=CUSTOMER)
	# a partial month without records on its other days is read from the aggregate
	assert [
		p.whole for p in kept.parts(frappe.utils.getdate("2026-07-01"), frappe.utils.getdate("2026-07-15"))
	] == [True]


def test_the_figures_are_read_only_for_every_role(world):
	"""Only the ledger writes figures: no role may create, edit or delete one in the desk or over
	REST; CS Managers and QA read them, a Customer SQE does not."""
	from tests.integration.factories import make_user

	users = {
		role: make_user("cs-fig-" + role.replace(" ", "-").lower(), role)
		for role in ("CS Manager", "QA Engineer", "System Manager", "Customer SQE", "CS Engineer")
	}
	for role, user in users.items():
		for ptype in ("create", "write", "delete", "submit"):
			assert not frappe.has_permission(kept.DOCTYPE, ptype, user=user), (role, ptype)
		assert frappe.has_permission(kept.DOCTYPE, "read", user=user) == (
			role in ("CS Manager", "QA Engineer", "System Manager")
		), role


def test_a_rebuild_removes_figures_of_months_without_records():
	"""A figure in a month with no submitted record (a delivery note deleted behind the app's
	back, say) is a difference the check names, and a rebuild removes it."""
	kept.apply({("2001-01", "", CUSTOMER, ""): {"line_stop_minutes": 5, "line_stop_sheets": 1}})
	stray = [d for d in kept.differences() if d["key"] and d["key"][0] == "2001-01"]
	assert [d["counter"] for d in stray] == ["month"]
	kept.rebuild(commit=False)
	assert not frappe.db.exists(kept.DOCTYPE, {"month": "2001-01"})
	assert [d for d in kept.differences() if d["key"] and d["key"][0] == "2001-01"] == []
