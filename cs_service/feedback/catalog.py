"""Defect catalogs, SAP QM style (R-FB-2, R-FB-5, R-RP-2).

QA keeps three catalogs in one tree of **Defect Catalog Code**: defect types, defect locations on
the part and causes, each in code groups. A sheet or an 8D report picks a *code* (never a
group) of the catalog its field asks for; the free text of the sheet stays. A code disabled
later stays on the records that have it, but is not picked any more.
"""

from __future__ import annotations

from collections.abc import Mapping

import frappe
from frappe import _

DOCTYPE = "Defect Catalog Code"
DEFECT_TYPE = "Defect Type"
DEFECT_LOCATION = "Defect Location"
CAUSE = "Cause"
CATALOGS = (DEFECT_TYPE, DEFECT_LOCATION, CAUSE)


class WrongCatalogCode(frappe.ValidationError):
	pass


def validate_codes(doc, fields: Mapping[str, str]):
	"""Each of ``fields`` ({fieldname: catalog}) holds, when filled, an enabled code (not a code
	group) of that catalog. A disabled code is refused only when it is newly picked."""
	stored = None
	for fieldname, catalog in fields.items():
		code = doc.get(fieldname)
		if not code:
			continue
		label = _(doc.meta.get_label(fieldname))
		values = frappe.db.get_value(DOCTYPE, code, ["catalog", "is_group", "disabled"], as_dict=True)
		if not values:
			frappe.throw(
				_("{0}: {1} is not a code of the defect catalogs").format(label, code), WrongCatalogCode
			)
		if values.catalog != catalog:
			frappe.throw(
				_("{0}: {1} is a code of the catalog {2}, not of {3}").format(
					label, code, _(values.catalog), _(catalog)
				),
				WrongCatalogCode,
			)
		if values.is_group:
			frappe.throw(
				_("{0}: {1} is a code group; pick one of its codes").format(label, code), WrongCatalogCode
			)
		if values.disabled:
			if stored is None:
				stored = (
					{}
					if doc.is_new()
					else (frappe.db.get_value(doc.doctype, doc.name, list(fields), as_dict=True) or {})
				)
			if stored.get(fieldname) != code:
				frappe.throw(_("{0}: {1} is disabled").format(label, code), WrongCatalogCode)


def code_texts(codes) -> dict[str, str]:
	"""``{code: short text}`` of the codes given."""
	codes = [c for c in set(codes) if c]
	if not codes:
		return {}
	return dict(
		frappe.get_all(DOCTYPE, filters={"name": ("in", codes)}, fields=["name", "code_name"], as_list=True)
	)


def code_query_filters(catalog: str) -> dict:
	"""Link-field filters that offer the codes of one catalog (for the forms' set_query)."""
	return {"catalog": catalog, "is_group": 0, "disabled": 0}
