# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CustomerSiteShift(Document):
	# begin: auto-generated types
	# end: auto-generated types

	pass
