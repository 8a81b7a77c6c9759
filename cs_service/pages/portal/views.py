"""One document in the SQE portal, as it was sent (R-CT-9, R-US-2): its sections of label /
value pairs, its photos and what the SQE may do with it, read from the stored record -- the
fields chosen here, never a whole document."""

from __future__ import annotations

import frappe
from frappe import _

from cs_service.feedback.parts import customer_part_nos
from cs_service.pages.portal import photos
from cs_service.pages.portal.records import (
	CONFIRMATION,
	EIGHT_D,
	PENDING,
	SHEET,
	SIGNED,
	SLIP,
	is_waiting,
	portal_url,
	refuse_request,
	stored,
)
from cs_service.pages.portal.shown import day, full_name, present, shown_number, shown_text, when, yes_no
from cs_service.planning.sites import shown_name


def document_view(doctype: str, name: str, customers: tuple[str, ...]) -> dict:
	"""The portal's view of one document: its sections of label / value pairs, its photos
	and what the SQE may do with it. Refused (one answer) unless the SQE may see it."""
	row = stored(doctype, name, customers)
	if not row:
		refuse_request()
	doc = frappe.get_doc(doctype, name)  # read on the server; only the fields below leave it
	build = {SLIP: _slip_view, CONFIRMATION: _confirmation_view, EIGHT_D: _eight_d_view}[doctype]
	view = build(doc)
	waiting = is_waiting(doctype, row)
	view.update(
		{
			"doctype": doctype,
			"doctype_label": _(doctype),
			"name": doc.name,
			"customer": doc.customer,
			"url": portal_url(doctype, doc.name),
			"modified": str(row.modified),
			"waiting": waiting,
			"state": _state(doctype, row, waiting),
		}
	)
	view["photos"] = [] if doctype == EIGHT_D else photos.document_photos(doc)
	view["sections"] = [s for s in view["sections"] if s.get("rows") or s.get("items")]
	return view


def _state(doctype: str, row, waiting: bool) -> str:
	if doctype == EIGHT_D:
		return _("Waiting for Your Acknowledgement") if waiting else _("Acknowledged")
	return _(PENDING) if waiting else _(SIGNED)


def _summary(title: str, *quantities) -> str:
	"""One line of what is signed, shown again when the SQE confirms: the part and quantities."""
	return " · ".join([title, *(f"{label} {shown_number(value)}" for label, value in quantities)])


def _section(title: str, rows=(), items=()) -> dict:
	return {"title": title, "rows": present(rows), "items": [present(i) for i in items]}


def _slip_view(doc) -> dict:
	part_no = customer_part_nos(doc.customer, [doc.item]).get(doc.item)
	return {
		"title": shown_text(doc.item_name or doc.item),
		"subtitle": shown_text(part_no),
		"summary": _summary(
			shown_text(doc.item_name or doc.item),
			(_("Quantity"), doc.quantity),
			(_("Repaired on Site"), doc.qty_repaired),
			(_("Exchanged"), doc.qty_exchanged),
			(_("Returned"), doc.qty_returned),
		),
		"sections": [
			_section(
				_("Part"),
				[
					(_("Part"), shown_text(doc.item)),
					(_("Product Name"), shown_text(doc.item_name)),
					(_("Customer Part No."), shown_text(part_no)),
					(_("Quantity"), shown_number(doc.quantity)),
					(_("Needs Check on the Checking Fixture"), yes_no(doc.needs_fixture_check)),
					(_("Already Welded to Vehicles"), yes_no(doc.welded_to_vehicle)),
				],
			),
			_section(
				_("Where"),
				[
					(_("Customer"), shown_text(doc.customer)),
					(_("Customer Site"), shown_text(doc.customer_site)),
					(_("Shop"), shown_text(shown_name(doc.shop))),
					(_("Station"), shown_text(doc.station)),
					(_("Parts Moved To"), _(doc.moved_to) if doc.moved_to else ""),
					(_("Quality Feedback Sheet"), shown_text(doc.quality_feedback_sheet)),
				],
			),
			_section(
				_("Disposition"),
				[
					(_("Repaired on Site"), shown_number(doc.qty_repaired)),
					(_("Exchanged"), shown_number(doc.qty_exchanged)),
					(_("Returned"), shown_number(doc.qty_returned)),
				],
			),
			_section(
				_("Vehicles"),
				items=[
					[
						(_("Vehicle Body No. / VIN"), shown_text(v.vin)),
						(_("Where"), _(v.location) if v.location else ""),
						(_("Repaired By"), shown_text(v.repaired_by)),
						(_("Status"), _(v.status) if v.status else ""),
						(_("Verified At"), when(v.verified_at)),
					]
					for v in doc.vehicles
				],
			),
			_signoff_section(doc),
		],
	}


def _confirmation_view(doc) -> dict:
	sheet = (
		frappe.db.get_value(
			SHEET,
			doc.quality_feedback_sheet,
			["item", "item_name", "customer_part_no", "defect"],
			as_dict=True,
		)
		if doc.quality_feedback_sheet
		else None
	) or frappe._dict()
	return {
		"title": shown_text(sheet.item_name or sheet.item) or _(CONFIRMATION),
		"subtitle": shown_text(sheet.customer_part_no),
		"summary": _summary(
			shown_text(sheet.item_name or sheet.item),
			(_("Quantity Sorted"), doc.qty_sorted),
			(_("Quantity Good"), doc.qty_good),
			(_("Quantity Defective"), doc.qty_defective),
		),
		"verdicts": [
			{"value": v, "label": _(v)}
			for v in frappe.get_meta(CONFIRMATION).get_options("sqe_verdict").split("\n")
			if v
		],
		"sections": [
			_section(
				_("Service"),
				[
					(_("Customer"), shown_text(doc.customer)),
					(_("Customer Site"), shown_text(doc.customer_site)),
					(_("Quality Feedback Sheet"), shown_text(doc.quality_feedback_sheet)),
					(_("Part"), shown_text(sheet.item)),
					(_("Customer Part No."), shown_text(sheet.customer_part_no)),
					(_("Defect"), shown_text(sheet.defect)),
					(_("Resident Engineer"), full_name(doc.engineer)),
					(_("Service Date"), day(doc.service_date)),
				],
			),
			_section(
				_("Agreed Plan"),
				[(_("Repair / Sorting Plan Agreed"), shown_text(doc.plan))],
				items=[
					[
						(_("Agreed With"), shown_text(c.full_name or c.contact)),
						(_("Role"), _(c.role) if c.role else ""),
					]
					for c in doc.agreed_with
				],
			),
			_section(
				_("Work Done"),
				[
					(_("Quantity Sorted"), shown_number(doc.qty_sorted)),
					(_("Quantity Good"), shown_number(doc.qty_good)),
					(_("Quantity Defective"), shown_number(doc.qty_defective)),
					(_("Hours"), shown_number(doc.hours)),
					(_("People"), shown_number(doc.people)),
					(
						_("Short-term Measure Effective"),
						_(doc.measure_effective) if doc.measure_effective else "",
					),
				],
			),
			_signoff_section(doc, verdict=True),
		],
	}


def _signoff_section(doc, verdict: bool = False) -> dict:
	return _section(
		_("SQE Sign-off"),
		[
			*([(_("SQE Verdict"), _(doc.sqe_verdict) if doc.sqe_verdict else "")] if verdict else []),
			(_("SQE Remarks"), shown_text(doc.sqe_remarks)),
			(_("Signed By"), full_name(doc.signed_by)),
			(_("Signed At"), when(doc.signed_at)),
		],
	)


def _eight_d_view(doc) -> dict:
	"""The 8D report as the customer received it (the sections of its print format)."""
	return {
		"title": shown_text(doc.item_name or doc.item),
		"subtitle": shown_text(doc.customer_part_no),
		"summary": shown_text(doc.item_name or doc.item),
		"sections": [
			_section(
				_("8D Report"),
				[
					(_("Customer"), shown_text(doc.customer)),
					(_("Customer Site"), shown_text(doc.customer_site)),
					(_("Part"), shown_text(doc.item)),
					(_("Customer Part No."), shown_text(doc.customer_part_no)),
					(_("First Reported At"), when(doc.opened_at)),
					(_("Status"), _(doc.status) if doc.status else ""),
					(_("Sent to the Customer At"), when(doc.sent_to_customer_at)),
				],
			),
			_section(
				_("Status per Discipline"),
				items=[
					[
						(_("Discipline"), f"{s.step} {_(s.title) if s.title else ''}".strip()),
						(_("Status"), _(s.status) if s.status else ""),
						(_("Due"), when(s.due_at)),
						(_("Done At"), when(s.done_at)),
					]
					for s in doc.steps
				],
			),
			_section(_("D0 Preparation"), [(_("Emergency Response"), shown_text(doc.preparation))]),
			_section(
				_("D1 Team"),
				items=[
					[
						(_("Name"), shown_text(m.member_name) or full_name(m.user) or shown_text(m.contact)),
						(_("Member Of"), _(m.member_type) if m.member_type else ""),
						(_("Role in the Team"), _(m.team_role) if m.team_role else ""),
						(_("Function"), shown_text(m.function)),
					]
					for m in doc.team
				],
			),
			_section(
				_("D2 Problem Description"),
				[
					(_("Problem Description"), shown_text(doc.problem_description)),
					(_("Defect Code"), shown_text(doc.defect_code)),
					(_("Defect Location Code"), shown_text(doc.defect_location_code)),
					(_("Quantity Affected"), shown_number(doc.quantity)),
				],
				items=[
					[
						(_("Quality Feedback Sheet"), shown_text(s.quality_feedback_sheet)),
						(_("Customer Site"), shown_text(s.customer_site)),
						(_("First Reported At"), when(s.reported_at)),
						(_("Defect"), shown_text(s.defect)),
						(_("Quantity"), shown_number(s.quantity)),
					]
					for s in doc.sheets
				]
				+ [
					[
						(_("Question"), _(r.dimension) if r.dimension else ""),
						(_("Is"), shown_text(r.is_text)),
						(_("Is Not"), shown_text(r.is_not_text)),
					]
					for r in doc.is_is_not
				],
			),
			_section(
				_("D3 Containment"),
				[
					(_("Total Quantity Checked"), shown_number(doc.total_checked)),
					(_("Total Quantity Suspect or Defective"), shown_number(doc.total_suspect)),
				],
				items=[
					[
						(_("Source"), _(c.source) if c.source else ""),
						(
							_("Document"),
							shown_text(
								c.quality_feedback_sheet
								or c.containment_screening
								or c.suspect_part_slip
								or c.service_confirmation_sheet
							),
						),
						(_("Action"), shown_text(c.action)),
						(_("Quantity Checked"), shown_number(c.qty_checked)),
						(_("Quantity Suspect or Defective"), shown_number(c.qty_suspect)),
						(_("Breakpoint"), shown_text(c.breakpoint)),
						(_("Status"), _(c.status) if c.status else ""),
					]
					for c in doc.containment
				],
			),
			_section(
				_("D4 Root Cause"),
				[
					(_("Root Cause of Occurrence"), shown_text(doc.occurrence_root_cause)),
					(_("Root Cause of Non-detection"), shown_text(doc.escape_root_cause)),
					(_("Cause Code"), shown_text(doc.cause_code)),
				],
				items=[
					[(_(w.chain) if w.chain else _("Why? Because"), shown_text(w.why))] for w in doc.five_whys
				]
				+ [
					[
						(_("Category"), _(c.category) if c.category else ""),
						(_("Possible Cause"), shown_text(c.cause)),
						(_("Result"), _(c.result) if c.result else ""),
						(_("Evidence"), shown_text(c.evidence)),
					]
					for c in doc.ishikawa
				],
			),
			_section(
				_("D5 and D6 Corrective Actions and Verification"),
				items=[
					[
						(_("Action"), shown_text(a.action)),
						(_("Owner"), full_name(a.action_owner)),
						(_("Due Date"), day(a.due_date)),
						(_("Status"), _(a.status) if a.status else ""),
						(_("Verified By"), full_name(a.verified_by)),
						(_("Verification of Effectiveness"), shown_text(a.verification)),
					]
					for a in doc.actions
				],
			),
			_section(
				_("D7 Prevention"),
				items=[
					[
						(_("Document to Update"), _(p.document) if p.document else ""),
						(_("What Changes"), shown_text(p.change)),
						(_("Owner"), full_name(p.responsible)),
						(_("Due Date"), day(p.due_date)),
						(_("Status"), _(p.status) if p.status else ""),
					]
					for p in doc.prevention
				],
			),
			_section(
				_("D8 Closure and Recognition"),
				[
					(_("Closure Summary"), shown_text(doc.closure_summary)),
					(_("Team Recognition"), shown_text(doc.recognition)),
					(_("Closed On"), day(doc.closed_on)),
				],
			),
			_section(
				_("Acknowledged"),
				[
					(_("Acknowledged By"), full_name(doc.acknowledged_by)),
					(_("Acknowledged At"), when(doc.acknowledged_at)),
					(_("Remarks of the Customer's SQE"), shown_text(doc.acknowledgement_remarks)),
				],
			),
		],
	}
