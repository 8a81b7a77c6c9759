# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from cs_service.rules import eight_d


class CS8DCustomerRequirement(Document):
	"""A customer's due dates per discipline of an 8D report; without one, the
	defaults hold (D3 24 hours, D4 10 days, D8 60 days after the first report)."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.cs_8d_due_time.cs_8d_due_time import CS8DDueTime

		customer: DF.Link
		due_times: DF.Table[CS8DDueTime]
		notes: DF.SmallText | None
	# end: auto-generated types

	def validate(self):
		problems = eight_d.due_rows_problems(row.as_dict() for row in self.due_times)
		if problems:
			messages = {
				"unknown_step": _("choose a discipline from D1 to D8"),
				"repeated_step": _("this discipline is given twice"),
				"negative_due": _("cannot be negative"),
				"unknown_unit": _("choose Hours or Days"),
			}
			frappe.throw(
				"; ".join(
					_("{0}, row {1}: {2}").format(_("Due Dates"), idx, messages[code])
					for idx, code in problems
				)
			)
