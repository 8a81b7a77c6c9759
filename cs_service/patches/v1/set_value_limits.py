"""Issue 23: the limits of typed quantities and line-stop minutes in CS Service Settings (new
mandatory fields) take their defaults on a site that has Settings already."""

import frappe

from cs_service.rules import bounds


def execute():
	for kind, field in bounds.LIMIT_SETTINGS.items():
		if not frappe.db.get_single_value("CS Service Settings", field):
			frappe.db.set_single_value("CS Service Settings", field, bounds.DEFAULT_LIMITS[kind])
