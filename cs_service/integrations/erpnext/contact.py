"""The customer's people by role (R-PL-5): ERPNext Contacts linked to the Customer carry their
role at the customer, their site and their shop (custom fields ``cs_*``, see setup/install.py)."""

import frappe
from frappe import _

from cs_service.planning.sites import SiteOfAnotherCustomer, site_shops


def validate(doc, method=None):
	"""doc_events hook: the site is one of a linked customer's sites, the shop one of its shops."""
	site = doc.get("cs_customer_site")
	if not site:
		return
	customers = {link.link_name for link in doc.links if link.link_doctype == "Customer"}
	site_customer = frappe.db.get_value("Customer Site", site, "customer")
	if site_customer not in customers:
		frappe.throw(
			_("{0}: {1} is a site of customer {2}; link the contact to that customer first").format(
				_("Customer Site"), site, site_customer
			),
			exc=SiteOfAnotherCustomer,
		)
	shop = (doc.get("cs_shop") or "").strip()
	if shop:
		shops = {s.casefold(): s for s in site_shops(site)}
		if shop.casefold() not in shops:
			frappe.throw(
				_("{0}: {1} is not a shop of {2} ({3})").format(
					_("Shop"), shop, site, ", ".join(shops.values())
				)
			)
		doc.cs_shop = shops[shop.casefold()]
