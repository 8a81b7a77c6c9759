"""Our documents on the dashboards of ERPNext's Customer and Item (override_doctype_dashboards).

The group labels stay untranslated here: Frappe caches a DocType's form meta, dashboard included,
for every user, and the desk translates each label in the user's language (issue 15)."""

CUSTOMER_SERVICE = "Customer Service"
CUSTOMER_KNOWLEDGE = "Visits and Parts"


def _add(data: dict, items: list[str], non_standard_fieldnames: dict[str, str] | None = None) -> dict:
	data.setdefault("transactions", []).append({"label": CUSTOMER_SERVICE, "items": items})
	if non_standard_fieldnames:
		data.setdefault("non_standard_fieldnames", {}).update(non_standard_fieldnames)
	return data


def customer(data: dict) -> dict:
	"""Customer's dashboard links by ``customer``, as our documents name it."""
	_add(data, ["Customer Site", "Quality Feedback Sheet"])
	data["transactions"].append(
		{
			"label": CUSTOMER_KNOWLEDGE,
			"items": ["Customer Part", "Annual Service Plan", "Customer Visit Log", "Trial Fit Verification"],
		}
	)
	return data


def item(data: dict) -> dict:
	"""Item's dashboard links by ``item_code``; our documents call the part ``item``."""
	return _add(
		data,
		["Quality Feedback Sheet", "Customer Part", "Trial Fit Verification"],
		{"Quality Feedback Sheet": "item", "Customer Part": "item", "Trial Fit Verification": "item"},
	)


def delivery_note(data: dict) -> dict:
	"""Delivery Note's dashboard links by ``delivery_note``: the slips of parts it delivered."""
	return _add(data, ["Suspect Part Slip"])
