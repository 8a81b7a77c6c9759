# Copyright (c) 2026, cs_service developers and Contributors
# See license.txt

# import frappe
from frappe.tests.utils import FrappeTestCase


class TestCSDemoRecord(FrappeTestCase):
	pass
