"""The WSGI application the tests serve with gunicorn: Frappe's, with static files, and the
app's own ``public`` folder at ``/assets/cs_service`` taken from the code under test.

A bench links ``sites/assets/cs_service`` to the app folder it installed, so a checkout tested
from elsewhere (CI's clean clone, a second working tree) would be served another copy's
JavaScript and styles; mounting the imported package's folder serves the code being tested."""

from __future__ import annotations

from pathlib import Path

from frappe.app import application_with_statics
from werkzeug.middleware.shared_data import SharedDataMiddleware

import cs_service

PUBLIC = Path(cs_service.__file__).parent / "public"


def application():
	return SharedDataMiddleware(
		application_with_statics(), {"/assets/cs_service": str(PUBLIC)}, cache_timeout=0
	)
