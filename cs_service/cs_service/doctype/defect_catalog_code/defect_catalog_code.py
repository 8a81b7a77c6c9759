# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from cs_service.feedback.catalog import CATALOGS, WrongCatalogCode


class DefectCatalogCode(NestedSet):
	"""A code of the defect catalogs, or a code group: a tree per catalog, kept by QA."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		catalog: DF.Literal["Defect Type", "Defect Location", "Cause"]
		code: DF.Data
		code_name: DF.Data
		details: DF.SmallText | None
		disabled: DF.Check
		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_defect_catalog_code: DF.Link | None
		rgt: DF.Int
	# end: auto-generated types

	nsm_parent_field = "parent_defect_catalog_code"

	def validate(self):
		self.code = (self.code or "").strip()
		if self.catalog not in CATALOGS:
			frappe.throw(
				_("{0}: choose one of {1}").format(_("Catalog"), ", ".join(_(c) for c in CATALOGS)),
				WrongCatalogCode,
			)
		self.validate_group()
		self.validate_catalog_of_children()

	def validate_group(self):
		"""A code sits in a code group of its own catalog."""
		parent = self.parent_defect_catalog_code
		if not parent:
			return
		values = frappe.db.get_value(self.doctype, parent, ["catalog", "is_group"], as_dict=True)
		label = _(self.meta.get_label("parent_defect_catalog_code"))
		if not values or not values.is_group:
			frappe.throw(_("{0}: {1} is not a code group").format(label, parent), WrongCatalogCode)
		if values.catalog != self.catalog:
			frappe.throw(
				_("{0}: {1} belongs to the catalog {2}").format(label, parent, _(values.catalog)),
				WrongCatalogCode,
			)

	def validate_catalog_of_children(self):
		if self.is_new():
			return
		stored = frappe.db.get_value(self.doctype, self.name, ["catalog", "is_group"], as_dict=True)
		has_children = frappe.db.exists(self.doctype, {"parent_defect_catalog_code": self.name})
		if stored and has_children and stored.catalog != self.catalog:
			frappe.throw(
				_("{0}: the code group {1} holds codes; it stays in its catalog").format(
					_("Catalog"), self.name
				),
				WrongCatalogCode,
			)
		if stored and has_children and stored.is_group and not self.is_group:
			frappe.throw(
				_("{0}: the code group {1} holds codes").format(
					_(self.meta.get_label("is_group")), self.name
				),
				WrongCatalogCode,
			)
