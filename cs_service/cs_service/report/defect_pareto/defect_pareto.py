# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

"""Defect Pareto (R-RP-2): the sent Quality Feedback Sheets by defect code, code group,
defect location, cause code, customer or part, largest first with the cumulative share; the
sheets without a code apart and last (cs_service.rules.pareto). Counts sheets, or sums their
quantities. Internal figures across customers: refused to a customer's SQE."""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import add_days, getdate

from cs_service.access.roles import internal_only
from cs_service.rules import pareto

SHEETS = "Sheets"
QUANTITY = "Quantity"
# what the sheets are grouped by: {choice: sheet field}
GROUPINGS = {
	"Defect Code": "defect_code",
	"Defect Code Group": "defect_code",  # the code's group in the catalog tree
	"Defect Location": "defect_location_code",
	"Cause Code": "cause_code",
	"Customer": "customer",
	"Part": "item",
}
CODE_GROUPINGS = ("Defect Code", "Defect Code Group", "Defect Location", "Cause Code")


def execute(filters: dict | None = None):
	internal_only("Defect Pareto")
	filters = frappe._dict(filters or {})
	grouping = filters.get("group_by") or "Defect Code"
	if grouping not in GROUPINGS:
		frappe.throw(_("{0}: choose one of {1}").format(_("Group By"), ", ".join(_(g) for g in GROUPINGS)))
	measure = QUANTITY if filters.get("measure") == QUANTITY else SHEETS
	rows = pareto.pareto(counts(filters, grouping, measure))
	data = get_data(rows, grouping)
	return get_columns(grouping, measure), data, None, get_chart(data, measure)


def counts(filters: frappe._dict, grouping: str, measure: str) -> dict:
	"""``{key: count}`` of the sent sheets, counted (or their quantities summed) by the database."""
	sheet = frappe.qb.DocType("Quality Feedback Sheet")
	key = Coalesce(sheet[GROUPINGS[grouping]], "")
	query = frappe.qb.from_(sheet)
	if grouping == "Defect Code Group":
		code = frappe.qb.DocType("Defect Catalog Code")
		query = query.left_join(code).on(code.name == sheet.defect_code)
		key = Coalesce(code.parent_defect_catalog_code, "")
	value = Sum(Coalesce(sheet.quantity, 0)) if measure == QUANTITY else Count(sheet.name)
	query = query.select(key.as_("key"), value.as_("value")).where(sheet.docstatus == 1).groupby(key)
	for field in ("customer", "customer_site", "item", "problem_type"):
		if filters.get(field):
			query = query.where(sheet[field] == filters.get(field))
	if filters.get("from_date"):
		query = query.where(sheet.occurred_at >= getdate(filters.from_date))
	if filters.get("to_date"):
		query = query.where(sheet.occurred_at < add_days(getdate(filters.to_date), 1))
	found: dict = {}
	for row in query.run(as_dict=True):
		found[row.key or None] = found.get(row.key or None, 0) + int(row.value or 0)
	return found


def get_data(rows: list[pareto.ParetoRow], grouping: str) -> list[dict]:
	texts = descriptions(grouping, [r.key for r in rows if r.key])
	not_coded = _("Not coded") if grouping in CODE_GROUPINGS else _("Not given")
	return [
		{
			"rank": rank,
			"key": row.key or not_coded,
			"description": texts.get(row.key) if row.key else None,
			"count": row.count,
			"share": row.share,
			"cumulative": row.cumulative,
		}
		for rank, row in enumerate(rows, start=1)
	]


def descriptions(grouping: str, keys: list[str]) -> dict[str, str]:
	if not keys:
		return {}
	if grouping in CODE_GROUPINGS:
		doctype, field = "Defect Catalog Code", "code_name"
	elif grouping == "Part":
		doctype, field = "Item", "item_name"
	else:
		doctype, field = "Customer", "customer_name"
	return dict(frappe.get_all(doctype, filters={"name": ("in", keys)}, fields=["name", field], as_list=True))


def get_columns(grouping: str, measure: str) -> list[dict]:
	return [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 60},
		{"fieldname": "key", "label": _(grouping), "fieldtype": "Data", "width": 160},
		{"fieldname": "description", "label": _("Description"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "count",
			"label": _("Quantity") if measure == QUANTITY else _("Sheets"),
			"fieldtype": "Int",
			"width": 100,
		},
		{"fieldname": "share", "label": _("Share %"), "fieldtype": "Percent", "width": 100},
		{"fieldname": "cumulative", "label": _("Cumulative %"), "fieldtype": "Percent", "width": 120},
	]


def get_chart(data: list[dict], measure: str) -> dict | None:
	"""Bars: the count of each category; line: the cumulative share. One category is a bar alone
	(its share is 100 %): the desk's chart library draws a line of one point with paths it
	cannot compute, console errors on every workspace load."""
	if not data:
		return None
	datasets = [
		{
			"name": _("Quantity") if measure == QUANTITY else _("Sheets"),
			"values": [row["count"] for row in data],
			"chartType": "bar",
		}
	]
	if len(data) > 1:
		datasets.append(
			{
				"name": _("Cumulative %"),
				"values": [row["cumulative"] for row in data],
				"chartType": "line",
			}
		)
	return {
		"data": {"labels": [row["key"] for row in data], "datasets": datasets},
		"type": "axis-mixed" if len(data) > 1 else "bar",
		"colors": ["#CB2929", "#5E64FF"],
	}
