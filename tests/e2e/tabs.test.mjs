// End-to-end test of two tabs of the page open at once (one browser context, so one
// IndexedDB): each adds a file, neither overwrites the other, and what one saves appears in the
// other without a reload.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/tabs.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { listed, servedApp, waitSaved, watchProblems } from './support.mjs';

const app = servedApp(before, after, assert);

/** Waits until `page` lists exactly `names` (in any order). */
async function waitListed(page, names) {
  const want = [...names].sort();
  await page.waitForFunction(
    (want) =>
      JSON.stringify([...document.querySelectorAll('[data-testid=doc-item]')].map((n) => n.textContent).sort()) ===
      JSON.stringify(want),
    want,
  );
}


async function open(context, problems) {
  const page = await context.newPage();
  await watchProblems(page, problems);
  await page.goto(`${app.served.origin}/index.html`);
  await page.getByTestId('input-text').waitFor();
  return page;
}

describe('two tabs', () => {
  it('keep both files, survive a reload and see each other’s changes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-tabs-'));
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
    context.on('request', (request) => app.requests.push(request.url()));
    const problems = [];
    try {
      const files = { 'a.txt': 'زار سيرغي لافروف أنقرة.', 'b.txt': 'قصفت الطائرات ريف إدلب.', 'c.txt': 'وصل بوتين إلى موسكو.' };
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text, 'utf8');
      const first = await open(context, problems);
      const second = await open(context, problems);

      // Both tabs started from an empty store: with ids counted from the largest saved one, both
      // files got the same id and the second replaced the first.
      await first.getByTestId('file-input').setInputFiles(path.join(dir, 'a.txt'));
      await second.getByTestId('file-input').setInputFiles(path.join(dir, 'b.txt'));
      await waitSaved(first, ['a.txt', 'b.txt']);
      // Each tab shows the other's file too, without a reload.
      await waitListed(first, ['a.txt', 'b.txt']);
      await waitListed(second, ['a.txt', 'b.txt']);

      // Both survive a reload of either tab.
      await first.reload();
      await waitListed(first, ['a.txt', 'b.txt']);

      // A change in one appears in the other: a file added, a file removed, a user name added.
      await second.getByTestId('file-input').setInputFiles(path.join(dir, 'c.txt'));
      await waitListed(first, ['a.txt', 'b.txt', 'c.txt']);
      await first
        .locator('li', { has: first.getByTestId('doc-item').filter({ hasText: 'a.txt' }) })
        .getByTestId('doc-remove')
        .click();
      await waitListed(second, ['b.txt', 'c.txt']);
      await waitSaved(second, ['b.txt', 'c.txt']);

      const names = path.join(dir, 'names.json');
      writeFileSync(names, JSON.stringify({ kashif_user_lexicon: 1, names: [{ text: 'جبل شحشبو', label: 'LOC' }] }));
      await first.getByTestId('names-import').setInputFiles(names);
      await second.waitForFunction(() => document.querySelectorAll('[data-testid=user-names] li').length === 1);
      // The other tab's next save keeps that name instead of overwriting the lexicon.
      const more = path.join(dir, 'more.json');
      writeFileSync(more, JSON.stringify({ kashif_user_lexicon: 1, names: [{ text: 'تل رفعت', label: 'LOC' }] }));
      await second.getByTestId('names-import').setInputFiles(more);
      await first.waitForFunction(() => document.querySelectorAll('[data-testid=user-names] li').length === 2);

      await second.reload();
      await waitListed(second, ['b.txt', 'c.txt']);
      await second.waitForFunction(() => document.querySelectorAll('[data-testid=user-names] li').length === 2);
      assert.deepEqual(await listed(first), ['b.txt', 'c.txt']);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
