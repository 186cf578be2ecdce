// End-to-end: every export format, downloaded and copied, then parsed back.
// Run with `node --test tests/e2e/` after `trunk build --release --offline`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { servedApp } from './support.mjs';

const TEXT =
  'قال وزير الخارجية الروسي سيرغي لافروف إن «الحل في سوريا سياسي». ' +
  'وقتل 25 مدنيا في قصف على إدلب يوم 5 آذار/مارس 2024.';

const app = servedApp(before, after, assert);

/** Chooses `format`, clicks download and returns the saved files' [name, text]. */
async function downloadAs(page, format, count = 1) {
  await page.getByTestId('export-format').selectOption(format);
  const downloads = [];
  const collect = (download) => downloads.push(download);
  page.on('download', collect);
  await page.getByTestId('export-download').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=export-status]')?.textContent.length > 0);
  const deadline = Date.now() + 10_000;
  while (downloads.length < count && Date.now() < deadline) await page.waitForTimeout(50);
  page.off('download', collect);
  assert.equal(downloads.length, count, `${format}: ${downloads.length} downloads`);
  return Promise.all(
    downloads.map(async (d) => [d.suggestedFilename(), readFileSync(await d.path(), 'utf8')]),
  );
}

describe('exports', () => {
  it('downloads and copies JSON, CSV, figures CSV, CoNLL, brat and the HTML report, which parse back', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.served.origin });
    const page = await context.newPage();
    const problems = [];
    page.on('request', (request) => app.requests.push(request.url()));
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await page.goto(app.served.origin + '/');
      await page.getByTestId('input-text').fill(TEXT);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=analyzed-text] mark').length >= 4);

      const [[jsonName, json]] = await downloadAs(page, 'json');
      assert.ok(jsonName.endsWith('.json'), jsonName);
      const parsed = JSON.parse(json);
      const lavrov = parsed[0].entities.find((e) => e.text === 'سيرغي لافروف');
      assert.equal(lavrov.label, 'PER');
      assert.equal([...TEXT].slice(lavrov.start, lavrov.end).join(''), 'سيرغي لافروف');
      assert.equal(parsed[0].figures[0].value, 25);
      assert.equal(parsed[0].quotes[0].text, 'الحل في سوريا سياسي');

      const [[, csv]] = await downloadAs(page, 'csv');
      // A byte order mark first, for Excel on Windows.
      assert.ok(csv.startsWith('\uFEFFdocument,label,text,start,end,canonical,id,title'), csv.slice(0, 80));
      assert.ok(csv.includes(',PER,سيرغي لافروف,'), csv);

      const [[, figures]] = await downloadAs(page, 'figures-csv');
      assert.ok(figures.startsWith('\uFEFFdocument,value,'), figures.slice(0, 80));
      assert.ok(figures.split('\n')[1].includes(',25,'), figures);

      const [[, conll]] = await downloadAs(page, 'conll');
      const lines = conll.split('\n');
      assert.ok(lines.includes('سيرغي\tB-PER') && lines.includes('لافروف\tI-PER'), conll);

      const brat = await downloadAs(page, 'brat', 2);
      const ann = brat.find(([name]) => name.endsWith('.ann'))[1];
      const txt = brat.find(([name]) => name.endsWith('.txt'))[1];
      const chars = [...txt];
      for (const line of ann.split('\n').filter((l) => l.startsWith('T'))) {
        const [, spec, surface] = line.split('\t');
        const [, start, end] = spec.split(' ');
        assert.equal(chars.slice(Number(start), Number(end)).join(''), surface, line);
      }

      const [[, html]] = await downloadAs(page, 'html');
      assert.ok(html.includes('<mark') && !html.includes('<script'), html.slice(0, 200));

      await page.getByTestId('export-format').selectOption('json');
      await page.getByTestId('export-copy').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=export-status]')?.textContent.includes('الحافظة'));
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.deepEqual(JSON.parse(copied), parsed);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
