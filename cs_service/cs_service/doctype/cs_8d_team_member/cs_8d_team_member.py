# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from cs_service.access.rows import ScopedChildRow


class CS8DTeamMember(ScopedChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		contact: DF.Link | None
		function: DF.Data | None
		member_name: DF.Data | None
		member_type: DF.Literal["Our Staff", "Customer Contact"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		team_role: DF.Literal["Team Leader", "Champion", "Member"]
		user: DF.Link | None
	# end: auto-generated types

	pass
