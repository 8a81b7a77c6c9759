# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from cs_service.access.rows import ScopedChildRow


class CS8DContainment(ScopedChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.SmallText | None
		breakpoint: DF.SmallText | None
		containment_screening: DF.Link | None
		done_at: DF.Datetime | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		qty_checked: DF.Int
		qty_suspect: DF.Int
		quality_feedback_sheet: DF.Link | None
		service_confirmation_sheet: DF.Link | None
		source: DF.Literal[
			"Quality Feedback Sheet",
			"Containment Screening",
			"Suspect Part Slip",
			"Service Confirmation Sheet",
			"Other",
		]
		status: DF.Literal["Open", "Done", "Verified"]
		suspect_part_slip: DF.Link | None
	# end: auto-generated types

	pass
