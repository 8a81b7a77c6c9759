"""The demo department: made in one command through the app's controllers and ERPNext's, made
once however often it runs, and removed exactly (R-FB-3, R-FB-4, R-CT-4, R-CT-9, R-ST-2,
R-RP-3, R-US-1).

This test commits (the demo works one step per transaction, as the command does) and removes
what it made at the end, whatever happens; it is skipped on a site that has a demo already.
"""

import frappe
import pytest

from cs_service.setup.demo import builder, buttons, data, registry
from tests.integration.factories import make_outgoing_email_account, make_user


def made(doctype: str) -> list[str]:
	return frappe.get_all(
		registry.DOCTYPE,
		filters={"reference_doctype": doctype, "kind": registry.MADE},
		pluck="reference_name",
	)


def test_the_demo_is_made_once_through_the_controllers_and_removed_exactly():
	if frappe.db.count(registry.DOCTYPE):
		pytest.skip("this site has a demo department: remove it first (bench cs-service-demo --remove)")
	frappe.db.rollback()
	qa_before = frappe.db.get_single_value("CS Service Settings", "qa_recipients", cache=False)
	# a real group chat of the site's: the demo's fictional sheets must not be posted there
	channel = frappe.get_doc(
		{
			"doctype": "CS Alert Channel",
			"channel_name": "CS Demo Test Real Group",
			"platform": "WeCom",
			"webhook_url": "http://127.0.0.1:9/cgi-bin/webhook/send?key=real",
			"all_sites": 1,
			"on_sheet_sent": 1,
		}
	).insert()
	# the site's outgoing account, which every site that sends mail has: without it the sheets'
	# QA e-mails wait for one (docs/DEMO.md), and this test runs first on a new site
	make_outgoing_email_account()
	frappe.db.commit()
	before = registry.counts()
	said = []
	try:
		demo = builder.make(said.append)
		assert demo.made_now >= 100
		assert len(demo.passwords) == len(data.PEOPLE)
		assert any("Quality Feedback Sheets" in line for line in said)  # progress, step by step

		sheets = frappe.get_all(
			"Quality Feedback Sheet",
			filters={"name": ("in", made("Quality Feedback Sheet")), "docstatus": 1},
			fields=["problem_type", "timeliness", "line_stop_minutes", "tracking_status", "photo"],
		)
		assert all(s.photo and s.photo.startswith("/private/files/") for s in sheets)
		assert {s.problem_type for s in sheets} == {"Quality Problem", "Tracking Problem", "Disputed Problem"}
		assert {s.timeliness for s in sheets} == {"On time", "Late"}  # the app's own verdict
		assert any(s.line_stop_minutes for s in sheets)
		assert "Closed" in {s.tracking_status for s in sheets}
		slips = frappe.get_all(
			"Suspect Part Slip", filters={"name": ("in", made("Suspect Part Slip"))}, pluck="workflow_state"
		)
		assert sorted(slips) == ["Pending SQE", "Signed"]
		verdicts = frappe.get_all(
			"Service Confirmation Sheet",
			filters={"name": ("in", made("Service Confirmation Sheet")), "docstatus": 1},
			pluck="sqe_verdict",
		)
		assert sorted(set(verdicts)) == ["Executed as Required", "Not Executed as Required"]
		assert (
			frappe.db.count("Staff Violation", {"violation_type": "Not Executed as Required", "docstatus": 1})
			>= 2
		)
		[report] = made("Monthly Quality Report")
		assert frappe.db.get_value("Monthly Quality Report", report, ["quality_deck", "line_stop_deck"])[1]
		assert frappe.db.get_value("Delivery Note", {"name": ("in", made("Delivery Note")), "is_return": 1})
		engineer = data.PEOPLE[0].email
		assert frappe.db.get_value("User", engineer, "user_type") == "System User"
		assert frappe.db.get_value("User", data.PEOPLE[-1].email, "user_type") == "Website User"  # the SQE

		# the demo's sheets were e-mailed to the demo QA only, and the site's QA recipients are as they were
		queues = frappe.get_all(
			"Email Queue",
			filters={
				"reference_doctype": "Quality Feedback Sheet",
				"reference_name": ("in", made("Quality Feedback Sheet")),
			},
			pluck="name",
		)
		assert len(queues) == len(sheets)
		recipients = set(
			frappe.get_all("Email Queue Recipient", filters={"parent": ("in", queues)}, pluck="recipient")
		)
		assert recipients == {next(p.email for p in data.PEOPLE if p.key == "qa")}
		assert frappe.db.get_single_value("CS Service Settings", "qa_recipients", cache=False) == qa_before
		assert frappe.db.count("CS Alert Message", {"channel": channel.name}) == 0

		# a sheet deleted before the demo, whose name the demo's sheet was given again: its copy in
		# the recycle bin is the site's, not the demo's, and stays
		sheet = made("Quality Feedback Sheet")[0]
		older = frappe.get_doc(
			{
				"doctype": "Deleted Document",
				"deleted_doctype": "Quality Feedback Sheet",
				"deleted_name": sheet,
				"data": "{}",
			}
		).insert(ignore_permissions=True)
		made_at = frappe.db.get_value("Quality Feedback Sheet", sheet, "creation")
		older.db_set("creation", frappe.utils.add_days(made_at, -1), update_modified=False)
		frappe.db.commit()

		again = builder.make(said.append)
		assert again.made_now == 0 and again.passwords == {}
		assert frappe.db.count(
			"Quality Feedback Sheet", {"name": ("in", made("Quality Feedback Sheet"))}
		) == len(sheets)
	finally:
		builder.remove(said.append)
		frappe.delete_doc("CS Alert Channel", channel.name, force=True, delete_permanently=True)
		frappe.db.delete(
			"Comment", {"comment_type": "Deleted", "subject": f"CS Alert Channel {channel.name}"}
		)
		frappe.db.commit()
	assert frappe.db.exists("Deleted Document", older.name)
	frappe.db.delete("Deleted Document", {"name": older.name})
	frappe.db.commit()
	after = registry.counts()
	assert {k: (before.get(k), v) for k, v in after.items() if v != before.get(k)} == {}
	assert not frappe.flags.mute_messages  # the site's messages speak again after the demo
	assert not frappe.db.exists("User", data.PEOPLE[0].email)


def test_only_a_system_manager_starts_the_demo_from_the_settings():
	frappe.set_user(make_user("cs-demo-manager", "CS Manager"))
	with pytest.raises(frappe.PermissionError):
		buttons.make_demo()
	with pytest.raises(frappe.PermissionError):
		buttons.remove_demo()
