"""What several documents ask of a Customer Site: does it belong to the customer, which shops
and stations does it have (R-PL-4, R-PL-5)."""

from __future__ import annotations

import os

import frappe
from frappe import _
from frappe.translate import get_translations_from_apps
from frappe.utils.caching import site_cache

from cs_service.rules import shifts


class SiteOfAnotherCustomer(frappe.ValidationError):
	pass


class UnknownShopOrStation(frappe.ValidationError):
	pass


def assigned_sites(user: str | None = None) -> set[str]:
	"""The Customer Sites that list the user (the session's) among their engineers."""
	return set(
		frappe.get_all(
			"Customer Site Engineer",
			filters={"parenttype": "Customer Site", "user": user or frappe.session.user},
			pluck="parent",
		)
	)


def cached_site(customer_site: str):
	"""The Customer Site with its shops and stations from Frappe's document cache (cleared when
	the site is saved, and on commit and rollback): a sheet's checks read it without a query."""
	try:
		return frappe.get_cached_doc("Customer Site", customer_site)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		return None


def validate_site_of_customer(customer_site: str | None, customer: str | None):
	if not customer_site:
		return
	site = cached_site(customer_site)
	site_customer = site.customer if site else None
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
	site = cached_site(customer_site)
	return [row.shop for row in site.shops] if site else []


def site_stations(customer_site: str, shop: str | None = None) -> list[frappe._dict]:
	"""``{shop, section, station}`` of the site, of one shop when ``shop`` is given."""
	site = cached_site(customer_site)
	rows = (
		[frappe._dict(shop=r.shop, section=r.section, station=r.station) for r in site.stations]
		if site
		else []
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


# ---------------------------------------------------------------- standard names

# The names the app itself gives (a new site's shops, cs_service.cs_service.doctype.customer_site
# .customer_site.DEFAULT_SHOPS). A site made by a Chinese user holds them in Chinese, one made by
# an English user in English: either is shown in the reader's language. A name a user typed is
# shown as typed.
STANDARD_NAMES = ("Body Shop", "Paint Shop", "Final Assembly", "Logistics Warehouse")


@site_cache()
def _standard_names_by_spelling() -> dict[str, str]:
	"""Every spelling of a standard name (English and each translation of the app) -> its English;
	kept for the process (the translations change with a deployment, which restarts it)."""
	spellings = {name.casefold(): name for name in STANDARD_NAMES}
	folder = frappe.get_app_path("cs_service", "translations")
	for file in sorted(os.listdir(folder)):
		if not file.endswith(".csv"):
			continue
		translations = get_translations_from_apps(file[:-4], ["cs_service"])
		for name in STANDARD_NAMES:
			if translations.get(name):
				spellings[translations[name].strip().casefold()] = name
	return spellings


def shown_name(value: str | None) -> str | None:
	"""``value`` in the user's language when it is one of the standard names, whichever
	language it was stored in ("总装车间" reads "Final Assembly" to an English user and the
	reverse); any other name as it was typed."""
	if not value:
		return value
	name = _standard_names_by_spelling().get(value.strip().casefold())
	return _(name) if name else value


def standard_names_by_spelling() -> dict[str, str]:
	"""A copy of every spelling of a standard name (casefolded) -> its English, for the desk."""
	return dict(_standard_names_by_spelling())


# ---------------------------------------------------------------- a new site's shops, its shifts

DEFAULT_SHOPS = (
	("Body Shop", "Body Shop"),
	("Paint Shop", "Paint Shop"),
	("Final Assembly", "Final Assembly"),
	("Logistics Warehouse", "Logistics Warehouse"),
)


def shift_error_message(error: shifts.ShiftPatternError) -> str:
	names = ", ".join(error.names)
	messages = {
		"empty": _("Shifts: add at least one shift"),
		"zero_length": _("Shifts: shift {0} starts and ends at the same time"),
		"duplicate": _("Shifts: the shift name {0} is used more than once"),
		"overlap": _("Shifts: shifts {0} overlap"),
		"bad_time": _("Shifts: {0} is not a time of day"),
	}
	return messages.get(error.code, _("Shifts: the shift pattern is invalid")).format(names)
