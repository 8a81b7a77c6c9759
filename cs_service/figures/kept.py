"""The monthly quality figures kept as they happen (R-RP-2, R-RP-3): DocType *CS Quality Figure*.

Delivery Note submit / cancel and Quality Feedback Sheet submit / cancel / reclassification
add their share to the rows of their month, customer and part in their own transaction, the
way ERPNext keeps its Bin quantities: one ``INSERT ... ON DUPLICATE KEY UPDATE`` that adds
to the counters, so concurrent writers of the same row meet on its primary key and nothing
is lost (:mod:`cs_service.rules.aggregate` says what each record adds).

The reports, number cards and decks read the whole months of their period here; the days of
a partial month come from the raw records unless nothing is recorded on the month's other
days (:func:`parts`).

:func:`rebuild` fills the rows from the raw records (a site that installs the app on
existing data, or a repair), month by month with progress; :func:`check` compares them with
the raw records. Both are ``bench`` commands (:mod:`cs_service.commands`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date

import frappe
from frappe.utils import add_days, flt, getdate, now
from pypika.functions import Cast
from pypika.terms import Function

from cs_service.rules import aggregate, feedback, months

DOCTYPE = "CS Quality Figure"
SHEET_FIELDS = ("occurred_at", "customer", "item", "quantity", "problem_type", "line_stop_minutes")
TOLERANCE = 1e-6


# ---------------------------------------------------------------- kept as it happens (called by the sheet's controller and the Delivery Note's hooks)


def on_delivery_note_submit(doc, method=None):
	apply(_delivery_note(doc, 1))


def on_delivery_note_cancel(doc, method=None):
	apply(_delivery_note(doc, -1))


def _delivery_note(doc, sign: int) -> aggregate.Deltas:
	return aggregate.delivery_note_deltas(
		doc.posting_date,
		doc.company,
		doc.customer,
		bool(doc.is_return),
		((row.item_code, row.stock_qty) for row in doc.items),
		sign,
	)


def on_sheet_submit(doc, method=None):
	apply(aggregate.sheet_deltas(_sheet(doc), 1))


def on_sheet_cancel(doc, method=None):
	apply(aggregate.sheet_deltas(_sheet(doc), -1))


def on_sheet_update_after_submit(doc, method=None):
	"""A reclassification (the only field of the figures that may change after submit): the old
	share goes, the new one comes; nothing is written when the figures stay the same."""
	before = doc.get_doc_before_save()
	if before is None:
		return
	apply(aggregate.merge(aggregate.sheet_deltas(_sheet(before), -1), aggregate.sheet_deltas(_sheet(doc), 1)))


def _sheet(doc) -> dict:
	return {field: doc.get(field) for field in SHEET_FIELDS}


def on_rename(doc, method=None, old: str | None = None, new: str | None = None, merge: bool = False):
	"""``after_rename`` of Customer and Item (a merge included): Frappe has written the new name
	into the rows' ``customer`` / ``item`` already, but a row's name is the hash of its key, so the
	rows are keyed again -- and, after a merge, added to the rows of the record merged into
	(otherwise the figures stayed keyed by the old name until a rebuild)."""
	rekey("customer" if doc.doctype == "Customer" else "item", new or doc.name)


def rekey(field: str, value: str) -> int:
	"""Rows with ``field`` = ``value`` whose name is not their key's are moved onto their key's
	row (added to it when it exists). Returns the number of rows moved."""
	rows = frappe.db.sql(
		f"""SELECT name, month, company, customer, item, {", ".join(f"`{c}`" for c in aggregate.COUNTERS)}
		FROM `tab{DOCTYPE}` WHERE `{field}` = %s ORDER BY name FOR UPDATE""",
		value,
		as_dict=True,
	)
	stale = [row for row in rows if row.name != aggregate.key_name(_key(row))]
	if not stale:
		return 0
	frappe.db.delete(DOCTYPE, {"name": ("in", [row.name for row in stale])})
	apply(aggregate.merge(*({_key(row): {c: flt(row[c]) for c in aggregate.COUNTERS}} for row in stale)))
	return len(stale)


def apply(deltas: aggregate.Deltas) -> None:
	"""Add ``deltas`` to their rows in one statement, in the caller's transaction; rows are
	written in key order, so two writers of the same rows never wait on each other crosswise."""
	deltas = aggregate.merge(deltas)
	if not deltas:
		return
	stamp, user = now(), frappe.session.user
	columns = ("name", "creation", "modified", "owner", "modified_by", "month", "company", "customer", "item")
	values, placeholders = [], []
	for key in sorted(deltas):
		values += [aggregate.key_name(key), stamp, stamp, user, user, *key]
		values += [deltas[key][counter] for counter in aggregate.COUNTERS]
		placeholders.append("(" + ", ".join(["%s"] * (len(columns) + len(aggregate.COUNTERS))) + ")")
	updates = ", ".join(f"`{c}` = `{c}` + VALUES(`{c}`)" for c in aggregate.COUNTERS)
	frappe.db.sql(
		f"""INSERT INTO `tab{DOCTYPE}` ({", ".join(f"`{c}`" for c in (*columns, *aggregate.COUNTERS))})
		VALUES {", ".join(placeholders)}
		ON DUPLICATE KEY UPDATE {updates}, `modified` = VALUES(`modified`)""",
		values,
	)


# ---------------------------------------------------------------- reading


def parts(from_date: date, to_date: date) -> list[aggregate.Part]:
	"""The period in parts the aggregate answers (``whole``) and parts only the raw records can:
	a partial month counts as whole when nothing is recorded on its other days (the number
	cards' month to date, a period that ends today)."""
	out = []
	for part in aggregate.split_period(from_date, to_date):
		if not part.whole and not any(_recorded(a, b) for a, b in aggregate.month_rest(part)):
			part = aggregate.Part(part.from_date, part.to_date, whole=True)
		out.append(part)
	return out


def _recorded(from_date: date, to_date: date) -> bool:
	"""Whether a submitted delivery note or feedback sheet falls on these days (index look-ups)."""
	return bool(
		frappe.db.sql(
			"""SELECT 1 FROM `tabDelivery Note` WHERE docstatus = 1 AND posting_date BETWEEN %(f)s AND %(t)s
			UNION ALL
			SELECT 1 FROM `tabQuality Feedback Sheet`
			WHERE docstatus = 1 AND occurred_at >= %(f)s AND occurred_at < %(u)s
			LIMIT 1""",
			{"f": from_date, "t": to_date, "u": add_days(to_date, 1)},
		)
	)


def _rows(
	part: aggregate.Part, scope, counters: tuple[str, ...], sheets: bool, where=None, **filters
) -> list:
	"""The stored rows of the part's whole months, those of the delivery notes or (``sheets``)
	those of the feedback sheets: a range of the primary key, so the months' rows are read
	together, and no grouping in the database (a row is already one month, one company, one
	customer and one part; the callers add up the companies). Plain tuples: ``month``,
	``customer``, ``item``, then ``counters``."""
	t = frappe.qb.DocType(DOCTYPE)
	low, high = aggregate.name_range(part.from_month, part.to_month)
	columns = (t.month, t.customer, t.item, *(_as_read(t, c) for c in counters))
	query = (
		frappe.qb.from_(t)
		.where(t.name[low:high])
		.where(t.company == aggregate.NO_COMPANY if sheets else t.company != aggregate.NO_COMPANY)
	)
	if scope is not None:
		query = query.where(t.customer.isin(list(scope)))
	if where is not None:
		query = query.where(where)
	for field, value in filters.items():
		if value is not None:
			query = query.where(t[field] == value)
	return _fetch(query, columns)


def _fetch(query, columns) -> list:
	"""The rows of ``query`` as lists. A year of figures is tens of thousands of rows, and the
	driver decodes each row and value in Python: the database sends them as one JSON array
	instead, which Python's C decoder reads in a fraction of the time. A result longer than
	the session allows (it would come back cut) is read row by row instead."""
	frappe.db.sql("SET SESSION group_concat_max_len = @@max_allowed_packet")
	document = query.select(Function("JSON_ARRAYAGG", Function("JSON_ARRAY", *columns))).run()[0][0]
	try:
		return json.loads(document) if document else []
	except ValueError:
		return [list(row) for row in query.select(*columns).run()]


def _as_read(table, counter: str):
	return Cast(table[counter], "DOUBLE") if counter.endswith("_qty") else table[counter]


def _grouped(rows, width: int) -> dict[tuple, list]:
	"""``rows`` (tuples of key fields, then counters) added up by their first ``width`` fields."""
	groups: dict[tuple, list] = {}
	for row in rows:
		key = tuple(row[:width])
		group = groups.get(key)
		if group is None:
			groups[key] = list(row[3:])
		else:
			for index, value in enumerate(row[3:]):
				group[index] += value
	return groups


def deliveries(part: aggregate.Part, scope, item: str | None, company: str | None) -> list[tuple]:
	"""``(month, customer, item, delivered, returned)`` of the whole months, as
	:func:`cs_service.figures.live._deliveries` gives them."""
	rows = _rows(
		part, scope, ("delivered_qty", "returned_qty", "delivery_lines"), False, item=item, company=company
	)
	return [
		(*key, delivered, returned)
		for key, (delivered, returned, lines) in _grouped(rows, 3).items()
		if lines
	]


def defects(part: aggregate.Part, scope, item: str | None) -> list[tuple]:
	"""``(month, customer, item, defective)`` of the whole months, as
	:func:`cs_service.figures.live._defects` gives them."""
	t = frappe.qb.DocType(DOCTYPE)
	rows = _rows(part, scope, ("defective_qty", "defect_sheets"), True, item=item, where=t.defect_sheets != 0)
	return [
		(month, customer, item_, defective) for month, customer, item_, defective, _sheets in rows if item_
	]


def line_stops(part: aggregate.Part, scope, by_customer: bool) -> list:
	"""``month`` (and ``customer``) with the ``minutes`` caused by us and the
	``undecided_minutes``, for whole months."""
	counters = ("line_stop_minutes", "undecided_minutes", "line_stop_sheets", "undecided_sheets")
	t = frappe.qb.DocType(DOCTYPE)
	rows = _rows(part, scope, counters, True, where=(t.line_stop_sheets != 0) | (t.undecided_sheets != 0))
	width = 2 if by_customer else 1
	return [
		frappe._dict(
			dict(zip(("month", "customer"), key, strict=False)), minutes=minutes, undecided_minutes=undecided
		)
		for key, (minutes, undecided, *_sheets) in _grouped(rows, width).items()
	]


def delivered_by_customer(part: aggregate.Part, scope, company: str | None) -> dict[str, float]:
	"""Net delivered quantity per customer with deliveries in the whole months."""
	rows = _rows(part, scope, ("delivered_qty", "returned_qty", "delivery_lines"), False, company=company)
	totals: dict[str, list] = {}
	for _month, customer, _item, delivered, returned, lines in rows:
		total = totals.setdefault(customer, [0.0, 0])
		total[0] += flt(delivered) - flt(returned)
		total[1] += lines
	return {customer: qty for customer, (qty, lines) in totals.items() if lines}


# ---------------------------------------------------------------- rebuild and check

DN_SELECT = """
	SELECT DATE_FORMAT(dn.posting_date, '%%Y-%%m') AS month, dn.company, dn.customer,
		dni.item_code AS item,
		SUM(CASE WHEN dn.is_return = 0 THEN dni.stock_qty ELSE 0 END) AS delivered_qty,
		SUM(CASE WHEN dn.is_return = 1 THEN -dni.stock_qty ELSE 0 END) AS returned_qty,
		COUNT(*) AS delivery_lines,
		0 AS defective_qty, 0 AS defect_sheets, 0 AS line_stop_minutes, 0 AS line_stop_sheets,
		0 AS undecided_minutes, 0 AS undecided_sheets
	FROM `tabDelivery Note` dn JOIN `tabDelivery Note Item` dni ON dni.parent = dn.name
	WHERE dn.docstatus = 1 AND dn.posting_date BETWEEN %(from_date)s AND %(to_date)s
	GROUP BY month, dn.company, dn.customer, dni.item_code"""

SHEET_SELECT = """
	SELECT DATE_FORMAT(s.occurred_at, '%%Y-%%m') AS month, '' AS company, s.customer,
		IFNULL(s.item, '') AS item,
		0 AS delivered_qty, 0 AS returned_qty, 0 AS delivery_lines,
		SUM(CASE WHEN {ours} AND IFNULL(s.item, '') != '' THEN s.quantity ELSE 0 END) AS defective_qty,
		SUM(CASE WHEN {ours} AND IFNULL(s.item, '') != '' THEN 1 ELSE 0 END) AS defect_sheets,
		SUM(CASE WHEN {ours} AND s.line_stop_minutes > 0 THEN s.line_stop_minutes ELSE 0 END)
			AS line_stop_minutes,
		SUM(CASE WHEN {ours} AND s.line_stop_minutes > 0 THEN 1 ELSE 0 END) AS line_stop_sheets,
		SUM(CASE WHEN {undecided} AND s.line_stop_minutes > 0 THEN s.line_stop_minutes ELSE 0 END)
			AS undecided_minutes,
		SUM(CASE WHEN {undecided} AND s.line_stop_minutes > 0 THEN 1 ELSE 0 END) AS undecided_sheets
	FROM `tabQuality Feedback Sheet` s
	WHERE s.docstatus = 1 AND s.customer IS NOT NULL
		AND s.occurred_at >= %(from_date)s AND s.occurred_at < %(until)s
	GROUP BY month, s.customer, IFNULL(s.item, '')
	HAVING defect_sheets + line_stop_sheets + undecided_sheets > 0"""


def _sheet_select() -> str:
	def one_of(predicate):
		return "s.`{}` IN ({})".format(
			predicate.field, ", ".join(frappe.db.escape(v) for v in predicate.values)
		)

	return SHEET_SELECT.format(
		ours=one_of(feedback.COUNTS_AS_OURS), undecided=one_of(feedback.NOT_YET_DECIDED)
	)


def raw_rows(from_date: date, to_date: date) -> list[dict]:
	"""The aggregate's rows as the raw records give them for these days (rebuild and check)."""
	args = {"from_date": from_date, "to_date": to_date, "until": add_days(to_date, 1)}
	return frappe.db.sql(DN_SELECT, args, as_dict=True) + frappe.db.sql(_sheet_select(), args, as_dict=True)


def recorded_months() -> list[str]:
	"""Every month from the first to the last submitted delivery note or feedback sheet."""
	((first, last),) = frappe.db.sql(
		"""SELECT MIN(d), MAX(d) FROM (
			SELECT MIN(posting_date) AS d FROM `tabDelivery Note` WHERE docstatus = 1
			UNION ALL SELECT MAX(posting_date) FROM `tabDelivery Note` WHERE docstatus = 1
			UNION ALL SELECT DATE(MIN(occurred_at)) FROM `tabQuality Feedback Sheet` WHERE docstatus = 1
			UNION ALL SELECT DATE(MAX(occurred_at)) FROM `tabQuality Feedback Sheet` WHERE docstatus = 1
		) bounds"""
	)
	if not first:
		return []
	return months.months_between(getdate(first), getdate(last))


def rebuild(progress: Callable[[int, int, str], None] | None = None, commit: bool = True) -> int:
	"""Fill the aggregate from the raw records, one month per transaction: the month's rows are
	deleted and written again from a locking read of its records, so a delivery note submitted
	meanwhile is counted once, before or after. Returns the number of rows written."""
	months = recorded_months()
	frappe.db.delete(DOCTYPE, {"month": ("not in", months or [""])})
	if commit:
		frappe.db.commit()  # nosemgrep: the rows of months without records are gone for good
	written = 0
	for index, month in enumerate(months, 1):
		written += rebuild_month(month)
		if commit:
			frappe.db.commit()  # nosemgrep: one month per transaction, a long rebuild holds no lock for long
		if progress:
			progress(index, len(months), month)
	return written


def rebuild_month(month: str) -> int:
	from_date, to_date = months.month_bounds(month)
	rows = _locked_raw_rows(from_date, to_date)
	frappe.db.delete(DOCTYPE, {"month": month})
	if not rows:
		return 0
	stamp, user = now(), frappe.session.user
	columns = ("name", "creation", "modified", "owner", "modified_by", "month", "company", "customer", "item")
	for start in range(0, len(rows), 1000):
		batch = rows[start : start + 1000]
		values = []
		for row in batch:
			key = (row.month, row.company or "", row.customer, row.item or "")
			values += [aggregate.key_name(key), stamp, stamp, user, user, *key]
			values += [row[counter] for counter in aggregate.COUNTERS]
		frappe.db.sql(
			f"""INSERT INTO `tab{DOCTYPE}` ({", ".join(f"`{c}`" for c in (*columns, *aggregate.COUNTERS))})
			VALUES {", ".join(["(" + ", ".join(["%s"] * (len(columns) + len(aggregate.COUNTERS))) + ")"] * len(batch))}""",
			values,
		)
	return len(rows)


def _locked_raw_rows(from_date: date, to_date: date) -> list[dict]:
	"""The month's raw rows, read with shared locks on the records so that none is submitted or
	cancelled in the month until the rows are written (then its own update adds to them)."""
	args = {"from_date": from_date, "to_date": to_date, "until": add_days(to_date, 1)}
	return frappe.db.sql(DN_SELECT + " LOCK IN SHARE MODE", args, as_dict=True) + frappe.db.sql(
		_sheet_select() + " LOCK IN SHARE MODE", args, as_dict=True
	)


def differences(month_keys: Iterable[str] | None = None) -> list[dict]:
	"""Where the aggregate and the raw records differ: one dict per (month, company, customer,
	part) and counter with ``aggregate`` and ``raw``; empty when they agree. Without ``month_keys``,
	every recorded month, and rows with figures outside them count as differences too."""
	every = month_keys is None
	keys = list(month_keys) if month_keys is not None else recorded_months()
	differences = []
	for month in keys:
		from_date, to_date = months.month_bounds(month)
		raw = {_key(row): row for row in raw_rows(from_date, to_date)}
		kept = {
			_key(row): row
			for row in frappe.get_all(
				DOCTYPE,
				filters={"month": month},
				fields=["month", "company", "customer", "item", *aggregate.COUNTERS],
			)
		}
		for key in sorted(set(raw) | set(kept)):
			for counter in aggregate.COUNTERS:
				a = flt(kept[key][counter]) if key in kept else 0.0
				b = flt(raw[key][counter]) if key in raw else 0.0
				if abs(a - b) > TOLERANCE:
					differences.append({"key": key, "counter": counter, "aggregate": a, "raw": b})
	if every:
		anything = " OR ".join(f"`{counter}` != 0" for counter in aggregate.COUNTERS)
		for row in frappe.db.sql(
			f"""SELECT month, company, customer, item FROM `tab{DOCTYPE}`
			WHERE month NOT IN %(months)s AND ({anything})""",
			{"months": tuple(keys) or ("",)},
			as_dict=True,
		):
			differences.append({"key": _key(row), "counter": "month", "aggregate": 1, "raw": 0})
	return differences


def _key(row) -> aggregate.Key:
	return (row["month"], row["company"] or "", row["customer"], row["item"] or "")
