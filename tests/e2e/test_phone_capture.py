"""The resident engineer's phone page /cs, online and offline (R-FB-2, R-FB-4, R-US-1).
The customer's SQE signs on a phone in the SQE portal (tests/e2e/test_sqe_portal.py)."""

import base64
import json
import time
import uuid

import frappe
import pytest
from frappe.utils import get_datetime
from frappe.utils.background_jobs import get_job

from cs_service.feedback import qa_mail
from cs_service.jobs import once
from tests.e2e import worlds
from tests.e2e.browser import SHEET, phone, screenshot

# a 2x2 PNG: the camera's picture in the test
PHOTO = base64.b64decode(
	"iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=="
)


@pytest.fixture(scope="module")
def world():
	"""An engineer at a site of customer E2E with one part and a customer SQE; committed (the browser talks to a real server) and removed afterwards."""
	w = worlds.new_world()
	w.engineer = worlds.make_person(f"cs-e2e-eng-{w.run.lower()}", "CS Engineer", "zh")
	w.sqe = worlds.make_person(f"cs-e2e-sqe-{w.run.lower()}", "Customer SQE", "zh")
	worlds.make_part_at_site(
		w, "E2E", "Phone Plant", f"OEM-{w.run}", engineers=[w.engineer], sqe_users=[w.sqe]
	)
	frappe.db.set_value("Item", w.item, "cs_drawing_no", f"DWG-{w.run}")
	frappe.get_doc(
		{
			"doctype": "Customer Part",
			"customer": w.customer,
			"customer_site": w.site,
			"item": w.item,
			"shop": w.shop,
			"station": "FA-12",
		}
	).insert()
	frappe.set_user("Administrator")
	yield from worlds.committed(w, remove)


def remove(w):
	frappe.db.delete("Suspect Part Slip", {"customer": w.customer})
	frappe.db.delete("Customer Part", {"customer": w.customer})
	worlds.remove_world(w, w.engineer, w.sqe, photos=True)


# ---------------------------------------------------------------- helpers


def open_page(context):
	page = context.new_page()
	page.goto("/cs")
	page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== undefined")
	return page


def wait_online_ready(page):
	page.evaluate("navigator.serviceWorker.ready.then(() => true)")
	page.wait_for_function("document.querySelector('#open-title').textContent.length > 0")


def fill_capture(page, w, photo_dir):
	"""A capture as the engineer makes it: the part, quantity, photo and the texts."""
	page.get_by_test_id("new-problem").click()
	page.wait_for_function("document.querySelectorAll('#f-item option').length > 1")
	page.select_option("#f-item", w.item)
	page.fill("#f-quantity", "3")
	photo = photo_dir / "clip.png"
	photo.write_bytes(PHOTO)
	page.set_input_files("#f-photo", str(photo))
	page.wait_for_selector("#photo-preview:not([hidden])")
	for field, value in {"defect": "卡扣断裂", **worlds.TEXTS}.items():
		page.fill(f"#f-{field}", value)


def capture_offline(context, w, photo_dir):
	"""A capture made and sent with the phone offline: the page and the capture, queued in its
	outbox."""
	page = open_page(context)
	wait_online_ready(page)
	page.wait_for_function("navigator.serviceWorker.controller !== null")
	context.set_offline(True)
	fill_capture(page, w, photo_dir)
	page.get_by_test_id("send").click()
	page.wait_for_selector("[data-testid=outbox-item][data-status=queued]")
	(queued,) = [i for i in outbox(page) if i["status"] == "queued"]
	return page, queued


def back_online(context, page, queued):
	"""The network back: the page sends the queued capture, shown sent."""
	context.set_offline(False)
	page.evaluate("window.dispatchEvent(new Event('online'))")
	page.wait_for_selector(
		f"[data-testid=outbox-item][data-status=sent] >> text={queued['capture']['item']}", timeout=60000
	)


def outbox(page):
	return page.evaluate(
		"""() => new Promise((resolve) => {
			const r = indexedDB.open("cs_capture", 1);
			r.onsuccess = () => {
				const q = r.result.transaction("outbox").objectStore("outbox").getAll();
				q.onsuccess = () => resolve(q.result);
			};
		})"""
	)


def sheet_of(capture_id):
	frappe.db.rollback()  # see what the server committed
	return frappe.db.get_value(
		SHEET,
		{"capture_id": capture_id},
		[
			"name",
			"reported_at",
			"captured_at",
			"sent_at",
			"timeliness",
			"photo",
			"docstatus",
			"capture_review",
		],
		as_dict=True,
	)


def emails(sheet):
	"""The sheet's e-mails to QA. The send put the job that queues it on the short queue;
	no worker runs here, so the job is taken off the queue and its work done as the worker would."""
	job = get_job(once.job_id(qa_mail.JOB, sheet))
	assert job is not None, "the send queued no e-mail job"
	job.delete()
	qa_mail.send_once(sheet)
	return frappe.get_all(
		"Email Queue", filters={"reference_doctype": SHEET, "reference_name": sheet}, pluck="name"
	)


def expected_server_time(item):
	"""The phone's time of the capture on the server's clock (the page measured the offset)."""
	return get_datetime(item["capture"]["reported_at"]) - frappe.utils.datetime.timedelta(
		seconds=item["capture"]["clock_offset"]
	)


# ---------------------------------------------------------------- tests


def test_capture_online_sends_one_sheet_with_its_photo(world, browser, tmp_path):
	context = phone(browser, world.engineer)
	page = open_page(context)
	wait_online_ready(page)
	assert page.evaluate("window.isSecureContext")
	screenshot(page, "phone-capture-home-zh.png")
	started = time.monotonic()
	fill_capture(page, world, tmp_path)
	assert page.input_value("#f-shop") == world.shop and page.input_value("#f-station") == "FA-12"
	screenshot(page, "phone-capture-form-zh.png")
	page.get_by_test_id("send").click()
	page.wait_for_selector("[data-testid=outbox-item][data-status=sent]", timeout=60000)
	elapsed = time.monotonic() - started
	print(f"\nphone capture: first report to sent {elapsed:.1f} s (typing-free)")
	screenshot(page, "phone-capture-sent-zh.png")
	(item,) = outbox(page)
	sheet = sheet_of(item["capture_id"])
	assert sheet.docstatus == 1 and sheet.timeliness == "On time"
	assert sheet.photo and frappe.db.exists("File", {"attached_to_name": sheet.name, "file_url": sheet.photo})
	assert len(emails(sheet.name)) == 1
	assert abs((sheet.reported_at - expected_server_time(item)).total_seconds()) < 2
	assert elapsed < 60
	context.close()


def test_capture_offline_is_kept_across_a_closed_page_and_sent_once_when_back_online(
	world, browser, tmp_path
):
	context = phone(browser, world.engineer)
	page, queued = capture_offline(context, world, tmp_path)
	screenshot(page, "phone-capture-offline-zh.png")
	assert sheet_of(queued["capture_id"]) is None
	page.close()

	time.sleep(2)
	page = context.new_page()  # reopened without a network: the service worker serves it
	page.goto("/cs")
	page.wait_for_selector("[data-testid=outbox-item][data-status=queued]")
	back_online(context, page, queued)
	sheet = sheet_of(queued["capture_id"])
	assert sheet.docstatus == 1
	assert len(frappe.get_all(SHEET, filters={"capture_id": queued["capture_id"]})) == 1
	assert len(emails(sheet.name)) == 1
	assert sheet.photo
	# the first-report time is the phone's, and the 15 minutes are judged when Send was tapped
	(sent,) = [i for i in outbox(page) if i["capture_id"] == queued["capture_id"]]
	assert abs((sheet.reported_at - expected_server_time(sent)).total_seconds()) < 2
	assert sheet.captured_at < sheet.sent_at and sheet.timeliness == "On time"
	assert sheet.capture_review is None  # backed by the page's last contact and its monotonic clock
	context.close()


def test_a_capture_held_offline_beyond_the_bound_goes_to_qa_to_be_reviewed(world, browser, tmp_path):
	"""R-FB-4: a capture that waited on the phone longer than CS Service Settings allow
	(12 hours) is sent, once, with its e-mail to QA, but not judged On time: *To Be Reviewed*,
	with the reason. The phone's clocks (wall and monotonic) run 13 hours on while it is offline."""
	context = phone(browser, world.engineer)
	context.clock.install()
	page, queued = capture_offline(context, world, tmp_path)
	page.clock.fast_forward("13:00:00")
	back_online(context, page, queued)
	sheet = sheet_of(queued["capture_id"])
	assert sheet.docstatus == 1 and sheet.timeliness == "To Be Reviewed"
	assert "13." in sheet.capture_review and "12" in sheet.capture_review  # held 13 h, 12 h allowed
	assert len(frappe.get_all(SHEET, filters={"capture_id": queued["capture_id"]})) == 1
	assert len(emails(sheet.name)) == 1
	label = page.locator("[data-testid=outbox-item][data-status=sent] [data-testid=sheet-name]").first
	assert sheet.name in label.inner_text() and "待复核" in label.inner_text()
	context.close()


def test_a_send_repeated_three_times_makes_one_sheet(world, browser, tmp_path):
	context = phone(browser, world.engineer)
	page = open_page(context)
	wait_online_ready(page)
	csrf = page.evaluate("document.body.dataset.csrf")
	stamp = frappe.utils.now_datetime().strftime("%Y-%m-%d %H:%M:%S")
	capture_id = str(uuid.uuid4())
	capture = {
		"capture_id": capture_id,
		"customer_site": world.site,
		"item": world.item,
		"shop": world.shop,
		"station": "FA-12",
		"quantity": 2,
		"description": "Repeated send",
		"suspect_area": "Rack 1",
		"temporary_measures": "Sort",
		"breakpoint": "L-1",
		"customer_communication": "Agreed",
		"preliminary_cause": "Unknown",
		"reported_at": stamp,
		"captured_at": stamp,
		"clock_offset": 0,
	}
	names = set()
	for _ in range(3):
		r = context.request.post(
			"/api/method/cs_service.pages.capture.send",
			data=json.dumps({"capture": capture}),
			headers={"Content-Type": "application/json", "X-Frappe-CSRF-Token": csrf},
		)
		assert r.ok, r.text()
		names.add(r.json()["message"]["name"])
	frappe.db.rollback()
	assert len(names) == 1
	assert frappe.get_all(SHEET, filters={"capture_id": capture_id}, pluck="name") == list(names)
	assert len(emails(names.pop())) == 1
	context.close()
