"""Freeze the clock at a naive *system-timezone* time, as FrappeTestCase.freeze_time does."""

from contextlib import contextmanager

import pytz
from frappe.utils import get_datetime, get_system_timezone
from freezegun import freeze_time


@contextmanager
def frozen(moment):
	tz = pytz.timezone(get_system_timezone())
	with freeze_time(tz.localize(get_datetime(moment)).astimezone(pytz.utc)):
		yield
