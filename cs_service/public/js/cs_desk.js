// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// The desk as a resident engineer and a customer's SQE meet it on a phone: one bar
// at the top of a form (the 15-minute clock, what is missing before sending, labelled
// actions), and the SQE's sign-off with a confirmation that shows what is signed. Loaded on
// every desk page (hooks.app_include_js); a plain file, no build step.

frappe.provide("cs_service.desk");
frappe.provide("cs_service.signoff");

cs_service.desk.INTERNAL_ROLES = ["CS Engineer", "CS Manager", "QA Engineer", "System Manager"];

// Our own people; a customer's SQE is not (cs_service.access.roles.is_outsider).
cs_service.desk.is_internal = function () {
	return (
		frappe.session.user === "Administrator" ||
		cs_service.desk.INTERNAL_ROLES.some((role) => (frappe.user_roles || []).includes(role))
	);
};

// One bar under the form's messages, made once per form and updated in place (never
// appended again: a ticking clock must not pile up boxes).
cs_service.desk.bar = function (frm) {
	if (!frm.cs_bar) {
		frm.cs_bar = $(`<div class="cs-top-bar">
			<div class="cs-bar-line">
				<div class="cs-clock hidden" data-testid="cs-clock" role="status"></div>
				<button type="button" class="cs-missing btn btn-xs hidden" data-testid="cs-missing"></button>
			</div>
			<div class="cs-actions" data-testid="cs-actions"></div>
		</div>`).insertAfter(frm.layout.message);
	}
	return frm.cs_bar;
};

cs_service.desk.set_clock = function (frm, text, color) {
	const $clock = cs_service.desk.bar(frm).find(".cs-clock");
	if (!text) {
		$clock.addClass("hidden").text("").removeAttr("data-color");
		return;
	}
	$clock
		.removeClass("hidden cs-red cs-orange cs-green cs-blue")
		.addClass(`cs-${color}`)
		.attr("data-color", color)
		.text(text);
};

// actions: [{label, action, primary, testid}]
cs_service.desk.set_actions = function (frm, actions) {
	const $area = cs_service.desk.bar(frm).find(".cs-actions").empty();
	for (const a of actions || []) {
		$(`<button type="button" class="btn btn-sm ${a.primary ? "btn-primary" : "btn-default"}">`)
			.text(a.label)
			.attr("data-testid", a.testid || "")
			.on("click", a.action)
			.appendTo($area);
	}
};

// Fields the server requires before a document is sent, marked by an orange star, and the
// count of those still empty in the bar; a tap on the count goes to the first empty one.
cs_service.desk.mark_required_for_sending = function (frm, fields) {
	for (const fieldname of fields || []) {
		const field = frm.fields_dict[fieldname];
		if (field && field.$wrapper) field.$wrapper.addClass("cs-send-required");
	}
};

cs_service.desk.set_missing = function (frm, missing) {
	const $missing = cs_service.desk.bar(frm).find(".cs-missing");
	$missing.off("click");
	if (!missing) {
		$missing.addClass("hidden");
		return;
	}
	$missing.removeClass("hidden btn-warning btn-success").attr("data-missing", missing.length);
	if (!missing.length) {
		$missing.addClass("btn-success").text(__("Complete: ready to send"));
		return;
	}
	$missing.addClass("btn-warning").text(__("{0} still missing", [missing.length]));
	$missing.attr(
		"title",
		missing.map((f) => __(frappe.meta.get_label(frm.doctype, f))).join(", ")
	);
	$missing.on("click", () => frm.scroll_to_field(missing[0]));
};

// Frappe appends the user's time zone to a Datetime field's help text before translating it,
// so the help stays English; the forms of the app show times on the site's clock anyway.
// Called in setup (the DocType's fields) and refresh (the copies Frappe made for this document,
// possibly before the form's setup ran).
cs_service.desk.hide_time_zones = function (frm) {
	for (const meta_df of frappe.get_meta(frm.doctype).fields || []) {
		if (meta_df.fieldtype !== "Datetime") continue;
		meta_df.hide_timezone = 1;
		const df =
			frm.doc && frappe.meta.get_docfield(frm.doctype, meta_df.fieldname, frm.doc.name);
		if (
			df &&
			df !== meta_df &&
			(!df.hide_timezone || df.description !== meta_df.description)
		) {
			df.hide_timezone = 1;
			df.description = meta_df.description;
			frm.refresh_field(meta_df.fieldname);
		}
	}
};

// The site's time zone as a reader says it, in their language: "China Standard Time
// (GMT+08:00)" / "中国标准时间 (GMT+08:00)", not the database's name "Asia/Shanghai"
// Datetime values are on the system's clock.
cs_service.desk.time_zone_label = function () {
	const zone =
		(frappe.boot.time_zone && frappe.boot.time_zone.system) || frappe.sys_defaults.time_zone;
	const lang = frappe.boot.lang === "zh" ? "zh-CN" : frappe.boot.lang || "en";
	try {
		const part = (style) =>
			new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: style })
				.formatToParts(new Date())
				.find((p) => p.type === "timeZoneName").value;
		return `${part("long")} (${part("longOffset")})`;
	} catch (e) {
		return zone;
	}
};

// ---------------------------------------------------------------- SQE sign-off (R-CT-9)

// What the confirmation shows of each document: the part, the quantities, the dispositions.
cs_service.signoff.SUMMARY = {
	"Suspect Part Slip": [
		"customer",
		"customer_site",
		"shop",
		"station",
		"item",
		"item_name",
		"quantity",
		"moved_to",
		"qty_repaired",
		"qty_exchanged",
		"qty_returned",
		"needs_fixture_check",
		"welded_to_vehicle",
	],
	"Service Confirmation Sheet": [
		"customer",
		"customer_site",
		"quality_feedback_sheet",
		"service_date",
		"plan",
		"qty_sorted",
		"qty_good",
		"qty_defective",
		"measure_effective",
	],
};
cs_service.signoff.SEND = "Send to SQE";
cs_service.signoff.SIGN = "Sign";
cs_service.signoff.RETURN = "Return for Correction";

// refresh: the workflow actions this user may take, as labelled buttons in the form's bar.
cs_service.signoff.refresh = function (frm) {
	cs_service.desk.set_actions(frm, []);
	if (
		frm.is_new() ||
		frm.doc.docstatus !== 0 ||
		!frappe.workflow.get_state_fieldname(frm.doctype)
	) {
		return;
	}
	frappe.workflow.get_transitions(frm.doc).then((transitions) => {
		const actions = [];
		for (const t of transitions || []) {
			if (!frappe.user_roles.includes(t.allowed) || actions.some((a) => a.name === t.action))
				continue;
			actions.push({
				name: t.action,
				label: __(t.action),
				primary: t.action !== cs_service.signoff.RETURN,
				testid: `cs-action-${frappe.scrub(t.action)}`,
				action: () => cs_service.signoff.run(frm, t.action),
			});
		}
		cs_service.desk.set_actions(frm, actions);
	});
};

// a slip says what became of its parts before it is sent (the server's rule,
// cs_service.rules.slip.sending_problems): said here first, the fields in view, no request.
cs_service.signoff.ready_to_send = function (frm, action) {
	const fields = ((frappe.boot.cs_service || {}).disposition_fields || {})[frm.doctype];
	if (action !== cs_service.signoff.SEND || !fields) return true;
	const quantity = cint(frm.doc.quantity);
	const stated = fields.reduce((sum, f) => sum + cint(frm.doc[f]), 0);
	if (stated >= quantity) return true;
	frm.scroll_to_field(fields[0]);
	frappe.msgprint({
		title: __(frm.doctype),
		indicator: "orange",
		message: __(
			"{0}: say what became of the {1} parts (repaired on site, exchanged, returned) before sending to the SQE; {2} stated",
			[__("Disposition"), quantity, stated]
		),
	});
	return false;
};

// A tap on an action: save what was typed, confirm, then apply the workflow action.
cs_service.signoff.run = function (frm, action) {
	const saved = frm.is_dirty() ? frm.save() : Promise.resolve();
	return saved
		.then(() =>
			// not ready: the message is shown and nothing goes on (as a cancelled confirmation)
			cs_service.signoff.ready_to_send(frm, action) ? undefined : new Promise(() => {})
		)
		.then(() => cs_service.signoff.confirm(frm, action))
		.then(() => {
			frappe.dom.freeze();
			return frappe
				.xcall("frappe.model.workflow.apply_workflow", { doc: frm.doc, action })
				.then((doc) => {
					frappe.model.sync(doc);
					frm.refresh();
					frappe.show_alert({
						message: __("{0}: done", [__(action)]),
						indicator: "green",
					});
				})
				.finally(() => frappe.dom.unfreeze());
		});
};

// before_workflow_action: the same confirmation for Frappe's own Actions menu.
cs_service.signoff.before_workflow_action = function (frm) {
	frappe.dom.unfreeze();
	if (!cs_service.signoff.ready_to_send(frm, frm.selected_workflow_action)) {
		return new Promise(() => {}); // nothing goes on, as a cancelled confirmation
	}
	return cs_service.signoff
		.confirm(frm, frm.selected_workflow_action)
		.then(() => frappe.dom.freeze());
};

// A dialog showing what is sent, signed or returned; resolves once confirmed (and the SQE's
// fields it asks for are saved). Cancelling leaves everything as it was.
cs_service.signoff.confirm = function (frm, action) {
	const S = cs_service.signoff;
	const fields = [{ fieldtype: "HTML", fieldname: "summary" }];
	if (action === S.SIGN && frm.doctype === "Service Confirmation Sheet") {
		fields.push({
			fieldtype: "Select",
			fieldname: "sqe_verdict",
			label: __("SQE Verdict"),
			options: frappe.meta.get_docfield(frm.doctype, "sqe_verdict").options,
			default: frm.doc.sqe_verdict,
			reqd: 1,
		});
	}
	if (action === S.SIGN || action === S.RETURN) {
		fields.push({
			fieldtype: "Small Text",
			fieldname: "sqe_remarks",
			label: __("SQE Remarks"),
			default: frm.doc.sqe_remarks,
			reqd: action === S.RETURN ? 1 : 0,
			description: action === S.RETURN ? __("Say what must be corrected.") : "",
		});
	}
	const intro = {
		[S.SEND]: __("Send these parts and quantities to the customer's SQE for signature?"),
		[S.SIGN]: __("By signing you confirm the parts, quantities and dispositions below."),
		[S.RETURN]: __("The document goes back to the resident engineer for correction."),
	}[action];
	return new Promise((resolve) => {
		const dialog = new frappe.ui.Dialog({
			title: `${__(action)}: ${frm.doc.name}`,
			fields,
			primary_action_label: __(action),
			primary_action(values) {
				dialog.hide();
				const changed = Object.keys(values).filter(
					(k) => k !== "summary" && (values[k] || "") !== (frm.doc[k] || "")
				);
				if (!changed.length) {
					resolve();
					return;
				}
				changed.forEach((k) => (frm.doc[k] = values[k]));
				frm.dirty();
				frm.save().then(resolve);
			},
		});
		dialog.$wrapper.attr("data-testid", "cs-confirm").addClass("cs-compact");
		dialog.fields_dict.summary.$wrapper.html(
			`<p class="cs-confirm-intro">${frappe.utils.escape_html(
				intro || ""
			)}</p>${S.summary_html(frm)}`
		);
		dialog.show();
	});
};

cs_service.signoff.summary_html = function (frm) {
	const doc = frm.doc;
	const rows = [];
	for (const fieldname of cs_service.signoff.SUMMARY[frm.doctype] || []) {
		const df = frappe.meta.get_docfield(frm.doctype, fieldname, doc.name);
		const value = doc[fieldname];
		if (!df || value === undefined || value === null || value === "") continue;
		if (df.fieldtype === "Check" && !value) continue;
		const shown =
			df.fieldtype === "Check"
				? __("Yes")
				: df.fieldtype === "Select"
				? frappe.utils.escape_html(__(value))
				: frappe.format(value, df, { inline: true }, doc);
		rows.push(`<tr><th>${frappe.utils.escape_html(__(df.label))}</th><td>${shown}</td></tr>`);
	}
	if ((doc.vehicles || []).length) {
		rows.push(
			`<tr><th>${frappe.utils.escape_html(__("Vehicles"))}</th><td>${doc.vehicles
				.map((v) => frappe.utils.escape_html(v.vin || ""))
				.join(", ")}</td></tr>`
		);
	}
	return `<table class="table table-sm cs-confirm-summary" data-testid="cs-confirm-summary">${rows.join(
		""
	)}</table>`;
};

// ---------------------------------------------------------------- standard names

// A name the app gave (a new site's shops) in the user's language, whichever language it was
// stored in; a name a user typed as typed (cs_service.planning.sites.shown_name, spellings from the boot).
cs_service.desk.shown_name = function (value) {
	if (!value || typeof value !== "string") return value;
	const spellings = (frappe.boot.cs_service || {}).standard_names || {};
	const name = spellings[value.trim().toLowerCase()];
	return name ? __(name) : value;
};

// Frappe shows an Autocomplete value (a sheet's or slip's shop) through __(): a shop stored in
// Chinese stayed Chinese for an English user. The standard names now read in the user's
// language in the form, the lists and the sign-off summary; any other value as before.
cs_service.desk.guard_standard_names = function () {
	const formatters = frappe.form && frappe.form.formatters;
	if (!formatters || !formatters.Autocomplete || formatters.Autocomplete.cs_standard) return;
	const autocomplete = formatters.Autocomplete;
	formatters.Autocomplete = function (value, df, ...rest) {
		return autocomplete.call(this, cs_service.desk.shown_name(value), df, ...rest);
	};
	formatters.Autocomplete.cs_standard = true;
};
cs_service.desk.guard_standard_names();

// a name a user typed shows as typed. Frappe's Link formatter passes every
// link title through __() (frappe/public/js/frappe/form/formatters.js), so a Customer Site
// whose name was typed "Plant" read 工厂 in the desk and Plant on /cs, in the portal and the
// print. For our DocTypes whose link shows a typed title (a site's name, a part's name, a
// sheet's part), the link reads the title as stored.
cs_service.desk.TYPED_TITLES = ["Customer Site", "Customer Part", "Quality Feedback Sheet"];
cs_service.desk.guard_typed_titles = function () {
	const formatters = frappe.form && frappe.form.formatters;
	if (!formatters || !formatters.Link || formatters.Link.cs_typed) return;
	const link = formatters.Link;
	formatters.Link = function (value, docfield, options, doc) {
		const html = link.apply(this, arguments);
		const doctype = docfield && (docfield._options || docfield.options);
		if (
			!value ||
			!cs_service.desk.TYPED_TITLES.includes(doctype) ||
			typeof html !== "string" ||
			!html.startsWith("<a ")
		) {
			return html;
		}
		const template = document.createElement("template");
		template.innerHTML = html;
		const a = template.content.firstElementChild;
		if (!a) return html;
		a.innerText = (options && options.label) || frappe.utils.get_link_title(doctype, value) || value;
		return a.outerHTML;
	};
	formatters.Link.cs_typed = true;
};
cs_service.desk.guard_typed_titles();

// ---------------------------------------------------------------- shops and stations (R-PL-4)

// Shop and station are picked from the Customer Site's lists; free text only where the site
// lists none (Frappe's Autocomplete accepts any value when it has no options).
cs_service.desk.set_options = function (frm, fieldname, options) {
	const field = frm.fields_dict[fieldname];
	if (!field) return;
	frm.set_df_property(fieldname, "options", options);
	if (field.set_data) field.set_data(options);
};

cs_service.desk.site_lists = function (frm) {
	const site = frm.doc.customer_site;
	if (frm.doc.docstatus !== 0 || !site || !cs_service.desk.is_internal()) {
		frm.cs_site = null;
		return;
	}
	return frappe.model.with_doc("Customer Site", site).then((doc) => {
		if (!doc || frm.doc.customer_site !== site) return;
		frm.cs_site = doc;
		cs_service.desk.set_options(frm, "shop", [
			...new Set((doc.shops || []).map((r) => r.shop)),
		]);
		cs_service.desk.station_options(frm);
	});
};

cs_service.desk.station_options = function (frm) {
	const site = frm.cs_site;
	if (!site) return;
	const shop = (frm.doc.shop || "").trim().toLowerCase();
	const stations = (site.stations || [])
		.filter((r) => !shop || (r.shop || "").trim().toLowerCase() === shop)
		.map((r) => r.station);
	cs_service.desk.set_options(frm, "station", [...new Set(stations)]);
};

// ---------------------------------------------------------------- made from a feedback sheet

// A document linked to a feedback sheet takes what the sheet holds into its empty fields.
cs_service.desk.fill_from_feedback_sheet = function (frm, fields) {
	const sheet = frm.doc.quality_feedback_sheet;
	if (!sheet || frm.doc.docstatus !== 0) return;
	return frappe.db.get_value("Quality Feedback Sheet", sheet, fields).then((r) => {
		const values = r.message || {};
		const empty = {};
		for (const f of fields) {
			if (values[f] && !frm.doc[f]) empty[f] = values[f];
		}
		if (Object.keys(empty).length) return frm.set_value(empty);
	});
};

// ---------------------------------------------------------------- workspace charts on a phone

// The desk's chart library redraws a workspace chart when its page is hidden (its
// ResizeObserver fires as the page goes away, and a late data update lands there): at width 0
// it draws bars of negative width and paths of undefined points, one console error each (57 on
// a phone). A workspace chart whose box has no width now waits, and draws with its latest data
// when it is shown again (the observer fires then). Limited to workspace chart widgets; there
// is no hook for this in Frappe.
cs_service.desk.guard_hidden_charts = function () {
	const make_chart = frappe.utils.make_chart;
	if (!make_chart || make_chart.cs_guarded) return;
	frappe.utils.make_chart = function (wrapper) {
		const chart = make_chart.apply(this, arguments);
		const box = $(wrapper).closest(".dashboard-widget-box")[0];
		if (
			!box ||
			!chart ||
			typeof chart.draw !== "function" ||
			typeof chart.update !== "function"
		) {
			return chart;
		}
		const draw = chart.draw.bind(chart);
		const update = chart.update.bind(chart);
		const hidden = () =>
			!chart.parent || !chart.parent.isConnected || chart.parent.clientWidth === 0;
		chart.draw = function (...args) {
			if (hidden()) return;
			const drawn = draw(...args);
			if (chart.cs_pending) {
				const pending = chart.cs_pending;
				chart.cs_pending = null;
				update(...pending);
			}
			return drawn;
		};
		chart.update = function (...args) {
			if (hidden()) {
				chart.cs_pending = args;
				return;
			}
			return update(...args);
		};
		return chart;
	};
	frappe.utils.make_chart.cs_guarded = true;
};
cs_service.desk.guard_hidden_charts();
