"""Factories for integration test data: idempotent (``frappe.db.exists``), no hand-made records."""

from __future__ import annotations

import functools

import frappe


def as_administrator(factory):
	"""Master data is set up by an administrator, whichever user the test is acting as."""

	@functools.wraps(factory)
	def wrapper(*args, **kwargs):
		user = frappe.session.user
		frappe.set_user("Administrator")
		try:
			return factory(*args, **kwargs)
		finally:
			frappe.set_user(user)

	return wrapper


TEST_COMPANY = "CS Test Company"
TEST_DOMAIN = "cs-test.example.com"


def email(name: str) -> str:
	return f"{name}@{TEST_DOMAIN}"


@as_administrator
def make_company(name: str = TEST_COMPANY, abbr: str = "CSTC") -> str:
	if not frappe.db.exists("Company", name):
		frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": name,
				"abbr": abbr,
				"country": "China",
				"default_currency": "CNY",
				"chart_of_accounts": "Standard",
			}
		).insert()
	return name


@as_administrator
def make_customer(name: str) -> str:
	if not frappe.db.exists("Customer", name):
		frappe.get_doc({"doctype": "Customer", "customer_name": name, "customer_type": "Company"}).insert()
	return name


@as_administrator
def make_item(code: str, customer: str | None = None, ref_code: str | None = None) -> str:
	if not frappe.db.exists("Item", code):
		item = frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": code,
				"item_group": "All Item Groups",
				"stock_uom": "Nos",
				"is_stock_item": 1,
			}
		)
		if customer:
			item.append(
				"customer_items", {"customer_name": customer, "ref_code": ref_code or f"{customer}-{code}"}
			)
		item.insert()
	return code


@as_administrator
def make_user(name: str, *roles: str) -> str:
	"""A desk user ``name@cs-test.example.com`` holding exactly ``roles``."""
	address = email(name)
	if frappe.db.exists("User", address):
		user = frappe.get_doc("User", address)
		if {r.role for r in user.roles} != set(roles):
			user.set("roles", [])
			user.add_roles(*roles)
	else:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": address,
				"first_name": name,
				"send_welcome_email": 0,
				"user_type": "System User",
				"roles": [{"role": r} for r in roles],
			}
		).insert()
	return address


@as_administrator
def make_site(customer: str, site_name: str = "Plant", **kw) -> frappe.types.Document:
	"""A Customer Site; ``engineers`` and ``sqe_users`` are lists of user names, ``shifts``
	a list of ``(name, start, end)``."""
	name = f"{customer}-{site_name}"
	if frappe.db.exists("Customer Site", name):
		return frappe.get_doc("Customer Site", name)
	site = frappe.get_doc(
		{
			"doctype": "Customer Site",
			"customer": customer,
			"site_name": site_name,
			"city": kw.get("city", "Changchun"),
			"engineers": [{"user": u} for u in kw.get("engineers", [])],
			"sqe_users": [{"user": u} for u in kw.get("sqe_users", [])],
			"shifts": [
				{"shift_name": n, "start_time": s, "end_time": e}
				for n, s, e in kw.get("shifts", [("Day", "08:00", "20:00"), ("Night", "20:00", "08:00")])
			],
		}
	)
	return site.insert()


@as_administrator
def api_credentials(user: str) -> str:
	"""``key:secret`` of a user for token authentication (the user is committed)."""
	doc = frappe.get_doc("User", user)
	secret = frappe.generate_hash(length=15)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.save(ignore_permissions=True)
	return f"{doc.api_key}:{secret}"


QA_EMAIL = "qa-department@cs-test.example.com"


@as_administrator
def make_outgoing_email_account(name: str = "CS Test Outgoing") -> str:
	"""The default outgoing account every site that sends mail has (nothing leaves in tests:
	frappe.flags.in_test keeps the queue from sending)."""
	if not frappe.db.exists("Email Account", name):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": name,
				"email_id": email("cs-outgoing"),
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "localhost",
				"no_smtp_authentication": 1,
			}
		).insert()
	return name


@as_administrator
def set_settings(**values):
	"""CS Service Settings for a test (rolled back with the test)."""
	make_outgoing_email_account()
	settings = frappe.get_single("CS Service Settings")
	settings.update({"qa_recipients": QA_EMAIL, **values})
	settings.save()
	return settings


def make_feedback(customer: str = "CS QFS Customer", item: str = "CS-QFS-PART", submit: bool = False, **kw):
	"""A complete Quality Feedback Sheet (draft unless ``submit``); ``kw`` overrides fields.
	Times default to one hour ago, so that "not in the future" holds under any frozen clock."""
	from frappe.utils import add_to_date, now_datetime

	make_customer(customer)
	make_item(item, customer=customer, ref_code=f"C-{item}")
	frappe.db.set_value("Item", item, "cs_drawing_no", f"DWG-{item}")
	site = kw.pop("customer_site", None) or make_site(customer).name
	occurred = kw.pop("occurred_at", None) or add_to_date(now_datetime(), hours=-1)
	doc = frappe.get_doc(
		{
			"doctype": "Quality Feedback Sheet",
			"customer": customer,
			"customer_site": site,
			"occurred_at": occurred,
			"reported_at": kw.pop("reported_at", None) or occurred,
			"shop": "Final Assembly",
			"station": "FA-12",
			"suspect_area": "Line side rack 3",
			"item": item,
			"description": "Clip of the door trim broken at assembly",
			"defect": "Broken clip",
			"quantity": 3,
			"problem_type": "Quality Problem",
			"temporary_measures": "100% check of the line-side stock",
			"breakpoint_lot": "L-0309",
			"customer_communication": "SQE agrees to sort on site",
			"preliminary_cause": "Tool wear on cavity 2",
			**kw,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def default_company() -> str:
	"""The company ERPNext's setup (e.g. ``erpnext.setup.utils.before_tests``) made."""
	return (
		frappe.defaults.get_global_default("company") or frappe.get_all("Company", pluck="name", limit=1)[0]
	)


def stores(company: str) -> str:
	return frappe.get_all(
		"Warehouse", filters={"company": company, "is_group": 0}, pluck="name", order_by="creation"
	)[0]


@as_administrator
def make_delivery_note(customer: str, item: str, qty: int, company: str | None = None):
	"""A submitted Delivery Note of ``qty`` units, with the stock received first."""
	company = company or default_company()
	warehouse = stores(company)
	receipt = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"company": company,
			"items": [{"item_code": item, "qty": qty, "t_warehouse": warehouse, "basic_rate": 10}],
		}
	).insert()
	receipt.submit()
	dn = frappe.get_doc(
		{
			"doctype": "Delivery Note",
			"customer": customer,
			"company": company,
			"items": [{"item_code": item, "qty": qty, "rate": 25, "warehouse": warehouse}],
		}
	).insert()
	dn.submit()
	return dn


def make_slip(customer: str, item: str = "CS-SLIP-PART", **kw):
	make_customer(customer)
	make_item(item, customer=customer)
	site = kw.pop("customer_site", None) or make_site(customer).name
	if not any(f in kw for f in ("qty_repaired", "qty_exchanged", "qty_returned")):
		# a slip says what became of its parts before it is sent; exchanged unless told
		kw["qty_exchanged"] = kw.get("quantity", 30)
	return frappe.get_doc(
		{
			"doctype": "Suspect Part Slip",
			"customer": customer,
			"customer_site": site,
			"shop": "Body Shop",
			"station": "BS-04",
			"item": item,
			"quantity": 30,
			**kw,
		}
	).insert()


def make_confirmation(customer: str, engineer: str, **kw):
	feedback = kw.pop("quality_feedback_sheet", None) or make_feedback(customer=customer).name
	return frappe.get_doc(
		{
			"doctype": "Service Confirmation Sheet",
			"customer": customer,
			"customer_site": frappe.db.get_value("Quality Feedback Sheet", feedback, "customer_site"),
			"quality_feedback_sheet": feedback,
			"engineer": engineer,
			"plan": "Sort all parts at line side, rework burrs with the deburring tool",
			"qty_sorted": 120,
			"qty_good": 110,
			"qty_defective": 10,
			"hours": 6,
			"people": 2,
			"measure_effective": "Effective",
			**kw,
		}
	).insert()


def make_screening(sheet: str | None = None, engineer: str | None = None, **kw):
	"""A Containment Screening of the feedback sheet ``sheet`` (a new submitted sheet by
	default); its areas come from the sheet's site unless ``areas`` is given."""
	if sheet is None:
		set_settings()
		sheet = make_feedback(submit=True).name
	return frappe.get_doc(
		{
			"doctype": "Containment Screening",
			"quality_feedback_sheet": sheet,
			"engineer": engineer or frappe.session.user,
			**kw,
		}
	).insert()


# ---------------------------------------------------------------- planning, visits, parts


@as_administrator
def make_contact(
	customer: str, first_name: str, role: str | None = None, customer_site: str | None = None, **kw
):
	"""An ERPNext Contact linked to ``customer``, with its role at the customer (R-PL-5)."""
	name = frappe.db.get_value("Contact", {"first_name": first_name, "company_name": customer})
	if name:
		return frappe.get_doc("Contact", name)
	return frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": first_name,
			"company_name": customer,
			"cs_customer_role": role,
			"cs_customer_site": customer_site,
			"links": [{"link_doctype": "Customer", "link_name": customer}],
			**kw,
		}
	).insert()


def make_customer_part(customer: str, item: str, **kw):
	make_customer(customer)
	make_item(item, customer=customer, ref_code=f"C-{item}")
	return frappe.get_doc({"doctype": "Customer Part", "customer": customer, "item": item, **kw}).insert()


def make_plan(customer: str, year: int, visits: dict[str, int] | list[dict], **kw):
	"""An Annual Service Plan of ``{month name: planned visits}`` (or of the rows given)."""
	make_customer(customer)
	if isinstance(visits, dict):
		visits = [{"month": m, "planned_visits": n, "purpose": "Quality review"} for m, n in visits.items()]
	return frappe.get_doc(
		{
			"doctype": "Annual Service Plan",
			"year": year,
			"customer": customer,
			"visits": visits,
			**kw,
		}
	).insert()


def make_visit(customer: str, visit_date: str, **kw):
	make_customer(customer)
	return frappe.get_doc(
		{
			"doctype": "Customer Visit Log",
			"customer": customer,
			"visit_date": visit_date,
			"visitors": [{"user": kw.pop("visitor", None) or "Administrator"}],
			"topics": "Quality of the door trims; next quarter's volumes",
			**kw,
		}
	).insert()


# ---------------------------------------------------------------- 8D reports and defect catalogs


@as_administrator
def make_defect_code(code: str, catalog: str = "Defect Type", group: str | None = None, **kw) -> str:
	"""A code (or, with ``is_group=1``, a code group) of the defect catalogs, kept by QA."""
	if not frappe.db.exists("Defect Catalog Code", code):
		frappe.get_doc(
			{
				"doctype": "Defect Catalog Code",
				"code": code,
				"code_name": kw.pop("code_name", None) or f"{code} text",
				"catalog": catalog,
				"parent_defect_catalog_code": group,
				**kw,
			}
		).insert()
	return code


def make_8d(sheet: str):
	"""The 8D report of a sent sheet, made as the sheet's button makes it."""
	from cs_service.cs_service.doctype.cs_8d_report.cs_8d_report import make_8d_report

	return frappe.get_doc("CS 8D Report", make_8d_report(sheet))
