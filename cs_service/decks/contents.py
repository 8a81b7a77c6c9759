"""What the monthly decks show: the figures of one month for one company, as plain data
(R-RP-1..3).

:func:`collect` asks :mod:`cs_service.figures.live` (the source of the reports too) for
the live figures; a Monthly Quality Report freezes exactly this structure in its tables and
gives it back (:mod:`cs_service.decks.storage`), so that its decks can be rebuilt from the
stored rows. :func:`deck_input` adds the translated texts the deck builders of
:mod:`cs_service.decks.slides` need; :func:`build` makes both decks of a set of figures.
"""

from __future__ import annotations

from frappe import _

from cs_service.decks import series, slides, storage
from cs_service.figures import live
from cs_service.rules import months

DELIVERY_KEYS = storage.FIGURE_TABLES["delivery"]  # a month's part rows, as the report stores them
PROBLEM_KEYS = (
	"name",
	"customer",
	"item",
	"item_name",
	"description",
	"problem_type",
	"tracking_status",
	"occurred_at",
)
KPI_KEYS = ("received", "by_source", "handled", "rate", "target", "on_time", "timed", "on_time_rate")
# The report's Attach field of each deck -> the name of its builder in slides (looked up when
# used); their file names are in cs_service.decks.files.DECKS
BUILDERS = {
	"quality_deck": "build_quality_deck",
	"line_stop_deck": "build_line_stop_deck",
}


def collect(company: str, month: str) -> dict:
	"""The month's figures: ``major_customers``; ``delivery`` (their parts in the month);
	``trend`` (per major customer, the 12 months up to the month); ``line_stops`` (per customer
	shown in the line-stop deck, January to the month: the minutes caused by us and, apart,
	those not decided yet, R-RP-3); ``kpi`` and ``major_problems``."""
	from_date, to_date = months.month_bounds(month)
	majors = live.major_customers(from_date, to_date, company=company)
	trend_months = series.trend_months(month)
	trend_from = months.month_bounds(trend_months[0])[0]

	delivery, trend = [], []
	for customer in majors:
		rows = live.delivery_quality(trend_from, to_date, customer=customer, company=company)
		delivery += [{k: row[k] for k in DELIVERY_KEYS} for row in rows if row["month"] == month]
		trend += series.customer_trend(rows, customer, trend_months)

	ytd = months.months_of_year_to(month)
	stops = live.line_stop_minutes(months.month_bounds(ytd[0])[0], to_date)
	shown = slides.line_stop_customers({"major_customers": majors, "line_stops": stops, "month": month})
	line_stops = [row for customer in shown for row in series.line_stop_series(stops, customer, ytd)]

	kpi = live.complaint_kpi(from_date, to_date)
	return {
		"company": company,
		"month": month,
		"from_date": from_date,
		"to_date": to_date,
		"major_customers": majors,
		"delivery": delivery,
		"trend": trend,
		"line_stops": line_stops,
		"kpi": {k: kpi[k] for k in KPI_KEYS},
		"major_problems": [{k: p[k] for k in PROBLEM_KEYS} for p in kpi["major_problems"]],
	}


def deck_input(figures: dict) -> dict:
	"""The figures with the texts of the decks in the user's language."""
	kpi = dict(figures["kpi"])
	kpi["by_source"] = {_(source): count for source, count in (kpi.get("by_source") or {}).items()}
	return {
		**figures,
		"kpi": kpi,
		"labels": labels(),
		"subtitle": "\n".join([figures["company"], _("Report month {0}").format(figures["month"])]),
		"major_problems": [
			{
				**p,
				"problem_type": _(p.get("problem_type") or ""),
				"tracking_status": _(p.get("tracking_status") or ""),
			}
			for p in figures["major_problems"]
		],
	}


def labels() -> dict[str, str]:
	""":data:`slides.LABELS` translated (each has a zh translation, see tests/unit/test_decks.py)."""
	return {key: _(text) for key, text in slides.LABELS.items()}


def build(figures: dict) -> dict[str, bytes]:
	"""Both decks of ``figures`` (the structure :func:`collect` returns), by the report's Attach
	field, in memory: nothing is written."""
	data = deck_input(figures)
	return {fieldname: getattr(slides, builder)(data) for fieldname, builder in BUILDERS.items()}


def build_decks(month: str, company: str) -> tuple[bytes, bytes]:
	"""Both decks of ``month`` for ``company`` from the live figures (no report document is
	written). Used by the benchmark; the report builds from its frozen rows."""
	built = build(collect(company, month))
	return built["quality_deck"], built["line_stop_deck"]
