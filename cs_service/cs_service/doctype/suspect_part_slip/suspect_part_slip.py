# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from cs_service.containment import signoff
from cs_service.feedback.sheets import fill_from_sheet
from cs_service.pages.portal.photos import relink_row_photos
from cs_service.planning.sites import validate_shop_and_station, validate_site_of_customer
from cs_service.rules import slip


class DispositionIncomplete(frappe.ValidationError):
	pass


class SuspectPartSlip(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.service_photo.service_photo import ServicePhoto
		from cs_service.cs_service.doctype.vehicle_repair.vehicle_repair import VehicleRepair

		amended_from: DF.Link | None
		customer: DF.Link
		customer_site: DF.Link
		delivery_note: DF.Link | None
		item: DF.Link
		item_name: DF.Data | None
		moved_to: DF.Literal["Suspect Area", "Repair Area"]
		naming_series: DF.Literal["SPS-.YYYY.-"]
		needs_fixture_check: DF.Check
		photos: DF.Table[ServicePhoto]
		qty_exchanged: DF.Int
		qty_repaired: DF.Int
		qty_returned: DF.Int
		quality_feedback_sheet: DF.Link | None
		quantity: DF.Int
		return_delivery_note: DF.Link | None
		shop: DF.Autocomplete
		signed_at: DF.Datetime | None
		signed_by: DF.Link | None
		sqe_remarks: DF.SmallText | None
		station: DF.Autocomplete | None
		vehicles: DF.Table[VehicleRepair]
		welded_to_vehicle: DF.Check
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		fill_from_sheet(self, ("customer", "customer_site", "shop", "station", "item", "quantity"))
		self.validate_site()
		self.validate_quantities_and_vehicles()
		self.validate_delivery_note()
		self.validate_sending()
		signoff.validate_edit_rights(self)
		signoff.validate_return_for_correction(self)

	def after_insert(self):
		relink_row_photos(self)  # photos uploaded before the first save

	def on_update(self):
		signoff.notify_sqe(self)

	def before_submit(self):
		signoff.sign_off(self)

	def before_update_after_submit(self):
		self.validate_quantities_and_vehicles()

	def validate_site(self):
		validate_site_of_customer(self.customer_site, self.customer)
		validate_shop_and_station(self, self.customer_site)

	def validate_quantities_and_vehicles(self):
		problems = slip.slip_problems(self.as_dict(), [v.as_dict() for v in self.vehicles])
		if problems:
			frappe.throw(
				"<br>".join(slip_problem_message(code, args) for code, args in problems),
				title=_("Suspect Part Slip"),
			)

	def validate_sending(self):
		"""Sent to the SQE only once it says what became of all its parts."""
		if not signoff.being_sent(self):
			return
		problems = slip.sending_problems(self.as_dict())
		if problems:
			frappe.throw(
				"<br>".join(slip_problem_message(code, args) for code, args in problems),
				DispositionIncomplete,
				title=_("Suspect Part Slip"),
			)

	def validate_delivery_note(self):
		"""The delivery note must be a submitted delivery of this part to this customer."""
		if not self.delivery_note:
			return
		dn = frappe.db.get_value(
			"Delivery Note", self.delivery_note, ["customer", "docstatus", "is_return"], as_dict=True
		)
		has_item = frappe.db.exists(
			"Delivery Note Item", {"parent": self.delivery_note, "item_code": self.item}
		)
		if not dn or dn.docstatus != 1 or dn.is_return or dn.customer != self.customer or not has_item:
			frappe.throw(
				_("{0}: {1} is not a submitted delivery of {2} to {3}").format(
					_("Delivered with Delivery Note"), self.delivery_note, self.item, self.customer
				)
			)


def slip_problem_message(code: str, args: tuple) -> str:
	"""Translated message of a :func:`cs_service.rules.slip.slip_problems` code, naming the field."""
	templates = {
		slip.DISPOSITION_EXCEEDS_QUANTITY: (
			_("{0}: repaired, exchanged and returned add up to {1}, more than the quantity {2}"),
			_("Disposition"),
		),
		slip.FIXTURE_PARTS_REPAIRED: (
			_("{0}: parts that need the checking fixture are exchanged, not repaired on site"),
			_("Repaired on Site"),
		),
		slip.WELDED_WITHOUT_VEHICLES: (
			_("{0}: parts welded to vehicles need a row per vehicle"),
			_("Vehicles"),
		),
		slip.DUPLICATE_VEHICLE: (_("{0}: vehicle listed twice: {1}"), _("Vehicles")),
		slip.VERIFIED_WITHOUT_TIME: (
			_("{0}, row {1}: a verified repair needs its Verified At time"),
			_("Vehicles"),
		),
		slip.DISPOSITION_INCOMPLETE: (
			_(
				"{0}: say what became of the {1} parts (repaired on site, exchanged, returned) "
				"before sending to the SQE; {2} stated"
			),
			_("Disposition"),
		),
		slip.RETURN_WITHOUT_DELIVERY_NOTE: (
			_("{0}: returned parts need the Delivery Note they reverse"),
			_("Delivered with Delivery Note"),
		),
	}
	template, label = templates[code]
	return template.format(label, *args)
