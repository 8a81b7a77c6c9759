// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// The SQE portal (cs_service/pages/portal/page.py), inlined into each page. The page is rendered on the
// server; this script only opens photos and sends the SQE's actions (sign, return for correction,
// acknowledge) to the portal's methods, after the SQE confirmed what they do.
(function () {
	"use strict";

	const M = JSON.parse(document.body.dataset.messages || "{}");
	const METHODS = {
		sign: "cs_service.pages.portal.api.sign",
		return: "cs_service.pages.portal.api.return_for_correction",
		acknowledge: "cs_service.pages.portal.api.acknowledge",
	};

	// ------------------------------------------------------------ photos

	const viewer = document.getElementById("viewer");
	const viewerImage = viewer.querySelector("img");
	const viewerClose = document.getElementById("viewer-close");
	viewerClose.textContent = M.close || "×";
	document.querySelectorAll("a.photo").forEach((link) => {
		link.addEventListener("click", (event) => {
			event.preventDefault();
			viewerImage.src = link.href;
			viewerImage.alt = link.querySelector("img") ? link.querySelector("img").alt : "";
			viewer.hidden = false;
		});
	});
	viewer.addEventListener("click", () => {
		viewer.hidden = true;
		viewerImage.removeAttribute("src");
	});

	// ------------------------------------------------------------ actions

	const form = document.getElementById("act");
	if (!form) return;
	const error = document.getElementById("act-error");
	const confirmBox = document.getElementById("confirm");
	const confirmText = document.getElementById("confirm-text");
	const yes = document.getElementById("confirm-yes");
	const no = document.getElementById("confirm-no");
	const remarks = document.getElementById("remarks");
	const label = `${form.dataset.name}`;
	let chosen = null;

	yes.textContent = M.confirm;
	no.textContent = M.cancel;

	function say(text) {
		error.textContent = text || "";
		error.hidden = !text;
	}

	function verdict() {
		const checked = form.querySelector("input[name=verdict]:checked");
		return checked ? checked.value : "";
	}

	function ask(action) {
		say("");
		if (action === "return" && !remarks.value.trim()) {
			say(M.remarks_required);
			remarks.focus();
			return;
		}
		if (action === "sign" && form.querySelector("input[name=verdict]") && !verdict()) {
			say(M.verdict_required);
			return;
		}
		chosen = action;
		const lines = [(M["confirm_" + action] || "").replace("{0}", label), form.dataset.summary || ""];
		const checked = form.querySelector("input[name=verdict]:checked");
		if (action === "sign" && checked) lines.push(checked.parentElement.textContent.trim());
		if (remarks.value.trim()) lines.push(remarks.value.trim());
		confirmText.textContent = lines.filter(Boolean).join("\n");
		confirmBox.hidden = false;
		confirmBox.scrollIntoView({ block: "nearest" });
		yes.focus();
	}

	function plain(html) {
		return new DOMParser().parseFromString(html, "text/html").body.textContent;
	}

	function refusal(data) {
		try {
			const messages = JSON.parse(data._server_messages || "[]").map((m) => JSON.parse(m).message);
			if (messages.length) return plain(messages.join("\n"));
		} catch (e) {
			// not Frappe's message list: say it did not work
		}
		return M.failed;
	}

	function buttons(disabled) {
		form.querySelectorAll("button").forEach((b) => {
			b.disabled = disabled;
		});
	}

	async function send() {
		const action = chosen;
		const params = new URLSearchParams({
			name: form.dataset.name,
			modified: form.dataset.modified,
			remarks: remarks.value.trim(),
		});
		if (action !== "acknowledge") params.set("doctype", form.dataset.doctype);
		if (action === "sign" && verdict()) params.set("verdict", verdict());
		buttons(true);
		yes.textContent = M.sending;
		let response;
		let data = {};
		try {
			response = await fetch("/api/method/" + METHODS[action], {
				method: "POST",
				credentials: "same-origin",
				headers: {
					Accept: "application/json",
					"X-Frappe-CSRF-Token": document.body.dataset.csrf,
				},
				body: params,
			});
			data = await response.json().catch(() => ({}));
		} catch (e) {
			response = null;
		}
		if (response && response.ok) {
			const url = form.dataset.url;
			if (action === "return") {
				window.location.assign("/sqe?returned=" + encodeURIComponent(form.dataset.name));
			} else {
				window.location.assign(url + "?done=" + (action === "sign" ? "signed" : "acknowledged"));
			}
			return;
		}
		buttons(false);
		yes.textContent = M.confirm;
		confirmBox.hidden = true;
		say(response ? refusal(data) : M.offline);
	}

	form.addEventListener("click", (event) => {
		const button = event.target.closest("button[data-action]");
		if (button) ask(button.dataset.action);
	});
	yes.addEventListener("click", send);
	no.addEventListener("click", () => {
		confirmBox.hidden = true;
		chosen = null;
	});
	form.addEventListener("submit", (event) => event.preventDefault());
})();
