# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from cs_service.access.rows import ScopedChildRow


class ContainmentScreeningArea(ScopedChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		area: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		qty_checked: DF.Int
		qty_suspect: DF.Int
		round: DF.Int
		screened: DF.Check
		screened_at: DF.Datetime | None
		screened_by: DF.Link | None
		shop_type: DF.Literal["Body Shop", "Paint Shop", "Final Assembly", "Logistics Warehouse", "Other"]
	# end: auto-generated types
	pass
