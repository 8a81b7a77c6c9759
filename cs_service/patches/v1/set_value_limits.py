"""The limits of typed quantities and line-stop minutes and the longest offline wait of
a capture in CS Service Settings (new mandatory fields) take their defaults on a site that has
Settings already."""

import frappe

from cs_service.rules import bounds, evidence


def execute():
	for kind, field in bounds.LIMIT_SETTINGS.items():
		if not frappe.db.get_single_value("CS Service Settings", field):
			frappe.db.set_single_value("CS Service Settings", field, bounds.DEFAULT_LIMITS[kind])
	if not frappe.db.get_single_value("CS Service Settings", "max_offline_hours"):
		frappe.db.set_single_value(
			"CS Service Settings",
			"max_offline_hours",
			int(evidence.DEFAULT_MAX_OFFLINE.total_seconds() // 3600),
		)
