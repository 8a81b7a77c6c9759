"""What the desk's scripts need from the rules, sent once with the boot (no extra request).

the Quality Feedback Sheet form marks the fields required before sending and counts
those still empty while the engineer types; the list is :mod:`cs_service.rules.feedback`'s, so
the form and the server's check never differ.
"""

from cs_service.access.roles import CS_ENGINEER, CS_MANAGER, RECLASSIFY_ROLES, has_role
from cs_service.feedback.sheets import CODE_FIELDS
from cs_service.planning.sites import assigned_sites, standard_names_by_spelling
from cs_service.rules import feedback, slip


def extend_bootinfo(bootinfo):
	bootinfo.cs_service = {
		# the resident engineer's own sites (their sheet list starts from them)
		"my_sites": _own_sites(),
		# every spelling of the app's standard names (a new site's shops) -> its
		# English, so the desk shows them in the user's language (cs_service.planning.sites.shown_name)
		"standard_names": standard_names_by_spelling(),
		"required_for_sending": {"Quality Feedback Sheet": list(feedback.REQUIRED_ON_SUBMIT)},
		"breakpoint_fields": list(feedback.BREAKPOINT_FIELDS),
		"report_time_doubtful_hours": feedback.REPORT_TIME_DOUBTFUL.total_seconds() / 3600,
		"report_time_refused_days": feedback.REPORT_TIME_REFUSED.days,
		"reported_minutes_ago": list(feedback.REPORTED_MINUTES_AGO),
		# a slip says what became of its parts before it is sent (rules.slip)
		"disposition_fields": {"Suspect Part Slip": list(slip.DISPOSITION_FIELDS)},
		# what only QA and the CS Manager change on a sent sheet (the controller's rule)
		"reserved_after_sending": {
			"Quality Feedback Sheet": {
				"roles": list(RECLASSIFY_ROLES),
				"fields": ["reported_at", "problem_type", *CODE_FIELDS],
			}
		},
	}


def _own_sites() -> list[str]:
	"""The sites a CS Engineer serves (none for a CS Manager, who looks at every site)."""
	if not has_role([CS_ENGINEER]) or has_role([CS_MANAGER]):
		return []
	return sorted(assigned_sites())
