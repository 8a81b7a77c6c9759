"""Trial fit and matching verification of a new part at the customer (R-PL-6).

The trial is done together: at least one of our people (SQE contact, development or tooling
engineer) and one of the customer's. Its result is given before it is submitted, and a trial
that did not simply pass says what was found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

OUR_SQE = "Our SQE Contact"
DEVELOPMENT = "Development Engineer"
TOOLING = "Tooling Engineer"
CUSTOMER = "Customer's Representative"
OUR_ROLES = (OUR_SQE, DEVELOPMENT, TOOLING)
PARTICIPANT_ROLES = (*OUR_ROLES, CUSTOMER)

PASSED = "Passed"
PASSED_WITH_CONDITIONS = "Passed with Conditions"
FAILED = "Failed"
RESULTS = (PASSED, PASSED_WITH_CONDITIONS, FAILED)


def participant_problems(row: Mapping) -> list[str]:
	problems = []
	if row.get("participant_type") not in PARTICIPANT_ROLES:
		problems.append("unknown_role")
	if not (row.get("full_name") or row.get("user") or row.get("contact")):
		problems.append("no_name")
	if row.get("participant_type") in OUR_ROLES and row.get("contact") and not row.get("user"):
		problems.append("ours_as_customer_contact")
	return problems


def missing_for_submit(values: Mapping, participants: Iterable[Mapping]) -> list[str]:
	"""What a trial fit lacks before it can be submitted (codes)."""
	roles = {p.get("participant_type") for p in participants}
	missing = []
	if values.get("result") not in RESULTS:
		missing.append("no_result")
	if not roles.intersection(OUR_ROLES):
		missing.append("no_participant_of_ours")
	if CUSTOMER not in roles:
		missing.append("no_customer_participant")
	if (
		values.get("result") in (PASSED_WITH_CONDITIONS, FAILED)
		and not (values.get("problems_found") or "").strip()
	):
		missing.append("problems_not_described")
	return missing
