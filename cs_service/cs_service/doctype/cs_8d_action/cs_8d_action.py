# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from cs_service.access.rows import ScopedChildRow


class CS8DAction(ScopedChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.SmallText | None
		action_owner: DF.Link | None
		action_row: DF.Data | None
		closed_on: DF.Date | None
		due_date: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		quality_feedback_sheet: DF.Link | None
		status: DF.Literal["Open", "In Progress", "Done"]
		verification: DF.SmallText | None
		verified_by: DF.Link | None
		verified_on: DF.Date | None
	# end: auto-generated types

	pass
