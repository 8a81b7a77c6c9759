"""What the Quality Feedback Sheet shares with the documents made from it and with the desk: the
catalog code fields it picks, and filling a draft slip or confirmation sheet from its sheet."""

import frappe

from cs_service.feedback import catalog

QFS = "Quality Feedback Sheet"
# the defect catalogs' codes a sheet picks (cs_service.feedback.catalog, R-FB-3)
CODE_FIELDS = {
	"defect_code": catalog.DEFECT_TYPE,
	"defect_location_code": catalog.DEFECT_LOCATION,
	"cause_code": catalog.CAUSE,
}


def fill_from_sheet(doc, fields: tuple[str, ...]):
	"""A draft linked to a feedback sheet takes what the sheet holds into its empty fields
	(customer, site, shop, station, part, quantity): nothing is typed twice (R-CT-1, R-CT-9)."""
	if doc.docstatus != 0 or not doc.get("quality_feedback_sheet"):
		return
	values = frappe.db.get_value(QFS, doc.quality_feedback_sheet, list(fields), as_dict=True) or {}
	for field in fields:
		if values.get(field) and not doc.get(field):
			doc.set(field, values[field])
