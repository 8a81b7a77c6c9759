# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from cs_service.access.rows import ScopedChildRow


class VehicleRepair(ScopedChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		location: DF.Literal["Body Shop (Welded)", "Final Assembly (On the Line)", "Off the Line"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		repaired_by: DF.Data | None
		status: DF.Literal["Open", "Repaired", "Verified"]
		verified_at: DF.Datetime | None
		vin: DF.Data
	# end: auto-generated types

	pass
