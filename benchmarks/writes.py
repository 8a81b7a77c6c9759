"""Writes, in the same run on the same site, each committed like a request:

- anchors: ERPNext's Issue insert, an Issue insert with a queued e-mail, a Delivery Note
  insert + submit (with ERPNext's stock and ledger postings);
- ours: a draft Quality Feedback Sheet (insert) and a sent one (insert + submit: the request
  records the sending, adds the sheet to the monthly figures and puts the e-mail's job on the
  short queue), and that job apart (it builds the e-mail and puts it in the e-mail queue), so
  that the request and the whole work can both be set against the anchors;
- what the aggregate adds to a Delivery Note submit: the time spent in its ``on_submit`` hook,
  measured around the hook itself.

The kinds take turns, so that whatever else the machine does weighs on all of them alike.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import frappe

from benchmarks.seed import PREFIX, default_company
from cs_service.feedback import qa_mail
from cs_service.figures import kept

CUSTOMER = f"{PREFIX}RT-CUST"
PART = f"{PREFIX}RT-PART"
QA = "qa@bench.example.com"
TARGET_RATIO = 1.0  # sheet submit / (Issue insert + queued e-mail)
TARGET_HOOK_MS = 3.0


def setup() -> dict:
	"""Master data made through the controllers, once: a customer with a plant, a part it takes
	(with its part number and drawing), the QA recipients, an outgoing mail account; negative
	stock allowed on this benchmark site so that a delivery needs no receipt first."""
	company = default_company()
	if not frappe.db.exists("Email Account", "Bench Outgoing"):
		frappe.flags.in_test = True  # no SMTP server here: skip the connection check, nothing is sent
		try:
			frappe.get_doc(
				{"doctype": "Email Account", "email_account_name": "Bench Outgoing",
				 "email_id": "cs-outgoing@bench.example.com", "enable_outgoing": 1, "default_outgoing": 1,
				 "smtp_server": "localhost", "no_smtp_authentication": 1}
			).insert()  # fmt: skip
		finally:
			frappe.flags.in_test = False
	settings = frappe.get_single("CS Service Settings")
	settings.qa_recipients = QA
	settings.save()
	frappe.db.set_single_value("Stock Settings", "allow_negative_stock", 1)
	if not frappe.db.exists("Customer", CUSTOMER):
		frappe.get_doc(
			{"doctype": "Customer", "customer_name": CUSTOMER, "customer_type": "Company"}
		).insert()
	if not frappe.db.exists("Item", PART):
		item = frappe.get_doc(
			{"doctype": "Item", "item_code": PART, "item_name": PART, "item_group": "All Item Groups",
			 "stock_uom": "Nos", "is_stock_item": 1, "valuation_rate": 10}
		)  # fmt: skip
		item.append("customer_items", {"customer_name": CUSTOMER, "ref_code": f"C-{PART}"})
		item.insert()
		frappe.db.set_value("Item", PART, "cs_drawing_no", f"DWG-{PART}")
	site = f"{CUSTOMER}-Plant"
	if not frappe.db.exists("Customer Site", site):
		frappe.get_doc(
			{"doctype": "Customer Site", "customer": CUSTOMER, "site_name": "Plant", "city": "Changchun",
			 "shifts": [{"shift_name": "Day", "start_time": "08:00", "end_time": "20:00"},
			            {"shift_name": "Night", "start_time": "20:00", "end_time": "08:00"}]}
		).insert()  # fmt: skip
	warehouse = frappe.get_all(
		"Warehouse", filters={"company": company, "is_group": 0}, pluck="name", order_by="creation"
	)[0]
	frappe.db.commit()  # nosemgrep: a benchmark's master data
	return {"company": company, "site": site, "warehouse": warehouse}


def sheet_doc(world: dict, n: int, **extra) -> frappe.types.Document:
	occurred = frappe.utils.add_to_date(frappe.utils.now_datetime(), minutes=-5)
	return frappe.get_doc(
		{
			"doctype": "Quality Feedback Sheet",
			"customer": CUSTOMER,
			"customer_site": world["site"],
			"occurred_at": occurred,
			"reported_at": occurred,
			"shop": "Final Assembly",
			"station": "FA-12",
			"suspect_area": "Line side rack 3",
			"item": PART,
			"description": f"Benchmark sheet {n}",
			"defect": "Broken clip",
			"quantity": 3,
			"problem_type": "Quality Problem",
			"temporary_measures": "100% check of the line-side stock",
			"breakpoint_lot": "L-0309",
			"customer_communication": "SQE agrees to sort on site",
			"preliminary_cause": "Tool wear on cavity 2",
			"line_stop_minutes": 10,
			**extra,
		}
	)


def delivery_note(world: dict) -> frappe.types.Document:
	return frappe.get_doc(
		{
			"doctype": "Delivery Note",
			"customer": CUSTOMER,
			"company": world["company"],
			"items": [{"item_code": PART, "qty": 100, "rate": 25, "warehouse": world["warehouse"]}],
		}
	)


SENT: list[str] = []


def kinds(world: dict) -> dict[str, Callable[[int], None]]:
	def issue(n):
		frappe.get_doc({"doctype": "Issue", "subject": f"Benchmark issue {n}", "raised_by": QA}).insert()

	def issue_mail(n):
		doc = frappe.get_doc(
			{"doctype": "Issue", "subject": f"Benchmark issue {n}", "raised_by": QA}
		).insert()
		frappe.sendmail(
			recipients=[QA],
			subject=f"Issue {doc.name}",
			message=f"<p>{doc.subject}</p>",
			reference_doctype="Issue",
			reference_name=doc.name,
		)

	def sheet_draft(n):
		sheet_doc(world, n).insert()

	def sheet_sent(n):
		doc = sheet_doc(world, n).insert()
		doc.submit()
		SENT.append(doc.name)

	def dn_submit(n):
		doc = delivery_note(world).insert()
		doc.submit()

	return {
		"Issue insert (anchor)": issue,
		"Issue insert + queued e-mail (anchor)": issue_mail,
		"Delivery Note insert + submit (anchor)": dn_submit,
		"Quality Feedback Sheet draft": sheet_draft,
		"Quality Feedback Sheet insert + submit (request)": sheet_sent,
	}


class HookTimer:
	"""Times the aggregate's Delivery Note hook where frappe calls it (doc_events resolve the
	function by name at each call)."""

	def __init__(self):
		self.seconds: list[float] = []
		self.original = kept.on_delivery_note_submit

	def __enter__(self):
		def timed(doc, method=None):
			started = time.perf_counter()
			self.original(doc, method)
			self.seconds.append(time.perf_counter() - started)

		kept.on_delivery_note_submit = timed
		return self

	def __exit__(self, *exc):
		kept.on_delivery_note_submit = self.original


def run(count: int = 60, warmup: int = 5) -> dict:
	world = setup()
	timings: dict[str, list[float]] = {name: [] for name in kinds(world)}
	with HookTimer() as hook:
		for n in range(warmup + count):
			for name, make in kinds(world).items():
				started = time.perf_counter()
				make(n)
				frappe.db.commit()  # nosemgrep: each write committed, as a request would be
				if n >= warmup:
					timings[name].append(time.perf_counter() - started)
		hook_ms = [s * 1000 for s in hook.seconds[warmup:]]
	# the e-mail jobs of the sent sheets, as the worker runs them (the queued jobs then find
	# their e-mail queued and do nothing)
	timings["  its e-mail job (short queue)"] = job = []
	for name in SENT[-count:]:
		started = time.perf_counter()
		assert qa_mail.send_once(name)
		frappe.db.commit()  # nosemgrep
		job.append(time.perf_counter() - started)
	medians = {name: statistics.median(values) * 1000 for name, values in timings.items()}
	means = {name: statistics.mean(values) * 1000 for name, values in timings.items()}
	issue_mail = medians["Issue insert + queued e-mail (anchor)"]
	issue = medians["Issue insert (anchor)"]
	print(f"{'what':52} {'median ms':>10} {'mean ms':>9} {'x Issue':>8} {'x Issue+mail':>13}", flush=True)
	for name in timings:
		print(
			f"{name:52} {medians[name]:10.1f} {means[name]:9.1f} {medians[name] / issue:8.2f} "
			f"{medians[name] / issue_mail:13.2f}",
			flush=True,
		)
	request = medians["Quality Feedback Sheet insert + submit (request)"]
	ratio = request / issue_mail
	whole = (request + medians["  its e-mail job (short queue)"]) / issue_mail
	dn = medians["Delivery Note insert + submit (anchor)"]
	hook_median = statistics.median(hook_ms)
	print(
		f"sheet submit / (Issue + e-mail): {ratio:.2f} for the request (target <= {TARGET_RATIO}) "
		f"{'ok' if ratio <= TARGET_RATIO else 'OVER'}; {whole:.2f} with its e-mail job",
		flush=True,
	)
	print(
		f"Delivery Note submit: the aggregate's hook adds {hook_median:.2f} ms median, "
		f"{max(hook_ms):.2f} ms at most, of {dn:.1f} ms ({hook_median / dn:.1%}); "
		f"target < {TARGET_HOOK_MS} ms {'ok' if hook_median < TARGET_HOOK_MS else 'OVER'}",
		flush=True,
	)
	return {"medians": medians, "ratio": ratio, "with_job": whole, "hook_ms": hook_median}
