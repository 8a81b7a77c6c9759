"""Monthly quality figures: PPM, line-stop minutes, complaint handling (R-RP-1..3).

Plain functions over plain values, used by :mod:`cs_service.figures.live`, its
reports, number cards and the monthly slide decks.

- **PPM** (parts per million) = defective / delivered x 1,000,000, rounded half up to a
  whole number. *Delivered* is the net delivered quantity of the month (deliveries minus
  returns). With no positive net delivery there is no PPM (``None``, shown as "-"): the
  defects are still reported, but a ratio over nothing is not made up.
- **Bounded** (R-RP-3): a month's defects can exceed its net delivery (a recall
  returns nearly everything, the defects were found on earlier deliveries). The defective
  quantity then counts at most the delivered one, so PPM never exceeds 1,000,000 (and never
  overflows what stores it); :func:`defective_above_delivered` flags such a figure as a
  warning -- the quantities themselves are reported as they are.
- **Line-stop minutes caused by us** (R-RP-3) are those of *Quality* problems only; the
  minutes of *Tracking* problems are not decided yet and are shown apart; *Disputed*
  problems (confirmed not ours) never count (:func:`line_stop_share`).
- **Complaint handling rate** = handled (closed) / received x 100 %, one decimal, target
  100 % (R-RP-1); no complaint received gives no rate (``None``), not 0 % nor 100 %. The
  **15-minute on-time rate** (R-FB-4, R-RP-4) is rounded the same way; a missing rate is
  written "-".
- Months are keyed ``"YYYY-MM"``; line-stop minutes accumulate within a calendar year.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from cs_service.rules import feedback

HANDLING_TARGET = 100  # % of complaints handled (R-RP-1)
MILLION = 1_000_000
MAX_PPM = MILLION  # every delivered part defective (R-RP-3: bounded, see defective_above_delivered)

# R-RP-3: the share of a sheet's line-stop minutes (see line_stop_share), each with the
# predicate that decides it -- one source for line_stop_share and the reports' SQL
CAUSED_BY_US = "caused_by_us"
NOT_YET_DECIDED = "not_yet_decided"
LINE_STOP_SHARES = {CAUSED_BY_US: feedback.COUNTS_AS_OURS, NOT_YET_DECIDED: feedback.NOT_YET_DECIDED}


def _round_half_up(value: Decimal, places: int = 0) -> Decimal:
	return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def ppm(defective: float | None, delivered: float | None) -> int | None:
	"""Defective parts per million delivered, rounded half up to a whole number.

	``ppm(19, 9500) == 2000``; ``ppm(1, 3) == 333333``; ``ppm(1, 8) == 125000``.
	Returns None when nothing (or, after returns, less than nothing) was delivered: "no
	delivery", never a division by zero. Negative defective quantities are refused. More
	defective than delivered counts as every delivered part defective: at most
	:data:`MAX_PPM` (R-RP-3; :func:`defective_above_delivered` says when).
	"""
	whole = _whole(defective), _whole(delivered)
	if None not in whole:  # whole quantities, the usual case: exact integer arithmetic, fast
		part, total = whole
		if part < 0:
			raise ValueError(f"defective quantity cannot be negative: {defective}")
		if delivered is None or total <= 0:
			return None
		return (2 * min(part, total) * MILLION + total) // (2 * total)  # half up
	defective = _quantity(defective)
	if defective < 0:
		raise ValueError(f"defective quantity cannot be negative: {defective}")
	if delivered is None or _quantity(delivered) <= 0:
		return None
	delivered = _quantity(delivered)
	return int(_round_half_up(min(defective, delivered) * MILLION / delivered))


def _whole(value) -> int | None:
	"""``value`` as an int when it is a whole number (None counts as 0), else None."""
	if value is None:
		return 0
	try:
		number = int(value)
	except (TypeError, ValueError, OverflowError):
		return None
	return number if number == value else None


def defective_above_delivered(defective: float | None, delivered: float | None) -> bool:
	"""R-RP-3: the warning beside a bounded PPM -- more defective parts than delivered net of
	returns in a month with a delivery (a month without delivery has no PPM at all)."""
	whole = _whole(defective), _whole(delivered)
	if None not in whole:
		return whole[1] > 0 and whole[0] > whole[1]
	net = _quantity(delivered)
	return net > 0 and _quantity(defective) > net


# Why a month has no PPM: said beside the missing figure, never a bare "-"
NO_DELIVERY = "no_delivery"  # nothing delivered net of returns, nothing defective
DEFECTIVE_WITHOUT_DELIVERY = "defective_without_delivery"  # defective parts, nothing delivered


def ppm_missing_reason(defective: float | None, delivered: float | None) -> str | None:
	"""Why :func:`ppm` gives no figure for these quantities (None when it gives one): nothing
	was delivered net of returns, with or without defective parts (defective parts without a
	delivery are more defective than delivered: :func:`more_defective_than_delivered`)."""
	if ppm(defective, delivered) is not None:
		return None
	return DEFECTIVE_WITHOUT_DELIVERY if _quantity(defective) > 0 else NO_DELIVERY


def more_defective_than_delivered(defective: float | None, delivered: float | None) -> bool:
	"""The flag beside a month's figures: more defective parts than delivered net of
	returns, whether the PPM is bounded (:func:`defective_above_delivered`) or missing because
	nothing was delivered."""
	return defective_above_delivered(defective, delivered) or (
		ppm_missing_reason(defective, delivered) == DEFECTIVE_WITHOUT_DELIVERY
	)


def _quantity(value: float | None) -> Decimal:
	return Decimal(str(value or 0))


def line_stop_share(problem_type: str | None) -> str | None:
	"""R-RP-3: whose line-stop minutes a sheet's are. A *Quality* problem's count as caused by
	us (:data:`CAUSED_BY_US`); a *Tracking* problem's are :data:`NOT_YET_DECIDED` and shown
	apart; a *Disputed* problem's (confirmed not ours), or a sheet without a type, never count
	(None). The reports' SQL uses the same predicates (:data:`LINE_STOP_SHARES`)."""
	row = {"problem_type": problem_type}
	return next((share for share, rule in LINE_STOP_SHARES.items() if rule.matches(row)), None)


def rate(part: int, whole: int) -> float | None:
	"""``part`` of ``whole`` in %, one decimal (half up); None when ``whole`` is 0."""
	if not whole:
		return None
	if not 0 <= part <= whole:
		raise ValueError(f"part must be between 0 and {whole}: {part}")
	return float(_round_half_up(Decimal(100 * part) / Decimal(whole), 1))


def handling_rate(received: int, handled: int) -> float | None:
	"""R-RP-1: complaints handled (closed) of those received, in %; None with none received."""
	return rate(handled, received)


def meets_target(rate_: float | None, target: float = HANDLING_TARGET) -> bool | None:
	"""Whether a rate reaches its target; None when there is no rate."""
	return None if rate_ is None else rate_ >= target


def on_time_rate(on_time: int, timed: int) -> float | None:
	"""Percentage (one decimal) of sheets sent within the 15 minutes among the ``timed`` sheets
	that have a timeliness at all; None when there is none, so that no 0 % or 100 % is made up."""
	return rate(on_time, timed)  # one rounding (half up) for every rate the app shows


def format_rate(rate_: float | None) -> str:
	"""``"87.5 %"``, or ``"-"`` when there is no rate."""
	return "-" if rate_ is None else f"{rate_:.1f} %"


def cumulative(values: Iterable[float | None]) -> list[float]:
	"""Running sums: ``cumulative([30, 45, 20]) == [30, 75, 95]`` (None counts as 0)."""
	total = 0
	out = []
	for value in values:
		total += value or 0
		out.append(total)
	return out


def running_totals(points: Iterable[tuple[str, float | None]]) -> list[float]:
	"""Running sums of ``(month_key, value)`` pairs in month order that start again with
	each calendar year: ``[("2026-11", 5), ("2026-12", 5), ("2027-01", 3)] -> [5, 10, 3]``."""
	total = 0
	year = None
	out = []
	for month, value in points:
		if month[:4] != year:
			year, total = month[:4], 0
		total += value or 0
		out.append(total)
	return out


# ---------------------------------------------------------------- months


def monthly_totals(rows: Iterable[dict], months: Sequence[str]) -> list[dict]:
	"""Delivery-quality rows (``month``, ``delivered``, ``returned``, ``defective``) summed per
	month of ``months`` (months without rows give zeros), with the PPM of the sums: the trend
	line of all customers and parts selected."""
	fields = ("delivered", "returned", "defective")
	sums = {month: dict.fromkeys(fields, 0) for month in months}
	for row in rows:
		if row["month"] in sums:
			for field in fields:
				sums[row["month"]][field] += row.get(field) or 0
	out = []
	for month in months:
		total = sums[month]
		net = total["delivered"] - total["returned"]
		out.append({"month": month, **total, "net_delivered": net, "ppm": ppm(total["defective"], net)})
	return out


def fill_months(months: Sequence[str], values: dict[str, float], default: float = 0) -> list[float]:
	"""Values of ``months`` in order, ``default`` where a month has none (chart series)."""
	return [values.get(month, default) for month in months]
