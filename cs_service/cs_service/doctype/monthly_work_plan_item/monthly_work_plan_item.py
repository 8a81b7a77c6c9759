# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from cs_service.access.rows import ScopedChildRow


class MonthlyWorkPlanItem(ScopedChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		done_on: DF.Date | None
		due_date: DF.Date
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		remarks: DF.SmallText | None
		responsible: DF.Link
		status: DF.Literal["Open", "In Progress", "Done", "Cancelled"]
		task: DF.SmallText
	# end: auto-generated types
	pass
