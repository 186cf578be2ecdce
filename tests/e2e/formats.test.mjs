// End-to-end: a folder of mixed article files (Markdown, a saved web page, a Word document, a
// Windows-1256 text, a file in a subfolder, a broken one) picked as a folder and dropped.
// Run with `node --test tests/e2e/` after `trunk build --release --offline`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { drop, servedApp, zip } from './support.mjs';

const MD = '# خبر\n\nالتقى **سيرغي لافروف** نظيره [التركي](https://example.org) في أنقرة.\n';
const HTML =
  '<!doctype html><html><head><title>خبر</title><script>var secret = "سكربت خفي";</script>' +
  '<style>p{color:red}</style></head><body><nav>الرئيسية | أخبار</nav>' +
  '<article><p>قصفت الطائرات ريف إدلب &laquo;صباح اليوم&raquo;.</p></article>' +
  '<footer>جميع الحقوق محفوظة</footer></body></html>';
const DOCX_TEXT = 'وصل وزير الخارجية إلى بغداد قادما من عمّان.';
// 'عاد الوفد إلى دمشق بعد زيارة القاهرة.' in Windows-1256.
const CP1256 = Buffer.from('dac7cf20c7e1e6ddcf20c5e1ec20cfe3d4de20c8dacf20d2edc7d1c920c7e1dec7e5d1c92e', 'hex');
const SUB_TEXT = 'أعلنت الأمم المتحدة نزوح 200 ألف شخص.';

function docx(text) {
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    `<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;
  return zip([
    ['[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types/>', 'utf8')],
    ['word/document.xml', Buffer.from(xml, 'utf8')],
  ]);
}

const app = servedApp(before, after, assert);

async function openApp() {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
  const page = await context.newPage();
  const problems = [];
  page.on('request', (request) => app.requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(app.served.origin + '/');
  await page.getByTestId('input-text').waitFor({ state: 'visible', timeout: 15_000 });
  return { page, context, problems };
}

/** The text shown for the document named `name`. */
async function textOf(page, name) {
  await page.getByTestId('doc-item').filter({ hasText: name }).click();
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid=doc-item][aria-current=true]')?.textContent.includes(n),
    name,
  );
  return page.getByTestId('analyzed-text').textContent();
}

describe('documents in any form', () => {
  it('reads a picked folder of .md, .html, .docx, Windows-1256 and nested files, and names the broken one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-formats-'));
    const folder = path.join(dir, 'articles');
    mkdirSync(path.join(folder, 'more'), { recursive: true });
    writeFileSync(path.join(folder, 'a.md'), MD, 'utf8');
    writeFileSync(path.join(folder, 'b.html'), HTML, 'utf8');
    writeFileSync(path.join(folder, 'c.docx'), docx(DOCX_TEXT));
    writeFileSync(path.join(folder, 'd-1256.txt'), CP1256);
    writeFileSync(path.join(folder, 'broken.docx'), Buffer.from('PK\u0003\u0004 not really a zip'));
    writeFileSync(path.join(folder, 'more', 'e.txt'), SUB_TEXT, 'utf8');
    const { page, context, problems } = await openApp();
    try {
      await page.getByTestId('folder-input').setInputFiles(folder);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-item]').length === 5);
      const names = await page.$$eval('[data-testid=doc-item]', (nodes) => nodes.map((n) => n.textContent));
      assert.deepEqual([...names].sort(), ['a.md', 'b.html', 'c.docx', 'd-1256.txt', 'e.txt']);
      const error = page.getByTestId('error');
      await error.waitFor();
      assert.ok((await error.textContent()).includes('broken.docx'), await error.textContent());

      const md = await textOf(page, 'a.md');
      assert.ok(md.includes('التقى سيرغي لافروف نظيره التركي في أنقرة.'), md);
      assert.ok(!md.includes('**') && !md.includes('https://'), md);
      const html = await textOf(page, 'b.html');
      assert.ok(html.includes('قصفت الطائرات ريف إدلب «صباح اليوم».'), html);
      for (const dropped of ['سكربت خفي', 'color:red', 'الرئيسية', 'جميع الحقوق']) {
        assert.ok(!html.includes(dropped), `${dropped} in ${html}`);
      }
      assert.equal((await textOf(page, 'c.docx')).trim(), DOCX_TEXT);
      assert.equal((await textOf(page, 'd-1256.txt')).trim(), 'عاد الوفد إلى دمشق بعد زيارة القاهرة.');
      assert.equal((await textOf(page, 'e.txt')).trim(), SUB_TEXT);
      // The text shows before its analysis lands: wait for the marks, not just the text.
      await page
        .waitForFunction(() => {
          const labels = [...document.querySelectorAll('[data-testid=analyzed-text] mark')].map((n) => n.dataset.label);
          return labels.includes('ORG') && labels.includes('NUM');
        }, null, { timeout: 10_000 })
        .catch(() => {});
      const labels = await page.$$eval('[data-testid=analyzed-text] mark', (nodes) => nodes.map((n) => n.dataset.label));
      assert.ok(labels.includes('ORG') && labels.includes('NUM'), labels.join(','));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the files of a drop whatever their type', async () => {
    const { page, context, problems } = await openApp();
    try {
      const files = [
        { name: 'page.htm', bytes: [...Buffer.from(HTML, 'utf8')] },
        { name: 'report.docx', bytes: [...docx(DOCX_TEXT)] },
        { name: 'legacy.txt', bytes: [...CP1256] },
        { name: 'scan.pdf', bytes: [...Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n', 'latin1')] },
      ];
      await drop(page, files);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=doc-item]').length === 3);
      const error = page.getByTestId('error');
      await error.waitFor();
      assert.ok((await error.textContent()).includes('scan.pdf'), await error.textContent());
      assert.equal((await textOf(page, 'report.docx')).trim(), DOCX_TEXT);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
