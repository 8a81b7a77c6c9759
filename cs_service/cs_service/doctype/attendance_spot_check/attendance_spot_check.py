# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime
from frappe.utils.user import get_users_with_role

from cs_service import settings
from cs_service.access.roles import CS_ENGINEER, CS_MANAGER, has_role
from cs_service.notifications import mail
from cs_service.rules import staff
from cs_service.staff import ledger, qualification

PRESENT = "Present"


class AttendanceSpotCheck(Document):
	"""The manager's spot check of an engineer at a site (R-ST-1, R-ST-2); a finding other than
	*Present* books a violation when the check is submitted."""

	def validate(self):
		if self.is_new():
			self.checked_by = frappe.session.user
		if get_datetime(self.checked_at) > now_datetime():
			frappe.throw(_("{0} cannot be in the future").format(_("Checked At")))
		if not has_role([CS_ENGINEER], self.engineer):
			frappe.throw(_("{0}: {1} is not a CS Engineer").format(_("Engineer"), self.engineer))
		if self.finding == staff.SITE_RULE_BREACH and not self.customer_complained:
			frappe.throw(
				_("{0}: a breach of the site rules is a violation when the customer complained").format(
					_("The Customer Complained")
				)
			)
		self.dismissal_recommended = int(self.finding == staff.DRINKING)
		self.employee = self.employee or qualification.employee_of(self.engineer)

	def on_submit(self):
		if self.finding == PRESENT:
			return
		ledger.book(
			self.engineer,
			self.finding,
			self.checked_at,
			self,
			customer_site=self.customer_site,
			description=self.details,
		)
		if self.finding == staff.DRINKING:
			self.notify_dismissal()

	def notify_dismissal(self):
		"""R-ST-2: drinking before work calls for dismissal: the CS Managers and the general
		manager are told at once."""
		subject = _("Dismissal recommended: {0} was found drinking before work at {1}").format(
			self.engineer_name or self.engineer, self.customer_site
		)
		mail.alert_and_email(get_users_with_role(CS_MANAGER), subject, self, cc=settings.gm_recipients())
