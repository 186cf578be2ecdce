// End-to-end tests of the analysis worker's failures, against dist/: a document that makes the
// worker panic or run out of memory is marked failed by name, a new worker takes the rest of the
// batch, the failed document is not sent again on the next visit but waits for Retry; a long
// analysis can be cancelled, and the next document goes on.
// The faults come from a test-only hook: `kashifTestFaults` on the page's global object (set
// here by an init script) maps a document name to "panic", "oom" or "hang".
// Screenshots: tests/e2e/artifacts/worker-crash.png, worker-running.png and worker-cancel.png.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/worker.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ARTIFACTS, servedApp, watchProblems } from './support.mjs';

const app = servedApp(before, after, assert);
before(() => mkdirSync(ARTIFACTS, { recursive: true }));

const TEXT = 'قال الرئيس الفرنسي إيمانويل ماكرون في باريس يوم 3 آذار/مارس 2024 إن فرنسا سترسل 500 جندي.\n';

/** Writes `names` as small articles into a new folder; returns their paths and a cleanup. */
function articles(names) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kashif-worker-'));
  const files = names.map((name) => {
    const file = path.join(dir, name);
    writeFileSync(file, TEXT, 'utf8');
    return file;
  });
  return { files, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh context whose pages get `faults` as `kashifTestFaults` before any script runs, and
 * one page on the app. Problems (page errors, console errors) are collected; those the faults
 * cause on purpose (the worker's panic message, its trap) are left out by `check()`.
 */
async function openWithFaults(faults) {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
  context.on('request', (request) => app.requests.push(request.url()));
  await context.addInitScript((faults) => {
    globalThis.kashifTestFaults = faults;
  }, faults);
  const page = await context.newPage();
  const problems = [];
  await watchProblems(page, problems);
  await page.goto(`${app.served.origin}/index.html`);
  await page.getByTestId('input-text').waitFor();
  const expected = /test fault|panicked|unreachable|RuntimeError/;
  return { context, page, check: () => assert.deepEqual(problems.filter((p) => !expected.test(p)), []) };
}

/** The row (doc-row) of the document named `name`. */
const row = (page, name) => page.locator('li.doc-row').filter({ has: page.getByTestId('doc-item').filter({ hasText: name }) });

/** Waits until the document named `name` is in `state` (its data-state). */
const waitState = (page, name, state, timeout = 30_000) =>
  row(page, name).locator(`[data-testid=doc-item][data-state=${state}]`).waitFor({ timeout });

/** Every document's name and state, in list order. */
const states = (page) =>
  page.$$eval('[data-testid=doc-item]', (items) =>
    items.map((item) => [item.querySelector('bdi').textContent, item.dataset.state]),
  );

describe('linking across documents runs in a worker', () => {
  it('a second worker links a surname in one document to the full name in another', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-link-'));
    const texts = {
      'first.txt': 'قال المهندس سامر الخطيب مدير شركة النور للتجارة إن الأسعار سترتفع.\n',
      'second.txt': 'وأضاف الخطيب أن الشركة ستفتح فرعا في عمان.\n',
    };
    const files = Object.entries(texts).map(([name, text]) => {
      writeFileSync(path.join(dir, name), text, 'utf8');
      return path.join(dir, name);
    });
    const { context, page, check } = await openWithFaults({});
    try {
      await page.getByTestId('file-input').setInputFiles(files);
      await waitState(page, 'first.txt', 'done');
      await waitState(page, 'second.txt', 'done');
      // One worker analyzes, one links (started by the first analysis; on a busy machine it
      // may come a moment after the documents are done).
      for (let waited = 0; page.workers().length < 2 && waited < 10_000; waited += 100) await page.waitForTimeout(100);
      assert.equal(page.workers().length, 2, page.workers().map((w) => w.url()).join(' '));
      await page.getByTestId('tab-entities').click();
      await page.getByTestId('entity-table').waitFor();
      // Once the linking worker answered: one row, counted in both documents.
      const row = page.locator('[data-testid=entity-row]').filter({ hasText: 'سامر الخطيب' });
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('[data-testid=entity-row]')].some(
            (r) => r.textContent.includes('سامر الخطيب') && r.querySelectorAll('[data-testid=entity-cell]').length === 2 &&
              [...r.querySelectorAll('[data-testid=entity-cell]')].every((c) => Number(c.textContent) === 1),
          ),
        null,
        { timeout: 15_000 },
      );
      assert.equal(await row.count(), 1);
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the analysis worker survives', () => {
  it('marks the document that crashed it failed by name, goes on, holds it back on the next visit, and retries it', async () => {
    const names = ['a.txt', 'crash.txt', 'b.txt', 'oom.txt', 'c.txt'];
    const { files, cleanup } = articles(names);
    const { context, page, check } = await openWithFaults({ 'crash.txt': 'panic', 'oom.txt': 'oom' });
    try {
      await page.getByTestId('file-input').setInputFiles(files);
      for (const name of ['a.txt', 'b.txt', 'c.txt']) await waitState(page, name, 'done');
      await waitState(page, 'crash.txt', 'failed');
      await waitState(page, 'oom.txt', 'failed');
      assert.deepEqual(await states(page), [
        ['a.txt', 'done'],
        ['crash.txt', 'failed'],
        ['b.txt', 'done'],
        ['oom.txt', 'failed'],
        ['c.txt', 'done'],
      ]);
      // Each crash is named in a message, with its reason: the panic's message, or none (out of
      // memory aborts without one).
      const notices = (await page.getByTestId('notice').allTextContents()).map((t) => t.replace(/[\u2066-\u2069]/g, ''));
      const crash = notices.find((t) => t.includes('«crash.txt»'));
      const oom = notices.find((t) => t.includes('«oom.txt»'));
      assert.ok(crash && crash.includes('توقف عامل التحليل') && crash.includes('أعد المحاولة'), notices.join('\n'));
      assert.ok(oom && /out of memory|panic/.test(oom), notices.join('\n'));
      // The failed rows say so and offer Retry; the others do not.
      assert.equal(await row(page, 'crash.txt').getByTestId('doc-status').textContent(), 'تعذّر التحليل');
      assert.equal(await row(page, 'crash.txt').getByTestId('doc-retry').textContent(), 'أعد المحاولة');
      assert.equal(await row(page, 'a.txt').getByTestId('doc-retry').count(), 0);
      // The progress bar is gone: the batch ended.
      await page.getByTestId('progress').waitFor({ state: 'detached' });
      await page.screenshot({ path: path.join(ARTIFACTS, 'worker-crash.png') });

      // Next visit (the faults still set): the failed documents are not sent again (they
      // would crash a worker and add a message), they wait for Retry.
      await page.reload();
      await page.getByTestId('input-text').waitFor();
      for (const name of ['a.txt', 'b.txt', 'c.txt']) await waitState(page, name, 'done');
      await waitState(page, 'crash.txt', 'failed');
      await waitState(page, 'oom.txt', 'failed');
      assert.equal(await page.getByTestId('notice').count(), 0, 'no worker crashed on this visit');

      // Retry, without the fault: analyzed.
      await page.evaluate(() => delete globalThis.kashifTestFaults['crash.txt']);
      await row(page, 'crash.txt').getByTestId('doc-retry').click();
      await waitState(page, 'crash.txt', 'done');
      assert.equal(await row(page, 'crash.txt').getByTestId('doc-retry').count(), 0);
      await page.getByTestId('doc-item').filter({ hasText: 'crash.txt' }).click();
      await page.locator('[data-testid=analyzed-text] mark').first().waitFor();
      // Retry with the fault still there: it fails again, by name, and the rest stays.
      await row(page, 'oom.txt').getByTestId('doc-retry').click();
      await waitState(page, 'oom.txt', 'failed');
      const again = (await page.getByTestId('notice').allTextContents()).map((t) => t.replace(/[\u2066-\u2069]/g, ''));
      assert.ok(again.some((t) => t.includes('«oom.txt»')), again.join('\n'));
      // And the new worker still works.
      await page.evaluate(() => delete globalThis.kashifTestFaults['oom.txt']);
      await row(page, 'oom.txt').getByTestId('doc-retry').click();
      await waitState(page, 'oom.txt', 'done');
      check();
    } finally {
      await context.close();
      cleanup();
    }
  });

  it('cancels a long analysis: the next documents go on, and the cancelled one waits for Retry, also on the next visit', async () => {
    const names = ['long.txt', 'queued.txt', 'after.txt'];
    const { files, cleanup } = articles(names);
    const { context, page, check } = await openWithFaults({ 'long.txt': 'hang' });
    try {
      await page.getByTestId('file-input').setInputFiles(files);
      // long.txt keeps the worker busy: the others wait, and only long.txt can be cancelled.
      const cancel = row(page, 'long.txt').getByTestId('doc-cancel');
      await cancel.waitFor();
      assert.equal(await cancel.textContent(), 'إلغاء');
      assert.equal(await row(page, 'long.txt').getByTestId('doc-status').textContent(), 'جارٍ تحليله…');
      await waitState(page, 'queued.txt', 'waiting');
      await waitState(page, 'after.txt', 'waiting');
      assert.equal(await page.getByTestId('doc-cancel').count(), 1);
      await page.getByTestId('progress').waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, 'worker-running.png') });
      // The worker is stopped, a new one takes the others.
      await cancel.click();
      await waitState(page, 'long.txt', 'cancelled');
      await waitState(page, 'queued.txt', 'done');
      await waitState(page, 'after.txt', 'done');
      assert.equal(await row(page, 'long.txt').getByTestId('doc-status').textContent(), 'أُلغي التحليل');
      assert.equal(await page.getByTestId('doc-cancel').count(), 0);
      await page.getByTestId('progress').waitFor({ state: 'detached' });
      await page.locator('aside').screenshot({ path: path.join(ARTIFACTS, 'worker-cancel.png') });

      // Next visit: the cancelled document is not sent again (it would hang the worker).
      await page.reload();
      await page.getByTestId('input-text').waitFor();
      await waitState(page, 'queued.txt', 'done');
      await waitState(page, 'after.txt', 'done');
      await waitState(page, 'long.txt', 'cancelled');
      assert.equal(await page.getByTestId('doc-cancel').count(), 0);

      // Retry: analyzed.
      await page.evaluate(() => delete globalThis.kashifTestFaults['long.txt']);
      await row(page, 'long.txt').getByTestId('doc-retry').click();
      await waitState(page, 'long.txt', 'done');
      assert.deepEqual(await states(page), [
        ['long.txt', 'done'],
        ['queued.txt', 'done'],
        ['after.txt', 'done'],
      ]);
      check();
    } finally {
      await context.close();
      cleanup();
    }
  });
});
