# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Customer part knowledge (R-PL-4): for a part (Item) at a customer, or at one of its sites,
what it does, where it is mounted on the vehicle and where it goes on line. The customer's part
number is read from ERPNext's Item Customer Detail and the historical defects from the Quality
Feedback Sheets (:mod:`cs_service.feedback.parts`); neither is stored here."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from cs_service.feedback.parts import customer_part_no, defect_summary, last_defects
from cs_service.planning.sites import validate_shop_and_station, validate_site_of_customer

QFS = "Quality Feedback Sheet"


class DuplicateCustomerPart(frappe.ValidationError):
	pass


class CustomerPart(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		customer: DF.Link
		customer_site: DF.Link | None
		function_features: DF.SmallText | None
		image: DF.AttachImage | None
		item: DF.Link
		item_name: DF.Data | None
		mounting_position: DF.SmallText | None
		section: DF.Data | None
		shop: DF.Data | None
		station: DF.Data | None
		vehicle_models: DF.Data | None
	# end: auto-generated types

	@property
	def customer_part_no(self) -> str | None:
		return customer_part_no(self.item, self.customer) if self.item else None

	def validate(self):
		validate_site_of_customer(self.customer_site, self.customer)
		self.validate_unique()
		validate_shop_and_station(self, self.customer_site)

	def validate_unique(self):
		"""One record per part and customer (site); a site-less record covers every site."""
		existing = frappe.db.get_value(
			self.doctype,
			{
				"customer": self.customer,
				"item": self.item,
				"customer_site": self.customer_site or ("is", "not set"),
				"name": ("!=", "" if self.is_new() else self.name),
			},
		)
		if existing:
			frappe.throw(
				_("{0}: {1} at {2} is already described in {3}").format(
					_("Part"), self.item, self.customer_site or self.customer, existing
				),
				exc=DuplicateCustomerPart,
			)


@frappe.whitelist()
def get_defect_history(customer: str, item: str, customer_site: str | None = None, limit: int = 10) -> dict:
	"""Historical defects of a part at a customer (site), computed from the feedback sheets."""
	frappe.has_permission(QFS, "read", throw=True)
	frappe.has_permission("Customer", "read", customer, throw=True)
	if customer_site:
		frappe.has_permission("Customer Site", "read", customer_site, throw=True)
	return {
		"summary": defect_summary(customer, item, customer_site),
		"sheets": last_defects(customer, item, customer_site, limit=cint(limit) or 10),
	}
