// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// Quick capture on a phone, online or offline (R-FB-2, R-FB-4, R-US-1).
// The page keeps the engineer's sites on the phone (IndexedDB), queues every capture there
// and sends it when the network is back, exactly once (the capture id made here).
(function () {
	"use strict";

	const M = JSON.parse(document.body.dataset.messages || "{}");
	const FIFTEEN_MINUTES = 15 * 60 * 1000;
	const REQUIRED = ["customer_site", "item", "shop", "station", "quantity", "description", "suspect_area",
		"temporary_measures", "breakpoint", "customer_communication", "preliminary_cause"];
	const LABELS = { customer_site: "site", item: "part" };
	let csrf = document.body.dataset.csrf;
	let data = null; // what bootstrap() returned, kept on the phone
	let draft = null; // the capture being written
	let flushing = false;
	// evidence of the times, on the phone's monotonic clock (performance.now(), which no
	// setting of the phone's clock moves). It holds within one page session only: a page closed
	// and opened again starts a new one, and the server judges with what is left.
	const SESSION = newId();
	let contact = null; // the last contact with the server in this session: {token, mono}
	function sinceContact() {
		return contact ? { token: contact.token, since: (performance.now() - contact.mono) / 1000 } : null;
	}

	// ------------------------------------------------------------ storage (IndexedDB)

	function openDb() {
		return new Promise((resolve, reject) => {
			const request = indexedDB.open("cs_capture", 1);
			request.onupgradeneeded = () => {
				request.result.createObjectStore("kv");
				request.result.createObjectStore("outbox", { keyPath: "capture_id" });
			};
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
	}
	const dbReady = openDb();

	async function store(name, mode, work) {
		const db = await dbReady;
		return new Promise((resolve, reject) => {
			const tx = db.transaction(name, mode);
			const result = work(tx.objectStore(name));
			tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
			tx.onerror = () => reject(tx.error);
		});
	}
	const kvGet = (key) => store("kv", "readonly", (s) => s.get(key));
	const kvSet = (key, value) => store("kv", "readwrite", (s) => s.put(value, key));
	const kvDelete = (key) => store("kv", "readwrite", (s) => s.delete(key));
	const outboxAll = () => store("outbox", "readonly", (s) => s.getAll());
	const outboxPut = (item) => store("outbox", "readwrite", (s) => s.put(item));
	const outboxDelete = (id) => store("outbox", "readwrite", (s) => s.delete(id));

	// ------------------------------------------------------------ helpers

	const $ = (id) => document.getElementById(id);
	function pad(n) {
		return String(n).padStart(2, "0");
	}
	// the phone's local time as "YYYY-MM-DD HH:MM:SS"
	function localStamp(ms) {
		const d = new Date(ms);
		return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
	}
	function newId() {
		if (crypto.randomUUID) return crypto.randomUUID();
		const b = crypto.getRandomValues(new Uint8Array(16));
		b[6] = (b[6] & 0x0f) | 0x40;
		b[8] = (b[8] & 0x3f) | 0x80;
		const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
	}
	function text(el, value) {
		el.textContent = value == null ? "" : String(value);
		return el;
	}
	function option(value, label) {
		const o = document.createElement("option");
		o.value = value;
		o.textContent = label;
		return o;
	}
	function serverMessage(body) {
		try {
			const messages = JSON.parse(body._server_messages || "[]").map((m) => JSON.parse(m).message || m);
			const div = document.createElement("div");
			div.innerHTML = messages.join(" ") || body.exception || "";
			return div.textContent.trim();
		} catch (e) {
			return body.exception || "";
		}
	}

	// ------------------------------------------------------------ server

	async function refresh() {
		try {
			const r = await fetch("/api/method/cs_service.pages.capture.bootstrap", { credentials: "same-origin" });
			if (r.status === 401 || r.status === 403) {
				showHomeError(M.login_again);
				return false;
			}
			if (!r.ok) return false;
			data = (await r.json()).message;
			csrf = data.csrf_token;
			contact = { token: data.contact_token, mono: performance.now() };
			// seconds the phone's clock runs ahead of the server's (time zones included)
			data.clock_offset = (Date.now() - Date.parse(data.server_time.slice(0, 19))) / 1000;
			await kvSet("bootstrap", data);
			showHomeError("");
			return true;
		} catch (e) {
			return false; // offline: keep what the phone has
		}
	}

	async function sendOne(item) {
		item.status = "sending";
		if (item.capture.evidence) {
			// seconds from Send to this request, measured only within the page session of the Send
			item.capture.evidence.complete_to_send = item.session === SESSION ? (performance.now() - item.complete_mono) / 1000 : null;
		}
		await outboxPut(item);
		render();
		let r;
		try {
			r = await fetch("/api/method/cs_service.pages.capture.send", {
				method: "POST",
				credentials: "same-origin",
				headers: { "Content-Type": "application/json", "X-Frappe-CSRF-Token": csrf, Accept: "application/json" },
				body: JSON.stringify({ capture: item.capture }),
			});
		} catch (e) {
			item.status = "queued"; // no network: stays on the phone
			await outboxPut(item);
			return false;
		}
		let body = {};
		try {
			body = await r.json();
		} catch (e) {
			body = {};
		}
		if (r.ok) {
			item.status = "sent";
			item.result = body.message;
			item.capture.photo = null; // the server has it now; keep the phone light
			item.message = "";
		} else if (r.status === 401 || (r.status === 403 && !body._server_messages)) {
			item.status = "queued";
			item.message = M.login_again;
		} else {
			item.status = "refused";
			item.message = serverMessage(body) || `HTTP ${r.status}`;
		}
		await outboxPut(item);
		return r.ok;
	}

	async function flush() {
		if (flushing || !navigator.onLine) return;
		flushing = true;
		try {
			const items = (await outboxAll()).filter((i) => i.status === "queued" || i.status === "sending");
			if (items.length && !(await refresh())) return;
			for (const item of items) {
				item.capture.clock_offset = data ? data.clock_offset : 0;
				await sendOne(item);
			}
			if (items.length) await refresh();
		} finally {
			flushing = false;
			render();
		}
	}

	// this page as the engineer's landing page after login (Frappe's default app)
	async function setLandingPage(e) {
		const wanted = e.target.checked;
		try {
			const r = await fetch("/api/method/cs_service.pages.capture.set_landing_page", {
				method: "POST",
				credentials: "same-origin",
				headers: { "Content-Type": "application/json", "X-Frappe-CSRF-Token": csrf, Accept: "application/json" },
				body: JSON.stringify({ phone_page: wanted ? 1 : 0 }),
			});
			if (!r.ok) throw new Error(serverMessage(await r.json().catch(() => ({}))) || `HTTP ${r.status}`);
			data.landing_page = (await r.json()).message.landing_page;
			await kvSet("bootstrap", data);
			showHomeError("");
		} catch (err) {
			showHomeError(err.message);
		}
		render();
	}

	// ------------------------------------------------------------ views

	function showHomeError(message) {
		const el = $("home-error");
		el.hidden = !message;
		text(el, message);
	}

	async function render() {
		const online = navigator.onLine;
		const net = $("net");
		text(net, online ? M.online : M.offline_short);
		net.classList.toggle("off", !online);
		$("offline-banner").hidden = online;
		text($("offline-banner"), M.offline);
		const items = (await outboxAll()).sort((a, b) => b.created - a.created);
		const outbox = $("outbox");
		outbox.replaceChildren();
		if (!items.length) outbox.append(text(document.createElement("div"), M.nothing));
		for (const item of items) {
			const row = document.createElement("div");
			row.className = "item";
			row.dataset.testid = "outbox-item";
			row.dataset.status = item.status;
			const status = text(document.createElement("span"), M[item.status] || item.status);
			status.className = `status ${item.status}`;
			const ago = Number(item.capture.reported_minutes_ago) || 0;
			const what = text(document.createElement("div"), `${item.capture.item || ""} · ${item.capture.customer_site || ""} · ${item.capture.reported_at}${ago ? ` (${M.minutes_ago.replace("{0}", ago)})` : ""}`);
			row.append(status, what);
			if (item.result) {
				const sent = text(document.createElement("div"), [item.result.name, item.result.timeliness_label].filter(Boolean).join(" · "));
				sent.className = "muted";
				sent.dataset.testid = "sheet-name";
				row.append(sent);
			}
			if (item.message) {
				const msg = text(document.createElement("div"), item.message);
				msg.className = "error";
				row.append(msg);
			}
			if (item.status === "refused") {
				const retry = text(document.createElement("button"), M.retry);
				retry.className = "small";
				retry.onclick = async () => {
					item.status = "queued";
					item.message = "";
					await outboxPut(item);
					flush();
				};
				const discard = text(document.createElement("button"), M.discard);
				discard.className = "small";
				discard.onclick = async () => {
					await outboxDelete(item.capture_id);
					render();
				};
				row.append(retry, discard);
			}
			outbox.append(row);
		}
		$("landing").checked = !!(data && data.landing_page);
		$("landing").disabled = !online || !data;
		list($("open-problems"), (data && data.open_problems) || [], (p) =>
			`${p.name} · ${p.item || ""} · ${p.defect || ""} · ${p.timeliness || ""}`, (p) => `/app/quality-feedback-sheet/${p.name}`);
		list($("slips"), (data && data.slips_waiting) || [], (s) =>
			`${s.name} · ${s.item || ""} · ${s.quantity || ""}`, (s) => `/app/suspect-part-slip/${s.name}`);
	}

	function list(el, rows, label, href) {
		el.replaceChildren();
		if (!rows.length) el.append(text(document.createElement("div"), M.nothing));
		for (const row of rows) {
			const a = text(document.createElement("a"), label(row));
			a.href = href(row);
			const div = document.createElement("div");
			div.className = "item";
			div.append(a);
			el.append(div);
		}
	}

	// ------------------------------------------------------------ capture form

	function site() {
		return ((data && data.sites) || []).find((s) => s.name === draft.customer_site);
	}

	function fillForm() {
		const sites = (data && data.sites) || [];
		const siteSelect = $("f-site");
		siteSelect.replaceChildren(option("", M.choose), ...sites.map((s) => option(s.name, s.name)));
		if (!draft.customer_site && sites.length === 1) draft.customer_site = sites[0].name;
		siteSelect.value = draft.customer_site || "";
		fillSiteLists();
		$("f-problem_type").replaceChildren(option("Quality Problem", M.quality), option("Tracking Problem", M.tracking));
		for (const el of document.querySelectorAll("#capture [name]")) {
			if (el.name !== "customer_site" && el.name !== "item" && el.name !== "shop") el.value = draft[el.name] || "";
		}
		$("f-problem_type").value = draft.problem_type || "Quality Problem";
		fillReportedAgo();
		showPhoto();
	}

	function fillSiteLists() {
		const s = site();
		const parts = (s && s.parts) || [];
		$("f-item").replaceChildren(option("", M.choose), ...parts.map((p) =>
			option(p.item, `${p.item_name || p.item}${p.customer_part_no ? ` · ${M.customer_part_no} ${p.customer_part_no}` : ""}`)));
		$("f-item").value = draft.item || "";
		// a site without parts says what to set up, and who can
		$("no-parts").hidden = !s || parts.length > 0;
		text($("no-parts"), M.no_parts);
		$("f-shop").replaceChildren(option("", M.choose), ...((s && s.shops) || []).map((x) => option(x, (s.shop_labels || {})[x] || x)));
		$("f-shop").value = draft.shop || "";
		fillStations();
	}

	function fillStations() {
		const s = site();
		const stations = ((s && s.stations) || []).filter((x) => !draft.shop || x.shop === draft.shop);
		$("stations").replaceChildren(...stations.map((x) => option(x.station, x.station)));
	}

	async function saveDraft() {
		await kvSet("draft", draft);
	}

	function tick() {
		if ($("capture").hidden || !draft) return;
		const left = reportedMs(draft) + FIFTEEN_MINUTES - Date.now();
		const clock = $("clock");
		const abs = Math.abs(left);
		text(clock, `${left < 0 ? "-" : ""}${pad(Math.floor(abs / 60000))}:${pad(Math.floor((abs % 60000) / 1000))}`);
		clock.classList.toggle("over", left < 0);
		text($("clock-label"), left < 0 ? M.overdue : M.time_left);
	}

	// the first report as the engineer states it: when New Problem was tapped, or
	// 5, 10, 15 minutes before (the desk's choices, the server's list)
	function reportedMs(d) {
		return d.reported_ms - (Number(d.reported_minutes_ago) || 0) * 60000;
	}

	function minutesChoices() {
		return (data && data.reported_minutes_ago) || [0, 5, 10, 15];
	}

	function fillReportedAgo() {
		const chips = $("reported-ago");
		chips.replaceChildren(...minutesChoices().map((minutes) => {
			const b = text(document.createElement("button"), minutes ? M.minutes_ago.replace("{0}", minutes) : M.just_now);
			b.type = "button";
			b.setAttribute("role", "radio");
			b.dataset.minutes = minutes;
			b.setAttribute("aria-checked", String((Number(draft.reported_minutes_ago) || 0) === minutes));
			b.onclick = async () => {
				draft.reported_minutes_ago = minutes;
				fillReportedAgo();
				tick();
				await saveDraft();
			};
			return b;
		}));
	}

	function showPhoto() {
		const img = $("photo-preview");
		img.hidden = !draft.photo;
		if (draft.photo) img.src = draft.photo;
	}

	async function startCapture() {
		const now = Date.now();
		draft = {
			capture_id: newId(),
			reported_ms: now,
			reported_at: localStamp(now),
			reported_minutes_ago: 0,
			problem_type: "Quality Problem",
			proof: { session: SESSION, report_mono: performance.now(), report_contact: sinceContact() },
		};
		await saveDraft();
		openForm();
	}

	function openForm() {
		$("home").hidden = true;
		$("capture").hidden = false;
		$("capture-error").hidden = true;
		clearMissing();
		fillForm();
		tick();
		window.scrollTo(0, 0);
	}

	function closeForm() {
		$("capture").hidden = true;
		$("home").hidden = false;
		render();
	}

	async function photoDataUrl(file) {
		// downscaled on the phone: a camera picture of several MB goes over a weak network
		const url = URL.createObjectURL(file);
		try {
			const img = await new Promise((resolve, reject) => {
				const i = new Image();
				i.onload = () => resolve(i);
				i.onerror = reject;
				i.src = url;
			});
			const scale = Math.min(1, 1600 / Math.max(img.width, img.height));
			const canvas = document.createElement("canvas");
			canvas.width = Math.round(img.width * scale);
			canvas.height = Math.round(img.height * scale);
			canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
			return canvas.toDataURL("image/jpeg", 0.8);
		} finally {
			URL.revokeObjectURL(url);
		}
	}

	// the first missing field comes into view, marked, with the message beside it
	function fieldInput(fieldname) {
		return $(fieldname === "customer_site" ? "f-site" : fieldname === "item" ? "f-item" : `f-${fieldname}`);
	}

	function clearMissing(el) {
		for (const marked of el ? [el] : document.querySelectorAll("#capture .missing")) {
			marked.classList.remove("missing");
			marked.removeAttribute("aria-invalid");
		}
		const message = $("missing-message");
		if (message && (!el || message.dataset.field === el.name)) message.remove();
	}

	function showMissing(missing) {
		clearMissing();
		$("capture-error").hidden = true;
		for (const fieldname of missing) {
			const el = fieldInput(fieldname);
			el.classList.add("missing");
			el.setAttribute("aria-invalid", "true");
		}
		const first = fieldInput(missing[0]);
		const message = text(document.createElement("div"),
			M.missing.replace("{0}", missing.map((f) => M[LABELS[f] || f]).join(", ")));
		message.id = "missing-message";
		message.className = "error";
		message.dataset.testid = "missing-message";
		message.dataset.field = first.name;
		message.setAttribute("role", "alert");
		(first.nextElementSibling && first.nextElementSibling.tagName === "DATALIST" ? first.nextElementSibling : first).after(message);
		first.setAttribute("aria-describedby", "missing-message");
		first.scrollIntoView({ block: "center" });
		first.focus({ preventScroll: true });
	}

	async function send() {
		const missing = REQUIRED.filter((f) => !String(draft[f] || "").trim() || (f === "quantity" && !(Number(draft[f]) > 0)));
		if (missing.length) {
			showMissing(missing);
			return;
		}
		clearMissing();
		const now = Date.now();
		const mono = performance.now();
		const proof = draft.proof || {};
		const capture = { ...draft, captured_at: localStamp(now) };
		delete capture.reported_ms;
		delete capture.proof;
		capture.evidence = {
			report_to_complete: proof.session === SESSION ? (mono - proof.report_mono) / 1000 : null,
			report_contact: proof.report_contact || null,
			complete_contact: sinceContact(),
			complete_to_send: null,
		};
		await outboxPut({
			capture_id: draft.capture_id, capture, status: "queued", created: now, message: "", session: SESSION, complete_mono: mono,
		});
		await kvDelete("draft");
		draft = null;
		closeForm();
		flush();
	}

	// ------------------------------------------------------------ wiring

	function wire() {
		text($("title"), M.title);
		text($("desk-link"), M.desk);
		text($("new-problem"), M.new_problem);
		text($("outbox-title"), M.outbox);
		text($("open-title"), M.open_problems);
		text($("slips-title"), M.slips_waiting);
		text($("send"), M.send);
		text($("cancel"), M.cancel);
		for (const el of document.querySelectorAll("[data-label]")) text(el, M[el.dataset.label]);
		text($("first-report-label"), M.first_report);
		$("new-problem").onclick = startCapture;
		$("cancel").onclick = async () => {
			await kvDelete("draft");
			draft = null;
			closeForm();
		};
		$("send").onclick = send;
		text($("landing-label"), M.landing_page);
		$("landing").addEventListener("change", setLandingPage);
		$("capture").addEventListener("input", async (e) => {
			if (!e.target.name || !draft) return;
			draft[e.target.name] = e.target.value;
			if (e.target.classList.contains("missing") && String(e.target.value).trim()) clearMissing(e.target);
			if (e.target.name === "customer_site") {
				Object.assign(draft, { item: "", shop: "", station: "" });
				fillSiteLists();
			}
			if (e.target.name === "item") {
				const part = ((site() || {}).parts || []).find((p) => p.item === draft.item) || {};
				draft.shop = part.shop || draft.shop || "";
				draft.station = part.station || draft.station || "";
				$("f-shop").value = draft.shop;
				$("f-station").value = draft.station;
				fillStations();
			}
			if (e.target.name === "shop") fillStations();
			await saveDraft();
		});
		$("f-photo").addEventListener("change", async (e) => {
			const file = e.target.files && e.target.files[0];
			if (!file || !draft) return;
			draft.photo = await photoDataUrl(file);
			draft.photo_name = file.name;
			showPhoto();
			await saveDraft();
		});
		window.addEventListener("online", () => {
			render();
			flush();
		});
		window.addEventListener("offline", render);
		setInterval(tick, 1000);
		setInterval(flush, 30000);
	}

	async function start() {
		wire();
		data = (await kvGet("bootstrap")) || null;
		draft = (await kvGet("draft")) || null;
		render();
		if ("serviceWorker" in navigator) {
			navigator.serviceWorker.register("/cs/sw.js", { scope: "/cs" }).catch(() => {});
		}
		if (navigator.onLine) await refresh();
		render();
		if (draft) openForm(); // a capture interrupted by a closed page goes on
		flush();
	}

	start();
})();
