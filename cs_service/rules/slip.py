"""Suspect Part Slip rules (R-CT-3, R-CT-4, R-CT-5).

Quantities on a slip are split by disposition: repaired on site, exchanged, returned.
Parts that need the checking fixture are not repaired on site but exchanged; parts
already welded to cars are tracked per vehicle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

DISPOSITION_FIELDS = ("qty_repaired", "qty_exchanged", "qty_returned")

DISPOSITION_EXCEEDS_QUANTITY = "disposition_exceeds_quantity"
FIXTURE_PARTS_REPAIRED = "fixture_parts_repaired"
WELDED_WITHOUT_VEHICLES = "welded_without_vehicles"
DUPLICATE_VEHICLE = "duplicate_vehicle"
VERIFIED_WITHOUT_TIME = "verified_without_time"
RETURN_WITHOUT_DELIVERY_NOTE = "return_without_delivery_note"
DISPOSITION_INCOMPLETE = "disposition_incomplete"

VEHICLE_VERIFIED = "Verified"


def disposed(values: Mapping) -> int:
	return sum(int(values.get(f) or 0) for f in DISPOSITION_FIELDS)


def slip_problems(values: Mapping, vehicles: Sequence[Mapping] = ()) -> list[tuple[str, tuple]]:
	"""``(code, args)`` for everything wrong on a slip, all at once."""
	problems: list[tuple[str, tuple]] = []
	quantity = int(values.get("quantity") or 0)
	if disposed(values) > quantity:
		problems.append((DISPOSITION_EXCEEDS_QUANTITY, (disposed(values), quantity)))
	if values.get("needs_fixture_check") and int(values.get("qty_repaired") or 0):
		problems.append((FIXTURE_PARTS_REPAIRED, ()))
	if values.get("welded_to_vehicle") and not vehicles:
		problems.append((WELDED_WITHOUT_VEHICLES, ()))
	vins = [(v.get("vin") or "").strip().upper() for v in vehicles]
	repeated = sorted({vin for vin in vins if vin and vins.count(vin) > 1})
	if repeated:
		problems.append((DUPLICATE_VEHICLE, (", ".join(repeated),)))
	for index, vehicle in enumerate(vehicles, start=1):
		if vehicle.get("status") == VEHICLE_VERIFIED and not vehicle.get("verified_at"):
			problems.append((VERIFIED_WITHOUT_TIME, (index,)))
	if int(values.get("qty_returned") or 0) and not values.get("delivery_note"):
		problems.append((RETURN_WITHOUT_DELIVERY_NOTE, ()))
	return problems


def sending_problems(values: Mapping) -> list[tuple[str, tuple]]:
	"""A slip states what became of its parts before it goes to the SQE: every part
	repaired on site, exchanged or returned (the SQE signs the disposition, not a blank)."""
	quantity = int(values.get("quantity") or 0)
	if disposed(values) < quantity:
		return [(DISPOSITION_INCOMPLETE, (quantity, disposed(values)))]
	return []
