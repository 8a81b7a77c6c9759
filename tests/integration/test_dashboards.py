"""Customer, Item and Customer Site show their feedback sheets."""

import frappe
from frappe.desk.notifications import get_open_count

from tests.integration.factories import make_feedback, set_settings


def counts(doctype, name):
	found = get_open_count(doctype, name)["count"]["external_links_found"]
	return {row["doctype"]: row["count"] for row in found}


def test_feedback_sheets_are_counted_on_customer_item_and_site_dashboards():
	set_settings()
	doc = make_feedback(customer="CS Dash Customer", item="CS-DASH-PART", submit=True)
	make_feedback(customer="CS Dash Customer", item="CS-DASH-PART")
	assert counts("Customer", "CS Dash Customer")["Quality Feedback Sheet"] == 2
	assert counts("Customer", "CS Dash Customer")["Customer Site"] == 1
	assert counts("Item", "CS-DASH-PART")["Quality Feedback Sheet"] == 2
	assert counts("Customer Site", doc.customer_site)["Quality Feedback Sheet"] == 2


def test_dashboard_groups_are_labelled():
	meta = frappe.get_meta("Customer").get_dashboard_data()
	labels = [t["label"] for t in meta.transactions]
	assert "Customer Service" in labels
