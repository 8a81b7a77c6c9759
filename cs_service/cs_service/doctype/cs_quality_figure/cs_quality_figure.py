# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""CS Quality Figure: the month's delivered, returned and defective quantities of one customer's
part, and the customer's line-stop minutes (R-RP-2, R-RP-3).

Rows are written only by :mod:`cs_service.figures.kept`, in the transaction of the delivery
note or feedback sheet that changes them (the way ERPNext keeps its Bin quantities); nobody
creates or edits them in the desk or over REST.
"""

from frappe.model.document import Document


class CSQualityFigure(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		company: DF.Link | None
		customer: DF.Link
		defect_sheets: DF.LongInt | None
		defective_qty: DF.Float
		delivered_qty: DF.Float
		delivery_lines: DF.LongInt | None
		item: DF.Link | None
		line_stop_minutes: DF.LongInt | None
		line_stop_sheets: DF.LongInt | None
		month: DF.Data
		returned_qty: DF.Float
		undecided_minutes: DF.LongInt | None
		undecided_sheets: DF.LongInt | None
	# end: auto-generated types

	pass
