// End-to-end tests of storage faults: a full quota does not lose work (the change stays in the
// page, the notice stays until it is saved, and it is saved once there is room), and a saved
// record that cannot be read is skipped and named while the rest loads and saving goes on.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/storage.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ARTIFACTS, listed, servedApp, waitSaved, watchProblems } from './support.mjs';

const app = servedApp(before, after, assert);
before(() => mkdirSync(ARTIFACTS, { recursive: true }));

/** A fresh context with one page on the app; `init` runs before the page's own scripts. */
async function openApp(init) {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
  context.on('request', (request) => app.requests.push(request.url()));
  const page = await context.newPage();
  const problems = [];
  await watchProblems(page, problems);
  if (init) await page.addInitScript(init);
  await page.goto(`${app.served.origin}/index.html`);
  await page.getByTestId('input-text').waitFor();
  return { context, page, problems };
}

describe('storage faults', () => {
  it('keeps a change the quota refused, says so until it is saved, and saves it later', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-quota-'));
    // While window.quotaFull is set, every write of a document fails as a full disk does.
    const { context, page, problems } = await openApp(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (window.quotaFull && this.name === 'documents') {
          window.quotaTries = (window.quotaTries || 0) + 1;
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return put.apply(this, args);
      };
    });
    try {
      writeFileSync(path.join(dir, 'a.txt'), 'زار سيرغي لافروف أنقرة.', 'utf8');
      await page.evaluate(() => {
        window.quotaFull = true;
      });
      await page.getByTestId('file-input').setInputFiles(path.join(dir, 'a.txt'));
      const notice = page.getByTestId('notice').filter({ hasText: 'QuotaExceededError' });
      await notice.waitFor();
      assert.match(await notice.textContent(), /لم يُحفظ بعدُ 1 من التغييرات/);
      assert.deepEqual(await listed(page), ['a.txt'], 'the document stays in the page');
      await page.screenshot({ path: path.join(ARTIFACTS, 'storage-quota.png') });

      // Still full when it is tried again: the notice stays.
      await page.waitForFunction(() => window.quotaTries >= 2, null, { timeout: 15_000 });
      assert.equal(await notice.count(), 1);
      // Room again: the next retry saves it and the notice goes.
      await page.evaluate(() => {
        window.quotaFull = false;
      });
      await notice.waitFor({ state: 'detached', timeout: 15_000 });
      await waitSaved(page, ['a.txt']);
      await page.reload();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-item]').length === 1);
      assert.deepEqual(await listed(page), ['a.txt']);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('waits while another tab holds an older version of the store open, and says so', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
    context.on('request', (request) => app.requests.push(request.url()));
    const problems = [];
    try {
      // An old page: version 1 of the store, held open, deaf to requests to close it.
      const old = await context.newPage();
      await old.goto(`${app.served.origin}/no-such-page`);
      await old.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const request = indexedDB.open('kashif', 1);
            request.onupgradeneeded = () => {
              const db = request.result;
              db.createObjectStore('documents', { keyPath: 'id' });
              db.createObjectStore('settings');
              db.createObjectStore('session');
            };
            request.onsuccess = () => {
              window.oldStore = request.result;
              resolve();
            };
            request.onerror = () => reject(request.error);
          }),
      );
      const page = await context.newPage();
      await watchProblems(page, problems);
      await page.goto(`${app.served.origin}/index.html`);
      const waiting = page.locator('#kashif-loading', { hasText: 'ينتظر كاشف تخزين المتصفح' });
      await waiting.waitFor({ timeout: 15_000 });
      assert.match(await waiting.textContent(), /waiting for the browser's storage/);
      assert.equal(await page.locator('#kashif-loading span[lang=en][dir=ltr]').count(), 1);
      await page.screenshot({ path: path.join(ARTIFACTS, 'storage-waiting.png') });
      // The old page closes its store: the page opens with saving on.
      await old.evaluate(() => window.oldStore.close());
      await page.getByTestId('input-text').waitFor();
      await page.getByTestId('input-text').fill('زار سيرغي لافروف أنقرة.');
      await waitSaved(page, ['نص ملصق']);
      assert.equal(await page.getByTestId('notice').count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('skips a saved document it cannot read, names it, loads the rest and keeps saving', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-bad-'));
    const { context, page, problems } = await openApp();
    try {
      await page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const request = indexedDB.open('kashif');
            request.onerror = () => reject(request.error);
            request.onsuccess = () => {
              const db = request.result;
              const tx = db.transaction('documents', 'readwrite');
              // No text, and a source no version ever wrote.
              tx.objectStore('documents').put({ id: 77, name: 'bad.txt', source: 'tablet' });
              tx.objectStore('documents').put({ id: 5, name: 'good.txt', text: 'وصل بوتين إلى موسكو.', source: 'file' });
              tx.oncomplete = () => {
                db.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
      );
      await page.reload();
      const notice = page.getByTestId('notice').filter({ hasText: '77' });
      await notice.waitFor();
      assert.match(await notice.textContent(), /تعذّرت قراءة بعض المستندات المحفوظة/);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-item]').length === 1);
      assert.deepEqual(await listed(page), ['good.txt']);
      await page.screenshot({ path: path.join(ARTIFACTS, 'storage-bad-record.png') });

      // Saving is still on: a new file is saved and comes back after a reload.
      writeFileSync(path.join(dir, 'c.txt'), 'قصفت الطائرات ريف إدلب.', 'utf8');
      await page.getByTestId('file-input').setInputFiles(path.join(dir, 'c.txt'));
      await waitSaved(page, ['bad.txt', 'c.txt', 'good.txt']);
      await page.reload();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-item]').length === 2);
      assert.deepEqual(await listed(page), ['c.txt', 'good.txt']);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
