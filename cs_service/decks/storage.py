"""The figures a Monthly Quality Report freezes in its tables, and reads back (R-RP-1..3).

:func:`freeze` stores the figures of :func:`cs_service.decks.contents.collect` in the
report's tables and fields (in memory; the caller saves); :func:`figures` gives them back in
the same structure, so that the decks are rebuilt from the stored rows. What is stored must
not change once frozen: :func:`stored_figures` is its comparable form, and a row
of a report's table saved or deleted on its own is refused (:func:`refuse_direct_row_edit`).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, cstr, flt, get_datetime, getdate

from cs_service.decks.errors import FrozenFigures
from cs_service.rules import feedback, quality

FIGURE_TABLES = {
	"delivery": (
		"customer",
		"item",
		"item_name",
		"delivered",
		"returned",
		"net_delivered",
		"defective",
		"ppm",
		"defective_above_delivered",
	),
	"trend": ("customer", "month", "net_delivered", "defective", "ppm"),
	"line_stops": (
		"customer",
		"month",
		"minutes",
		"cumulative",
		"sheets",
		"undecided_minutes",
		"undecided_sheets",
	),
	"major_problems": (
		"feedback_sheet",
		"customer",
		"item",
		"item_name",
		"description",
		"problem_type",
		"tracking_status",
		"occurred_at",
	),
}
KPI_FIELDS = (
	"complaints_received",
	"found_on_site",
	"reported_by_customer",
	"complaints_handled",
	"handling_rate",
	"handling_target",
	"on_time",
	"timed",
	"on_time_rate",
)
PERIOD_FIELDS = ("from_date", "to_date")
SHEET_SEPARATOR = ", "
DATETIME_KEYS = ("sent_at", "generated_at", "occurred_at")


def freeze(doc, values: dict) -> None:
	"""Store the figures of :func:`cs_service.decks.contents.collect` on the report ``doc``
	(in memory; the caller saves)."""
	kpi = values["kpi"]
	by_source = kpi.get("by_source") or {}
	doc.update(
		{
			"major_customers": [{"customer": c} for c in values["major_customers"]],
			"complaints_received": kpi["received"],
			"found_on_site": by_source.get(feedback.FOUND_ON_SITE, 0),
			"reported_by_customer": by_source.get(feedback.REPORTED_BY_CUSTOMER, 0),
			"complaints_handled": kpi["handled"],
			"handling_rate": kpi["rate"] or 0,
			"handling_target": kpi["target"],
			"on_time": kpi["on_time"],
			"timed": kpi["timed"],
			"on_time_rate": kpi["on_time_rate"] or 0,
			"delivery": [
				{
					**row,
					"ppm": row["ppm"] or 0,
					"defective_above_delivered": int(
						quality.defective_above_delivered(row["defective"], row["net_delivered"])
					),
				}
				for row in values["delivery"]
			],
			"trend": [{**row, "ppm": row["ppm"] or 0} for row in values["trend"]],
			"line_stops": [
				{
					**row,
					"sheets": SHEET_SEPARATOR.join(row["sheets"]),
					"undecided_sheets": SHEET_SEPARATOR.join(row.get("undecided_sheets") or []),
				}
				for row in values["line_stops"]
			],
			"major_problems": [
				{**{k: v for k, v in p.items() if k != "name"}, "feedback_sheet": p["name"]}
				for p in values["major_problems"]
			],
		}
	)


def figures(doc) -> dict:
	"""The figures stored on the report ``doc``, in the structure :func:`collect
	<cs_service.decks.contents.collect>` returns (a PPM or rate of nothing is None again:
	stored as 0 beside a zero count)."""
	return {
		"company": doc.company,
		"month": doc.month,
		"from_date": getdate(doc.from_date),
		"to_date": getdate(doc.to_date),
		"major_customers": [row.customer for row in doc.major_customers],
		"delivery": [
			{
				**{k: row.get(k) for k in FIGURE_TABLES["delivery"]},
				"ppm": quality.ppm(row.defective, row.net_delivered),
				"defective_above_delivered": int(
					quality.defective_above_delivered(row.defective, row.net_delivered)
				),
			}
			for row in doc.delivery
		],
		"trend": [
			{
				**{k: row.get(k) for k in FIGURE_TABLES["trend"]},
				"ppm": quality.ppm(row.defective, row.net_delivered),
			}
			for row in doc.trend
		],
		"line_stops": [
			{
				**{k: row.get(k) for k in FIGURE_TABLES["line_stops"]},
				"undecided_minutes": cint(row.undecided_minutes),
				"sheets": _split(row.sheets),
				"undecided_sheets": _split(row.undecided_sheets),
			}
			for row in doc.line_stops
		],
		"kpi": {
			"received": cint(doc.complaints_received),
			"by_source": {
				feedback.FOUND_ON_SITE: cint(doc.found_on_site),
				feedback.REPORTED_BY_CUSTOMER: cint(doc.reported_by_customer),
			},
			"handled": cint(doc.complaints_handled),
			"rate": quality.handling_rate(cint(doc.complaints_received), cint(doc.complaints_handled)),
			"target": flt(doc.handling_target),
			"on_time": cint(doc.on_time),
			"timed": cint(doc.timed),
			"on_time_rate": quality.rate(cint(doc.on_time), cint(doc.timed)),
		},
		"major_problems": [
			{
				"name": row.feedback_sheet,
				**{k: row.get(k) for k in FIGURE_TABLES["major_problems"][1:]},
			}
			for row in doc.major_problems
		],
	}


def stored_figures(doc) -> tuple:
	"""What must not change once frozen, normalised for comparison: every stored figure (PPM
	and rates included), the major customers and the period."""
	tables = tuple(
		tuple(tuple(_normal(row.get(k), k) for k in keys) for row in doc.get(table) or [])
		for table, keys in FIGURE_TABLES.items()
	)
	kpi = tuple(flt(doc.get(k)) for k in KPI_FIELDS)
	customers = tuple(row.customer for row in doc.get("major_customers") or [])
	period = tuple(cstr(getdate(doc.get(k))) if doc.get(k) else "" for k in PERIOD_FIELDS)
	return (tables, kpi, customers, period)


def changed_fields(before, doc, fieldnames) -> list[str]:
	"""The fields of ``fieldnames`` whose value differs between ``before`` and ``doc``."""
	return [f for f in fieldnames if _normal(before.get(f), f) != _normal(doc.get(f), f)]


def refuse_direct_row_edit(row) -> None:
	"""A row of a report's table saved on its own (``/api/resource/<child>/<name>``) would
	change a frozen figure without the report's checks: refused."""
	frappe.throw(
		_("{0}: the figures of a report are frozen; use Regenerate to compute them again").format(
			row.parent or row.doctype
		),
		exc=FrozenFigures,
	)


def _normal(v, key: str | None = None):
	"""A stored value as a comparable one, whether read from the database or sent by the
	desk or the API (numbers as floats, times as the database writes them)."""
	if isinstance(v, float | int):
		return flt(v)
	if v and (key in DATETIME_KEYS or hasattr(v, "hour")):
		try:
			return cstr(get_datetime(v))
		except Exception:
			return cstr(v)  # not a time: compared as typed (and so a change)
	return cstr(v)


def _split(text: str | None) -> list[str]:
	return [s for s in cstr(text).split(SHEET_SEPARATOR) if s]
