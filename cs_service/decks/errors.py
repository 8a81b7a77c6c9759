"""What the Monthly Quality Report refuses (R-RP-1..3), raised by its controller,
its stored figures and its scheduled job, and asserted by the tests."""

import frappe


class InvalidReportMonth(frappe.ValidationError):
	pass


class DuplicateReport(frappe.ValidationError):
	pass


class FrozenFigures(frappe.ValidationError):
	pass


class RecordedByTheJob(frappe.ValidationError):
	pass
