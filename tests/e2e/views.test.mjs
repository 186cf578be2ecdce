// End-to-end tests of the workspace views (entities, quotes, figures, framing) and the reading
// view's extras (legend toggles, mention card, stepping, theme, phone width), against dist/.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/views.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ARTIFACTS, ROOT, launchBrowser, requireDist, serveDist } from './support.mjs';

// Two reports of one strike that disagree on the civilian toll (20 against 12) and frame the
// Syrian government differently (قوات النظام against الحكومة).
const FILE_A = 'مصدر-أ.txt';
const TEXT_A = [
  'قُتل 20 مدنيا على الأقل في قصف لقوات النظام السوري على ريف إدلب، بحسب المرصد السوري لحقوق الإنسان.',
  'وقال رائد الصالح مدير الدفاع المدني: «الشهداء بينهم أطفال». وقالت مصادر محلية إن القصف توقف.',
  'والتقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان، وقال بوتين إن موسكو تدعم الحل.',
].join('\n');
const FILE_B = 'مصدر-ب.txt';
const TEXT_B = [
  'أعلنت الحكومة السورية مقتل 35 مسلحا في ريف إدلب.',
  'وقالت وكالة سانا إن الجيش العربي السوري تصدى لهجوم الإرهابيين، وأسفر القصف عن مقتل 12 مدنيا.',
  'وقال بوتين إن الحل سياسي.',
].join('\n');

let served;
let browser;
let dir;
const requests = [];

before(async () => {
  requireDist();
  served = await serveDist();
  browser = await launchBrowser();
  dir = mkdtempSync(path.join(tmpdir(), 'kashif-views-'));
  writeFileSync(path.join(dir, FILE_A), TEXT_A, 'utf8');
  writeFileSync(path.join(dir, FILE_B), TEXT_B, 'utf8');
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (served ? served.server.close(resolve) : resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The five-article story of crates/kashif-core/tests/claims: two outlets disagree on the Turkish toll (33 against
// 34), one article quotes two sources with two figures; every other figure is of another group,
// place or period.
const STORY = ['a', 'b', 'c', 'd', 'e'].map((x) => path.join(ROOT, 'crates', 'kashif-core', 'tests', 'claims', `story-${x}.txt`));

/** A fresh page with both documents (or `files`) loaded through the file input; the first is shown. */
async function openWithDocs(label, { width = 1280, height = 900, colorScheme = 'light', files = null } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'ar', colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on('request', (request) => requests.push([label, request.url()]));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await page.goto(served.origin + '/');
  await page.getByTestId('input-text').waitFor({ state: 'visible', timeout: 15_000 });
  const paths = files ?? [FILE_A, FILE_B].map((f) => path.join(dir, f));
  await page.getByTestId('file-input').setInputFiles(paths);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=doc-item]').length === n, paths.length);
  await page.locator('[data-testid=analyzed-text] mark').first().waitFor();
  return { page, context, problems };
}

async function currentDoc(page) {
  return page.$eval('[data-testid=doc-item][aria-current=true]', (node) => node.textContent);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
}

describe('Kashif workspace views', () => {
  it('entity table: one row per entity across documents, variants merged, a click jumps to the mention', async () => {
    const { page, context, problems } = await openWithDocs('entities');
    try {
      await page.getByTestId('tab-entities').click();
      await page.getByTestId('entity-table').waitFor();
      assert.equal(await page.getByTestId('tab-entities').getAttribute('aria-selected'), 'true');
      // The reading view is hidden while a table is shown.
      assert.equal(await page.getByTestId('analyzed-text').isVisible(), false);

      const putin = page.locator('[data-testid=entity-row][data-entity="per:vladimir-putin"]');
      assert.equal(await putin.count(), 1, 'Putin is one row');
      const cells = await putin.locator('[data-testid=entity-cell]').allTextContents();
      assert.deepEqual(cells.map(Number), [2, 1]);
      assert.ok((await putin.getByTestId('entity-spellings').textContent()).includes('بوتين'));
      // Most mentioned first.
      const totals = await page.$$eval('[data-testid=entity-row] .total', (nodes) => nodes.map((n) => Number(n.textContent)));
      assert.ok(totals.every((t, i) => i === 0 || t <= totals[i - 1]), JSON.stringify(totals));
      await shot(page, 'entities-light.png');

      // Filters: by text (folded: no hamza needed) and by type.
      await page.getByTestId('entity-filter').fill('اردوغان');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=entity-row]').length === 1);
      assert.ok((await page.getByTestId('entity-row').textContent()).includes('أردوغان'));
      await page.getByTestId('entity-filter').fill('');
      await page.getByTestId('entity-type-filter').selectOption('LOC');
      const labels = await page.$$eval('[data-testid=entity-row]', (rows) => rows.map((r) => r.dataset.label));
      assert.ok(labels.length > 0 && labels.every((l) => l === 'LOC'), JSON.stringify(labels));
      await page.getByTestId('entity-type-filter').selectOption('');

      // Sorting by name (click the header), then back.
      await page.getByTestId('sort-header').first().click();
      const names = await page.$$eval('[data-testid=entity-row] .entity-name', (nodes) => nodes.map((n) => n.textContent));
      assert.deepEqual(names, [...names].sort());
      assert.equal(await page.locator('th[aria-sort=ascending]').count(), 1);

      // Clicking Putin's count in the second document shows it, on his mention there.
      await putin.locator('[data-testid=entity-cell][data-doc="1"]').click();
      await page.getByTestId('analyzed-text').waitFor({ state: 'visible' });
      assert.equal(await currentDoc(page), FILE_B);
      await page.waitForFunction(() => document.activeElement?.tagName === 'MARK');
      const active = await page.evaluate(() => ({
        entity: document.activeElement.dataset.entity,
        text: document.activeElement.textContent,
      }));
      assert.deepEqual(active, { entity: 'per:vladimir-putin', text: 'بوتين' });
      assert.equal(await page.getByTestId('tab-text').getAttribute('aria-selected'), 'true');
      assert.equal(await page.getByTestId('stepper-count').textContent(), '1 / 1');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('quotes: speakers with their words and documents, the unnamed last', async () => {
    const { page, context, problems } = await openWithDocs('quotes');
    try {
      await page.getByTestId('tab-quotes').click();
      await page.getByTestId('quote-table').waitFor();
      const rows = await page.$$eval('[data-testid=quote-row]', (nodes) =>
        nodes.map((n) => ({ speaker: n.dataset.speaker, doc: Number(n.dataset.doc), text: n.textContent })),
      );
      const saleh = rows.find((r) => r.speaker === 'per:raed-al-saleh');
      assert.ok(saleh && saleh.text.includes('الشهداء بينهم أطفال') && saleh.doc === 0, JSON.stringify(rows));
      const putin = rows.filter((r) => r.speaker === 'per:vladimir-putin');
      assert.deepEqual(putin.map((r) => r.doc), [0, 1], JSON.stringify(rows));
      assert.ok(rows.some((r) => r.speaker === 'org:sana' && r.doc === 1), JSON.stringify(rows));
      const unnamed = rows.filter((r) => r.speaker === '');
      assert.equal(unnamed.length, 1, JSON.stringify(rows));
      assert.ok(unnamed[0].text.includes('غير معروف') && unnamed[0].text.includes('القصف توقف'));
      assert.equal(rows[rows.length - 1].speaker, '', 'the unnamed quote comes last');

      // A click on the document shows the quote, lit up.
      await page.locator('[data-testid=quote-row][data-speaker="org:sana"] [data-testid=quote-jump]').click();
      await page.getByTestId('spotlight').first().waitFor();
      assert.equal(await currentDoc(page), FILE_B);
      assert.ok((await page.getByTestId('analyzed-text').locator('.spotlight').allTextContents()).join('').includes('تصدى لهجوم'));
      assert.equal(await page.getByTestId('analyzed-text').textContent(), TEXT_B, 'the text is unchanged');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('figures: both documents side by side, the disagreement on the toll marked', async () => {
    const { page, context, problems } = await openWithDocs('figures');
    try {
      await page.getByTestId('tab-figures').click();
      await page.getByTestId('figure-table').waitFor();
      const civilians = page.locator('[data-testid=figure-group][data-counts=civilians]');
      assert.equal(await civilians.count(), 1);
      assert.equal(await civilians.getByTestId('disagreement').textContent(), 'تباين');
      const values = await civilians.locator('[data-testid=figure-cell]').evaluateAll((cells) =>
        cells.map((c) => [Number(c.dataset.doc), [...c.querySelectorAll('[data-testid=figure-value]')].map((v) => v.dataset.value)]),
      );
      assert.deepEqual(values, [[0, ['20']], [1, ['12']]]);
      assert.ok((await civilians.textContent()).includes('على الأقل'));
      // The disagreeing group comes first; the fighters, counted by one document, are not marked.
      assert.equal(await page.getByTestId('figure-group').first().getAttribute('data-counts'), 'civilians');
      const fighters = page.locator('[data-testid=figure-group][data-counts=fighters]');
      assert.equal(await fighters.getByTestId('disagreement').count(), 0);
      await shot(page, 'figures-light.png');

      await civilians.locator('[data-testid=figure-cell][data-doc="1"] [data-testid=figure-value]').click();
      await page.getByTestId('spotlight').first().waitFor();
      assert.equal(await currentDoc(page), FILE_B);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('framing: one actor named differently by each document; own descriptors are counted', async () => {
    const { page, context, problems } = await openWithDocs('framing');
    try {
      await page.getByTestId('tab-framing').click();
      await page.getByTestId('framing-table').waitFor();
      const counts = async (descriptor, actor) =>
        page
          .locator(`[data-testid=framing-row][data-descriptor="${descriptor}"][data-actor="${actor}"] [data-testid=framing-cell]`)
          .allTextContents();
      assert.deepEqual(await counts('قوات النظام', 'cc:SY'), ['1', '0']);
      assert.deepEqual(await counts('الحكومة', 'cc:SY'), ['0', '1']);
      assert.deepEqual(await counts('الإرهابيين', ''), ['0', '1']);
      assert.equal(
        await page.locator('[data-testid=framing-row][data-descriptor="الشهداء"]').getAttribute('data-category'),
        'sympathetic',
      );
      // The category filter.
      await page.getByTestId('framing-category-filter').selectOption('pejorative');
      const categories = await page.$$eval('[data-testid=framing-row]', (rows) => rows.map((r) => r.dataset.category));
      assert.ok(categories.length > 0 && categories.every((c) => c === 'pejorative'), JSON.stringify(categories));
      await page.getByTestId('framing-category-filter').selectOption('');
      // A descriptor of the reader's own.
      await page.getByTestId('descriptor-input').fill('القصف');
      await page.getByTestId('descriptor-category').selectOption('neutral');
      await page.getByTestId('descriptor-add').click();
      await page.locator('[data-testid=framing-row][data-descriptor="القصف"]').waitFor();
      assert.deepEqual(await counts('القصف', ''), ['1', '1']);
      await shot(page, 'framing-light.png');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('reading view: legend toggles, mention card on hover and focus, stepping through mentions', async () => {
    const { page, context, problems } = await openWithDocs('reading');
    try {
      const text = page.getByTestId('analyzed-text');
      // Legend: hiding people leaves their names as plain text.
      const per = page.locator('[data-testid=legend-toggle][data-label=PER]');
      assert.equal(await per.getAttribute('aria-pressed'), 'true');
      assert.ok((await text.locator('mark[data-label=PER]').count()) > 0);
      await per.click();
      assert.equal(await per.getAttribute('aria-pressed'), 'false');
      await page.waitForFunction(() => !document.querySelector('[data-testid=analyzed-text] mark[data-label=PER]'));
      assert.equal(await text.textContent(), TEXT_A);
      assert.ok((await text.locator('mark[data-label=LOC]').count()) > 0, 'other types stay marked');
      await per.click();
      await text.locator('mark[data-label=PER]').first().waitFor();

      // The card: on hover…
      const putin = text.locator('mark[data-entity="per:vladimir-putin"]');
      await putin.first().hover();
      const card = page.getByTestId('mention-card');
      await card.waitFor();
      assert.equal(await card.getByTestId('card-type').textContent(), 'شخص');
      assert.equal(await card.getByTestId('card-name').textContent(), 'فلاديمير بوتين');
      assert.ok((await card.getByTestId('card-count').textContent()).startsWith('2 '), await card.textContent());
      assert.ok((await card.getByTestId('card-spellings').textContent()).includes('بوتين'));
      await shot(page, 'reading-card-light.png');
      await page.mouse.move(5, 5);
      await card.waitFor({ state: 'detached' });
      // …and on keyboard focus (one mark is in the tab order, the arrows reach the others).
      const stops = await text.locator('mark').evaluateAll((marks) => marks.filter((m) => m.tabIndex === 0).length);
      assert.equal(stops, 1);
      await putin.nth(1).focus();
      await card.waitFor();
      assert.equal(await card.getByTestId('card-name').textContent(), 'فلاديمير بوتين');

      // Stepping: the entity list starts at the first mention; n / p move.
      await page.locator('[data-testid=entity-item][data-entity="per:vladimir-putin"] button').click();
      await page.getByTestId('stepper').waitFor();
      assert.equal(await page.getByTestId('stepper-count').textContent(), '1 / 2');
      await page.keyboard.press('n');
      assert.equal(await page.getByTestId('stepper-count').textContent(), '2 / 2');
      await page.waitForFunction(() => document.activeElement?.dataset?.entity === 'per:vladimir-putin');
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'بوتين');
      await page.keyboard.press('p');
      assert.equal(await page.getByTestId('stepper-count').textContent(), '1 / 2');
      await page.getByTestId('step-next').click();
      assert.equal(await page.getByTestId('stepper-count').textContent(), '2 / 2');
      await page.keyboard.press('Escape');
      await page.getByTestId('stepper').waitFor({ state: 'detached' });
      // Clicking a mention follows its entity from there.
      await text.locator('mark[data-entity="per:raed-al-saleh"]').click();
      assert.equal(await page.getByTestId('stepper-count').textContent(), '1 / 1');
      await page.mouse.move(5, 5);
      await shot(page, 'reading-light.png');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('theme: follows the system, and the toggle switches to dark and back (screenshots in dark)', async () => {
    const { page, context, problems } = await openWithDocs('theme');
    try {
      const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      const light = await background();
      const toggle = page.getByTestId('theme-toggle');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await toggle.click();
      assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      const dark = await background();
      assert.notEqual(dark, light);
      const [r, g, b] = dark.match(/\d+/g).map(Number);
      assert.ok(r + g + b < 150, `dark background ${dark}`);
      await page.mouse.move(5, 5);
      await shot(page, 'reading-dark.png');
      await page.getByTestId('tab-entities').click();
      await page.getByTestId('entity-table').waitFor();
      await shot(page, 'entities-dark.png');
      await page.getByTestId('tab-figures').click();
      await page.getByTestId('figure-table').waitFor();
      await shot(page, 'figures-dark.png');
      await toggle.click();
      assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
      assert.equal(await background(), light);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }

    // A system in dark mode gets the dark theme without touching the toggle.
    const system = await openWithDocs('theme-system', { colorScheme: 'dark' });
    try {
      assert.equal(await system.page.getByTestId('theme-toggle').getAttribute('aria-pressed'), 'true');
      const bg = await system.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g).map(Number);
      assert.ok(r + g + b < 150, `dark background ${bg}`);
      assert.deepEqual(system.problems, []);
    } finally {
      await system.context.close();
    }
  });

  it('figures: a five-article story, the Turkish toll one flagged group with every claim and its source; nothing else flagged', async () => {
    const { page, context, problems } = await openWithDocs('claims', { files: STORY });
    try {
      await page.getByTestId('tab-figures').click();
      await page.getByTestId('figure-table').waitFor();
      const flagged = page.locator('[data-testid=figure-group]:has([data-testid=disagreement])');
      assert.equal(await flagged.count(), 1);
      const toll = flagged.first();
      assert.equal(await toll.getAttribute('data-counts'), 'soldiers');
      assert.equal(await toll.getAttribute('data-side'), 'turkish');
      assert.equal(await toll.getAttribute('data-event'), 'killed');
      assert.equal(await toll.getByTestId('spread').textContent(), 'من 30 إلى 34');
      // The claims of each outlet, with their sources; the third article gives two.
      const claims = await toll.locator('[data-testid=figure-cell]').evaluateAll((cells) =>
        cells.map((c) => [
          Number(c.dataset.doc),
          [...c.querySelectorAll('[data-testid=claim]')].map((claim) => [
            claim.querySelector('[data-testid=figure-value]').dataset.value,
            claim.querySelector('[data-testid=claim-source]').textContent,
          ]),
        ]),
      );
      assert.deepEqual(claims, [
        [0, [['33', 'بحسب وزارة الدفاع التركية']]],
        [1, [['34', 'بحسب أنقرة']]],
        [2, [['34', 'بحسب أنقرة'], ['33', 'بحسب البيت الأبيض']]],
        [4, [['30', 'بحسب المستند نفسه']]],
      ]);
      assert.ok((await toll.textContent()).includes('المكان: إدلب'));
      // The regime's losses are a group of their own, and agree.
      const regime = page.locator('[data-testid=figure-group][data-side=syrian-government]');
      assert.equal(await regime.count(), 1);
      assert.equal(await regime.getByTestId('disagreement').count(), 0);
      // Civilians of two places and periods: two groups, neither flagged.
      assert.equal(await page.locator('[data-testid=figure-group][data-counts=civilians]').count(), 2);
      // The whole view fits 1280 px: nothing to scroll sideways.
      const sideways = () =>
        page.$eval('.table-scroll', (node) => node.scrollWidth - node.clientWidth);
      assert.equal(await sideways(), 0, 'the figures table scrolls sideways at 1280 px');
      await shot(page, 'claims-1280.png');

      // A click on a claim shows it in its document.
      await toll.locator('[data-testid=figure-cell][data-doc="2"] [data-testid=figure-value]').nth(1).click();
      await page.getByTestId('spotlight').first().waitFor();
      assert.equal(await currentDoc(page), 'story-c.txt');

      // At 390 px the outlets stack, one under the other, and nothing scrolls sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('tab-figures').click();
      await page.getByTestId('figure-table').waitFor();
      assert.equal(await sideways(), 0, 'the figures table scrolls sideways at 390 px');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0);
      const boxes = await flagged.first().locator('[data-testid=figure-cell]').evaluateAll((cells) =>
        cells.map((c) => c.getBoundingClientRect()).map((r) => [r.top, r.bottom]),
      );
      for (let k = 1; k < boxes.length; k++) assert.ok(boxes[k][0] >= boxes[k - 1][1] - 1, `outlets not stacked: ${JSON.stringify(boxes)}`);
      await shot(page, 'claims-390.png');
      await flagged.first().screenshot({ path: path.join(ARTIFACTS, 'claims-390-toll.png') });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('phone width (390px): no horizontal page overflow; the sidebar stacks under the text; tables scroll', async () => {
    const { page, context, problems } = await openWithDocs('phone', { width: 390, height: 844 });
    try {
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(await overflow(), 0, 'reading view overflows');
      const text = await page.locator('.workspace').boundingBox();
      const side = await page.locator('.sidebar').boundingBox();
      assert.ok(side.y >= text.y + text.height - 1, `sidebar ${JSON.stringify(side)} not under ${JSON.stringify(text)}`);
      await shot(page, 'phone-reading.png');
      for (const tab of ['entities', 'quotes', 'figures', 'framing']) {
        await page.getByTestId(`tab-${tab}`).click();
        await page.locator('.table-scroll').first().waitFor();
        assert.equal(await overflow(), 0, `${tab} overflows the page`);
      }
      await page.getByTestId('tab-figures').click();
      await shot(page, 'phone-figures.png');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('asks nothing of any server but the page’s own', () => {
    assert.ok(requests.length > 0);
    const origin = new URL(served.origin);
    const elsewhere = requests.filter(([, url]) => {
      const parsed = new URL(url);
      if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
      return parsed.hostname !== origin.hostname || parsed.port !== origin.port;
    });
    assert.deepEqual(elsewhere, []);
  });
});
