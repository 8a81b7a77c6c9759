// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// Date-times in the desk, to the second (R-FB-4). Loaded on every desk page
// (hooks.app_include_js), after Frappe's controls; a plain file, no build step.
//
// Frappe 15.70's Datetime control (frappe/public/js/frappe/form/controls/datetime.js) gives
// air-datepicker 2.2.3 the site's time format with `mm` turned into `ii`. That picker knows no
// seconds: its formatDate leaves `ss` as it is, and it has no seconds slider. So
//  - with the time format HH:mm:ss, every refresh of the field (set_formatted_input ->
//    selectDate -> onSelect -> change) writes "12-07-2026 12:37:ss" into the input and parses
//    it back as 12:37:00: the stored seconds are lost, the form turns "Not Saved" and offers
//    an Update the server refuses for a field nobody touched;
//  - with HH:mm, set_datepicker reaches for the slider (`$tp.$seconds.parent()`): a TypeError
//    for every Datetime field made, and the field's text (without its seconds) parses back
//    into another value.
// The fixes below keep Frappe's control and give it what it assumed: a picker that writes the
// seconds, a control that does not reach for a missing slider, and a parse that returns the
// stored value when the text is the one the control itself showed for it. The records of this
// app are judged to the second (the 15-minute rule), so their date-times show their seconds
// whatever the site's time format; every other form keeps the site's format.

frappe.provide("cs_service.datetime");

cs_service.datetime.MODULE = "CS Service";
cs_service.datetime.WITH_SECONDS = "HH:mm:ss";

// A Datetime field of one of this app's records (a form, a child table row or a dialog of ours).
cs_service.datetime.to_the_second = function (control) {
	const doctype = control.doctype || control.frm?.doctype || control.doc?.doctype;
	const meta = doctype && locals.DocType && locals.DocType[doctype];
	return !!meta && meta.module === cs_service.datetime.MODULE;
};

// Run `fn` with the site's time format showing seconds when the control is one of ours.
cs_service.datetime.with_seconds = function (control, fn) {
	const defaults = frappe.boot?.sysdefaults;
	const format = defaults?.time_format;
	if (!defaults || !format || format.includes("ss") || !cs_service.datetime.to_the_second(control)) {
		return fn();
	}
	const others = frappe.sys_defaults && frappe.sys_defaults !== defaults ? frappe.sys_defaults : null;
	defaults.time_format = cs_service.datetime.WITH_SECONDS;
	if (others) others.time_format = cs_service.datetime.WITH_SECONDS;
	try {
		return fn();
	} finally {
		defaults.time_format = format;
		if (others) others.time_format = format;
	}
};

(function () {
	// 1. The picker writes the seconds of the date it formats (its `ss`, as `ii` for minutes).
	const Datepicker = $.fn.datepicker && $.fn.datepicker.Constructor;
	if (Datepicker && !Datepicker.prototype.cs_with_seconds) {
		const format_date = Datepicker.prototype.formatDate;
		Datepicker.prototype.formatDate = function (string, date) {
			const d = date || this.date;
			if (typeof string === "string" && d && d.getSeconds) {
				const seconds = String(d.getSeconds()).padStart(2, "0");
				string = string.replace(/(^|[^A-Za-z])ss(?![A-Za-z])/g, `$1${seconds}`);
			}
			return format_date.call(this, string, date);
		};
		Datepicker.prototype.cs_with_seconds = true;
	}

	const Control = frappe.ui.form.ControlDatetime;
	if (!Control || Control.prototype.cs_with_seconds) return;
	const Base = frappe.ui.form.ControlDate.prototype;
	const own = {
		set_date_options: Control.prototype.set_date_options,
		set_formatted_input: Control.prototype.set_formatted_input,
		format_for_input: Control.prototype.format_for_input,
		parse: Control.prototype.parse,
		set_disp_area: Control.prototype.set_disp_area,
	};

	// 2. No seconds slider to hide: the picker has none (Frappe's own line throws a TypeError).
	Control.prototype.set_datepicker = function () {
		Base.set_datepicker.call(this);
	};

	// 3. Our records show their seconds: in the input, the picker and the read-only value.
	for (const method of ["set_date_options", "set_formatted_input", "format_for_input", "set_disp_area"]) {
		Control.prototype[method] = function (...args) {
			return cs_service.datetime.with_seconds(this, () => own[method].apply(this, args));
		};
	}

	// 4. The text the control showed for its value is that value: a round trip through the
	//    input (the picker's change on every refresh, a tap in and out) changes nothing, even
	//    where the site's format shows fewer digits than the value has.
	Control.prototype.parse = function (value) {
		return cs_service.datetime.with_seconds(this, () => {
			const current = this.get_model_value ? this.get_model_value() : this.value;
			if (value && current && value === this.format_for_input(current)) {
				return current;
			}
			return own.parse.call(this, value);
		});
	};
	Control.prototype.cs_with_seconds = true;
})();
