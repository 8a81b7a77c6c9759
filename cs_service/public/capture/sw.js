// Copyright (c) 2026, cs_service developers and contributors
// For license information, please see license.txt

// The service worker of the quick-capture page: the page and its script load
// without a network once opened; the data and the captures live in IndexedDB (app.js).
const CACHE = "cs-capture-v1";
const SHELL = ["/cs", "/assets/cs_service/capture/app.js"];

self.addEventListener("install", (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(SHELL))
			.then(() => self.skipWaiting())
	);
});

self.addEventListener("activate", (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
			.then(() => self.clients.claim())
	);
});

self.addEventListener("fetch", (event) => {
	const url = new URL(event.request.url);
	if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
	if (!SHELL.includes(url.pathname)) return;
	// network first (the page carries a fresh CSRF token), the cached copy when offline
	event.respondWith(
		fetch(event.request)
			.then((response) => {
				if (response.ok && !response.redirected) {
					const copy = response.clone();
					caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
				}
				return response;
			})
			.catch(() => caches.match(url.pathname))
	);
});
