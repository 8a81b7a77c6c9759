"""Calls to the site's REST API through Frappe's WSGI application, as a browser or a phone
would make them: in a thread of its own (its own frappe.local and database connection),
authenticated by token. Data the request must see has to be committed first."""

from __future__ import annotations

import threading
from urllib.parse import quote

import frappe
from frappe.utils import get_test_client


def request(method: str, path: str, credentials: str, json: dict | None = None):
	site = frappe.local.site
	result = {}

	def call():
		client = get_test_client(use_cookies=False)
		result["response"] = client.open(
			path,
			method=method,
			json=json,
			headers={"Authorization": f"token {credentials}", "X-Frappe-Site-Name": site},
		)

	thread = threading.Thread(target=call)
	thread.start()
	thread.join()
	return result["response"]


def resource(doctype: str, name: str | None = None) -> str:
	path = f"/api/resource/{quote(doctype)}"
	return f"{path}/{quote(name, safe='')}" if name else path
