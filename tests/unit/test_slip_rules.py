"""R-CT-3..5: Suspect Part Slip quantities and vehicles."""

from cs_service.rules import slip

BASE = {"quantity": 30, "qty_repaired": 10, "qty_exchanged": 10, "qty_returned": 10, "delivery_note": "DN-1"}


def test_a_consistent_slip_has_no_problem():
	assert slip.slip_problems(BASE) == []


def test_disposition_cannot_exceed_the_quantity():
	assert slip.slip_problems(dict(BASE, qty_returned=11)) == [(slip.DISPOSITION_EXCEEDS_QUANTITY, (31, 30))]


def test_parts_for_the_fixture_are_exchanged_not_repaired():
	assert slip.slip_problems(dict(BASE, needs_fixture_check=1)) == [(slip.FIXTURE_PARTS_REPAIRED, ())]
	assert slip.slip_problems(dict(BASE, needs_fixture_check=1, qty_repaired=0)) == []


def test_welded_parts_need_their_vehicles():
	assert slip.slip_problems(dict(BASE, welded_to_vehicle=1)) == [(slip.WELDED_WITHOUT_VEHICLES, ())]
	vehicles = [{"vin": "LSV123", "status": "Open"}]
	assert slip.slip_problems(dict(BASE, welded_to_vehicle=1), vehicles) == []


def test_vehicles_are_unique_and_verified_with_a_time():
	vehicles = [
		{"vin": "lsv123", "status": "Open"},
		{"vin": "LSV123 ", "status": "Verified"},
	]
	assert slip.slip_problems(BASE, vehicles) == [
		(slip.DUPLICATE_VEHICLE, ("LSV123",)),
		(slip.VERIFIED_WITHOUT_TIME, (2,)),
	]


def test_a_return_needs_the_delivery_note_it_reverses():
	assert slip.slip_problems(dict(BASE, delivery_note=None)) == [(slip.RETURN_WITHOUT_DELIVERY_NOTE, ())]


def test_a_slip_says_what_became_of_all_its_parts_before_it_is_sent():
	"""Nothing repaired, exchanged or returned is not a slip to sign."""
	assert slip.sending_problems({"quantity": 6}) == [(slip.DISPOSITION_INCOMPLETE, (6, 0))]
	assert slip.sending_problems({"quantity": 6, "qty_repaired": 2, "qty_exchanged": 3}) == [
		(slip.DISPOSITION_INCOMPLETE, (6, 5))
	]
	assert (
		slip.sending_problems({"quantity": 6, "qty_repaired": 2, "qty_exchanged": 3, "qty_returned": 1}) == []
	)
	assert slip.sending_problems({"quantity": 0}) == []
