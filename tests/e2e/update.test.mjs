// End-to-end test of publishing a new build while the page is in use: index.html comes from
// the network first (the new one shows on the first visit after it is published), and the new
// service worker waits while a page of the old build is open, keeping the old build's cache;
// it takes over once no page is open.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/update.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { DIST, launchBrowser, pollUntil, requireDist, watchProblems } from './support.mjs';

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

// dist/ as build 1, or as build 2: another sw.js (its cache version changed) and an index.html
// that says which build it is.
let build = 1;
let served;
let browser;

function body(file) {
  const bytes = readFileSync(file);
  if (build === 1) return bytes;
  const name = path.basename(file);
  if (name === 'sw.js') return bytes.toString('utf8').replace(/const VERSION = '([^']*)'/, "const VERSION = '$1-2'");
  if (name === 'index.html') return bytes.toString('utf8').replace('<head>', '<head><meta name="kashif-build" content="2" />');
  return bytes;
}

before(async () => {
  requireDist();
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    // A blank page outside the worker's scope, to watch the caches while no page of the app is open.
    if (pathname === '/probe.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>probe</title>');
      return;
    }
    // The app under /app/ (its worker's scope).
    if (!pathname.startsWith('/app/')) {
      response.writeHead(404).end('not found');
      return;
    }
    let relative = pathname.slice('/app'.length);
    if (relative.endsWith('/')) relative += 'index.html';
    const file = path.resolve(DIST, '.' + relative);
    if (!file.startsWith(DIST + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response
      .writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
      .end(body(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  served = { server, origin: `http://127.0.0.1:${server.address().port}` };
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (served ? served.server.close(resolve) : resolve()));
});

const cacheNames = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('kashif-')).sort());
const shownBuild = (page) => page.evaluate(() => document.querySelector('meta[name=kashif-build]')?.content ?? '1');

describe('a new build', () => {
  it('shows its index.html on the next visit and takes over only once no old page is open', async () => {
    build = 1;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
    const problems = [];
    try {
      const page = await context.newPage();
      await watchProblems(page, problems);
      await page.goto(`${served.origin}/app/index.html`);
      await page.getByTestId('input-text').waitFor();
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const [old] = await cacheNames(page);
      assert.ok(old, 'build 1 is cached');

      // Build 2 is published: a reload shows its index.html at once (network first)…
      build = 2;
      await page.reload();
      await page.getByTestId('input-text').waitFor();
      assert.equal(await shownBuild(page), '2');
      // …while its worker waits: the old one still answers, and the old cache is still there.
      await pollUntil(page, async () => (await navigator.serviceWorker.getRegistration())?.waiting != null, null, {
        what: 'the new worker waiting',
      });
      assert.deepEqual(await cacheNames(page), [old, `${old}-2`]);
      await page.getByTestId('input-text').fill('زار سيرغي لافروف أنقرة.');
      await page.locator('[data-testid=analyzed-text] mark').first().waitFor();

      // No page of the old build open any more: the new worker takes over and drops the old cache.
      await page.close();
      const probe = await context.newPage();
      await probe.goto(`${served.origin}/probe.html`);
      await pollUntil(
        probe,
        async (want) => JSON.stringify((await caches.keys()).filter((k) => k.startsWith('kashif-'))) === JSON.stringify([want]),
        `${old}-2`,
        { what: 'the old cache deleted' },
      );
      const next = await context.newPage();
      await watchProblems(next, problems);
      await next.goto(`${served.origin}/app/index.html`);
      await next.getByTestId('input-text').waitFor();
      assert.equal(await shownBuild(next), '2');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      build = 1;
    }
  });
});
