// Helpers for the end-to-end tests: a tiny static server for dist/ and the browser launch.
// Not a test file itself (node --test only picks up *.test.mjs here).

import { createServer } from 'node:http';
import { deflateRawSync } from 'node:zlib';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'tests', 'e2e', 'artifacts');

const BUILD_HINT =
  'build it first, from the repository root:\n' +
  '  PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline';

/** Throws a clear error unless dist/ holds a Trunk release build. */
export function requireDist() {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`dist/index.html is missing: the end-to-end tests run against the release build; ${BUILD_HINT}`);
  }
  if (!readdirSync(DIST).some((name) => name.endsWith('.wasm'))) {
    throw new Error(`dist/ holds no .wasm file; ${BUILD_HINT}`);
  }
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves dist/ on 127.0.0.1 at a free port. Resolves to { server, origin }. */
export async function serveDist() {
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url, 'http://127.0.0.1');
      let relative = decodeURIComponent(url.pathname);
      if (relative.endsWith('/')) relative += 'index.html';
      const file = path.resolve(DIST, '.' + relative);
      if (!file.startsWith(DIST + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const body = await readFile(file);
      response
        .writeHead(200, {
          'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        })
        .end(body);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Debian's Chromium, headless, with everything that phones home switched off. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Records every request a browser context makes (its pages, their workers, its service
 * worker) into `requests` as [label, url]. Check them with requestsElsewhere().
 */
export function recordRequests(context, label, requests) {
  context.on('request', (request) => requests.push([label, request.url()]));
}

/** The recorded requests that went anywhere but `origin` (data: and blob: URLs stay local). */
export function requestsElsewhere(requests, origin) {
  const home = new URL(origin);
  return requests.filter(([, url]) => {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
    return parsed.hostname !== home.hostname || parsed.port !== home.port;
  });
}

/** Collects page errors, console errors and CSP violations of `page` into `problems`. */
export async function watchProblems(page, problems) {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
}

/**
 * The hooks most test files share: serve dist/ and launch Chromium before the file's tests,
 * record the URL of every request, and after them close both and assert that no request left
 * the page's own server. Returns the state the tests use: { served, browser, requests }.
 * Call at the top level of a test file, with that file's `before` and `after`.
 */
export function servedApp(before, after, assert) {
  const state = { served: undefined, browser: undefined, requests: [] };
  before(async () => {
    requireDist();
    state.served = await serveDist();
    state.browser = await launchBrowser();
  });
  after(async () => {
    await state.browser?.close();
    await new Promise((resolve) => (state.served ? state.served.server.close(resolve) : resolve()));
    const outside = state.requests.filter((url) => !url.startsWith(state.served.origin));
    assert.deepEqual(outside, [], 'no request leaves 127.0.0.1');
  });
  return state;
}

/**
 * A fresh browser context of `app` (from servedApp) with one page on the app: its requests go
 * to `app.requests`, and `check()` asserts that no page error, console error nor CSP
 * violation happened. `options` go to newContext (e.g. acceptDownloads).
 */
export async function openPage(app, options = {}) {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar', ...options });
  context.on('request', (request) => app.requests.push(request.url()));
  const page = await context.newPage();
  const problems = [];
  await watchProblems(page, problems);
  await page.goto(`${app.served.origin}/index.html`);
  await page.getByTestId('input-text').waitFor();
  return { context, page, check: () => assert.deepEqual(problems, []) };
}

/**
 * Resolves once `predicate(arg)`, evaluated in `page` (it may be async, e.g. read IndexedDB),
 * gives a truthy value; tried again every 50 ms, for at most `timeout` ms. (page.waitForFunction
 * does not wait for a promise: it takes the promise itself as truthy.)
 */
export async function pollUntil(page, predicate, arg, { timeout = 15_000, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(predicate, arg)) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** CRC-32 (IEEE), as ZIP needs. */
function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/**
 * A ZIP archive of `entries` ([[name, Buffer], …]), stored (uncompressed) or, with
 * `{ deflate: true }`, deflated.
 */
export function zip(entries, { deflate = false } = {}) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflate ? deflateRawSync(data, { level: 9 }) : data;
    const method = deflate ? 8 : 0;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The names of the documents listed in `page`, sorted. */
export function listed(page) {
  return page.$$eval('[data-testid=doc-item]', (nodes) => nodes.map((node) => node.textContent).sort());
}

/** Waits until the store (IndexedDB, read from `page`) holds documents named `names`. */
export async function waitSaved(page, names) {
  const want = JSON.stringify([...names].sort());
  await pollUntil(
    page,
    (want) =>
      new Promise((resolve) => {
        const request = indexedDB.open('kashif');
        request.onerror = () => resolve(false);
        request.onsuccess = () => {
          const db = request.result;
          const all = db.transaction('documents').objectStore('documents').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(JSON.stringify(all.result.map((d) => d.name).sort()) === want);
          };
          all.onerror = () => resolve(false);
        };
      }),
    want,
    { what: `saved documents ${want}` },
  );
}

/**
 * Drops `files` ({ name, bytes, type? }, bytes a Buffer or an array) on `page`'s main area, as
 * a reader's drag and drop does.
 */
export async function drop(page, files) {
  const list = files.map(({ name, bytes, type = '' }) => ({ name, type, bytes: [...bytes] }));
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const { name, bytes, type } of list) transfer.items.add(new File([new Uint8Array(bytes)], name, { type }));
    const target = document.querySelector('main');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, list);
}
