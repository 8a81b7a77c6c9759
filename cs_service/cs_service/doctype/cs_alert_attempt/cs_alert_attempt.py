# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from cs_service.access.rows import ScopedChildRow


class CSAlertAttempt(ScopedChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attempt: DF.Int
		attempted_at: DF.Datetime | None
		duration_ms: DF.Int
		http_status: DF.Int
		outcome: DF.Literal["Sent", "Retry", "Failed"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		response: DF.SmallText | None
	# end: auto-generated types
	pass
