"""A failed breakpoint records the round that failed (``failed_round``), which keys its
violation; screenings that failed before the field existed take it from their screening round,
as the ledger did (the round after a failure is the failed one plus one)."""

import frappe


def execute():
	frappe.db.sql(
		"""UPDATE `tabContainment Screening`
		SET failed_round = GREATEST(IFNULL(screening_round, 1) - 1, 1)
		WHERE failed_at IS NOT NULL AND IFNULL(failed_round, 0) = 0"""
	)
