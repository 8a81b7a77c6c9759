"""The post qualification of the resident engineers (R-ST-2, R-ST-3, R-FB-7).

Revoked when an assessment year's violations reach a threshold of CS Service Settings, or
when the retraining after an incomplete feedback fails. A revoked engineer is taken off
every Customer Site, cannot be put back on one and cannot create documents at a site; the
CS Managers are notified once. Only a CS Manager reinstates, after a passed retraining,
with the reason recorded.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime
from frappe.utils.user import get_users_with_role

from cs_service import settings
from cs_service.access.roles import CS_MANAGER, has_role
from cs_service.notifications import mail
from cs_service.notifications.chat import alerts
from cs_service.rules import staff
from cs_service.staff import SYSTEM_RECORDS

QUALIFICATION = "Engineer Qualification"
QUALIFIED = "Qualified"
REVOKED = "Revoked"


class QualificationRevoked(frappe.ValidationError):
	pass


def is_revoked(user: str | None) -> bool:
	return bool(user) and frappe.db.get_value(QUALIFICATION, user, "status") == REVOKED


def employee_of(user: str) -> str | None:
	return frappe.db.get_value("Employee", {"user_id": user, "status": "Active"}, "name")


def qualification_of(user: str):
	if frappe.db.exists(QUALIFICATION, user):
		return frappe.get_doc(QUALIFICATION, user)
	return frappe.get_doc({"doctype": QUALIFICATION, "engineer": user, "status": QUALIFIED})


def apply_thresholds(violation) -> bool:
	"""After a violation is booked: revoke when the engineer's violations of its assessment year,
	since the last reinstatement, reach a threshold. True when revoked now."""
	group = staff.group_of(violation.violation_type)
	if not group:
		return False
	lock_engineer(violation.engineer)
	if is_revoked(violation.engineer):
		return False
	# a locking read: the violations committed by a booking that held the lock before this one
	# count, whatever this transaction's snapshot saw
	t = frappe.qb.DocType("Staff Violation")
	query = (
		frappe.qb.from_(t)
		.select(t.violation_type)
		.where(t.engineer == violation.engineer)
		.where(t.assessment_year == violation.assessment_year)
		.where(t.docstatus == 1)
	)
	reinstated = frappe.db.get_value(QUALIFICATION, violation.engineer, "reinstated_on")
	if reinstated:
		query = query.where(t.creation > reinstated)
	types = [row[0] for row in query.for_update().run()]
	limits = staff.thresholds(settings.single().as_dict())
	if group not in staff.revoking_groups(types, limits):
		return False
	count = staff.group_counts(types)[group]
	reason = _("{0} violations of the kind {1} in assessment year {2} (threshold {3})").format(
		count, _(violation.violation_type), violation.assessment_year, limits[group]
	)
	return revoke(violation.engineer, reason, violation=violation.name)


def lock_engineer(engineer: str):
	"""An engineer's violations are counted one booking at a time. Two violations booked
	at once (two signatures, a spot check and a handover) each counted only itself and both
	missed the threshold; the second now waits on the engineer's User row, a row that is always
	there and that no booking writes, until the first one's transaction ends."""
	frappe.db.sql("SELECT name FROM `tabUser` WHERE name = %s FOR UPDATE", engineer)


def revoke(engineer: str, reason: str, violation: str | None = None) -> bool:
	"""Revokes the post qualification once; True when it was revoked now."""
	doc = qualification_of(engineer)
	if doc.status == REVOKED:
		return False
	doc.update(
		{
			"status": REVOKED,
			"employee": employee_of(engineer),
			"revoked_on": now_datetime(),
			"revoking_violation": violation,
			"revocation_reason": reason,
			"reinstated_on": None,
			"reinstated_by": None,
			"reinstatement_reason": None,
		}
	)
	doc.flags.qualification_change = True
	doc.flags.ignore_permissions = True
	doc.save()
	sites = remove_from_sites(engineer)
	_notify_managers(doc, reason, sites)
	alerts.qualification_revoked(doc, reason, sites)  # the managers' group chats
	return True


def reinstate(engineer: str, reason: str):
	"""A CS Manager gives the qualification back after a passed retraining."""
	if not has_role((CS_MANAGER, "System Manager")):
		frappe.throw(_("Only a CS Manager reinstates an engineer"), frappe.PermissionError)
	doc = qualification_of(engineer)
	if doc.status != REVOKED:
		frappe.throw(_("{0} is not revoked").format(engineer))
	if not (reason or "").strip():
		frappe.throw(_("{0} is required").format(_("Reinstatement Reason")), frappe.MandatoryError)
	if not passed_training_since(engineer, doc.revoked_on):
		frappe.throw(
			_("{0} has passed no training since the revocation on {1}: record the retraining first").format(
				engineer, frappe.utils.format_datetime(doc.revoked_on)
			)
		)
	doc.update(
		{
			"status": QUALIFIED,
			"reinstated_on": now_datetime(),
			"reinstated_by": frappe.session.user,
			"reinstatement_reason": reason.strip(),
		}
	)
	doc.flags.qualification_change = True
	doc.save()
	return doc


def passed_training_since(engineer: str, since) -> bool:
	training = frappe.qb.DocType("CS Training")
	attendee = frappe.qb.DocType("CS Training Attendee")
	return bool(
		frappe.qb.from_(training)
		.join(attendee)
		.on((attendee.parent == training.name) & (attendee.parenttype == "CS Training"))
		.select(training.name)
		.where(
			(training.docstatus == 1)
			& (attendee.engineer == engineer)
			& (attendee.result == "Passed")
			& (training.training_date >= get_datetime(since).date())
		)
		.limit(1)
		.run()
	)


def remove_from_sites(engineer: str) -> list[str]:
	sites = frappe.get_all(
		"Customer Site Engineer",
		filters={"parenttype": "Customer Site", "user": engineer},
		pluck="parent",
		distinct=True,
	)
	for name in sites:
		site = frappe.get_doc("Customer Site", name)
		site.set("engineers", [row for row in site.engineers if row.user != engineer])
		site.flags.ignore_permissions = True
		site.save()
	return sites


def _notify_managers(doc, reason: str, sites: list[str]):
	subject = _("Post qualification of {0} revoked: {1}").format(doc.engineer_name or doc.engineer, reason)
	if sites:
		subject += " " + _("(removed from {0})").format(", ".join(sites))
	mail.alert_and_email(get_users_with_role(CS_MANAGER), subject, doc)


# ---------------------------------------------------------------- hooks


def check_author(doc, method=None):
	"""doc_events validate of the module's records: a revoked engineer creates nothing at a site."""
	if not doc.is_new() or doc.doctype in SYSTEM_RECORDS or not doc.meta.has_field("customer_site"):
		return
	if is_revoked(frappe.session.user):
		frappe.throw(
			_("Your post qualification is revoked: you cannot create a {0} at a customer site").format(
				_(doc.doctype)
			),
			QualificationRevoked,
		)


def check_site_engineers(site):
	"""A revoked engineer cannot be assigned to a Customer Site."""
	for row in site.engineers:
		if is_revoked(row.user):
			frappe.throw(
				_("{0}, row {1}: the post qualification of {2} is revoked").format(
					_(site.meta.get_label("engineers")), row.idx, row.user
				),
				QualificationRevoked,
			)
