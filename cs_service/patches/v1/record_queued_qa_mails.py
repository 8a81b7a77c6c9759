"""The e-mail to QA of a sent sheet is now queued by a job that records it. The
sheets sent before were e-mailed in their submit: record them, so that the catch-up does not
send them again."""

import frappe


def execute():
	frappe.db.sql(
		"""UPDATE `tabQuality Feedback Sheet` SET qa_mail_queued_at = sent_at
		WHERE docstatus > 0 AND qa_mail_queued_at IS NULL"""
	)
