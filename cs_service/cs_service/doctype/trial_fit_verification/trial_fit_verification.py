# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Trial Fit Verification (R-PL-6): a new part tried on the customer's vehicle with the
customer's people: function features, matching relations, key control points, photos, the
problems found, the support given and the result."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document

from cs_service.planning.sites import validate_shop_and_station, validate_site_of_customer
from cs_service.rules import trial_fit


class IncompleteTrialFit(frappe.ValidationError):
	pass


class TrialFitVerification(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from cs_service.cs_service.doctype.service_photo.service_photo import ServicePhoto
		from cs_service.cs_service.doctype.trial_fit_participant.trial_fit_participant import (
			TrialFitParticipant,
		)

		amended_from: DF.Link | None
		customer: DF.Link
		customer_site: DF.Link | None
		function_features: DF.SmallText | None
		item: DF.Link
		item_name: DF.Data | None
		key_control_points: DF.Text | None
		matching_relations: DF.SmallText | None
		naming_series: DF.Literal["TFV-.YYYY.-"]
		participants: DF.Table[TrialFitParticipant]
		photos: DF.Table[ServicePhoto]
		problems_found: DF.Text | None
		result: DF.Literal["", "Passed", "Passed with Conditions", "Failed"]
		shop: DF.Data | None
		station: DF.Data | None
		support_given: DF.Text | None
		trial_date: DF.Date
		vehicle_model: DF.Data | None
	# end: auto-generated types

	def validate(self):
		validate_site_of_customer(self.customer_site, self.customer)
		validate_shop_and_station(self, self.customer_site)
		self.set_participant_names()
		self.validate_participants()

	def before_submit(self):
		missing = trial_fit.missing_for_submit(self.as_dict(), [row.as_dict() for row in self.participants])
		if missing:
			items = "".join(f"<li>{frappe.utils.escape_html(missing_message(code))}</li>" for code in missing)
			frappe.throw(
				_("The trial fit cannot be submitted yet:") + f"<ul>{items}</ul>",
				title=_("Incomplete Trial Fit"),
				exc=IncompleteTrialFit,
			)

	def set_participant_names(self):
		for row in self.participants:
			if row.full_name:
				continue
			if row.user:
				row.full_name = frappe.db.get_value("User", row.user, "full_name")
			elif row.contact:
				row.full_name = frappe.db.get_value("Contact", row.contact, "full_name")

	def validate_participants(self):
		for row in self.participants:
			problems = trial_fit.participant_problems(row.as_dict())
			if problems:
				frappe.throw(
					_("{0}, row {1}: {2}").format(
						_("Participants"), row.idx, "; ".join(participant_message(p) for p in problems)
					),
					exc=IncompleteTrialFit,
				)


def participant_message(code: str) -> str:
	return {
		"unknown_role": _("choose the participant's role"),
		"no_name": _("give the user, the customer contact or the name"),
		"ours_as_customer_contact": _("our own people are users, not customer contacts"),
	}.get(code, code)


def missing_message(code: str) -> str:
	return {
		"no_result": _("{0}: missing").format(_("Result")),
		"no_participant_of_ours": _("{0}: add at least one of our people").format(_("Participants")),
		"no_customer_participant": _("{0}: add at least one of the customer's people").format(
			_("Participants")
		),
		"problems_not_described": _("{0}: describe what was found when the trial did not simply pass").format(
			_("Problems Found")
		),
	}.get(code, code)
