"""The browser as the e2e tests drive it: a page at a phone's size (390 x 844) or a PC's
(1366 x 768) on the test server (the ``browser`` fixture of conftest.py), logged in through the
login page or the API, whose taps are counted and whose console is watched: an error in the
console, an uncaught one or a failed request is kept, and a test that finds one fails.
"""

import os
import re
import time

SHEET = "Quality Feedback Sheet"
SLIP = "Suspect Part Slip"
# the password the tests' worlds give their users
PASSWORD = "Desk-Pass-2026!"

PHONE = {
	"viewport": {"width": 390, "height": 844},
	"device_scale_factor": 2,
	"is_mobile": True,
	"has_touch": True,
}
DESK = {"viewport": {"width": 1366, "height": 768}}


def new_context(browser, size: dict = PHONE, **options):
	"""A browser context of ``size`` (PHONE or DESK) on the test server."""
	return browser.new_context(**size, base_url=browser.origin, **options)


def log_in_by_api(context, user: str, password: str = PASSWORD):
	"""Logged in without the login page."""
	response = context.request.post("/api/method/login", form={"usr": user, "pwd": password})
	assert response.ok, response.text()


def phone(browser, user: str, password: str = PASSWORD):
	"""A logged-in browser context the size of a phone (390 x 844)."""
	context = new_context(browser, service_workers="allow")
	log_in_by_api(context, user, password)
	return context


def form_ready(page, doctype: str):
	page.wait_for_function(f"window.cur_frm && cur_frm.doctype === {doctype!r} && cur_frm.layout")


def screenshot(page, name: str):
	"""Kept in ``CS_SERVICE_SCREENSHOTS`` (a folder, absolute or of the repository) when set."""
	folder = os.environ.get("CS_SERVICE_SCREENSHOTS")
	if folder:
		path = (
			folder if os.path.isabs(folder) else os.path.join(os.path.dirname(__file__), "..", "..", folder)
		)
		page.screenshot(path=os.path.join(path, name))


class Phone:
	"""A page at phone size, in Chinese, whose taps are counted and whose console errors are kept."""

	def __init__(self, browser, size: dict = PHONE, locale: str = "zh-CN", timeout: int = 30000, **options):
		self.context = new_context(browser, size, locale=locale, **options)
		self.page = self.context.new_page()
		self.page.set_default_timeout(timeout)
		self.taps = 0
		self.errors: list[str] = []
		self.page.on("console", self._console)
		self.page.on("pageerror", self._page_error)
		self.page.on("response", self._response)

	def _console(self, message):
		# The test server runs no socket.io server (realtime updates): not an error of the page.
		# A resource that fails to load is reported with its address by the response handler.
		if (
			message.type == "error"
			and "socket.io" not in message.text
			and "Failed to load" not in message.text
		):
			self.errors.append(message.text)

	def _page_error(self, error):
		self.errors.append(str(error))

	def _response(self, response):
		if response.status >= 400 and "/socket.io/" not in response.url:
			self.errors.append(f"HTTP {response.status} {response.url}")

	def tap(self, locator):
		locator.first.click()
		self.taps += 1

	def type(self, selector: str, text: str):
		"""A field touched (one tap) and typed into."""
		field = self.page.locator(selector).first
		field.click()
		self.taps += 1
		field.fill(text)

	def pick_link(self, fieldname: str, text: str):
		"""A Link field: touched, typed, the match tapped in the dropdown (two taps)."""
		field = self.page.locator(f".frappe-control[data-fieldname='{fieldname}'] input").first
		field.click()
		self.taps += 1
		field.fill(text)
		option = self.page.locator(
			f".frappe-control[data-fieldname='{fieldname}'] [role=listbox] > *"
		).filter(has_text=text)
		option.first.wait_for()
		self.tap(option)
		self.page.wait_for_function(
			f"cur_frm && cur_frm.doc.{fieldname} && cur_frm.doc.{fieldname}.includes({text!r})"
		)

	def pick_option(self, fieldname: str, text: str, value: str | None = None):
		"""An Autocomplete field: touched, its option (shown as ``text``) tapped: two taps."""
		field = self.page.locator(f".frappe-control[data-fieldname='{fieldname}'] input").first
		field.click()
		self.taps += 1
		option = self.page.locator(
			f".frappe-control[data-fieldname='{fieldname}'] [role=listbox] > *"
		).filter(has_text=text)
		try:
			option.first.wait_for()
		except Exception:
			print(
				"DEBUG",
				self.page.evaluate(
					f"[cur_frm.doc.{fieldname}, !!cur_frm.cs_site, cur_frm.fields_dict.{fieldname}._data, document.querySelector('.frappe-control[data-fieldname={fieldname}] [role=listbox]').outerHTML]"
				),
			)
			self.page.screenshot(path="/tmp/debug.png")
			raise
		self.tap(option)
		self.page.wait_for_function(f"cur_frm && cur_frm.doc.{fieldname} === {(value or text)!r}")

	def fill_login(self, user: str, password: str = PASSWORD):
		"""The login page, as the user fills it: two fields and the button (three taps)."""
		self.page.goto("/login")
		self.page.fill("#login_email", user)
		self.page.fill("#login_password", password)
		self.taps += 2  # the two fields
		self.tap(self.page.locator(".btn-login"))

	def log_in(self, user: str):
		"""Through the login page into the desk."""
		self.fill_login(user)
		self.page.wait_for_url(re.compile(r"/app/"))
		self.page.wait_for_selector(".layout-main-section, .page-content")

	def log_in_by_api(self, user: str, password: str = PASSWORD):
		"""Logged in without the login page (straight to a form or a report)."""
		log_in_by_api(self.context, user, password)

	def console_errors(self) -> list[str]:
		"""Every console error of the pages visited (a chart of one label is a bar: a line of one
		point, which the chart library cannot compute, no longer shows anywhere)."""
		return self.errors

	def settle(self):
		"""Wait until the desk is idle (no request in flight, every chart drawn or shown empty),
		as a user who looks at the page before tapping on, and late console errors show."""
		self.page.wait_for_load_state("networkidle")
		self.page.wait_for_function(
			"""Array.from(document.querySelectorAll('.dashboard-widget-box')).filter((b) => b.offsetParent)
			.every((b) => b.querySelector('.chart-container svg') || b.querySelector('.chart-loading-state')
			&& Array.from(b.querySelectorAll('.chart-loading-state')).some((e) => e.offsetParent &&
			!/Loading|加载/.test(e.textContent)))"""
		)
		time.sleep(1)

	def close(self):
		print(f"\nconsole errors: {len(self.errors)}")
		self.context.close()


class PC(Phone):
	"""The desk at work size (1366 x 768), in English."""

	def __init__(self, browser):
		super().__init__(browser, DESK, locale="en-US")


class PhonePage(Phone):
	"""The phone page /cs on a phone, logged in; taps counted, console errors kept."""

	def __init__(self, browser, user: str):
		super().__init__(browser, timeout=60000, service_workers="allow")
		self.log_in_by_api(user)

	def _console(self, message):
		# The test server runs no socket.io server (the desk's realtime updates): not the page's error
		where = (message.location or {}).get("url", "")
		if message.type == "error" and "socket.io" not in message.text and "socket.io" not in where:
			self.errors.append(f"{message.text} {where}")

	def open(self):
		self.page.goto("/cs")
		self.page.wait_for_function("document.querySelector('#open-title').textContent.length > 0")
		self.page.wait_for_load_state("networkidle")
		return self.page

	def choose(self, selector: str, value: str):
		"""A select touched and an option chosen: one tap (the phone's own picker)."""
		self.page.select_option(selector, value)
		self.taps += 1
