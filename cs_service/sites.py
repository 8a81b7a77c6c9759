"""What several documents ask of a Customer Site: does it belong to the customer, which shops
and stations does it have (R-PL-4, R-PL-5)."""

from __future__ import annotations

import frappe
from frappe import _


class SiteOfAnotherCustomer(frappe.ValidationError):
	pass


class UnknownShopOrStation(frappe.ValidationError):
	pass


def validate_site_of_customer(customer_site: str | None, customer: str | None):
	if not customer_site:
		return
	site_customer = frappe.db.get_value("Customer Site", customer_site, "customer")
	if site_customer != customer:
		frappe.throw(
			_("{0}: {1} is a site of customer {2}, not of {3}").format(
				_("Customer Site"), customer_site, site_customer, customer
			),
			exc=SiteOfAnotherCustomer,
		)


def _key(value: str | None) -> str:
	return (value or "").strip().casefold()


def site_shops(customer_site: str) -> list[str]:
	return frappe.get_all(
		"Customer Site Shop",
		filters={"parent": customer_site, "parenttype": "Customer Site", "parentfield": "shops"},
		pluck="shop",
		order_by="idx",
	)


def site_stations(customer_site: str, shop: str | None = None) -> list[frappe._dict]:
	"""``{shop, section, station}`` of the site, of one shop when ``shop`` is given."""
	rows = frappe.get_all(
		"Customer Site Station",
		filters={"parent": customer_site, "parenttype": "Customer Site", "parentfield": "stations"},
		fields=["shop", "section", "station"],
		order_by="idx",
	)
	return [r for r in rows if shop is None or _key(r.shop) == _key(shop)]


def validate_shop_and_station(doc, customer_site: str | None):
	"""The shop of ``doc`` is one of the site's shops, its station one of that shop's stations
	(when the site lists any), and its section is the section the site gives that station."""
	if not customer_site or not (doc.get("shop") or doc.get("station")):
		return
	shops = {_key(s): s for s in site_shops(customer_site)}
	if doc.get("shop") and _key(doc.shop) not in shops:
		frappe.throw(
			_("{0}: {1} is not a shop of {2} ({3})").format(
				_("Shop"), doc.shop, customer_site, ", ".join(shops.values())
			),
			exc=UnknownShopOrStation,
		)
	if doc.get("shop"):
		doc.shop = shops[_key(doc.shop)]
	if not doc.get("station"):
		return
	stations = site_stations(customer_site, doc.get("shop"))
	if not stations:
		return  # the site lists no station for this shop yet: any station is accepted
	found = next((s for s in stations if _key(s.station) == _key(doc.station)), None)
	if not found:
		frappe.throw(
			_("{0}: {1} is not a station of {2} at {3}; add it to the Customer Site first").format(
				_("Station"), doc.station, doc.get("shop") or "", customer_site
			),
			exc=UnknownShopOrStation,
		)
	doc.station = found.station
	doc.shop = found.shop
	if doc.meta.has_field("section") and found.section:
		doc.section = found.section
