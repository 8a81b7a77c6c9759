"""Trial Fit Verification of a new part at the customer (R-PL-6)."""

import base64

import frappe
import pytest

from cs_service.cs_service.doctype.trial_fit_verification.trial_fit_verification import IncompleteTrialFit
from cs_service.integrity.attachments import NotAnAttachment
from tests.integration.factories import make_contact, make_customer, make_item, make_site, make_user

# a 2x2 PNG: the photo of the trial fit
PNG = base64.b64decode(
	"iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=="
)
CUSTOMER = "CS TFV Customer"
PART = "CS-TFV-PART"


def make_trial_fit(participants, **kw):
	make_customer(CUSTOMER)
	make_item(PART, customer=CUSTOMER)
	return frappe.get_doc(
		{
			"doctype": "Trial Fit Verification",
			"customer": CUSTOMER,
			"item": PART,
			"trial_date": "2026-03-10",
			"vehicle_model": "Project X1",
			"participants": participants,
			"function_features": "Seals the door at the B-pillar",
			"matching_relations": "Door frame: gap 4 +/- 0.5 mm, flush 0 +/- 0.5 mm",
			"key_control_points": "Clip positions 1-6; gap at the belt line",
			**kw,
		}
	).insert()


def test_a_trial_fit_with_both_sides_and_a_result_is_submitted():
	dev = make_user("cs-tfv-dev", "CS Engineer")
	site = make_site(make_customer(CUSTOMER))
	site.append("stations", {"shop": "Final Assembly", "section": "Doors", "station": "FA-05"})
	site.save()
	contact = make_contact(CUSTOMER, "Liu", role="Product Engineer")
	doc = make_trial_fit(
		[
			{"participant_type": "Development Engineer", "user": dev},
			{"participant_type": "Customer's Representative", "contact": contact.name},
		],
		customer_site=site.name,
		shop="Final Assembly",
		station="fa-05",
	)
	assert [p.full_name for p in doc.participants] == ["cs-tfv-dev", "Liu"]
	assert doc.station == "FA-05"
	# a photo is a File of this trial fit: a URL of no File of it is refused
	doc.append("photos", {"photo": "/files/trial-fit.jpg", "caption": "Gap at the belt line"})
	with pytest.raises(NotAnAttachment):
		doc.save()
	doc.reload()
	photo = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "trial-fit.png",
			"content": PNG,
			"is_private": 1,
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
		}
	).insert()
	doc.append("photos", {"photo": photo.file_url, "caption": "Gap at the belt line"})
	doc.save()
	doc.result = "Passed"
	doc.submit()
	assert doc.docstatus == 1


def test_submit_needs_the_result_and_both_sides():
	doc = make_trial_fit([{"participant_type": "Tooling Engineer", "full_name": "Zhang (tooling)"}])
	doc.result = "Passed"
	with pytest.raises(IncompleteTrialFit, match="customer"):
		doc.submit()
	doc.reload()
	doc.append("participants", {"participant_type": "Customer's Representative", "full_name": "Mr Sun"})
	doc.save()
	doc.result = "Failed"
	with pytest.raises(IncompleteTrialFit, match="Problems Found"):
		doc.submit()
	doc.reload()
	doc.problems_found = "Gap 6 mm at the belt line"
	doc.support_given = "Tooling adjusts clip tower 3; re-trial next week"
	doc.result = "Failed"
	doc.submit()
	assert doc.docstatus == 1


def test_a_participant_needs_a_name():
	with pytest.raises(IncompleteTrialFit):
		make_trial_fit([{"participant_type": "Customer's Representative"}])
