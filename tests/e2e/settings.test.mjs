// End-to-end tests of what the page remembers as settings: the interface language (Arabic or
// English, with the layout's direction), the theme, and the reader's own framing descriptors;
// each survives a reload. Screenshots of the English interface go to tests/e2e/artifacts/.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/settings.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { ARTIFACTS, servedApp, watchProblems } from './support.mjs';

const app = servedApp(before, after, assert);

// A report with people, places, figures, a quote and framing descriptors (one, «البغاة», not in
// the shipped lexicon).
const ARTICLE = [
  'قُتل 20 مدنيا على الأقل في قصف لقوات النظام السوري على ريف إدلب، بحسب المرصد السوري لحقوق الإنسان.',
  'وقال رائد الصالح مدير الدفاع المدني: «الشهداء بينهم أطفال».',
  'والتقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو.',
  'وقال المتحدث إن البغاة فروا من المدينة بعد أن هاجم البغاة حاجزا للجيش.',
].join('\n');

before(() => mkdirSync(ARTIFACTS, { recursive: true }));

/** A fresh context (its own IndexedDB) with the app open and the article pasted and analyzed. */
async function openWithArticle(label, { width = 1280, height = 900, init } = {}) {
  const context = await app.browser.newContext({ viewport: { width, height }, locale: 'ar', colorScheme: 'light' });
  context.on('request', (request) => app.requests.push(request.url()));
  const page = await context.newPage();
  const problems = [];
  await watchProblems(page, problems);
  if (init) await page.addInitScript(init);
  await page.goto(app.served.origin + '/');
  await page.getByTestId('input-text').waitFor({ state: 'visible', timeout: 15_000 });
  await page.getByTestId('input-text').fill(ARTICLE);
  await page.locator('[data-testid=analyzed-text] mark').first().waitFor();
  return { context, page, problems, label };
}

/** Reloads and waits until the restored article is analyzed again. */
async function reload(page) {
  await page.reload();
  await page.getByTestId('input-text').waitFor({ state: 'visible', timeout: 15_000 });
  await page.locator('[data-testid=analyzed-text] mark').first().waitFor();
}

/** Waits until IndexedDB holds `value` for the setting `key` (saving runs after the change). */
async function saved(page, key, value) {
  const read = () =>
    page.evaluate(
      (key) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('kashif');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('settings').objectStore('settings').get(key);
            get.onsuccess = () => {
              open.result.close();
              resolve(get.result ?? null);
            };
            get.onerror = () => reject(get.error);
          };
        }),
      key,
    );
  for (let i = 0; i < 50; i++) {
    const found = await read();
    if (typeof value === 'function' ? value(found) : found === value) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`setting ${key} was not saved as expected (it is ${JSON.stringify(await read())})`);
}

const root = (page, name) => page.getAttribute('html', name);

async function shot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
}

// Records the root's language, direction and theme at the moment the app first appears, to show
// the page is never drawn in the wrong ones after a reload.
function recordRootAtMount() {
  new MutationObserver((_, observer) => {
    if (!document.querySelector('.app')) return;
    const html = document.documentElement;
    window.rootAtMount = { lang: html.lang, dir: html.dir, theme: html.getAttribute('data-theme') };
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

describe('Kashif settings', () => {
  it('interface language: English lays the page out left to right, the article stays right to left; kept after a reload', async () => {
    const { page, context, problems } = await openWithArticle('lang', { init: recordRootAtMount });
    try {
      assert.equal(await root(page, 'lang'), 'ar');
      assert.equal(await root(page, 'dir'), 'rtl');
      const entitiesBefore = await page.locator('[data-testid=analyzed-text] mark').count();

      const lang = page.getByTestId('lang-switch');
      assert.equal((await lang.textContent()).trim(), 'English');
      await lang.click();
      await page.waitForFunction(() => document.documentElement.dir === 'ltr');
      assert.equal(await root(page, 'lang'), 'en');
      assert.equal(await page.title(), 'Kashif — entities in Arabic news');
      assert.ok(await page.getByText('Paste or type a news text here').isVisible());
      assert.equal((await page.getByTestId('privacy').textContent()).trim(), 'Texts are analyzed in your browser; nothing is sent to any server.');
      assert.equal((await lang.textContent()).trim(), 'العربية');
      // The pasted text is listed under its English name.
      assert.equal((await page.getByTestId('doc-item').first().textContent()).trim(), 'Pasted text');
      const tabs = await page.$$eval('[data-testid=view-tabs] [role=tab]', (nodes) => nodes.map((n) => n.textContent.trim()));
      assert.deepEqual(tabs, ['Text', 'Entities', 'Quotes', 'Figures', 'Framing']);
      // The article keeps its direction and its marks: nothing was analysed again.
      assert.equal(await page.getByTestId('analyzed-text').getAttribute('dir'), 'rtl');
      assert.equal(await page.getByTestId('input-text').getAttribute('dir'), 'rtl');
      assert.equal(await page.locator('[data-testid=analyzed-text] mark').count(), entitiesBefore);
      // The layout mirrors: the text panel is on the left now, the sidebar on the right.
      const left = (selector) => page.$eval(selector, (node) => node.getBoundingClientRect().left);
      assert.ok((await left('.sidebar')) > (await left('.workspace')), 'the sidebar is on the right in English');
      assert.ok((await left('.header-tools')) > 640, 'the switches sit at the top right in English');
      // The mention card, in English, over the right-to-left text.
      await page.locator('[data-testid=analyzed-text] mark[data-label=PER]').first().hover();
      await page.getByTestId('mention-card').waitFor();
      assert.equal((await page.getByTestId('card-type').textContent()).trim(), 'Person');
      assert.match(await page.getByTestId('card-count').textContent(), /mentions? in this document/);
      await shot(page, 'english-text.png');
      await page.mouse.move(0, 0);

      // The tables: English headers, Arabic names and quotes right to left.
      await page.getByTestId('tab-entities').click();
      await page.getByTestId('entity-table').waitFor();
      const headers = await page.$$eval('[data-testid=entity-table] thead th', (nodes) => nodes.map((n) => n.textContent));
      assert.ok(headers[0].includes('Entity') && headers[2].includes('Total'), JSON.stringify(headers));
      await shot(page, 'english-entities.png');
      await page.getByTestId('tab-quotes').click();
      await page.getByTestId('quote-table').waitFor();
      assert.equal(await page.locator('[data-testid=quote-row] .quote-text').first().getAttribute('dir'), 'rtl');
      await shot(page, 'english-quotes.png');
      await page.getByTestId('tab-figures').click();
      await page.getByTestId('figure-table').waitFor();
      await shot(page, 'english-figures.png');
      await page.getByTestId('tab-framing').click();
      await page.getByTestId('framing-table').waitFor();
      assert.ok(await page.getByText('Framing: how the documents describe the actors').isVisible());
      await shot(page, 'english-framing.png');
      await page.getByTestId('tab-text').click();

      // Saved, and back after a reload, from the first frame on.
      await saved(page, 'lang', 'en');
      await reload(page);
      assert.deepEqual(await page.evaluate(() => window.rootAtMount), { lang: 'en', dir: 'ltr', theme: null });
      assert.ok(await page.getByText('Paste or type a news text here').isVisible());
      assert.equal(await page.getByTestId('analyzed-text').getAttribute('dir'), 'rtl');

      // And back to Arabic.
      await page.getByTestId('lang-switch').click();
      await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      assert.equal(await root(page, 'lang'), 'ar');
      assert.ok(await page.getByText('الصق نص خبر أو اكتبه هنا').isVisible());
      assert.equal((await page.getByTestId('doc-item').first().textContent()).trim(), 'نص ملصق');
      await saved(page, 'lang', 'ar');
      await reload(page);
      assert.equal(await root(page, 'dir'), 'rtl');
      assert.equal((await page.getByTestId('lang-switch').textContent()).trim(), 'English');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('English at phone width (screenshot)', async () => {
    const { page, context, problems } = await openWithArticle('lang-phone', { width: 390, height: 844 });
    try {
      await page.getByTestId('lang-switch').click();
      await page.waitForFunction(() => document.documentElement.dir === 'ltr');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone`);
      await shot(page, 'english-phone.png');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('theme: the dark theme chosen is kept after a reload', async () => {
    const { page, context, problems } = await openWithArticle('theme', { init: recordRootAtMount });
    try {
      const toggle = page.getByTestId('theme-toggle');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'a light system starts light');
      await toggle.click();
      assert.equal(await root(page, 'data-theme'), 'dark');
      await saved(page, 'theme', 'dark');
      await reload(page);
      assert.equal(await root(page, 'data-theme'), 'dark');
      assert.equal((await page.evaluate(() => window.rootAtMount)).theme, 'dark', 'dark from the first frame');
      await page.waitForFunction(() => document.querySelector('[data-testid=theme-toggle]').getAttribute('aria-pressed') === 'true');
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      const [r, g, b] = background.match(/\d+/g).map(Number);
      assert.ok(r + g + b < 150, `dark background ${background}`);
      // Back to light, kept too.
      await page.getByTestId('theme-toggle').click();
      assert.equal(await root(page, 'data-theme'), 'light');
      await saved(page, 'theme', 'light');
      await reload(page);
      assert.equal(await root(page, 'data-theme'), 'light');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('own descriptors: one added is counted in the framing table, kept after a reload, and can be removed', async () => {
    const { page, context, problems } = await openWithArticle('descriptors');
    try {
      const row = page.locator('[data-testid=framing-row][data-descriptor="البغاة"]');
      const chip = page.locator('[data-testid=own-descriptor][data-term="البغاة"]');
      await page.getByTestId('tab-framing').click();
      await page.getByTestId('framing-table').waitFor();
      assert.equal(await row.count(), 0, 'not a shipped descriptor');

      await page.getByTestId('descriptor-input').fill('البغاة');
      await page.getByTestId('descriptor-category').selectOption('pejorative');
      await page.getByTestId('descriptor-add').click();
      await row.waitFor();
      assert.deepEqual(await row.locator('[data-testid=framing-cell]').allTextContents(), ['2']);
      assert.equal(await row.getAttribute('data-category'), 'pejorative');
      assert.equal(await chip.count(), 1);
      assert.equal(await page.getByTestId('descriptor-input').inputValue(), '', 'the box is emptied');

      // A term the lexicon already counts is refused, naming the descriptor that counts it.
      await page.getByTestId('descriptor-input').fill('ميليشيات');
      await page.getByTestId('descriptor-add').click();
      assert.ok((await page.getByTestId('descriptor-known').textContent()).includes('الميليشيات'));
      assert.equal(await page.getByTestId('own-descriptor').count(), 1);

      await saved(page, 'descriptors', (value) => typeof value === 'string' && value.includes('البغاة\tpejorative'));
      await reload(page);
      await page.getByTestId('tab-framing').click();
      await row.waitFor();
      assert.deepEqual(await row.locator('[data-testid=framing-cell]').allTextContents(), ['2']);
      assert.equal(await chip.count(), 1);
      await shot(page, 'framing-own-descriptor.png');

      // Removed, the undo bar says so and puts it back.
      await chip.getByTestId('descriptor-remove').click();
      await page.waitForFunction(() => !document.querySelector('[data-testid=framing-row][data-descriptor="البغاة"]'));
      assert.equal(await page.getByTestId('undo-what').textContent(), 'حُذف الوصف «\u2067البغاة\u2069»');
      await page.getByTestId('undo').click();
      await row.waitFor();
      assert.equal(await chip.count(), 1);

      // Removed: gone from the table and the list, and after a reload.
      await chip.getByTestId('descriptor-remove').click();
      await page.waitForFunction(() => !document.querySelector('[data-testid=framing-row][data-descriptor="البغاة"]'));
      assert.equal(await page.getByTestId('own-descriptor').count(), 0);
      await saved(page, 'descriptors', (value) => typeof value === 'string' && !value.includes('البغاة'));
      await reload(page);
      await page.getByTestId('tab-framing').click();
      await page.getByTestId('framing-table').waitFor();
      assert.equal(await row.count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
