"""The staff side of the department (R-ST-1..5, R-CT-8, R-FB-7): shift handover and shift
reports, attendance spot checks, the violation ledger with revocation of the post
qualification, training and the monthly assessment. No frappe import here: hooks.py reads
these names.

The records of this package are our internal records: no customer's user reaches them
(they carry no ``customer`` field, so :mod:`cs_service.access.scope` shows an outsider
none of them). Among our own people, an engineer reads only their own personal records
(:mod:`cs_service.access.personal`); the CS Manager reads all.
"""

# Personal records: {DocType: the field naming the engineer they are about}.
PERSONAL = {
	"Staff Violation": "engineer",
	"Engineer Qualification": "engineer",
	"Attendance Spot Check": "engineer",
	"Shift Report": "engineer",
	"Engineer Monthly Assessment": "engineer",
}

# Records the system books about an engineer; a revoked engineer's own work is refused, not these.
SYSTEM_RECORDS = frozenset(
	{
		"Staff Violation",
		"Engineer Qualification",
		"Attendance Spot Check",
		"Engineer Monthly Assessment",
		"CS Training",
	}
)
