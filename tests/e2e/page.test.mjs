// End-to-end tests of the release build in dist/, driving Debian's Chromium with playwright-core.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ARTIFACTS, drop, launchBrowser, recordRequests, requestsElsewhere, requireDist, serveDist, watchProblems } from './support.mjs';

const ARTICLE = [
  'التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو يوم 5 آذار 2024،',
  'وقال بوتين إن حلف شمال الأطلسي يهدد أمن روسيا.',
  '',
  'وفي سوريا، قصفت الطائرات ريف إدلب، فيما دعت الأمم المتحدة إلى وقف إطلاق النار.',
].join('\n');

const FILE_A = 'خبر موسكو.txt';
const TEXT_A = 'التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو.';
const FILE_B = 'idlib-utf16.txt';
const TEXT_B = 'قصفت الطائرات ريف إدلب صباح اليوم.';
const FILE_C = 'baghdad.txt';
const TEXT_C = 'وصل وزير الخارجية إلى بغداد قادما من عمّان.';
const FILE_D = 'damascus-cp1256.TXT';
const TEXT_D = 'عاد الوفد إلى دمشق بعد زيارة القاهرة.';
// TEXT_D in Windows-1256, the legacy Arabic code page many newsroom files still use.
const BYTES_D = Buffer.from(
  'dac7cf20c7e1e6ddcf20c5e1ec20cfe3d4de20c8dacf20d2edc7d1c920c7e1dec7e5d1c92e',
  'hex',
);
const BROKEN = 'تالف.txt'; // named .txt, but binary: must be reported by name
const PICTURE = 'photo.png'; // not a .txt file at all

let served;
let browser;
/** Every request any page of this file made, as [page label, url]. */
const requests = [];

before(async () => {
  requireDist();
  served = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (served ? served.server.close(resolve) : resolve()));
});

/** A fresh page at 1280px with the app loaded; records requests, console errors and CSP reports. */
async function openApp(label) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
  const page = await context.newPage();
  const problems = [];
  recordRequests(context, label, requests);
  await watchProblems(page, problems);
  await page.goto(served.origin + '/');
  await page.getByTestId('input-text').waitFor({ state: 'visible', timeout: 15_000 });
  return { page, context, problems };
}

async function marks(page) {
  return page.$$eval('[data-testid=analyzed-text] mark', (nodes) =>
    nodes.map((node) => ({ label: node.dataset.label, text: node.textContent, entity: node.dataset.entity })),
  );
}

/** Waits until the worker's analysis of the shown document is on the page. */
async function analyzed(page) {
  await page.locator('[data-testid=doc-item][aria-current=true][data-state=done]').waitFor();
  await page.locator('[data-testid=analyzed-text] mark').first().waitFor();
}

async function docNames(page) {
  return page.$$eval('[data-testid=doc-item]', (nodes) =>
    nodes.map((node) => ({ name: node.textContent, current: node.getAttribute('aria-current') === 'true' })),
  );
}

describe('Kashif page', () => {
  it('marks the people and places of a pasted paragraph', async () => {
    const { page, context, problems } = await openApp('paste');
    try {
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      assert.equal(await page.getAttribute('html', 'lang'), 'ar');
      await page.getByTestId('hint').waitFor();

      await page.getByTestId('input-text').fill(ARTICLE);
      await page.locator('[data-testid=analyzed-text] mark').first().waitFor();

      const found = await marks(page);
      const has = (label, text) => found.some((m) => m.label === label && m.text === text);
      for (const [label, text] of [
        ['PER', 'فلاديمير بوتين'],
        ['PER', 'رجب طيب أردوغان'],
        ['PER', 'بوتين'],
        ['LOC', 'موسكو'],
        ['LOC', 'روسيا'],
        ['LOC', 'سوريا'],
      ]) {
        assert.ok(has(label, text), `no ${label} mark «${text}» in ${JSON.stringify(found)}`);
      }
      assert.ok(found.some((m) => m.label === 'LOC' && m.text.includes('إدلب')), JSON.stringify(found));
      // Both spellings of Putin are one entity.
      const putin = found.filter((m) => m.text.includes('بوتين'));
      assert.equal(new Set(putin.map((m) => m.entity)).size, 1, JSON.stringify(putin));

      // The text is shown whole, right-to-left, and the marks cover exactly their surfaces.
      const shown = page.getByTestId('analyzed-text');
      assert.equal(await shown.textContent(), ARTICLE);
      assert.equal(await shown.getAttribute('dir'), 'rtl');

      // The pasted text is a document of its own, and current.
      assert.deepEqual(await docNames(page), [{ name: 'نص ملصق', current: true }]);

      // Each entity once, most mentioned first: Putin (2 mentions) leads.
      const entities = await page.$$eval('[data-testid=entity-item]', (nodes) =>
        nodes.map((node) => ({
          label: node.dataset.label,
          name: node.querySelector('.entity-name').textContent,
          count: Number(node.querySelector('.entity-count').textContent),
        })),
      );
      assert.equal(entities[0].name, 'فلاديمير بوتين', JSON.stringify(entities));
      assert.ok(entities[0].count >= 2, JSON.stringify(entities));
      assert.ok(entities.every((e, i) => i === 0 || e.count <= entities[i - 1].count), 'not most mentioned first');
      assert.equal(entities.filter((e) => e.name.includes('بوتين')).length, 1);

      // The legend names the six labels.
      const legend = await page.getByTestId('legend').textContent();
      for (const word of ['شخص', 'منظمة', 'مكان', 'متفرقات', 'تاريخ', 'رقم', 'PER', 'NUM']) {
        assert.ok(legend.includes(word), `legend lacks ${word}`);
      }

      // Markup and bidi controls in the input stay text.
      await page.getByTestId('input-text').fill('<img src=x onerror="window.pwned=1"> \u202Eموسكو\u202C');
      await page.locator('[data-testid=analyzed-text] .bidi-control').first().waitFor();
      assert.equal(await page.locator('[data-testid=analyzed-text] img').count(), 0);
      assert.equal(await page.evaluate(() => window.pwned), undefined);

      // Clearing the box brings the hint back.
      await page.getByTestId('input-text').fill('');
      await page.getByTestId('hint').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('loads .txt files from the picker and from a drop, and switches between them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-e2e-'));
    const { page, context, problems } = await openApp('files');
    try {
      writeFileSync(path.join(dir, FILE_A), TEXT_A, 'utf8');
      writeFileSync(path.join(dir, FILE_B), Buffer.from('\uFEFF' + TEXT_B, 'utf16le'));
      writeFileSync(path.join(dir, BROKEN), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2, 3]));
      writeFileSync(path.join(dir, FILE_C), TEXT_C, 'utf8');
      writeFileSync(path.join(dir, FILE_D), BYTES_D);
      writeFileSync(path.join(dir, PICTURE), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));

      // The picker: two good files and a broken one.
      await page.getByTestId('file-input').setInputFiles([FILE_A, BROKEN, FILE_B].map((f) => path.join(dir, f)));
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-item]').length === 2);
      assert.deepEqual(await docNames(page), [
        { name: FILE_A, current: true },
        { name: FILE_B, current: false },
      ]);
      const error = page.getByTestId('error');
      await error.waitFor();
      assert.equal(await error.count(), 1);
      assert.ok((await error.textContent()).includes(BROKEN), await error.textContent());
      await analyzed(page);
      assert.ok((await marks(page)).some((m) => m.label === 'PER' && m.text === 'فلاديمير بوتين'));

      // Switching.
      await page.getByTestId('doc-item').filter({ hasText: FILE_B }).click();
      await page.waitForFunction(
        (text) => document.querySelector('[data-testid=analyzed-text]')?.textContent === text,
        TEXT_B,
      );
      assert.deepEqual(await docNames(page), [
        { name: FILE_A, current: false },
        { name: FILE_B, current: true },
      ]);
      await analyzed(page);
      assert.ok((await marks(page)).some((m) => m.label === 'LOC' && m.text.includes('إدلب')));

      // A drop: a DataTransfer built in the page with the bytes of two more files and a picture.
      const dropped = [FILE_C, PICTURE, FILE_D].map((name) => ({
        name,
        bytes: readFileSync(path.join(dir, name)),
        type: name.endsWith('.png') ? 'image/png' : '',
      }));
      await drop(page, dropped);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-item]').length === 4);
      assert.deepEqual(await docNames(page), [
        { name: FILE_A, current: false },
        { name: FILE_B, current: false },
        { name: FILE_C, current: true },
        { name: FILE_D, current: false },
      ]);
      assert.equal(await page.getByTestId('analyzed-text').textContent(), TEXT_C);
      // The drop replaced the old error with one about the picture; the overlay is gone.
      assert.equal(await page.getByTestId('error').count(), 1);
      assert.ok((await page.getByTestId('error').textContent()).includes(PICTURE));
      assert.equal(await page.locator('.drop-overlay.visible').count(), 0);

      await page.getByTestId('doc-item').filter({ hasText: FILE_D }).click();
      await page.waitForFunction(
        (text) => document.querySelector('[data-testid=analyzed-text]')?.textContent === text,
        TEXT_D,
      );
      await page.getByTestId('doc-item').filter({ hasText: FILE_A }).click();
      await page.waitForFunction(
        (text) => document.querySelector('[data-testid=analyzed-text]')?.textContent === text,
        TEXT_A,
      );
      await analyzed(page);
      assert.ok((await marks(page)).some((m) => m.label === 'LOC' && m.text === 'موسكو'));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends nothing anywhere but the page’s own server', async () => {
    const { page, context, problems } = await openApp('network');
    try {
      await page.getByTestId('input-text').fill(ARTICLE);
      await page.locator('[data-testid=analyzed-text] mark').first().waitFor();
      await page.waitForTimeout(300);
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert.match(csp ?? '', /connect-src 'self'/);
      assert.deepEqual(problems, [], 'no CSP violation nor console error');
    } finally {
      await context.close();
    }
    assert.ok(requests.length > 0, 'no request recorded at all');
    assert.deepEqual(requestsElsewhere(requests, served.origin), [], 'requests left 127.0.0.1');
  });

  it('renders Arabic right-to-left at 1280px (screenshot in tests/e2e/artifacts/page.png)', async () => {
    const { page, context, problems } = await openApp('screenshot');
    try {
      await page.getByTestId('input-text').fill(ARTICLE);
      await page.locator('[data-testid=analyzed-text] mark').first().waitFor();
      // The sidebar sits on the left in a right-to-left page; the text column on the right.
      const main = await page.locator('.workspace').boundingBox();
      const side = await page.locator('.sidebar').boundingBox();
      assert.ok(side.x + side.width <= main.x + 1, `sidebar ${JSON.stringify(side)} not left of ${JSON.stringify(main)}`);
      const direction = await page.getByTestId('analyzed-text').evaluate((el) => getComputedStyle(el).direction);
      assert.equal(direction, 'rtl');
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'page.png'), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
