# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""A record made by the demo department: :mod:`cs_service.setup.demo` makes it once under
its key and removes exactly the records listed here."""

from frappe.model.document import Document


class CSDemoRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		demo_key: DF.Data
		kind: DF.Literal["Made", "Note"]
		previous_value: DF.LongText | None
		reference_doctype: DF.Link
		reference_name: DF.DynamicLink
		step: DF.Data | None
	# end: auto-generated types
	pass
