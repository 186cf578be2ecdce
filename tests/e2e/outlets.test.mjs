// End-to-end tests of outlets side by side, against dist/: each document shows the outlet and
// date its text gives (a dateline `أنقرة، 28 فبراير 2020 (رويترز) -`, a signature `(أ ف ب)`)
// (or a web page's meta tags) under its name, with its headline as tooltip, also after a reload; the comparison tables head their document
// columns with the outlet, not the file name, and fit 1280 px without sideways scrolling; while a
// file is shown the paste box takes two lines.
// Screenshots: tests/e2e/artifacts/outlets-list.png and outlets-entities.png.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/outlets.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ARTIFACTS, openPage, servedApp } from './support.mjs';

const app = servedApp(before, after, assert);
before(() => mkdirSync(ARTIFACTS, { recursive: true }));

// Our own short articles of one story, as two agencies and a site would file them.
const ARTICLES = {
  'reuters-idlib-2020-02-28-long-file-name-from-the-archive.txt':
    'أنقرة تعلن مقتل 34 جنديا تركيا في إدلب\n\n' +
    'أنقرة، 28 فبراير 2020 (رويترز) - أعلنت وزارة الدفاع التركية مقتل 34 جنديا في غارة على ريف إدلب، ' +
    'وقال الرئيس رجب طيب أردوغان إن بلاده سترد.\n',
  'afp.txt':
    'قتلى أتراك في غارة على إدلب\n\n' +
    'بيروت (أ ف ب) - قتل 33 جنديا تركيا في غارة جوية نسبت إلى قوات النظام السوري في محافظة إدلب، ' +
    'بحسب المرصد السوري لحقوق الإنسان.\n',
  'site.txt':
    'تصعيد في شمال غرب سوريا\n\n' +
    'شهدت محافظة إدلب تصعيدا جديدا بعد غارة قتل فيها جنود أتراك، وفق ما أعلنت أنقرة.\n\n' +
    'المصدر: موقع الخبر اليومي\n',
  'page.html':
    '<html><head><title>غارات على إدلب | سكاي نيوز عربية</title>' +
    '<meta property="og:site_name" content="سكاي نيوز عربية">' +
    '<meta property="article:published_time" content="2020-02-28T09:15:00+04:00"></head>' +
    '<body><article><p>قالت مصادر إن الغارات استهدفت ريف إدلب الجنوبي.</p></article></body></html>',
};

describe('outlets side by side', () => {
  it('lists each document with its outlet and date, and heads the table columns with them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-outlets-'));
    const files = Object.entries(ARTICLES).map(([name, text]) => {
      const file = path.join(dir, name);
      writeFileSync(file, text, 'utf8');
      return file;
    });
    const { context, page, check } = await openPage(app);
    try {
      await page.getByTestId('file-input').setInputFiles(files);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-detail]').length === 4, null, {
        timeout: 15_000,
      });
      const details = await page.$$eval('[data-testid=doc-item]', (items) =>
        items.map((item) => [(item.querySelector('[data-testid=doc-detail]')?.textContent ?? '').replace(/[\u2066-\u2069]/g, ''), item.title]),
      );
      assert.deepEqual(details, [
        ['رويترز · 2020-02-28', 'أنقرة تعلن مقتل 34 جنديا تركيا في إدلب'],
        ['فرانس برس', 'قتلى أتراك في غارة على إدلب'],
        ['موقع الخبر اليومي', 'تصعيد في شمال غرب سوريا'],
        // A web page says it in its meta tags and title.
        ['سكاي نيوز عربية · 2020-02-28', 'غارات على إدلب'],
      ]);
      await page.locator('aside').screenshot({ path: path.join(ARTIFACTS, 'outlets-list.png') });
      // A file is shown: the paste box steps back to two lines, so the results stay in view.
      const box = await page.getByTestId('input-text').evaluate((e) => [e.classList.contains('compact'), e.getBoundingClientRect().height]);
      assert.ok(box[0] && box[1] < 80, `paste box ${box}`);
      // What the page's markup said is saved with it.
      await page.reload();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-detail]').length === 4, null, {
        timeout: 15_000,
      });
      const html = await page.getByTestId('doc-item').filter({ hasText: 'page.html' }).getByTestId('doc-detail').textContent();
      assert.equal(html.replace(/[\u2066-\u2069]/g, ''), 'سكاي نيوز عربية · 2020-02-28');

      await page.getByTestId('tab-entities').click();
      const table = page.getByTestId('entity-table');
      await table.waitFor();
      const headers = (await table.locator('thead th').allTextContents()).map((h) => h.replace(/[\u2066-\u2069]/g, ''));
      for (const outlet of ['رويترز · 2020-02-28', 'فرانس برس', 'موقع الخبر اليومي']) {
        assert.ok(headers.some((h) => h.includes(outlet)), `${outlet} in ${headers.join(' | ')}`);
      }
      const titles = await table.locator('thead th[title]').evaluateAll((ths) => ths.map((th) => th.title));
      assert.ok(titles.some((t) => t.includes('reuters-idlib') && t.includes('أنقرة تعلن')), titles.join(' | '));
      // No sideways scrolling at 1280 px, however long the file name.
      const overflow = await page.evaluate(() => {
        const scroller = document.querySelector('[data-testid=entity-table]').closest('.table-scroll');
        return [scroller.scrollWidth - scroller.clientWidth, document.documentElement.scrollWidth - innerWidth];
      });
      assert.ok(overflow[0] <= 1 && overflow[1] <= 0, `sideways overflow (table, page): ${overflow}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'outlets-entities.png'), fullPage: true });
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
