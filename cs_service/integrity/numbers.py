"""Numbers people type are sane before anything is written (R-FB-2, R-RP-2, R-RP-3).

``doc_events`` validate (and before update after submit) of every DocType of the module: the
record and its rows. Quantities and minutes lie between 0 and their limit
(:mod:`cs_service.rules.bounds`, the limits in CS Service Settings), every other number fits
its column; the refusal is one translated message naming the field (and the row).
"""

from __future__ import annotations

import frappe
from frappe import _

from cs_service import settings
from cs_service.rules import bounds


class ValueOutOfBounds(frappe.ValidationError):
	pass


def validate(doc, method=None):
	"""Refuse the first number of the record or its rows that cannot be kept."""
	kinds_limits = None
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.fields:
			if df.fieldtype not in bounds.NUMBER_TYPES:
				continue
			kind = bounds.kind_of(row.doctype, df.fieldname)
			if kind is not None and kinds_limits is None:
				kinds_limits = settings.value_limits()
			found = bounds.problem(
				df.fieldtype, row.get(df.fieldname), kind, kinds_limits[kind] if kind else None
			)
			if found:
				frappe.throw(_message(doc, row, df, *found), exc=ValueOutOfBounds, title=_("Invalid Value"))


def _message(doc, row, df, code: str, limit) -> str:
	label = _(df.label or df.fieldname)
	if row is not doc:
		table = doc.meta.get_field(row.parentfield)
		label = _("{0}, row {1}: {2}").format(_(table.label if table else row.doctype), row.idx, label)
	text = {
		bounds.NOT_A_NUMBER: _("{0}: must be a number"),
		bounds.OUT_OF_BOUNDS: _("{0}: must be between 0 and {1}"),
		bounds.TOO_LARGE: _("{0}: must not be larger than {1}"),
		bounds.NOT_A_CHECK: _("{0}: must be 0 or 1"),
	}[code]
	return text.format(label, frappe.format_value(limit, "Int") if limit is not None else "")
