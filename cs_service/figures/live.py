"""The quality figures (R-RP-1..3): delivery quality (PPM), line-stop minutes, the
complaint-handling KPI, the major customers and the overdue corrective actions.

The functions aggregate in the database (``frappe.qb``) and apply the rules of
:mod:`cs_service.rules.quality`. They are the one source of the three Script Reports, the
workspace number cards and the Monthly Quality Report decks, so that the figures agree
everywhere.

- Deliveries are submitted ERPNext Delivery Notes by ``posting_date``, quantities in stock
  units (``stock_qty``); returns (``is_return``) count in the month of the return, as a
  positive ``returned`` quantity.
- Defects, line stops and complaints are submitted Quality Feedback Sheets by
  ``occurred_at``; only the *Quality Problem* type counts as defective (R-FB-3) and only its
  line-stop minutes as caused by us; the minutes of *Tracking Problems* are shown apart as
  not yet decided, those of *Disputed Problems* never (R-RP-3).
- PPM is bounded: more defective than delivered net of returns counts as every part
  defective, with ``defective_above_delivered`` set as a warning (R-RP-3).
- Feedback sheets carry no company: a ``company`` filter limits the deliveries only.
- An external Customer SQE only ever gets figures of their own customers (frappe.qb
  applies no permissions, so the scope of :mod:`cs_service.figures.filters` is added to
  each query); everyone else sees all customers.

The raw aggregates (``_deliveries``, ``_defects``, ``_line_stops``, ``_delivered_by_customer``)
are small functions of their own, one query each, so that where they read from can change
without the figures built on them.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe.query_builder.functions import Count, DateFormat, Sum
from frappe.utils import cint, flt, get_year_start, getdate, nowdate
from pypika import Case

from cs_service import settings
from cs_service.figures import kept
from cs_service.figures.filters import _NOBODY, _scoped, _until, customer_scope, period
from cs_service.rules import clock, feedback, months, quality, tracking

MONTH_FORMAT = "%Y-%m"


# ---------------------------------------------------------------- delivery quality (R-RP-2/3)


def delivery_quality(
	from_date, to_date, customer: str | None = None, item: str | None = None, company: str | None = None
) -> list[dict]:
	"""One row per (month, customer, part) with deliveries or defects in the period, ordered by
	month, customer and part: ``month`` ("YYYY-MM"), ``customer``, ``item``, ``item_name``,
	``delivered``, ``returned``, ``net_delivered``, ``defective``, ``ppm`` (None when
	nothing was delivered net of returns; at most 1,000,000) and ``defective_above_delivered``
	(1 when the PPM is bounded because more was defective than delivered, else 0)."""
	from_date, to_date = period(from_date, to_date)
	scope = customer_scope(customer)
	if scope == _NOBODY:
		return []

	deliveries = {tuple(r[:3]): r for r in _deliveries(from_date, to_date, scope, item, company)}
	defects = {tuple(r[:3]): r for r in _defects(from_date, to_date, scope, item)}
	keys = sorted(set(deliveries) | set(defects))
	names = _item_names({key[2] for key in keys})

	ppm, above = quality.ppm, quality.defective_above_delivered
	rows = []
	for key in keys:
		month, customer_, item_ = key
		delivery, defect = deliveries.get(key), defects.get(key)
		delivered = float(delivery[3] or 0) if delivery else 0.0
		returned = float(delivery[4] or 0) if delivery else 0.0
		defective = float(defect[3] or 0) if defect else 0.0
		net = delivered - returned
		rows.append(
			{
				"month": month,
				"customer": customer_,
				"item": item_,
				"item_name": names.get(item_) or item_,
				"delivered": delivered,
				"returned": returned,
				"net_delivered": net,
				"defective": defective,
				"ppm": ppm(defective, net),
				"defective_above_delivered": int(above(defective, net)),
			}
		)
	return rows


def ppm_trend(
	from_date, to_date, customer: str | None = None, item: str | None = None, company: str | None = None
) -> list[dict]:
	"""Every month of the period (months without figures give zeros and ``ppm`` None) with
	``delivered``, ``returned``, ``net_delivered``, ``defective`` and ``ppm`` summed over the
	selected customers and parts: the trend line of the charts."""
	from_date, to_date = period(from_date, to_date)
	rows = delivery_quality(from_date, to_date, customer=customer, item=item, company=company)
	return quality.monthly_totals(rows, months.months_between(from_date, to_date))


def _deliveries(from_date: date, to_date: date, scope, item: str | None, company: str | None) -> list:
	"""``(month, customer, item, delivered, returned)`` per month, customer and part: whole
	months from the aggregate, the days of a partial month from the raw delivery notes."""
	return _by_parts(
		from_date,
		to_date,
		lambda part: kept.deliveries(part, scope, item, company),
		lambda first, last: _raw_deliveries(first, last, scope, item, company),
	)


def _by_parts(from_date: date, to_date: date, whole, raw) -> list:
	"""The rows of the period: ``whole(part)`` for the months the aggregate answers,
	``raw(from_date, to_date)`` for the days only the raw records can."""
	rows = []
	for part in kept.parts(from_date, to_date):
		rows += whole(part) if part.whole else raw(part.from_date, part.to_date)
	return rows


def _raw_deliveries(from_date: date, to_date: date, scope, item: str | None, company: str | None) -> list:
	dn = frappe.qb.DocType("Delivery Note")
	dni = frappe.qb.DocType("Delivery Note Item")
	month = DateFormat(dn.posting_date, MONTH_FORMAT)
	query = (
		frappe.qb.from_(dn)
		.join(dni)
		.on(dni.parent == dn.name)
		.select(
			month.as_("month"),
			dn.customer,
			dni.item_code.as_("item"),
			Sum(Case().when(dn.is_return == 0, dni.stock_qty).else_(0)).as_("delivered"),
			# return lines hold negative quantities
			Sum(Case().when(dn.is_return == 1, -dni.stock_qty).else_(0)).as_("returned"),
		)
		.where(dn.docstatus == 1)
		.where(dn.posting_date[from_date:to_date])
		.groupby(month, dn.customer, dni.item_code)
	)
	query = _scoped(query, dn.customer, scope)
	if item:
		query = query.where(dni.item_code == item)
	if company:
		query = query.where(dn.company == company)
	return query.run()


def _defects(from_date: date, to_date: date, scope, item: str | None) -> list:
	"""``(month, customer, item, defective)`` per month, customer and part: whole months from
	the aggregate, the days of a partial month from the raw feedback sheets."""
	return _by_parts(
		from_date,
		to_date,
		lambda part: kept.defects(part, scope, item),
		lambda first, last: _raw_defects(first, last, scope, item),
	)


def _raw_defects(from_date: date, to_date: date, scope, item: str | None) -> list:
	sheet = frappe.qb.DocType("Quality Feedback Sheet")
	month = DateFormat(sheet.occurred_at, MONTH_FORMAT)
	query = (
		frappe.qb.from_(sheet)
		.select(month.as_("month"), sheet.customer, sheet.item, Sum(sheet.quantity).as_("defective"))
		.where(sheet.docstatus == 1)
		.where(feedback.COUNTS_AS_OURS.criterion(sheet))
		.where(sheet.occurred_at >= from_date)
		.where(sheet.occurred_at < _until(to_date))
		.where(sheet.item.isnotnull())
		.groupby(month, sheet.customer, sheet.item)
	)
	query = _scoped(query, sheet.customer, scope)
	if item:
		query = query.where(sheet.item == item)
	return query.run()


def _item_names(items: set[str]) -> dict[str, str]:
	if not items:
		return {}
	item = frappe.qb.DocType("Item")
	rows = frappe.qb.from_(item).select(item.name, item.item_name).where(item.name.isin(list(items))).run()
	return dict(rows)


# ---------------------------------------------------------------- line stops (R-RP-3)


def line_stop_minutes(from_date, to_date, customer: str | None = None) -> list[dict]:
	"""R-RP-3: one row per (month, customer) with line stops in the period, ordered by month
	and customer: ``month``, ``customer``, ``minutes`` caused by us (Quality problems),
	``cumulative`` (running sum of the customer's ``minutes`` in the calendar year, counting
	months before ``from_date`` too) and ``sheets`` (the feedback sheets behind ``minutes``);
	apart, ``undecided_minutes`` of Tracking problems (not decided yet whether ours) and their
	``undecided_sheets``. Disputed problems never count."""
	from_date, to_date = period(from_date, to_date)
	scope = customer_scope(customer)
	if scope == _NOBODY:
		return []
	first_month = months.month_key(from_date)
	rows = _line_stops(get_year_start(from_date), to_date, scope, by_customer=True)

	by_customer: dict[str, list] = {}
	for row in rows:
		by_customer.setdefault(row.customer, []).append(row)
	out = []
	for customer_, points in by_customer.items():
		totals = quality.running_totals((p.month, cint(p.minutes)) for p in points)
		for point, total in zip(points, totals, strict=True):
			if point.month < first_month:
				continue
			out.append(
				{
					"month": point.month,
					"customer": customer_,
					"minutes": cint(point.minutes),
					"cumulative": total,
					"sheets": point.sheets,
					"undecided_minutes": cint(point.undecided_minutes),
					"undecided_sheets": point.undecided_sheets,
				}
			)
	out.sort(key=lambda r: (r["month"], r["customer"]))
	return out


def line_stop_trend(from_date, to_date, customer: str | None = None) -> list[dict]:
	"""Every month of the period with ``minutes`` caused by us of the selected customers and
	their ``cumulative`` since the start of each calendar year (months without stops give 0),
	and apart the ``undecided_minutes`` of Tracking problems (R-RP-3)."""
	from_date, to_date = period(from_date, to_date)
	scope = customer_scope(customer)
	keys = months.months_between(get_year_start(from_date), to_date)
	minutes, undecided = {}, {}
	if scope != _NOBODY:
		rows = _line_stops(get_year_start(from_date), to_date, scope, by_customer=False)
		minutes = {r.month: cint(r.minutes) for r in rows}
		undecided = {r.month: cint(r.undecided_minutes) for r in rows}
	series = quality.fill_months(keys, minutes)
	totals = quality.running_totals(zip(keys, series, strict=True))
	first_month = months.month_key(from_date)
	return [
		{"month": m, "minutes": v, "cumulative": t, "undecided_minutes": undecided.get(m, 0)}
		for m, v, t in zip(keys, series, totals, strict=True)
		if m >= first_month
	]


def _line_stops(from_date: date, to_date: date, scope, by_customer: bool) -> list:
	"""Line-stop minutes per month (and customer), ordered by month (and customer): ``minutes``
	of the sheets that count as ours, ``undecided_minutes`` of those not decided yet; other
	types are left out (R-RP-3). Whole months from the aggregate, the days of a partial month
	from the raw sheets; by customer with the names of the ``sheets`` and ``undecided_sheets``."""
	rows = _by_parts(
		from_date,
		to_date,
		lambda part: kept.line_stops(part, scope, by_customer),
		lambda first, last: _raw_line_stops(first, last, scope, by_customer),
	)
	if by_customer:
		names = _line_stop_sheets(from_date, to_date, scope)
		for row in rows:
			row.sheets, row.undecided_sheets = names.get((row.month, row.customer), ([], []))
	rows.sort(key=lambda row: (row.month, row.customer if by_customer else ""))
	return rows


def _raw_line_stops(from_date: date, to_date: date, scope, by_customer: bool) -> list:
	sheet = frappe.qb.DocType("Quality Feedback Sheet")
	month = DateFormat(sheet.occurred_at, MONTH_FORMAT)
	ours = quality.LINE_STOP_SHARES[quality.CAUSED_BY_US].criterion(sheet)
	undecided = quality.LINE_STOP_SHARES[quality.NOT_YET_DECIDED].criterion(sheet)
	query = (
		frappe.qb.from_(sheet)
		.select(
			month.as_("month"),
			Sum(Case().when(ours, sheet.line_stop_minutes).else_(0)).as_("minutes"),
			Sum(Case().when(undecided, sheet.line_stop_minutes).else_(0)).as_("undecided_minutes"),
		)
		.where(sheet.docstatus == 1)
		.where(sheet.line_stop_minutes > 0)
		.where(ours | undecided)
		.where(sheet.occurred_at >= from_date)
		.where(sheet.occurred_at < _until(to_date))
		.groupby(month)
	)
	if by_customer:
		query = query.select(sheet.customer).groupby(sheet.customer)
	return _scoped(query, sheet.customer, scope).run(as_dict=True)


def _line_stop_sheets(from_date: date, to_date: date, scope) -> dict[tuple[str, str], tuple[list, list]]:
	"""The sheets behind the line-stop minutes per (month, customer): those caused by us and
	those not decided yet, each sorted by name."""
	sheet = frappe.qb.DocType("Quality Feedback Sheet")
	ours = quality.LINE_STOP_SHARES[quality.CAUSED_BY_US]
	undecided = quality.LINE_STOP_SHARES[quality.NOT_YET_DECIDED]
	query = (
		frappe.qb.from_(sheet)
		.select(
			DateFormat(sheet.occurred_at, MONTH_FORMAT).as_("month"),
			sheet.customer,
			sheet.name,
			sheet.problem_type,
		)
		.where(sheet.docstatus == 1)
		.where(sheet.line_stop_minutes > 0)
		.where(ours.criterion(sheet) | undecided.criterion(sheet))
		.where(sheet.occurred_at >= from_date)
		.where(sheet.occurred_at < _until(to_date))
	)
	names: dict[tuple[str, str], tuple[list, list]] = {}
	for row in _scoped(query, sheet.customer, scope).run(as_dict=True):
		mine, open_ = names.setdefault((row.month, row.customer), ([], []))
		(mine if ours.matches(row) else open_).append(row.name)
	for mine, open_ in names.values():
		mine.sort()
		open_.sort()
	return names


# ---------------------------------------------------------------- complaint handling (R-RP-1)


def complaint_kpi(from_date, to_date, customer: str | None = None) -> dict:
	"""R-RP-1: submitted feedback sheets of the period (found on site and reported by the
	customer) received vs handled (closed), as a rate against the 100 % target; the
	15-minute on-time rate; the major problems of the period."""
	from_date, to_date = period(from_date, to_date)
	scope = customer_scope(customer)
	counts = _complaint_counts(from_date, to_date, scope) if scope != _NOBODY else {}
	received = cint(counts.get("received"))
	handled = cint(counts.get("handled"))
	return {
		"received": received,
		"by_source": {
			feedback.FOUND_ON_SITE: cint(counts.get("found_on_site")),
			feedback.REPORTED_BY_CUSTOMER: cint(counts.get("reported_by_customer")),
		},
		"handled": handled,
		"handled_by_source": {
			feedback.FOUND_ON_SITE: cint(counts.get("handled_found_on_site")),
			feedback.REPORTED_BY_CUSTOMER: cint(counts.get("handled_reported_by_customer")),
		},
		"rate": quality.handling_rate(received, handled),
		"target": quality.HANDLING_TARGET,
		"on_time": cint(counts.get("on_time")),
		"timed": cint(counts.get("timed")),
		"on_time_rate": quality.on_time_rate(cint(counts.get("on_time")), cint(counts.get("timed"))),
		"major_problems": _major_problems(from_date, to_date, scope) if scope != _NOBODY else [],
	}


def _complaint_counts(from_date: date, to_date: date, scope) -> dict:
	sheet = frappe.qb.DocType("Quality Feedback Sheet")
	closed = tracking.SHEET_CLOSED.criterion(sheet)

	def count(condition):
		return Sum(Case().when(condition, 1).else_(0))

	query = (
		frappe.qb.from_(sheet)
		.select(
			Count(sheet.name).as_("received"),
			count(closed).as_("handled"),
			count(sheet.source == feedback.FOUND_ON_SITE).as_("found_on_site"),
			count(sheet.source == feedback.REPORTED_BY_CUSTOMER).as_("reported_by_customer"),
			count(closed & (sheet.source == feedback.FOUND_ON_SITE)).as_("handled_found_on_site"),
			count(closed & (sheet.source == feedback.REPORTED_BY_CUSTOMER)).as_(
				"handled_reported_by_customer"
			),
			count(sheet.timeliness == clock.ON_TIME).as_("on_time"),
			count(sheet.timeliness.isin([clock.ON_TIME, clock.LATE])).as_("timed"),
		)
		.where(sheet.docstatus == 1)
		.where(sheet.occurred_at >= from_date)
		.where(sheet.occurred_at < _until(to_date))
	)
	rows = _scoped(query, sheet.customer, scope).run(as_dict=True)
	return rows[0] if rows else {}


def _major_problems(from_date: date, to_date: date, scope) -> list[dict]:
	sheet = frappe.qb.DocType("Quality Feedback Sheet")
	query = (
		frappe.qb.from_(sheet)
		.select(
			sheet.name,
			sheet.customer,
			sheet.item,
			sheet.item_name,
			sheet.description,
			sheet.problem_type,
			sheet.tracking_status,
			sheet.occurred_at,
		)
		.where(sheet.docstatus == 1)
		.where(sheet.is_major == 1)
		.where(sheet.occurred_at >= from_date)
		.where(sheet.occurred_at < _until(to_date))
		.orderby(sheet.occurred_at)
		.orderby(sheet.name)
	)
	return _scoped(query, sheet.customer, scope).run(as_dict=True)


# ---------------------------------------------------------------- major customers (R-RP-3)


def major_customers(from_date, to_date, company: str | None = None) -> list[str]:
	"""The customers that get their own charts in the monthly decks, per CS Service Settings:
	all enabled customers flagged *Major Customer (CS Reports)*, or the N customers with
	the largest net delivered quantity of the period (N = Number of Major Customers, 5 when
	empty). Ordered by net delivered quantity of the period (largest first), then by name."""
	from_date, to_date = period(from_date, to_date)
	scope = customer_scope()
	if scope == _NOBODY:
		return []
	if settings.major_customer_basis() == settings.FLAG_BASIS:
		flagged = frappe.get_all(
			"Customer", filters={"cs_major_customer": 1, "disabled": 0}, pluck="name", order_by="name"
		)
		if scope is not None:
			flagged = [c for c in flagged if c in scope]
		volume = dict(_delivered_by_customer(from_date, to_date, flagged, company)) if flagged else {}
		return sorted(flagged, key=lambda c: (-flt(volume.get(c)), c))
	return [
		c
		for c, qty in _delivered_by_customer(
			from_date, to_date, scope, company, limit=settings.major_customer_count()
		)
		if flt(qty) > 0
	]


def _delivered_by_customer(from_date: date, to_date: date, scope, company, limit: int | None = None):
	"""``(customer, net delivered quantity)`` of the customers with deliveries in the period,
	largest first, then by name: whole months from the aggregate, partial ones from the raw
	delivery notes."""
	totals: dict[str, float] = {}
	for customer, qty in _by_parts(
		from_date,
		to_date,
		lambda part: list(kept.delivered_by_customer(part, scope, company).items()),
		lambda first, last: _raw_delivered_by_customer(first, last, scope, company),
	):
		totals[customer] = totals.get(customer, 0.0) + flt(qty)
	ranked = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))
	return ranked[:limit] if limit else ranked


def _raw_delivered_by_customer(from_date: date, to_date: date, scope, company) -> list:
	dn = frappe.qb.DocType("Delivery Note")
	dni = frappe.qb.DocType("Delivery Note Item")
	query = (
		frappe.qb.from_(dn)
		.join(dni)
		.on(dni.parent == dn.name)
		.select(dn.customer, Sum(dni.stock_qty).as_("qty"))  # returns hold negative quantities
		.where(dn.docstatus == 1)
		.where(dn.posting_date[from_date:to_date])
		.groupby(dn.customer)
	)
	if company:
		query = query.where(dn.company == company)
	return _scoped(query, dn.customer, scope).run()


# ---------------------------------------------------------------- overdue actions


def overdue_actions(customer: str | None = None, today: date | None = None) -> int:
	"""Corrective actions of submitted sheets past their due date and not done (R-RP-4)."""
	scope = customer_scope(customer)
	if scope == _NOBODY:
		return 0
	sheet = frappe.qb.DocType("Quality Feedback Sheet")
	action = frappe.qb.DocType("Quality Feedback Action")
	query = (
		frappe.qb.from_(action)
		.join(sheet)
		.on(action.parent == sheet.name)
		.select(Count(action.name))
		.where(action.parenttype == "Quality Feedback Sheet")
		.where(sheet.docstatus == 1)
		.where(tracking.ACTION_OVERDUE.criterion(action, today=today or getdate(nowdate())))
	)
	return cint(_scoped(query, sheet.customer, scope).run()[0][0])
