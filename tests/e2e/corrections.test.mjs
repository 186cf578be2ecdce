// End-to-end tests of corrections in the page, against dist/: remove a wrong highlight, relabel
// one, add one by selecting text, merge two entities, add a name everywhere; everything is
// still there after a reload, shows in the exports, can be undone, and the user's names go out
// and come back as a file.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/corrections.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ARTIFACTS, openPage, servedApp } from './support.mjs';

const ARTICLE =
  'التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو، وقال القائد محمد الجاسم ' +
  'إن الفصيل الذي يقوده أبو عمشة سيبقى في بلدة كفرنبودة قرب جبل شحشبو.';
const SECOND = 'وصلت تعزيزات إلى جبل شحشبو في ريف حماة.';

const app = servedApp(before, after, assert);
before(() => mkdirSync(ARTIFACTS, { recursive: true }));

const openApp = () => openPage(app, { acceptDownloads: true });

/** The marks of the shown text as [label, text]. */
function marks(page) {
  return page.$$eval('[data-testid=analyzed-text] mark', (all) => all.map((m) => [m.dataset.label, m.textContent]));
}

/** Waits until the shown text has a mark reading `text` (or, with `present` false, none). */
async function markReads(page, text, present = true) {
  await page.waitForFunction(
    ([text, present]) =>
      [...document.querySelectorAll('[data-testid=analyzed-text] mark')].some((m) => m.textContent === text) === present,
    [text, present],
  );
}

/** Waits until the shown text's mark reading `text` is a mention of entity `id`. */
async function markOf(page, text, id) {
  await page.waitForFunction(
    ([text, id]) =>
      [...document.querySelectorAll('[data-testid=analyzed-text] mark')].find((m) => m.textContent === text)?.dataset
        .entity === id,
    [text, id],
  );
}

/** Selects `wanted` in the shown text as a reader would, and releases the mouse. */
async function selectText(page, wanted) {
  await page.evaluate((wanted) => {
    const article = document.querySelector('[data-testid=analyzed-text]');
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push([node, all.length]);
      all += node.data;
    }
    const at = all.indexOf(wanted);
    if (at < 0) throw new Error(`${wanted} is not in the text`);
    const locate = (offset) => {
      const [node, base] = nodes.filter(([, base]) => base <= offset).pop();
      return [node, offset - base];
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + wanted.length));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    article.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, wanted);
}

async function clickMark(page, text) {
  await page.locator('[data-testid=analyzed-text] mark', { hasText: text }).first().click();
  await page.getByTestId('mention-subject').filter({ hasText: text }).waitFor();
}

/** Downloads the export in `format` and returns its text. */
async function exported(page, format) {
  await page.getByTestId('export-format').selectOption(format);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  return readFileSync(await download.path(), 'utf8');
}

describe('corrections', () => {
  it('removes, relabels, adds, merges and names everywhere; all survive a reload and reach the exports', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-corrections-'));
    const { context, page, check } = await openApp();
    try {
      await page.getByTestId('input-text').fill(ARTICLE);
      await markReads(page, 'موسكو');

      // Remove a highlight.
      await clickMark(page, 'موسكو');
      await page.getByTestId('remove-mention').click();
      await markReads(page, 'موسكو', false);

      // Relabel one.
      await clickMark(page, 'أبو عمشة');
      await page.getByTestId('relabel').selectOption('ORG');
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid=analyzed-text] mark')].some(
          (m) => m.textContent === 'أبو عمشة' && m.dataset.label === 'ORG',
        ),
      );

      // Add one by selecting text: «جبل شحشبو» replaces the shorter «شحشبو», here and (as one of
      // the user's names) in every document.
      await selectText(page, 'جبل شحشبو');
      assert.equal(await page.getByTestId('picked-text').textContent(), 'جبل شحشبو');
      await page.getByTestId('add-label').selectOption('LOC');
      await page.getByTestId('add-everywhere').click();
      await markReads(page, 'جبل شحشبو');
      assert.ok(!(await marks(page)).some(([, text]) => text === 'شحشبو'));

      // Merge two entities: the reader knows محمد الجاسم is أبو عمشة's real name. First give
      // أبو عمشة back its type, then merge.
      await clickMark(page, 'أبو عمشة');
      await page.getByTestId('relabel').selectOption('PER');
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid=analyzed-text] mark')].some(
          (m) => m.textContent === 'أبو عمشة' && m.dataset.label === 'PER',
        ),
      );
      await clickMark(page, 'أبو عمشة');
      const jasim = await page.locator('mark', { hasText: 'محمد الجاسم' }).getAttribute('data-entity');
      await page.getByTestId('merge-into').selectOption(jasim);
      await markOf(page, 'أبو عمشة', jasim);
      assert.equal(await page.getByTestId('user-merges').locator('li').count(), 1);
      // Named as the reader saw it, never by an id.
      const merge = await page.getByTestId('user-merges').locator('li').textContent();
      assert.ok(merge.includes('أبو عمشة') && merge.includes('محمد الجاسم') && !/[a-z]+:/.test(merge), merge);
      await clickMark(page, 'رجب طيب أردوغان');
      await page.screenshot({ path: path.join(ARTIFACTS, 'corrections.png'), fullPage: true });

      // The name added everywhere is found in another document.
      writeFileSync(path.join(dir, 'second.txt'), SECOND, 'utf8');
      await page.getByTestId('file-input').setInputFiles(path.join(dir, 'second.txt'));
      await markReads(page, 'جبل شحشبو');
      assert.equal(await page.getByTestId('analyzed-text').textContent(), SECOND);

      // After a reload everything is still there.
      await page.waitForTimeout(300);
      await page.reload();
      await page.getByTestId('doc-item').filter({ hasText: 'نص ملصق' }).click();
      await markReads(page, 'جبل شحشبو');
      const shown = await marks(page);
      assert.ok(!shown.some(([, text]) => text === 'موسكو'), JSON.stringify(shown));
      assert.ok(shown.some(([label, text]) => label === 'LOC' && text === 'جبل شحشبو'), JSON.stringify(shown));
      const ids = await page.$$eval('[data-testid=analyzed-text] mark', (all) =>
        Object.fromEntries(all.map((m) => [m.textContent, m.dataset.entity])),
      );
      assert.equal(ids['أبو عمشة'], ids['محمد الجاسم'], 'the merge survives');
      assert.equal(await page.getByTestId('user-names').locator('li').count(), 1);

      // The exports carry the corrections.
      const json = JSON.parse(await exported(page, 'json'));
      const docs = Array.isArray(json) ? json : json.documents;
      const texts = docs.flatMap((doc) => doc.entities.map((e) => e.text));
      assert.ok(texts.includes('جبل شحشبو') && !texts.includes('موسكو'), JSON.stringify(texts));

      // Undo the removal: موسكو is back.
      await page.getByTestId('doc-corrections').locator('summary').click();
      await page.getByTestId('doc-corrections').locator('li', { hasText: 'موسكو' }).getByTestId('undo-correction').click();
      await markReads(page, 'موسكو');
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('merges an entity into one that only another document names', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-merge-'));
    const { context, page, check } = await openApp();
    try {
      await page.getByTestId('input-text').fill('وقال القائد محمد الجاسم إن قواته ستبقى في بلدة كفرنبودة.');
      await markReads(page, 'محمد الجاسم');
      writeFileSync(path.join(dir, 'other.txt'), 'وأكد القائد العسكري سيف أبو بكر أن الهجوم على جبل شحشبو فشل.', 'utf8');
      await page.getByTestId('file-input').setInputFiles(path.join(dir, 'other.txt'));
      await markReads(page, 'سيف أبو بكر');
      const other = await page.locator('mark', { hasText: 'سيف أبو بكر' }).getAttribute('data-entity');

      // Back in the pasted text, the other document's person is offered, and no place is.
      await page.getByTestId('doc-item').first().click();
      await clickMark(page, 'محمد الجاسم');
      const offered = await page.$$eval('[data-testid=merge-into] option', (all) => all.map((o) => o.value));
      assert.deepEqual(offered, ['', other]);
      await page.getByTestId('merge-into').selectOption(other);
      await markOf(page, 'محمد الجاسم', other);

      // The table across documents has one row for both, with a mention in each document.
      await page.getByTestId('tab-entities').click();
      const row = page.locator(`[data-testid=entity-row][data-entity="${other}"]`);
      await row.waitFor();
      assert.equal(Number(await row.locator('.total').textContent()), 2);
      assert.equal(await page.locator('[data-testid=entity-row][data-label=PER]').count(), 1);
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports the user names as a file and imports them back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-names-'));
    const { context, page, check } = await openApp();
    try {
      await page.getByTestId('input-text').fill(SECOND);
      await page.locator('[data-testid=analyzed-text] mark').first().waitFor();
      await selectText(page, 'تعزيزات');
      await page.getByTestId('add-label').selectOption('MISC');
      await page.getByTestId('add-everywhere').click();
      await markReads(page, 'تعزيزات');
      const names = page.getByTestId('user-names').locator('li');
      const count = await names.count();
      assert.ok(count >= 1);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('names-export').click()]);
      const file = path.join(dir, 'names.json');
      writeFileSync(file, readFileSync(await download.path(), 'utf8'));
      const saved = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(saved.kashif_user_lexicon, 1);
      assert.ok(saved.names.some((n) => n.text === 'تعزيزات' && n.label === 'MISC'), JSON.stringify(saved));

      // Remove every name: the highlight made by the corrections of this document stays (it is a
      // correction of its own), but the names list is empty; importing brings the names back.
      while ((await names.count()) > 0) await names.first().getByTestId('remove-name').click();
      await page.getByTestId('names-import').setInputFiles(file);
      await page.waitForFunction((count) => document.querySelectorAll('[data-testid=user-names] li').length === count, count);
      assert.match(await page.getByTestId('names-status').textContent(), new RegExp(`${count}`));

      // A file that is not a names file is refused with a message.
      const wrong = path.join(dir, 'wrong.json');
      writeFileSync(wrong, '{"names": 3}');
      await page.getByTestId('names-import').setInputFiles(wrong);
      await page.waitForFunction(() => /wrong\.json/.test(document.querySelector('[data-testid=names-status]').textContent));
      assert.equal(await names.count(), count);
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
