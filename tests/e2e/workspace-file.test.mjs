// End-to-end tests of the workspace file and of undo/redo across corrections, against dist/:
// «حفظ مساحة العمل» downloads one .kashif.json file with the documents, their corrections, the
// merges and the user's names; «فتح مساحة عمل» (or the file picker) adds them back, after
// «حذف الكل», after a reload and in a fresh browser context (another browser); a bad file gives
// a message and changes nothing. Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z undo and redo corrections and
// deletions in one history. Screenshots in Arabic at 1280 px and 390 px go to
// tests/e2e/artifacts/workspace-*.png.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/workspace-file.test.mjs

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

/** The documents of the list by name, in list order. */
function docNames(page) {
  return page.$$eval('[data-testid=doc-item]', (all) => all.map((d) => d.textContent));
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

/** The entity ids of the shown text's marks, by text. */
function entityIds(page) {
  return page.$$eval('[data-testid=analyzed-text] mark', (all) =>
    Object.fromEntries(all.map((m) => [m.textContent, m.dataset.entity])),
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
    const locate = (offset) => {
      const [node, base] = nodes.filter(([, base]) => base <= offset).pop();
      return [node, offset - base];
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + wanted.length));
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    article.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, wanted);
}

async function clickMark(page, text) {
  await page.locator('[data-testid=analyzed-text] mark', { hasText: text }).first().click();
  await page.getByTestId('mention-subject').filter({ hasText: text }).waitFor();
}

/** Shows the document named `name` (part of it). */
async function show(page, name) {
  await page.getByTestId('doc-item').filter({ hasText: name }).click();
}

/** The count of the user's names and merges in the sidebar. */
async function namesAndMerges(page) {
  return [
    await page.getByTestId('user-names').locator('li').count(),
    await page.getByTestId('user-merges').locator('li').count(),
  ];
}

/**
 * The pasted article with موسكو removed, «جبل شحشبو» added as one of the user's names, أبو عمشة
 * merged into محمد الجاسم, and a second document from a file.
 */
async function buildWorkspace(page, dir) {
  await page.getByTestId('input-text').fill(ARTICLE);
  await markReads(page, 'موسكو');
  await clickMark(page, 'موسكو');
  await page.getByTestId('remove-mention').click();
  await markReads(page, 'موسكو', false);
  await selectText(page, 'جبل شحشبو');
  await page.getByTestId('add-label').selectOption('LOC');
  await page.getByTestId('add-everywhere').click();
  await markReads(page, 'جبل شحشبو');
  await clickMark(page, 'أبو عمشة');
  const jasim = await page.locator('mark', { hasText: 'محمد الجاسم' }).getAttribute('data-entity');
  await page.getByTestId('merge-into').selectOption(jasim);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=user-merges] li').length === 1);
  writeFileSync(path.join(dir, 'second.txt'), SECOND, 'utf8');
  await page.getByTestId('file-input').setInputFiles(path.join(dir, 'second.txt'));
  await docCount(page, 2);
  await markReads(page, 'جبل شحشبو');
}

/** Checks the workspace built by buildWorkspace is all there (two documents, corrected). */
async function workspaceHolds(page) {
  await docCount(page, 2);
  assert.deepEqual(await docNames(page), ['نص ملصق', 'second.txt']);
  await show(page, 'second.txt');
  await markReads(page, 'جبل شحشبو');
  await show(page, 'نص ملصق');
  await markReads(page, 'رجب طيب أردوغان');
  await markReads(page, 'موسكو', false);
  await markReads(page, 'جبل شحشبو');
  const ids = await entityIds(page);
  assert.equal(ids['أبو عمشة'], ids['محمد الجاسم'], 'the merge holds');
  assert.deepEqual(await namesAndMerges(page), [1, 1]);
}

/** Clicks «حفظ مساحة العمل» and returns [suggested file name, text]. */
async function saveWorkspace(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('workspace-save').click()]);
  return [download.suggestedFilename(), readFileSync(await download.path(), 'utf8')];
}

/** Opens `file` with «فتح مساحة عمل» and waits for a new status naming it. */
async function openWorkspace(page, file) {
  const before = await page.getByTestId('workspace-status').textContent();
  await page.getByTestId('workspace-open').setInputFiles(file);
  await page.waitForFunction(
    ([name, before]) => {
      const now = document.querySelector('[data-testid=workspace-status]')?.textContent ?? '';
      return now !== before && now.includes(name);
    },
    [path.basename(file), before],
  );
  return page.getByTestId('workspace-status').textContent();
}

describe('the workspace file', () => {
  it('saves everything to one file; after «حذف الكل», a reload and in another browser it opens again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-workspace-'));
    const { context, page, check } = await openApp();
    try {
      await buildWorkspace(page, dir);
      const [name, text] = await saveWorkspace(page);
      assert.match(name, /^kashif-\d{4}-\d\d-\d\d\.kashif\.json$/);
      const saved = JSON.parse(text);
      assert.equal(saved.kashif_workspace, 1);
      assert.deepEqual(saved.documents.map((d) => [d.name, d.source]), [['نص ملصق', 'pasted'], ['second.txt', 'file']]);
      assert.equal(saved.documents[0].text, ARTICLE);
      // موسكو removed; «جبل شحشبو» added here (and to the names, for every document).
      assert.deepEqual(saved.documents[0].corrections.map((c) => c.kind), ['remove', 'add']);
      assert.equal(saved.merges.length, 1);
      assert.deepEqual(saved.names, [{ text: 'جبل شحشبو', label: 'LOC' }]);
      assert.match(await page.getByTestId('workspace-status').textContent(), /حُفظت مساحة العمل/);
      const file = path.join(dir, name);
      writeFileSync(file, text, 'utf8');

      // Cleared, then opened again: everything back (the names and merges are not doubled).
      await page.getByTestId('clear-all').click();
      await docCount(page, 0);
      const status = await openWorkspace(page, file);
      assert.ok(status.includes('أُضيف من المستندات 2'), status);
      await workspaceHolds(page);
      assert.equal(await page.getByTestId('input-text').inputValue(), ARTICLE, 'the pasted text is the pasted one again');

      // Opened a second time: nothing is doubled.
      const again = await openWorkspace(page, file);
      assert.ok(again.includes('وكان 2 منها هنا أصلًا'), again);
      await docCount(page, 2);
      assert.deepEqual(await namesAndMerges(page), [1, 1]);

      // Saved in the browser: a reload keeps it all.
      await page.waitForTimeout(500);
      await page.reload();
      await workspaceHolds(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('workspace-panel').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-390.png') });
      check();

      // Another browser (a fresh context: no IndexedDB): the file brings it all.
      const other = await openApp();
      try {
        await openWorkspace(other.page, file);
        await workspaceHolds(other.page);
        other.check();
      } finally {
        await other.context.close();
      }
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opening adds to the documents there; a .kashif.json given to «اختر ملفات» opens as a workspace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-workspace-'));
    const { context, page, check } = await openApp();
    try {
      const file = path.join(dir, 'بحث.kashif.json');
      const workspace = {
        kashif_workspace: 1,
        documents: [{ name: 'second.txt', text: SECOND, source: 'file' }],
        names: [{ text: 'ريف حماة', label: 'LOC' }],
      };
      writeFileSync(file, JSON.stringify(workspace), 'utf8');
      await page.getByTestId('input-text').fill(ARTICLE);
      await markReads(page, 'موسكو');
      await page.getByTestId('file-input').setInputFiles(file);
      await docCount(page, 2);
      assert.deepEqual(await docNames(page), ['نص ملصق', 'second.txt']);
      await markReads(page, 'ريف حماة');
      assert.equal(await page.getByTestId('input-text').inputValue(), ARTICLE);
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a foreign, damaged, newer or non-JSON file gives a clear message and changes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-workspace-'));
    const { context, page, check } = await openApp();
    try {
      await page.getByTestId('input-text').fill(ARTICLE);
      await markReads(page, 'موسكو');
      const bad = {
        'names.json': [JSON.stringify({ kashif_user_lexicon: 1, names: [] }), 'ليس ملف مساحة عمل من كاشف'],
        'page.json': ['<html>not json</html>', 'ليس JSON'],
        'newer.json': [JSON.stringify({ kashif_workspace: 7, documents: [] }), 'إصدار أحدث من كاشف (الصيغة 7)'],
        'damaged.json': [JSON.stringify({ kashif_workspace: 1, documents: [{ name: 3 }] }), 'تالف'],
      };
      for (const [name, [content, says]] of Object.entries(bad)) {
        const file = path.join(dir, name);
        writeFileSync(file, content, 'utf8');
        const status = await openWorkspace(page, file);
        assert.ok(status.includes(says) && status.includes('لم يتغيّر شيء'), `${name}: ${status}`);
      }
      // Over 50 MB: refused unread.
      const big = path.join(dir, 'big.kashif.json');
      writeFileSync(big, Buffer.alloc(51 * 1024 * 1024, 32));
      const tooBig = await openWorkspace(page, big);
      assert.ok(tooBig.includes('حجمه 51 م.ب والحد 50 م.ب'), tooBig);
      assert.equal(await page.getByTestId('workspace-status').getAttribute('class'), 'muted export-status refused');
      assert.deepEqual(await docNames(page), ['نص ملصق']);
      await markReads(page, 'موسكو');
      await page.getByTestId('workspace-status').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-bad-file.png') });

      await page.getByTestId('lang-switch').click();
      const status = await openWorkspace(page, path.join(dir, 'newer.json'));
      assert.ok(status.includes('a newer Kashif saved it (format 7)'), status);
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a large workspace', () => {
  it('300 documents (2 M characters) open and are all analyzed; the file saved again holds them all', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-workspace-'));
    const { context, page, check } = await openApp();
    try {
      const documents = Array.from({ length: 300 }, (_, i) => ({
        name: `doc-${i}.txt`,
        text: `${ARTICLE} (${i})\n`.repeat(40),
        source: 'file',
      }));
      const file = path.join(dir, 'large.kashif.json');
      writeFileSync(file, JSON.stringify({ kashif_workspace: 1, documents }), 'utf8');
      const started = Date.now();
      await openWorkspace(page, file);
      const listed = Date.now() - started;
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=doc-item][data-state=done]').length === 300,
        null,
        { timeout: 120_000 },
      );
      const analyzed = Date.now() - started;
      const saving = Date.now();
      const [, text] = await saveWorkspace(page);
      const saved = Date.now() - saving;
      assert.equal(JSON.parse(text).documents.length, 300);
      console.log(
        `large workspace: ${(text.length / 1e6).toFixed(1)} M chars; listed in ${listed} ms, ` +
          `all analyzed in ${analyzed} ms; saved again in ${saved} ms`,
      );
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('undo and redo across corrections and deletions', () => {
  it('Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z walk one history; undone corrections stay undone after a reload', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-history-'));
    const { context, page, check } = await openApp();
    const key = async (combo) => {
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press(combo);
    };
    try {
      await page.getByTestId('input-text').fill(ARTICLE);
      await markReads(page, 'موسكو');
      await clickMark(page, 'موسكو');
      await page.getByTestId('remove-mention').click();
      await markReads(page, 'موسكو', false);
      await clickMark(page, 'أبو عمشة');
      await page.getByTestId('relabel').selectOption('ORG');
      const label = (text) =>
        page.$eval('[data-testid=analyzed-text]', (a, text) => [...a.querySelectorAll('mark')].find((m) => m.textContent === text)?.dataset.label, text);
      await page.waitForFunction(() => [...document.querySelectorAll('mark')].some((m) => m.textContent === 'أبو عمشة' && m.dataset.label === 'ORG'));

      // Undo the relabelling, then the removal; redo both, one with each key.
      await key('Control+z');
      await page.waitForFunction(() => [...document.querySelectorAll('mark')].some((m) => m.textContent === 'أبو عمشة' && m.dataset.label === 'PER'));
      await key('Control+z');
      await markReads(page, 'موسكو');
      await key('Control+y');
      await markReads(page, 'موسكو', false);
      await key('Control+Shift+z');
      await page.waitForFunction(() => [...document.querySelectorAll('mark')].some((m) => m.textContent === 'أبو عمشة' && m.dataset.label === 'ORG'));

      // A deletion joins the same history: undone first, then the relabelling.
      writeFileSync(path.join(dir, 'second.txt'), SECOND, 'utf8');
      await page.getByTestId('file-input').setInputFiles(path.join(dir, 'second.txt'));
      await docCount(page, 2);
      await page.locator('li', { has: page.getByTestId('doc-item').filter({ hasText: 'second.txt' }) }).getByTestId('doc-remove').click();
      await docCount(page, 1);
      await key('Control+z');
      await docCount(page, 2);
      await show(page, 'نص ملصق');
      await key('Control+z');
      await page.waitForFunction(() => [...document.querySelectorAll('mark')].some((m) => m.textContent === 'أبو عمشة' && m.dataset.label === 'PER'));
      assert.equal(await label('أبو عمشة'), 'PER');

      // Then the removal; and redo it.
      await key('Control+z');
      await markReads(page, 'موسكو');
      await key('Control+y');
      await markReads(page, 'موسكو', false);

      // The undone state is saved: a reload shows it.
      await page.waitForTimeout(500);
      await page.reload();
      await docCount(page, 2);
      await show(page, 'نص ملصق');
      await markReads(page, 'رجب طيب أردوغان');
      await markReads(page, 'موسكو', false);
      assert.equal(await label('أبو عمشة'), 'PER');
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removing one of the user\'s names shows the undo bar, and its button puts the name back', async () => {
    const { context, page, check } = await openApp();
    try {
      await page.getByTestId('input-text').fill(ARTICLE);
      await markReads(page, 'موسكو');
      await selectText(page, 'جبل شحشبو');
      await page.getByTestId('add-label').selectOption('LOC');
      await page.getByTestId('add-everywhere').click();
      await markReads(page, 'جبل شحشبو');
      const names = () => page.getByTestId('user-names').locator('li').count();
      assert.equal(await names(), 1);
      await page.getByTestId('remove-name').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=user-names] li').length === 0);
      assert.equal(await page.getByTestId('undo-what').textContent(), 'حُذف الاسم «\u2068جبل شحشبو\u2069»');
      await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-name-undo.png') });
      await page.getByTestId('undo').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=user-names] li').length === 1);
      assert.equal(await page.getByTestId('undo-bar').count(), 0);
      check();
    } finally {
      await context.close();
    }
  });
});
