"""Records that cannot be bent: the first-report time (R-FB-4), the breakpoint
evidence (R-CT-7, R-CT-8), the plant's time zone, a sheet closed with nothing to correct
(R-RP-1) and the settings' bounds."""

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime

from cs_service.cs_service.doctype.containment_screening.containment_screening import InvalidScreening
from cs_service.cs_service.doctype.quality_feedback_sheet.quality_feedback_sheet import IncompleteFeedback
from tests.integration.clock import frozen
from tests.integration.factories import (
	make_customer,
	make_feedback,
	make_screening,
	make_site,
	make_user,
	set_settings,
)

CUSTOMER = "CS Trust Customer"
DAY_AND_NIGHT = [("Day", "08:00", "20:00"), ("Night", "20:00", "08:00")]


@pytest.fixture
def w():
	engineer = make_user("cs-trust-engineer", "CS Engineer")
	qa = make_user("cs-trust-qa", "QA Engineer")
	manager = make_user("cs-trust-manager", "CS Manager")
	outsider = make_user("cs-trust-outsider", "CS Engineer")
	customer = make_customer(CUSTOMER)
	site = make_site(customer, "Trust Plant", engineers=[engineer], shifts=DAY_AND_NIGHT)
	set_settings()
	return frappe._dict(
		engineer=engineer, qa=qa, manager=manager, outsider=outsider, customer=customer, site=site.name
	)


def versions(doc):
	return frappe.get_all("Version", filters={"ref_doctype": doc.doctype, "docname": doc.name}, pluck="data")


# ---------------------------------------------------------------- R-FB-4: the 15-minute clock


def test_a_first_report_five_minutes_in_the_future_is_refused(w):
	frappe.set_user(w.engineer)
	future = add_to_date(now_datetime(), minutes=5)
	with pytest.raises(IncompleteFeedback, match="First Reported At: cannot be in the future"):
		make_feedback(
			customer=w.customer, customer_site=w.site, occurred_at=now_datetime(), reported_at=future
		)
	frappe.local.lang = "zh"
	try:
		with pytest.raises(IncompleteFeedback, match="首次报告时间"):
			make_feedback(
				customer=w.customer, customer_site=w.site, occurred_at=now_datetime(), reported_at=future
			)
	finally:
		frappe.local.lang = "en"


def test_after_sending_the_engineer_cannot_correct_the_first_report_qa_can_with_a_reason(w):
	frappe.set_user(w.engineer)
	with frozen("2026-03-10 10:00:00.100000"):
		sheet = make_feedback(
			customer=w.customer,
			customer_site=w.site,
			occurred_at="2026-03-10 09:30:00",
			reported_at="2026-03-10 09:40:00",
		)
		sheet.reported_at = "2026-03-10 09:45:00"  # a correction before sending: kept in the versions
		sheet.save(ignore_version=False)  # Frappe keeps no versions under tests unless asked
		sheet.submit()
	assert frappe.db.get_value(sheet.doctype, sheet.name, "timeliness") == "Late"
	assert any("09:45:00" in v for v in versions(sheet))

	with frozen("2026-03-10 11:00:00.100000"):
		mine = frappe.get_doc(sheet.doctype, sheet.name)
		mine.reported_at = "2026-03-10 09:58:00"  # would make the sheet On time
		with pytest.raises(frappe.PermissionError):
			mine.save()
		frappe.set_user(w.qa)
		theirs = frappe.get_doc(sheet.doctype, sheet.name)
		theirs.reported_at = "2026-03-10 09:50:00"
		with pytest.raises(frappe.MandatoryError):
			theirs.save()
		theirs = frappe.get_doc(sheet.doctype, sheet.name)
		theirs.reported_at = "2026-03-10 09:50:00"
		theirs.report_time_correction_reason = "The operator's call came at 09:50, the log shows it"
		theirs.save(ignore_version=False)
		again = frappe.get_doc(sheet.doctype, sheet.name)
		again.reported_at = "2026-03-10 10:05:00"  # after it was sent
		again.report_time_correction_reason = "typo"
		with pytest.raises(IncompleteFeedback, match="after the sheet was sent"):
			again.save()
	stored = frappe.db.get_value(
		sheet.doctype, sheet.name, ["reported_at", "deadline", "timeliness"], as_dict=True
	)
	assert (str(stored.reported_at), str(stored.deadline), stored.timeliness) == (
		"2026-03-10 09:50:00",
		"2026-03-10 10:05:00",
		"On time",
	)
	assert any("09:50:00" in v and "reported_at" in v for v in versions(sheet))


def test_the_server_keeps_the_deadline_and_the_result(w):
	frappe.set_user(w.engineer)
	with frozen("2026-03-10 10:00:00.100000"):
		sheet = make_feedback(
			customer=w.customer,
			customer_site=w.site,
			occurred_at="2026-03-10 09:30:00",
			reported_at="2026-03-10 09:40:00",
		)
		sheet.submit()
	frappe.set_user(w.qa)
	doc = frappe.get_doc(sheet.doctype, sheet.name)
	doc.timeliness = "On time"
	doc.root_cause = "Tool wear"
	doc.save()
	assert frappe.db.get_value(sheet.doctype, sheet.name, "timeliness") == "Late"


# ---------------------------------------------------------------- R-CT-7/8: breakpoint evidence

HANDOVER = {"handed_to": "Li Wei (shift SQE)", "handed_at": "2026-03-10 18:30:00"}


def screening(w, **kw):
	sheet = make_feedback(customer=w.customer, customer_site=w.site, submit=True)
	return make_screening(sheet.name, engineer=w.engineer, **HANDOVER, **kw)


def test_a_screening_backdated_before_its_handover_is_refused(w):
	doc = screening(w)
	doc.parts_reached_line_at = "2026-03-10 18:00:00"
	with pytest.raises(InvalidScreening, match="handed to the shift SQE"):
		doc.save()
	doc.reload()
	doc.parts_reached_line_at = add_to_date(now_datetime(), hours=2)
	with pytest.raises(InvalidScreening, match="future"):
		doc.save()


def failed(w):
	doc = screening(w)
	for row in doc.areas:
		if row.area != "Paint Shop":
			row.update({"screened": 1, "screened_by": w.engineer, "screened_at": "2026-03-10 17:00:00"})
	doc.parts_reached_line_at = "2026-03-10 19:00:00"
	doc.save()
	frappe.set_user(w.engineer)
	with frozen("2026-03-10 23:00:00.100000"):
		frappe.get_doc(doc.doctype, doc.name).confirm_breakpoint(held=False)
	return frappe.get_doc(doc.doctype, doc.name)


def test_the_engineer_cannot_clear_recorded_failure_evidence(w):
	doc = failed(w)
	assert doc.missed_areas == "Paint Shop"
	doc.failed_at = None
	doc.missed_areas = ""
	with pytest.raises(frappe.PermissionError, match="CS Manager"):
		doc.save()
	stored = frappe.db.get_value(
		doc.doctype, doc.name, ["failed_at", "missed_areas", "screening_round"], as_dict=True
	)
	assert (str(stored.failed_at)[:19], stored.missed_areas, stored.screening_round) == (
		"2026-03-10 23:00:00",
		"Paint Shop",
		2,
	)

	frappe.set_user(w.manager)
	doc = frappe.get_doc(doc.doctype, doc.name)
	doc.missed_areas = "Paint Shop\nSupplier hub"
	with pytest.raises(frappe.MandatoryError):
		doc.save()
	doc = frappe.get_doc(doc.doctype, doc.name)
	doc.missed_areas = "Paint Shop\nSupplier hub"
	doc.evidence_correction_reason = "The supplier hub was missed as well (audit of 11 March)"
	doc.save()
	assert frappe.db.get_value(doc.doctype, doc.name, "missed_areas") == "Paint Shop\nSupplier hub"


def test_failure_evidence_is_not_made_by_a_plain_save(w):
	doc = screening(w)
	frappe.set_user(w.engineer)
	doc = frappe.get_doc(doc.doctype, doc.name)
	doc.missed_areas = "Body Shop"
	with pytest.raises(frappe.PermissionError):
		doc.save()


def test_the_screening_engineer_is_a_cs_engineer_of_the_site(w):
	sheet = make_feedback(customer=w.customer, customer_site=w.site, submit=True)
	with pytest.raises(InvalidScreening, match="not assigned"):
		make_screening(sheet.name, engineer=w.outsider)
	with pytest.raises(InvalidScreening, match="not a CS Engineer"):
		make_screening(sheet.name, engineer=w.qa)


# ---------------------------------------------------------------- the plant's clock


def test_the_follow_up_ends_on_the_plants_clock(w):
	"""The system runs on Asia/Shanghai; a plant in Europe/Berlin (UTC+1 in March, 7 hours
	behind) has day 08-20 and night 20-08 on its own clock."""
	frappe.db.set_single_value("System Settings", "time_zone", "Asia/Shanghai")
	site = frappe.get_doc("Customer Site", w.site)
	site.time_zone = "Europe/Berlin"
	site.save()
	frappe.clear_cache(doctype="Customer Site")
	doc = screening(w)
	# 19:00 in Shanghai is 12:00 in Berlin: day shift, followed to the end of the night (08:00 Berlin)
	doc.parts_reached_line_at = "2026-03-10 19:00:00"
	doc.handed_at = "2026-03-10 18:30:00"
	doc.save()
	assert str(doc.follow_up_until) == "2026-03-11 15:00:00"  # 08:00 Berlin = 15:00 Shanghai


def test_a_site_gets_the_system_time_zone_and_refuses_an_unknown_one(w):
	site = frappe.get_doc("Customer Site", w.site)
	assert site.time_zone == frappe.utils.get_system_timezone()
	site.time_zone = "Mars/Olympus"
	with pytest.raises(frappe.ValidationError, match="Time Zone"):
		site.save()


# ---------------------------------------------------------------- R-RP-1: nothing to correct


def test_qa_closes_a_sheet_with_nothing_to_correct_with_a_reason(w):
	frappe.set_user(w.engineer)
	sheet = make_feedback(
		customer=w.customer, customer_site=w.site, problem_type="Tracking Problem", submit=True
	)
	mine = frappe.get_doc(sheet.doctype, sheet.name)
	mine.close_reason = "not ours"
	mine.save()  # the engineer's value of a QA field is not taken
	assert frappe.db.get_value(sheet.doctype, sheet.name, "tracking_status") == "Open"

	frappe.set_user(w.qa)
	doc = frappe.get_doc(sheet.doctype, sheet.name)
	doc.problem_type = "Disputed Problem"
	doc.close_reason = "Scratch made by the customer's fixture, confirmed with the SQE"
	doc.save()
	stored = frappe.db.get_value(sheet.doctype, sheet.name, ["tracking_status", "closed_on"], as_dict=True)
	assert stored.tracking_status == "Closed" and stored.closed_on

	from cs_service.figures.live import complaint_kpi

	frappe.set_user("Administrator")
	day = frappe.utils.getdate(doc.occurred_at)
	kpi = complaint_kpi(day, day, customer=w.customer)
	assert (kpi["received"], kpi["handled"], kpi["rate"]) == (1, 1, 100)


# ---------------------------------------------------------------- settings


@pytest.mark.parametrize(
	"field, value",
	[
		("recurrence_window_days", 0),
		("recurrence_min_occurrences", 0),
		("major_customer_count", 0),
		("handover_confirmation_hours", 0),
		("monthly_report_day", 22),
		("gm_recipients", "gm@example.com; not an address"),
	],
)
def test_settings_refuse_values_out_of_bounds(field, value):
	settings = frappe.get_single("CS Service Settings")
	settings.set(field, value)
	label = settings.meta.get_label(field)
	with pytest.raises(frappe.ValidationError, match=label.split(" (")[0]):
		settings.save()


def test_settings_split_addresses_as_frappe_does():
	settings = set_settings(gm_recipients="gm@example.com, deputy@example.com;\nboard@example.com")
	assert settings.gm_recipients.splitlines() == [
		"gm@example.com",
		"deputy@example.com",
		"board@example.com",
	]
