"""Sane bounds of the numbers people type (R-FB-2, R-RP-2, R-RP-3).

A quantity or a number of line-stop minutes is added into the monthly figures that judge the
engineers: one absurd value (``line_stop_minutes = 2147483000``) once broke the month's row
for everybody who sent after it. Every number a user types into the module's records is
checked here before anything is written:

- the **bounded** fields (quantities, minutes, hours) lie between 0 and a limit: the
  quantity and minute limits are CS Service Settings values, the others fixed here;
- every other number fits its database column (``int(11)``, ``decimal(21,9)``), so no value
  reaches the database only to be refused there with an error of the server;
- a value that is not a number at all (text, infinity, NaN) is refused.

Plain functions over plain values; :mod:`cs_service.integrity.numbers` applies them to documents.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

QUANTITY = "quantity"  # parts (counted, suspect, sorted, repaired...), people, visits
MINUTES = "minutes"  # line-stop minutes
HOURS = "hours"  # hours of work on a confirmation sheet

# The Settings fields that hold the limits of QUANTITY and MINUTES, and their defaults.
LIMIT_SETTINGS = {QUANTITY: "max_quantity", MINUTES: "max_line_stop_minutes"}
DEFAULT_LIMITS = {
	QUANTITY: 1_000_000,  # a million parts in one record is more than a plant's month
	MINUTES: 10_080,  # a week of line stop caused by one problem
	HOURS: 10_000,  # hours of work on one confirmation sheet
}

# DocType -> field -> kind. Fields written by the app only (figures, report rows) are not here.
BOUNDED: dict[str, dict[str, str]] = {
	"Quality Feedback Sheet": {"quantity": QUANTITY, "line_stop_minutes": MINUTES},
	"Suspect Part Slip": {
		"quantity": QUANTITY,
		"qty_repaired": QUANTITY,
		"qty_exchanged": QUANTITY,
		"qty_returned": QUANTITY,
	},
	"Service Confirmation Sheet": {
		"qty_sorted": QUANTITY,
		"qty_good": QUANTITY,
		"qty_defective": QUANTITY,
		"people": QUANTITY,
		"hours": HOURS,
	},
	"Containment Screening Area": {"qty_checked": QUANTITY, "qty_suspect": QUANTITY},
	"CS 8D Containment": {"qty_checked": QUANTITY, "qty_suspect": QUANTITY},
	"CS 8D Report": {"quantity": QUANTITY, "total_checked": QUANTITY, "total_suspect": QUANTITY},
	"CS 8D Sheet": {"quantity": QUANTITY},
	"Customer Visit Problem": {"quantity": QUANTITY},
	"Annual Service Plan Visit": {"planned_visits": QUANTITY, "actual_visits": QUANTITY},
}

# What the database columns of Frappe v15 (MariaDB) hold.
INT_MAX = 2**31 - 1  # int(11)
DECIMAL_MAX = Decimal("999999999999.999999999")  # decimal(21,9)
INT_TYPES = ("Int",)
DECIMAL_TYPES = ("Float", "Currency", "Percent")
NUMBER_TYPES = ("Check", *INT_TYPES, *DECIMAL_TYPES)

# problem codes
NOT_A_NUMBER = "not_a_number"
OUT_OF_BOUNDS = "out_of_bounds"
TOO_LARGE = "too_large"
NOT_A_CHECK = "not_a_check"


def limits(settings: Mapping[str, object] | None = None) -> dict[str, float]:
	"""The limit of each kind: the Settings' value when it is a positive number, else the default."""
	out = dict(DEFAULT_LIMITS)
	for kind, field in LIMIT_SETTINGS.items():
		value = (settings or {}).get(field)
		if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
			out[kind] = value
	return out


def as_number(value) -> Decimal | None:
	"""``value`` as an exact number; ``None`` when it is not a finite number. Empty is zero
	(Frappe stores an empty number as 0)."""
	if value is None or value == "":
		return Decimal(0)
	if isinstance(value, bool):
		return Decimal(int(value))
	if isinstance(value, int):
		return Decimal(value)
	if isinstance(value, float):
		return Decimal(repr(value)) if math.isfinite(value) else None
	if isinstance(value, str):
		try:
			number = Decimal(value.strip())
		except InvalidOperation:
			return None
		return number if number.is_finite() else None
	if isinstance(value, Decimal):
		return value if value.is_finite() else None
	return None


def problem(fieldtype: str, value, kind: str | None, limit: float | None) -> tuple[str, object] | None:
	"""``(code, limit)`` when ``value`` of a field of ``fieldtype`` (of ``kind``, bounded by
	``limit``) cannot be kept, else ``None``."""
	number = as_number(value)
	if number is None:
		return (NOT_A_NUMBER, None)
	if fieldtype == "Check":
		return None if number in (0, 1) else (NOT_A_CHECK, None)
	if kind is not None and limit is not None:
		if number < 0 or number > Decimal(str(limit)):
			return (OUT_OF_BOUNDS, limit)
		if fieldtype in INT_TYPES and number != number.to_integral_value():
			return (NOT_A_NUMBER, None)
		return None
	if fieldtype in INT_TYPES and abs(number) > INT_MAX:
		return (TOO_LARGE, INT_MAX)
	if fieldtype in DECIMAL_TYPES and abs(number) > DECIMAL_MAX:
		return (TOO_LARGE, int(DECIMAL_MAX))
	return None


def kind_of(doctype: str, fieldname: str) -> str | None:
	return BOUNDED.get(doctype, {}).get(fieldname)
