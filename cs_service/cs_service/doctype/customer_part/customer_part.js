// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// R-PL-4: what is known of a part at a customer; its historical defects come from the
// submitted Quality Feedback Sheets, never typed here.
frappe.ui.form.on("Customer Part", {
	setup(frm) {
		frm.set_query("customer_site", () => ({ filters: { customer: frm.doc.customer || "", disabled: 0 } }));
	},

	refresh(frm) {
		frm.trigger("render_defects");
		if (!frm.is_new()) {
			frm.add_custom_button(__("Quality Feedback Sheets"), () =>
				frappe.set_route("List", "Quality Feedback Sheet", {
					customer: frm.doc.customer,
					item: frm.doc.item,
					...(frm.doc.customer_site ? { customer_site: frm.doc.customer_site } : {}),
				})
			);
		}
	},

	customer(frm) {
		if (frm.doc.customer_site) frm.set_value("customer_site", null);
	},

	render_defects(frm) {
		const field = frm.get_field("defects_html");
		if (!frm.doc.customer || !frm.doc.item) {
			field.$wrapper.empty();
			return;
		}
		frappe
			.xcall("cs_service.cs_service.doctype.customer_part.customer_part.get_defect_history", {
				customer: frm.doc.customer,
				item: frm.doc.item,
				customer_site: frm.doc.customer_site || null,
			})
			.then((history) => field.$wrapper.html(cs_service.parts.defects_html(history)));
	},
});

frappe.provide("cs_service.parts");

cs_service.parts.defects_html = function (history) {
	const esc = (v) => frappe.utils.escape_html(v == null ? "" : String(v));
	if (!history.summary.length) {
		return `<p class="text-muted">${__("No submitted Quality Feedback Sheet for this part at this customer.")}</p>`;
	}
	const summary = history.summary
		.map(
			(r) =>
				`<tr><td>${esc(r.defect || __("(no defect given)"))}</td><td class="text-right">${r.occurrences}</td>` +
				`<td class="text-right">${r.quantity}</td><td>${esc(frappe.datetime.str_to_user(r.last_occurred))}</td></tr>`
		)
		.join("");
	const sheets = history.sheets
		.map(
			(r) =>
				`<tr><td><a href="/app/quality-feedback-sheet/${encodeURIComponent(r.name)}">${esc(r.name)}</a></td>` +
				`<td>${esc(frappe.datetime.str_to_user(r.occurred_at))}</td><td>${esc(r.defect)}</td>` +
				`<td>${esc(__(r.problem_type))}</td><td class="text-right">${r.quantity || 0}</td>` +
				`<td>${esc(r.station || r.shop)}</td><td>${esc(__(r.tracking_status))}</td></tr>`
		)
		.join("");
	return `
		<table class="table table-bordered table-sm">
			<thead><tr><th>${__("Defect")}</th><th class="text-right">${__("Occurrences")}</th>
			<th class="text-right">${__("Quantity")}</th><th>${__("Last Occurred")}</th></tr></thead>
			<tbody>${summary}</tbody>
		</table>
		<p class="text-muted small">${__("Latest feedback sheets")}</p>
		<table class="table table-bordered table-sm">
			<thead><tr><th>${__("Quality Feedback Sheet")}</th><th>${__("Time of Occurrence")}</th>
			<th>${__("Defect")}</th><th>${__("Problem Type")}</th><th class="text-right">${__("Quantity")}</th>
			<th>${__("Station")}</th><th>${__("Tracking Status")}</th></tr></thead>
			<tbody>${sheets}</tbody>
		</table>`;
};
