// Kashif's service worker: keeps the page usable offline after one visit.
//
// scripts/postbuild.mjs (a Trunk post_build hook) fills in VERSION (a hash of the build) and
// ASSETS (every file of dist/, relative to this file, so the site works under any path):
// index.html with its hashed scripts, wasm and CSS, the analysis worker's files and the
// wasm-bindgen snippets, which index.html alone does not name. A new build therefore changes
// this file and the browser installs the new worker, which waits: it takes over (and deletes the
// old build's cache) only once no page of the old build is open, so a page that is loading is
// never switched to another build's files half-way.
// Files whose names carry a content hash (Trunk's -<hash>.js/.wasm/.css) never change, and are
// answered from the cache first. Everything else (index.html, the worker's unhashed files, the
// snippets) comes from the network first when online, so a new build reaches the reader on the
// first visit after it is published, and from the cache when offline: both ways a page gets the
// files of one build.
// Under `trunk serve` the list is empty: every request then simply goes to the network.
// Nothing is ever fetched from another origin.

const VERSION = 'kashif-dev';
const ASSETS = ['./', './index.html'];
const HASHED = /-[0-9a-f]{16,}(_bg)?\.(js|wasm|css)$/;

self.addEventListener('install', (event) => {
  // No skipWaiting(): see the top of this file.
  event.waitUntil(
    caches.open(VERSION).then((cache) => cache.addAll(ASSETS.map((url) => new Request(url, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('kashif-') && key !== VERSION).map((key) => caches.delete(key))))
      // Only the very first install finds pages without a worker: they are of this build.
      .then(() => self.clients.claim()),
  );
});

async function fromCache(cache, request) {
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  if (request.mode === 'navigate') return cache.match('./index.html');
  return undefined;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    caches.open(VERSION).then(async (cache) => {
      if (HASHED.test(url.pathname)) {
        const cached = await cache.match(request, { ignoreSearch: true });
        if (cached) return cached;
        return fetch(request);
      }
      try {
        const response = await fetch(request);
        if (response.ok) return response;
        return (await fromCache(cache, request)) || response;
      } catch (error) {
        const cached = await fromCache(cache, request);
        if (cached) return cached;
        throw error;
      }
    }),
  );
});
