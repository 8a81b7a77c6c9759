# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from cs_service.access.rows import ScopedChildRow


class CS8DDueTime(ScopedChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		due_in: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		step: DF.Literal["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"]
		unit: DF.Literal["Hours", "Days"]
	# end: auto-generated types

	pass
