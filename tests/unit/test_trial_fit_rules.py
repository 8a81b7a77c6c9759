"""R-PL-6: trial fit and matching verification."""

from cs_service.rules import trial_fit


def person(role, **kw):
	return {"participant_type": role, **kw}


def test_participant_needs_a_role_and_a_name():
	assert trial_fit.participant_problems(person("Tooling Engineer", user="t@x")) == []
	assert trial_fit.participant_problems(person("Customer's Representative", full_name="Li Wei")) == []
	assert trial_fit.participant_problems(person("Customer's Representative")) == ["no_name"]
	assert trial_fit.participant_problems(person("Cook", full_name="X")) == ["unknown_role"]


def test_our_people_are_not_customer_contacts():
	assert trial_fit.participant_problems(person("Our SQE Contact", contact="C-1")) == [
		"ours_as_customer_contact"
	]
	assert trial_fit.participant_problems(person("Our SQE Contact", contact="C-1", user="s@x")) == []


def test_submit_needs_a_result_and_both_sides():
	ours, theirs = (
		person("Development Engineer", user="d@x"),
		person("Customer's Representative", contact="C-1"),
	)
	assert trial_fit.missing_for_submit({"result": "Passed"}, [ours, theirs]) == []
	assert trial_fit.missing_for_submit({}, [ours, theirs]) == ["no_result"]
	assert trial_fit.missing_for_submit({"result": "Passed"}, [ours]) == ["no_customer_participant"]
	assert trial_fit.missing_for_submit({"result": "Passed"}, [theirs]) == ["no_participant_of_ours"]


def test_a_trial_that_did_not_simply_pass_says_what_was_found():
	both = [person("Tooling Engineer", user="t@x"), person("Customer's Representative", full_name="Li")]
	assert trial_fit.missing_for_submit({"result": "Failed"}, both) == ["problems_not_described"]
	assert trial_fit.missing_for_submit(
		{"result": "Passed with Conditions", "problems_found": " "}, both
	) == ["problems_not_described"]
	assert (
		trial_fit.missing_for_submit({"result": "Failed", "problems_found": "Gap 3 mm at the A-pillar"}, both)
		== []
	)
