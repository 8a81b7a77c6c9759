// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Quality Feedback Sheet", {
	setup(frm) {
		frm.set_query("customer_site", () => ({
			filters: { customer: frm.doc.customer || "", disabled: 0 },
		}));
		// codes of the defect catalogs, not their groups
		for (const [field, catalog] of [
			["defect_code", "Defect Type"],
			["defect_location_code", "Defect Location"],
			["cause_code", "Cause"],
		]) {
			frm.set_query(field, () => ({ filters: { catalog, is_group: 0, disabled: 0 } }));
		}
		// help texts in the user's language, a form that fits a phone
		cs_service.desk.hide_time_zones(frm);
		$(frm.wrapper).addClass("cs-compact");
	},

	refresh(frm) {
		cs_service.feedback.show_clock(frm);
		cs_service.feedback.add_8d_button(frm);
		// first-report time in one tap, what is missing before sending, the site's
		// shops and stations, and the containment documents made from the sent sheet
		frm.cs_saved_reported_at = frm.doc.reported_at;
		cs_service.desk.hide_time_zones(frm);
		cs_service.feedback.time_choices(frm);
		cs_service.feedback.lock_reserved_fields(frm);
		cs_service.feedback.required_for_sending(frm);
		cs_service.desk.site_lists(frm);
		cs_service.feedback.create_buttons(frm);
	},

	onload_post_render(frm) {
		// the 15-minute countdown, one element updated every second (R-FB-4)
		if (frm.clock_timer) clearInterval(frm.clock_timer);
		frm.clock_timer = setInterval(() => {
			if (frm.doctype !== cur_frm?.doctype) return;
			cs_service.feedback.show_clock(frm);
		}, 1000);
	},

	validate(frm) {
		cs_service.feedback.refuse_implausible_report_time(frm);
	},

	reported_at(frm) {
		cs_service.feedback.show_clock(frm);
		cs_service.feedback.check_report_time(frm);
	},

	shop(frm) {
		cs_service.desk.station_options(frm);
	},

	customer(frm) {
		if (frm.doc.customer_site) frm.set_value("customer_site", null);
		frm.trigger("item");
	},

	customer_site(frm) {
		frm.trigger("item");
		cs_service.desk.site_lists(frm);
	},

	item(frm) {
		if (!frm.doc.item) return;
		frappe
			.xcall("cs_service.cs_service.doctype.quality_feedback_sheet.quality_feedback_sheet.get_part_details", {
				item: frm.doc.item,
				customer: frm.doc.customer,
				customer_site: frm.doc.customer_site,
			})
			.then((details) => {
				frm.set_value("customer_part_no", details.customer_part_no || "");
				frm.set_value("drawing_no", details.drawing_no || "");
				if (frm.doc.docstatus === 0) cs_service.feedback.fill_location(frm, details);
				cs_service.feedback.show_last_defects(frm, details);
			});
	},
});

frappe.provide("cs_service.feedback");

cs_service.feedback.show_clock = function (frm) {
	// The 15-minute rule is our internal measure: a customer's SQE does not see it.
	if (!cs_service.desk.is_internal() || frm.doctype !== "Quality Feedback Sheet") {
		cs_service.desk.set_clock(frm, null);
		return;
	}
	const doc = frm.doc;
	if (doc.docstatus !== 0) {
		const color = doc.timeliness === "On time" ? "green" : "red";
		const text = doc.timeliness ? `${__("15-Minute Rule")}: ${__(doc.timeliness)}` : null;
		cs_service.desk.set_clock(frm, text, color);
		return;
	}
	if (!doc.reported_at) {
		cs_service.desk.set_clock(frm, __("When was the problem first reported? The 15 minutes count from then."), "orange");
		return;
	}
	// Stored datetimes are naive system-timezone values: compare them with "now" in the system
	// timezone, not with the browser's clock (which may be in another zone).
	const now = moment(frappe.datetime.system_datetime());
	const reported = moment(doc.reported_at);
	const seconds = reported.clone().add(15, "minutes").diff(now, "seconds");
	if (reported.diff(now, "seconds") > 60) {
		cs_service.desk.set_clock(frm, __("The first report time is in the future: check it"), "red");
	} else if (cs_service.feedback.report_time_doubtful(doc.reported_at)) {
		const days = Math.max(1, Math.floor(now.diff(reported, "hours") / 24));
		cs_service.desk.set_clock(frm, __("The first report time is {0} day(s) ago: check it", [days]), "red");
	} else if (seconds >= 0) {
		const text = __("Written feedback due in {0} min {1} s", [Math.floor(seconds / 60), seconds % 60]);
		cs_service.desk.set_clock(frm, text, "orange");
	} else {
		const late = Math.ceil(-seconds / 60);
		cs_service.desk.set_clock(frm, __("The 15 minutes have passed: {0} min late", [late]), "red");
	}
};


// R-PL-4: where the part goes on line, from the customer part knowledge; the engineer may
// still correct it.
cs_service.feedback.fill_location = function (frm, details) {
	if (details.shop) frm.set_value("shop", details.shop);
	if (details.station) frm.set_value("station", details.station);
};

cs_service.feedback.show_last_defects = function (frm, details) {
	frm.dashboard.clear_comment();
	const defects = details.last_defects || [];
	if (!frm.doc.customer || !frm.doc.item) return;
	if (!defects.length) {
		frm.dashboard.add_comment(__("No earlier defects of this part at this customer."), "green", true);
		return;
	}
	const items = defects
		.map(
			(d) =>
				`<li>${frappe.datetime.str_to_user(d.occurred_at) || ""}: <b>${frappe.utils.escape_html(
					d.defect || __("(no defect given)")
				)}</b> &times; ${d.quantity || 0} (${__(d.problem_type)}, ${frappe.utils.escape_html(
					d.station || d.shop || ""
				)}) ` +
				`<a href="/app/quality-feedback-sheet/${encodeURIComponent(d.name)}">${frappe.utils.escape_html(
					d.name
				)}</a></li>`
		)
		.join("");
	frm.dashboard.add_comment(
		`${__("Last defects of this part at this customer")}:<ul style="margin: 4px 0 0">${items}</ul>`,
		"orange",
		true
	);
};

// the customer's complaint answered as an 8D report, made from the sent sheet.
cs_service.feedback.add_8d_button = function (frm) {
	if (frm.doc.docstatus !== 1 || !frappe.model.can_create("CS 8D Report")) return;
	frm.add_custom_button(__("8D Report"), () => {
		frappe
			.xcall("cs_service.cs_service.doctype.cs_8d_report.cs_8d_report.make_8d_report", {
				quality_feedback_sheet: frm.doc.name,
			})
			.then((name) => frappe.set_route("Form", "CS 8D Report", name));
	}, __("Create"));
};

// ---------------------------------------------------------------- on a phone

// The first-report time: empty on a new sheet, set in one tap (the 15 minutes run from the
// verbal report, not from when the engineer starts typing), checked for plausibility.
// The choices are the server's (cs_service.rules.feedback.REPORTED_MINUTES_AGO), as on the phone.
cs_service.feedback.TIME_CHOICES = (frappe.boot.cs_service || {}).reported_minutes_ago || [0, 5, 10, 15];

cs_service.feedback.time_choices = function (frm) {
	const field = frm.fields_dict.reported_at;
	if (!field || !field.$wrapper) return;
	field.$wrapper.find(".cs-time-chips, .cs-time-warning").remove();
	if (frm.doc.docstatus !== 0 || !cs_service.desk.is_internal()) return;
	const $chips = $('<div class="cs-time-chips" data-testid="reported-at-choices"></div>');
	for (const minutes of cs_service.feedback.TIME_CHOICES) {
		$('<button type="button" class="btn btn-default btn-xs"></button>')
			.text(minutes ? __("{0} min ago", [minutes]) : __("Just now"))
			.attr("data-minutes", minutes)
			.on("click", () => {
				const at = moment(frappe.datetime.system_datetime()).subtract(minutes, "minutes");
				frm.set_value("reported_at", at.format("YYYY-MM-DD HH:mm:ss"));
			})
			.appendTo($chips);
	}
	const $input = field.$wrapper.find(".control-input-wrapper");
	($input.length ? $input : field.$wrapper).after($chips);
	$('<div class="cs-time-warning hidden" data-testid="reported-at-warning"></div>').insertAfter($chips);
	cs_service.feedback.check_report_time(frm);
};

cs_service.feedback.report_time_doubtful = function (value) {
	const hours = (frappe.boot.cs_service || {}).report_time_doubtful_hours || 24;
	return value && moment(frappe.datetime.system_datetime()).diff(moment(value), "hours", true) > hours;
};

cs_service.feedback.check_report_time = function (frm) {
	const $warning = frm.fields_dict.reported_at?.$wrapper.find(".cs-time-warning");
	if (!$warning || !$warning.length) return;
	const value = frm.doc.reported_at;
	const future = value && moment(value).diff(moment(frappe.datetime.system_datetime()), "seconds") > 60;
	if (future || cs_service.feedback.report_time_doubtful(value)) {
		$warning
			.removeClass("hidden")
			.text(
				future
					? __("The first report time is in the future: check it")
					: __("{0} is more than a day ago: check the first report time", [
							frappe.datetime.str_to_user(value),
					  ])
			);
	} else {
		$warning.addClass("hidden").text("");
	}
};

// once the sheet is sent, the first-report time, the problem type and the defect
// codes are QA's and the CS Manager's to correct (the controller refuses anyone else): the form
// does not offer them to others, so it never invites an Update that will be refused.
cs_service.feedback.lock_reserved_fields = function (frm) {
	const reserved = ((frappe.boot.cs_service || {}).reserved_after_sending || {})[frm.doctype];
	if (!reserved) return;
	const locked = frm.doc.docstatus === 1 && !frappe.user.has_role(reserved.roles);
	for (const fieldname of reserved.fields) {
		if (frm.fields_dict[fieldname]) frm.set_df_property(fieldname, "read_only", locked ? 1 : 0);
	}
};

// A newly typed first-report time a week old or in the future is a slip of the finger.
cs_service.feedback.refuse_implausible_report_time = function (frm) {
	const value = frm.doc.reported_at;
	if (frm.doc.docstatus !== 0 || !value || value === frm.cs_saved_reported_at) return;
	const days = (frappe.boot.cs_service || {}).report_time_refused_days || 7;
	const now = moment(frappe.datetime.system_datetime());
	if (now.diff(moment(value), "days", true) > days || moment(value).diff(now, "seconds") > 60) {
		frappe.throw({
			title: __("Check the First Report Time"),
			message: __("{0}: {1} cannot be right for a sheet written now; choose when the problem was first reported", [
				__("First Reported At"),
				frappe.datetime.str_to_user(value),
			]),
		});
	}
};

// Fields required before sending (the server's own list, from the boot) marked with an orange
// star, and how many are still empty, counted while the engineer types.
cs_service.feedback.required_fields = function () {
	return ((frappe.boot.cs_service || {}).required_for_sending || {})["Quality Feedback Sheet"] || [];
};

cs_service.feedback.missing = function (doc) {
	const breakpoint_fields = (frappe.boot.cs_service || {}).breakpoint_fields || ["breakpoint"];
	const blank = (v) => v === undefined || v === null || (typeof v === "string" && !v.trim());
	return cs_service.feedback.required_fields().filter((f) => {
		if (f === "breakpoint") return breakpoint_fields.every((b) => blank(doc[b]));
		if (f === "quantity") return !doc.quantity;
		return blank(doc[f]);
	});
};

cs_service.feedback.required_for_sending = function (frm) {
	const editable = frm.doc.docstatus === 0 && cs_service.desk.is_internal();
	cs_service.desk.mark_required_for_sending(frm, editable ? cs_service.feedback.required_fields() : []);
	if (!editable) frm.$wrapper.find(".cs-send-required").removeClass("cs-send-required");
	cs_service.desk.set_missing(frm, editable ? cs_service.feedback.missing(frm.doc) : null);
};

if (!cs_service.feedback.watching) {
	cs_service.feedback.watching = true;
	frappe.model.on("Quality Feedback Sheet", "*", (fieldname, value, doc) => {
		const frm = window.cur_frm;
		if (frm && frm.doc === doc && doc.docstatus === 0 && cs_service.desk.is_internal()) {
			cs_service.desk.set_missing(frm, cs_service.feedback.missing(doc));
		}
	});
}

// The sent sheet carries its customer, site, shop, station, part and quantity over to the
// containment documents made from it: nothing is typed twice.
cs_service.feedback.create_buttons = function (frm) {
	const doc = frm.doc;
	const actions = [];
	if (doc.docstatus === 1 && cs_service.desk.is_internal()) {
		const sheet = { quality_feedback_sheet: doc.name, customer: doc.customer, customer_site: doc.customer_site };
		const part = { item: doc.item, item_name: doc.item_name };
		const made = [
			["Suspect Part Slip", { ...sheet, ...part, shop: doc.shop, station: doc.station, quantity: doc.quantity }],
			["Containment Screening", { ...sheet, ...part }],
			["Service Confirmation Sheet", sheet],
		];
		for (const [doctype, values] of made) {
			if (!frappe.model.can_create(doctype)) continue;
			actions.push({
				label: __("New {0}", [__(doctype)]),
				primary: doctype === "Suspect Part Slip",
				testid: `create-${frappe.scrub(doctype)}`,
				action: () => frappe.new_doc(doctype, values),
			});
		}
	}
	cs_service.desk.set_actions(frm, actions);
};
