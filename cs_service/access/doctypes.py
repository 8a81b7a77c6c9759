"""The DocTypes of the module, read from their JSON (no frappe import).

hooks.py registers the customer scope (:mod:`cs_service.access.scope`) for every DocType
listed here, so a DocType added to the module falls under the scope without anybody
editing the hooks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DOCTYPE_FOLDER = Path(__file__).parents[1] / "cs_service" / "doctype"

# The ERPNext / Frappe DocTypes a Customer SQE may touch at all, and the field (or relation)
# that ties each record to a customer; cs_service.access.scope implements each relation.
ERPNEXT_SCOPED = ("Customer", "Item", "Item Customer Detail", "Contact", "Delivery Note")


@dataclass(frozen=True)
class ModuleDocType:
	name: str
	istable: bool
	issingle: bool
	customer_field: str | None  # the Link to Customer of a top-level DocType
	tables: tuple[tuple[str, str], ...] = field(default=())  # (fieldname, child DocType)


@cache
def module_doctypes() -> dict[str, ModuleDocType]:
	found = {}
	for path in sorted(DOCTYPE_FOLDER.glob("*/*.json")):
		if path.stem != path.parent.name:
			continue
		doc = json.loads(path.read_text(encoding="utf-8"))
		if doc.get("doctype") != "DocType":
			continue
		fields = doc.get("fields", [])
		customer = next(
			(
				f["fieldname"]
				for f in fields
				if f.get("fieldname") == "customer"
				and f.get("fieldtype") == "Link"
				and f.get("options") == "Customer"
			),
			None,
		)
		found[doc["name"]] = ModuleDocType(
			name=doc["name"],
			istable=bool(doc.get("istable")),
			issingle=bool(doc.get("issingle")),
			customer_field=None if doc.get("istable") else customer,
			tables=tuple(
				(f["fieldname"], f["options"])
				for f in fields
				if f.get("fieldtype") in ("Table", "Table MultiSelect")
			),
		)
	return found


def parents_of(child: str) -> list[str]:
	"""The module DocTypes that hold ``child`` as a table."""
	return [d.name for d in module_doctypes().values() if any(c == child for _f, c in d.tables)]


def scoped_doctypes() -> list[str]:
	"""Every DocType under the customer scope: all of the module's and the ERPNext ones."""
	return [*module_doctypes(), *ERPNEXT_SCOPED]


def customer_owned_parents() -> list[str]:
	"""The module's top-level DocTypes whose records belong to one customer."""
	return [d.name for d in module_doctypes().values() if d.customer_field]


def module_parents() -> list[str]:
	"""The module's DocTypes that are not child tables."""
	return [d.name for d in module_doctypes().values() if not d.istable]
