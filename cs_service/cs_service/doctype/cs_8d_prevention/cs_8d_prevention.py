# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from cs_service.access.rows import ScopedChildRow


class CS8DPrevention(ScopedChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		change: DF.SmallText | None
		document: DF.Literal[
			"PFMEA", "Control Plan", "Work Instruction", "Inspection Instruction", "Lessons Learned", "Other"
		]
		done_on: DF.Date | None
		due_date: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		responsible: DF.Link | None
		status: DF.Literal["Open", "Done", "Not Applicable"]
	# end: auto-generated types

	pass
