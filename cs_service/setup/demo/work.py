"""The demo's three months of work: feedback sheets sent at their own times, QA's
actions, containment signed by the SQE, plans and visits, a handover, an 8D and last month's
report -- each made as its user would, through the app's controllers."""

from __future__ import annotations

from datetime import datetime, timedelta

import frappe
from frappe import _
from frappe.utils import getdate

from cs_service.feedback import qa_mail
from cs_service.setup.demo import data, registry
from cs_service.setup.demo.context import (
	Demo,
	as_user,
	at,
	company,
	customer_name,
	demo_qa,
	person_email,
	sheets_of_month,
	site_of,
)

# ---------------------------------------------------------------- quality feedback


def _photo(doctype: str, name: str, seed: int) -> str:
	"""A photo of the defect (a drawn part with the defect circled), a private file of the record."""
	import io

	from PIL import Image, ImageDraw

	image = Image.new("RGB", (640, 480), (236, 238, 240))
	draw = ImageDraw.Draw(image)
	draw.rounded_rectangle((80, 120, 560, 360), radius=40, fill=(90, 96, 104), outline=(40, 44, 48), width=6)
	for hole in range(4):
		x = 150 + hole * 110
		draw.ellipse((x - 18, 222, x + 18, 258), fill=(236, 238, 240))
	x, y = 140 + (seed * 97) % 360, 150 + (seed * 53) % 180
	draw.ellipse((x - 45, y - 45, x + 45, y + 45), outline=(220, 30, 30), width=8)
	buffer = io.BytesIO()
	image.save(buffer, format="PNG")
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"demo-{frappe.scrub(name)}.png",
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"is_private": 1,
			"content": buffer.getvalue(),
		}
	).insert(ignore_permissions=True)  # the engineer's own photo of their own record
	return file.file_url


def feedback_sheets(demo: Demo):
	with demo_qa():
		for problem in data.problem_plan(demo.today):
			demo.once(problem.key, "feedback", lambda problem=problem: feedback_sheet(demo, problem))


def feedback_sheet(demo: Demo, problem: data.Problem):
	c = problem.customer
	_name, shop, _section, station = data.PARTS[problem.part]
	reported = problem.occurred + timedelta(minutes=problem.report_minutes)
	sent = reported + timedelta(minutes=problem.send_minutes)
	engineer = person_email(data.RESIDENTS[data.CUSTOMERS[c][0]][0])
	with at(reported):
		frappe.set_user(engineer)
		try:
			sheet = frappe.get_doc(
				{
					"doctype": "Quality Feedback Sheet",
					"customer": customer_name(c),
					"customer_site": site_of(c),
					"problem_type": problem.problem_type,
					"source": problem.source,
					"is_major": int(problem.major),
					"occurred_at": problem.occurred,
					"reported_at": reported,
					"shop": _(shop),
					"station": station,
					"suspect_area": _("Line side rack and the logistics warehouse"),
					"item": data.part_code(problem.part),
					"description": problem.description,
					"defect": problem.defect,
					"quantity": problem.quantity,
					"line_stop_minutes": problem.line_stop,
					"temporary_measures": _(
						"100% check of the line-side stock; suspect parts to the red box"
					),
					"breakpoint_lot": f"L{problem.occurred:%y%m%d}-{problem.part + 1:02d}",
					"customer_communication": _("The SQE agrees to sort on site"),
					"preliminary_cause": _("Tool wear suspected; checking the last lots"),
				}
			)
			sheet.insert()
			sheet.photo = _photo(sheet.doctype, sheet.name, problem.part + problem.quantity)
		finally:
			frappe.set_user("Administrator")
	with at(sent):
		frappe.set_user(engineer)
		try:
			sheet.submit()
			qa_mail.send_once(sheet.name)  # now, to the demo QA (demo_qa), as its job would
		finally:
			frappe.set_user("Administrator")
	return sheet


# ---------------------------------------------------------------- QA's corrective actions


def corrective_actions(demo: Demo):
	"""QA's root cause and actions on the Quality Problems: done and verified on the oldest
	(closed), open and past due on some (the tracking report's red rows and the month-end)."""
	qa = person_email("qa")
	months = data.demo_months(demo.today)
	for problem in data.problem_plan(demo.today):
		name = registry.made(problem.key)
		if not name or problem.problem_type != "Quality Problem" or registry.made(f"{problem.key}:actions"):
			continue
		sheet = frappe.get_doc("Quality Feedback Sheet", name)
		old = problem.occurred.date() < months[1]
		due = problem.occurred.date() + timedelta(days=20)
		with (
			as_user(qa),
			at(
				datetime.combine(problem.occurred.date() + timedelta(days=2), datetime.min.time())
				+ timedelta(hours=10)
			),
		):
			sheet.root_cause = _("Worn cavity insert; the process did not check the insert's wear")
			sheet.append(
				"corrective_actions",
				{
					"action": _("Replace the cavity insert and add a wear check to the control plan"),
					"action_owner": qa,
					"due_date": due,
					"status": "Open",
				},
			)
			sheet.save()
		if old:
			with as_user(qa), at(datetime.combine(due, datetime.min.time()) + timedelta(hours=9)):
				sheet.reload()
				for row in sheet.corrective_actions:
					row.status = "Done"
					row.closed_on = due
					row.verified_by = qa
				sheet.save()
		registry.keep(f"{problem.key}:actions", "Quality Feedback Sheet", name, "actions", registry.NOTE)
		demo.made_now += 1


# ---------------------------------------------------------------- containment on site


def containment(demo: Demo):
	"""For the first sheet of last month at each plant: a Suspect Part Slip with VINs (signed by
	the SQE at one plant, waiting at the other), a screening with a breakpoint, and Service
	Confirmation Sheets signed both ways (*Not Executed as Required* books a violation)."""
	from frappe.model.workflow import apply_workflow

	last = data.demo_months(demo.today)[-1]
	for c, (key, _customer, _site, _city, _tz, prefix) in enumerate(data.CUSTOMERS):
		sheets = [
			s
			for s in sheets_of_month(demo, last)
			if frappe.db.get_value("Quality Feedback Sheet", s, "customer") == customer_name(c)
		]
		if not sheets:
			continue
		sheet = frappe.get_doc("Quality Feedback Sheet", sheets[0])
		engineer = person_email(data.RESIDENTS[key][0])
		sqe = person_email(f"sqe-{key}")
		day = getdate(sheet.occurred_at)

		def slip(c=c, sheet=sheet, engineer=engineer, sqe=sqe, prefix=prefix, day=day):
			with as_user(engineer), at(datetime.combine(day, datetime.min.time()) + timedelta(hours=11)):
				doc = frappe.get_doc(
					{
						"doctype": "Suspect Part Slip",
						"customer": sheet.customer,
						"customer_site": sheet.customer_site,
						"quality_feedback_sheet": sheet.name,
						"shop": _("Body Shop"),
						"station": "BS-04",
						"item": sheet.item,
						"quantity": 24,
						"qty_repaired": 20,
						"qty_exchanged": 4,
						"welded_to_vehicle": 1,
						"vehicles": [
							{
								"vin": data.vin(prefix, 100 + n),
								"location": "Body Shop (Welded)",
								"status": "Open",
							}
							for n in range(3)
						],
					}
				).insert()
				doc.append(
					"photos", {"photo": _photo(doc.doctype, doc.name, c + 7), "caption": _("Suspect Parts")}
				)
				doc.save()
				doc = apply_workflow(doc, "Send to SQE")
			if c == 0:
				with as_user(sqe), at(datetime.combine(day, datetime.min.time()) + timedelta(hours=15)):
					doc = apply_workflow(frappe.get_doc("Suspect Part Slip", doc.name), "Sign")
			return doc

		demo.once(f"slip:{key}", "containment", slip)

		def screening(sheet=sheet, engineer=engineer, day=day):
			with as_user(engineer), at(datetime.combine(day, datetime.min.time()) + timedelta(hours=12)):
				return frappe.get_doc(
					{
						"doctype": "Containment Screening",
						"quality_feedback_sheet": sheet.name,
						"engineer": engineer,
						"breakpoint_lot": sheet.breakpoint_lot,
						"handed_at": datetime.combine(day, datetime.min.time()) + timedelta(hours=12),
					}
				).insert()

		demo.once(f"screening:{key}", "containment", screening)

		for verdict in ("Executed as Required", "Not Executed as Required"):

			def confirmation(sheet=sheet, engineer=engineer, sqe=sqe, day=day, verdict=verdict):
				when = datetime.combine(day + timedelta(days=1), datetime.min.time()) + timedelta(hours=10)
				with as_user(engineer), at(when):
					doc = frappe.get_doc(
						{
							"doctype": "Service Confirmation Sheet",
							"customer": sheet.customer,
							"customer_site": sheet.customer_site,
							"quality_feedback_sheet": sheet.name,
							"engineer": engineer,
							"service_date": when.date(),
							"plan": _("Sort all parts at line side, rework burrs with the deburring tool"),
							"qty_sorted": 120,
							"qty_good": 112,
							"qty_defective": 8,
							"hours": 6,
							"people": 2,
							"measure_effective": "Effective",
						}
					).insert()
					doc = apply_workflow(doc, "Send to SQE")
				with as_user(sqe), at(when + timedelta(hours=5)):
					doc = frappe.get_doc("Service Confirmation Sheet", doc.name)
					doc.sqe_verdict = verdict
					if verdict != "Executed as Required":
						doc.sqe_remarks = _("The rework was done without the agreed check of every part")
					doc.save()
					doc = apply_workflow(frappe.get_doc("Service Confirmation Sheet", doc.name), "Sign")
				return doc

			demo.once(f"confirmation:{key}:{verdict}", "containment", confirmation)


# ---------------------------------------------------------------- planning and visits


MONTH_NAMES = (
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
)  # fmt: skip


def planning(demo: Demo):
	"""An annual service plan per customer (two visits a month) and visits in the demo months:
	on plan at one customer, one behind at the other."""
	manager = person_email("manager")
	for c, (key, _customer, _site, _city, _tz, _prefix) in enumerate(data.CUSTOMERS):
		for year in sorted({m.year for m in data.demo_months(demo.today)}):
			demo.once(
				f"plan:{key}:{year}",
				"planning",
				lambda c=c, year=year: frappe.get_doc(
					{
						"doctype": "Annual Service Plan",
						"year": year,
						"customer": customer_name(c),
						"customer_site": site_of(c),
						"visits": [
							{
								"month": month,
								"planned_visits": 2,
								"purpose": _("Quality review"),
								"visitor": manager,
							}
							for month in MONTH_NAMES
						],
					}
				).insert(),
			)
		for m, month in enumerate(data.demo_months(demo.today)):
			for n in range(2 if c == 0 or m != 1 else 1):
				day = month.replace(day=8 + n * 10)
				demo.once(
					f"visit:{key}:{month:%Y%m}:{n}",
					"planning",
					lambda c=c, day=day: frappe.get_doc(
						{
							"doctype": "Customer Visit Log",
							"customer": customer_name(c),
							"customer_site": site_of(c),
							"visit_date": day,
							"visitors": [{"user": manager}],
							"purpose": _("Quality review"),
							"topics": _(
								"Open quality problems, the breakpoint of the last incident, next month's volumes"
							),
							"customer_opinions": _("Satisfied with the response time; wants the 8D sooner"),
						}
					).insert(),
				)


# ---------------------------------------------------------------- staff: handover


def handover(demo: Demo):
	"""A handover at the first plant, day shift to night shift, confirmed and closed."""
	outgoing, incoming = (person_email(k) for k in data.RESIDENTS["lingxi"])
	day = data.demo_months(demo.today)[-1].replace(day=12)

	def factory():
		when = datetime.combine(day, datetime.min.time()) + timedelta(hours=19, minutes=50)
		with as_user(outgoing), at(when):
			doc = frappe.get_doc(
				{
					"doctype": "Shift Handover Record",
					"customer_site": site_of(0),
					"handover_date": day,
					"outgoing_shift": data.SHIFTS[0][0],
					"incoming_shift": data.SHIFTS[1][0],
					"outgoing_engineer": outgoing,
					"incoming_engineer": incoming,
					"handover_mode": "Face to Face",
					"remarks": _("Handed over face to face at the line side"),
				}
			).insert()
		with as_user(incoming), at(when + timedelta(minutes=5)):
			frappe.get_doc("Shift Handover Record", doc.name).confirm()
		with as_user(outgoing), at(when + timedelta(minutes=8)):
			frappe.get_doc("Shift Handover Record", doc.name).close()
		return frappe.get_doc("Shift Handover Record", doc.name)

	demo.once("handover:lingxi", "staff", factory)


# ---------------------------------------------------------------- 8D and the monthly report


# the desk's *Make 8D Report* button: the whitelisted method, called as the button calls it
MAKE_8D = "cs_service.cs_service.doctype.cs_8d_report.cs_8d_report.make_8d_report"


def eight_d(demo: Demo):
	major = next((p for p in data.problem_plan(demo.today) if p.major), None)
	name = major and registry.made(major.key)
	if name:
		with as_user(person_email("qa")):
			demo.once(
				"8d:major",
				"8d",
				lambda: frappe.get_doc("CS 8D Report", frappe.call(MAKE_8D, quality_feedback_sheet=name)),
			)


def monthly_report(demo: Demo):
	"""Last month's Monthly Quality Report with its two decks, made as the report day's job makes
	it (not e-mailed: the demo's managers are fictional). A site that has a report of that month
	keeps its own."""
	from cs_service.decks.schedule import find_report, report_of

	month = f"{data.demo_months(demo.today)[-1]:%Y-%m}"
	comp = company()
	if find_report(comp, month) and not registry.made(f"report:{month}"):
		return

	def factory():
		doc = report_of(comp, month)
		if not doc.has_decks():
			doc.make_decks()
		return doc

	demo.once(f"report:{month}", "report", factory)
