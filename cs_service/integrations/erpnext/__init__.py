"""What the app adds to ERPNext's own DocTypes, one module per DocType: its hooks, its dashboard
group and the services on it (:mod:`.customer`, :mod:`.item`, :mod:`.contact`,
:mod:`.delivery_note`).

The dashboard group labels stay untranslated here: Frappe caches a DocType's form meta, dashboard
included, for every user, and the desk translates each label in the user's language."""

CUSTOMER_SERVICE = "Customer Service"
CUSTOMER_KNOWLEDGE = "Visits and Parts"


def add_dashboard_group(
	data: dict, items: list[str], non_standard_fieldnames: dict[str, str] | None = None
) -> dict:
	"""Our documents as one group of an ERPNext dashboard (``override_doctype_dashboards``)."""
	data.setdefault("transactions", []).append({"label": CUSTOMER_SERVICE, "items": items})
	if non_standard_fieldnames:
		data.setdefault("non_standard_fieldnames", {}).update(non_standard_fieldnames)
	return data
