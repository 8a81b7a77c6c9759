# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from cs_service.access.rows import ScopedChildRow
from cs_service.decks.storage import refuse_direct_row_edit


class MonthlyQualityReportCustomer(ScopedChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		customer: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types

	# A frozen figure of a Monthly Quality Report: changed only with the report,
	# through the monthly job or Regenerate, never as a row saved or deleted on its own.
	def validate(self):
		refuse_direct_row_edit(self)

	def on_trash(self):
		refuse_direct_row_edit(self)
