// End-to-end tests of undoing a deletion, against dist/: the × of a document and «حذف الكل»
// show a bar «حُذف … · تراجع»; its button, or Ctrl+Z outside a text field, puts the documents
// back with their ids, order and corrections, in IndexedDB too (a reload keeps them); once the
// bar is gone (after ~10 s) a reload does not bring them back. A screenshot of the bar in
// Arabic goes to tests/e2e/artifacts/undo-bar.png.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/undo.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ARTIFACTS, openPage, servedApp } from './support.mjs';

const ARTICLE =
  'التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو، وقال القائد محمد الجاسم ' +
  'إن الفصيل الذي يقوده أبو عمشة سيبقى في بلدة كفرنبودة قرب جبل شحشبو.';

const app = servedApp(before, after, assert);
before(() => mkdirSync(ARTIFACTS, { recursive: true }));

/** The documents of the list as [id, name], in list order. */
function docs(page) {
  return page.$$eval('[data-testid=doc-item]', (all) => all.map((d) => [d.dataset.doc, d.textContent]));
}

/** Waits until the list holds `count` documents. */
async function docCount(page, count) {
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid=doc-item]').length === count, count);
}

/** Waits until the shown text has a mark reading `text` (or, with `present` false, none). */
async function markReads(page, text, present = true) {
  await page.waitForFunction(
    ([text, present]) =>
      [...document.querySelectorAll('[data-testid=analyzed-text] mark')].some((m) => m.textContent === text) === present,
    [text, present],
  );
}

/** Clicks the × of the document named `name`. */
async function removeDoc(page, name) {
  await page.locator('li', { has: page.getByTestId('doc-item').filter({ hasText: name }) }).getByTestId('doc-remove').click();
}

/** Writes two small files and returns their paths. */
function twoFiles(dir) {
  const a = path.join(dir, 'a.txt');
  const b = path.join(dir, 'b.txt');
  writeFileSync(a, 'زار سيرغي لافروف أنقرة.', 'utf8');
  writeFileSync(b, 'قصفت الطائرات ريف إدلب.', 'utf8');
  return [a, b];
}

/** A pasted article with one correction (موسكو is not a place here), then two files. */
async function threeDocs(page, dir) {
  await page.getByTestId('input-text').fill(ARTICLE);
  await markReads(page, 'موسكو');
  await page.locator('[data-testid=analyzed-text] mark', { hasText: 'موسكو' }).first().click();
  await page.getByTestId('remove-mention').click();
  await markReads(page, 'موسكو', false);
  await page.getByTestId('file-input').setInputFiles(twoFiles(dir));
  await docCount(page, 3);
  return docs(page);
}

/** Shows the pasted document and checks its correction still holds. */
async function correctionHolds(page) {
  await page.getByTestId('doc-item').filter({ hasText: 'نص ملصق' }).click();
  await markReads(page, 'رجب طيب أردوغان');
  await markReads(page, 'موسكو', false);
}

describe('undo a deletion', () => {
  it('× and «حذف الكل» can be undone (button or Ctrl+Z), ids, order and corrections kept, also after a reload', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-undo-'));
    const { context, page, check } = await openPage(app);
    try {
      const all = await threeDocs(page, dir);
      assert.deepEqual(all.map(([, name]) => name), ['نص ملصق', 'a.txt', 'b.txt']);

      // × on a.txt: gone at once, the bar names it; Undo puts it back in its place.
      await removeDoc(page, 'a.txt');
      await docCount(page, 2);
      assert.equal(await page.getByTestId('undo-what').textContent(), 'حُذف «\u2068a.txt\u2069»');
      assert.equal((await page.getByTestId('undo').textContent()).trim(), 'تراجع');
      await page.getByTestId('undo').click();
      await docCount(page, 3);
      assert.deepEqual(await docs(page), all);
      assert.equal(await page.getByTestId('undo-bar').count(), 0, 'the bar goes with the undo');

      // The next deletion ends the chance to undo the one before: only b.txt comes back.
      await removeDoc(page, 'a.txt');
      await docCount(page, 2);
      await removeDoc(page, 'b.txt');
      await docCount(page, 1);
      assert.equal(await page.getByTestId('undo-what').textContent(), 'حُذف «\u2068b.txt\u2069»');
      await page.getByTestId('undo').click();
      await docCount(page, 2);
      assert.deepEqual(await docs(page), [all[0], all[2]]);

      // «حذف الكل» with the pasted article and its correction; Ctrl+Z outside the text box.
      await page.getByTestId('clear-all').click();
      await docCount(page, 0);
      assert.equal(await page.getByTestId('input-text').inputValue(), '');
      assert.equal(await page.getByTestId('undo-what').textContent(), 'حُذفت المستندات كلها (2)');
      // Right to left: the text at the right, the button at its left.
      const [what, button] = await Promise.all(
        ['undo-what', 'undo'].map((id) => page.getByTestId(id).boundingBox()),
      );
      assert.ok(button.x + button.width <= what.x, `button ${JSON.stringify(button)} left of ${JSON.stringify(what)}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'undo-bar.png') });
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+z');
      await docCount(page, 2);
      assert.deepEqual(await docs(page), [all[0], all[2]]);
      assert.equal(await page.getByTestId('input-text').inputValue(), ARTICLE);
      await correctionHolds(page);

      // Saved again: a reload brings back the same documents and the correction.
      await page.waitForTimeout(500);
      await page.reload();
      await docCount(page, 2);
      assert.deepEqual(await docs(page), [all[0], all[2]]);
      await correctionHolds(page);
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the bar goes after about 10 s; then Ctrl+Z does nothing and a reload does not bring the documents back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-undo-'));
    const { context, page, check } = await openPage(app);
    try {
      await threeDocs(page, dir);
      await page.getByTestId('clear-all').click();
      await docCount(page, 0);
      await page.getByTestId('undo-bar').waitFor();
      const shown = Date.now();
      await page.getByTestId('undo-bar').waitFor({ state: 'detached', timeout: 15_000 });
      const lasted = Date.now() - shown;
      assert.ok(lasted > 8_000 && lasted < 12_000, `the bar lasted ${lasted} ms`);
      await page.keyboard.press('Control+z');
      await page.waitForTimeout(300);
      assert.equal(await page.getByTestId('doc-item').count(), 0);
      await page.reload();
      await page.getByTestId('hint').waitFor();
      assert.equal(await page.getByTestId('doc-item').count(), 0);
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in English: "Deleted … · Undo", left to right; Ctrl+Z in the text box is left to the text box', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-undo-'));
    const { context, page, check } = await openPage(app);
    try {
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('file-input').setInputFiles(twoFiles(dir));
      await docCount(page, 2);
      const all = await docs(page);
      await removeDoc(page, 'b.txt');
      await docCount(page, 1);
      assert.equal(await page.getByTestId('undo-what').textContent(), 'Deleted “\u2068b.txt\u2069”');
      assert.equal((await page.getByTestId('undo').textContent()).trim(), 'Undo');
      const [what, button] = await Promise.all(
        ['undo-what', 'undo'].map((id) => page.getByTestId(id).boundingBox()),
      );
      assert.ok(what.x + what.width <= button.x, 'left to right: the button after the text');
      await page.getByTestId('input-text').focus();
      await page.keyboard.press('Control+z');
      await page.waitForTimeout(300);
      assert.equal(await page.getByTestId('doc-item').count(), 1, 'Ctrl+Z in the text box undoes no deletion');
      await page.getByTestId('undo').click();
      await docCount(page, 2);
      assert.deepEqual(await docs(page), all);
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const SECOND = 'قصفت الطائرات ريف إدلب، وقال الدفاع المدني إن فرقه أجلت عشرات العائلات.';

/** Pastes `text` over the whole box as a reader would (select all, paste): the paste event, then the text. */
async function pasteOverAll(page, text) {
  const box = page.getByTestId('input-text');
  await box.focus();
  await box.evaluate((box) => {
    box.select();
    box.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: new DataTransfer() }));
  });
  await page.keyboard.insertText(text);
}

/** Waits until the shown text is `text`. */
async function shows(page, text) {
  await page.waitForFunction((text) => document.querySelector('[data-testid=analyzed-text]')?.textContent === text, text);
}

describe('a second paste', () => {
  it('adds a document: the first one stays, named after its first line, also after a reload; typing still edits', async () => {
    const { context, page, check } = await openPage(app);
    try {
      await page.getByTestId('input-text').fill(ARTICLE);
      await markReads(page, 'موسكو');
      await docCount(page, 1);
      const [[firstId]] = await docs(page);

      await pasteOverAll(page, SECOND);
      await docCount(page, 2);
      await shows(page, SECOND);
      const title = ARTICLE.slice(0, 50).trimEnd() + '…';
      const both = await docs(page);
      assert.deepEqual(both.map(([, name]) => name), ['نص ملصق', title]);
      assert.equal(both[1][0], firstId, 'the first text keeps its id');
      assert.equal(await page.getByTestId('analyzed-text').textContent(), SECOND);

      // Typing at the end edits the new text, it adds nothing.
      await page.getByTestId('input-text').press('End');
      await page.keyboard.insertText(' وتستمر الغارات.');
      await shows(page, SECOND + ' وتستمر الغارات.');
      assert.equal(await page.getByTestId('doc-item').count(), 2);

      await page.getByTestId('doc-item').filter({ hasText: title }).click();
      await markReads(page, 'موسكو');
      assert.equal(await page.getByTestId('analyzed-text').textContent(), ARTICLE);

      await page.waitForTimeout(500);
      await page.reload();
      await docCount(page, 2);
      assert.deepEqual((await docs(page)).map(([, name]) => name), ['نص ملصق', title]);
      check();
    } finally {
      await context.close();
    }
  });
});
