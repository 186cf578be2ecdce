// Kashif's service worker: keeps the page usable offline after one visit.
//
// scripts/postbuild.mjs (a Trunk post_build hook) fills in VERSION (a hash of the build) and
// ASSETS (every file of dist/, relative to this file, so the site works under any path):
// index.html with its hashed scripts, wasm and CSS, the analysis worker's files and the
// wasm-bindgen snippets, which index.html alone does not name. A new build therefore changes
// this file, the browser installs the new worker, and the old cache is deleted on activate.
// Under `trunk serve` the list is empty: every request then simply goes to the network.
// Requests are answered cache-first; nothing is ever fetched from another origin.

const VERSION = 'kashif-dev';
const ASSETS = ['./', './index.html'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(VERSION)
      .then((cache) => cache.addAll(ASSETS.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('kashif-') && key !== VERSION).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(VERSION).then(async (cache) => {
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
      if (request.mode === 'navigate') {
        const shell = await cache.match('./index.html');
        if (shell) return shell;
      }
      return fetch(request);
    }),
  );
});
