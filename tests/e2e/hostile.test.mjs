// End-to-end: hostile files dropped on the page, each with the outcome a reader sees. The CLI
// side of the same cases is crates/kashif/tests/hostile.rs.
// Run with `node --test tests/e2e/hostile.test.mjs` after `trunk build --release --offline`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { drop, openPage, servedApp, zip } from './support.mjs';

const app = servedApp(before, after, assert);

/** A .docx whose body unpacks to `bytes` bytes of one paragraph (a few KB packed). */
function bombDocx(bytes) {
  const head = '<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>';
  const tail = '</w:t></w:r></w:p></w:body></w:document>';
  const body = Buffer.alloc(bytes, 'ا');
  return zip([
    ['[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types/>', 'utf8')],
    ['word/document.xml', Buffer.concat([Buffer.from(head), body, Buffer.from(tail)])],
  ], { deflate: true });
}

/** Shows the document named `name` and waits for its text. */
async function show(page, name) {
  await page.getByTestId('doc-item').filter({ hasText: name }).click();
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid=doc-item][aria-current=true]')?.textContent.includes(n),
    name,
  );
}

/** The marks of the shown text once there are at least `least`, as [label, text]. */
async function marks(page, least = 1, timeout = 15_000) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=analyzed-text] mark').length >= n,
    least,
    { timeout },
  );
  return page.$$eval('[data-testid=analyzed-text] mark', (nodes) => nodes.map((n) => [n.dataset.label, n.textContent]));
}

const utf8 = (text) => Buffer.from(text, 'utf8');

describe('hostile files', () => {
  it('refuses a PDF renamed .txt, binary noise and a .docx that unpacks past the cap, naming each, and reads the rest', async () => {
    const { page, context, check } = await openPage(app);
    try {
      const noise = Buffer.alloc(4096);
      for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 256;
      await drop(page, [
        { name: 'scan.txt', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n', 'latin1'), noise]) },
        { name: 'noise.txt', bytes: noise },
        { name: 'bomb.docx', bytes: bombDocx(25 * 1024 * 1024) },
        { name: 'ok.txt', bytes: utf8('قصفت الطائرات مدينة إدلب.') },
      ]);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=error]').length === 3, null, { timeout: 20_000 });
      const errors = await page.$$eval('[data-testid=error]', (nodes) => nodes.map((n) => n.textContent).join('\n'));
      for (const name of ['scan.txt', 'noise.txt', 'bomb.docx']) assert.ok(errors.includes(name), errors);
      assert.equal(await page.getByTestId('doc-item').count(), 1);
      await show(page, 'ok.txt');
      assert.ok((await marks(page)).some(([label, text]) => label === 'LOC' && text === 'إدلب'));
      check();
    } finally {
      await context.close();
    }
  });

  it('shows an empty file as empty and keeps the characters of broken UTF-8', async () => {
    const { page, context, check } = await openPage(app);
    try {
      await drop(page, [
        { name: 'empty.txt', bytes: Buffer.alloc(0) },
        { name: 'broken.txt', bytes: Buffer.concat([utf8('وصل الوفد إلى '), Buffer.from([0xff]), utf8(' دمشق أمس.')]) },
      ]);
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=doc-item]').length + document.querySelectorAll('[data-testid=error]').length === 2,
      );
      const said = await page.$$eval('[data-testid=doc-item], [data-testid=error]', (nodes) => nodes.map((n) => n.textContent).join('\n'));
      assert.ok(said.includes('empty.txt'), said);
      await show(page, 'broken.txt');
      const text = await page.getByTestId('analyzed-text').textContent();
      assert.ok(text.includes('وصل الوفد إلى \ufffd دمشق أمس.'), text);
      assert.ok((await marks(page)).some(([label, name]) => label === 'LOC' && name === 'دمشق'));
      check();
    } finally {
      await context.close();
    }
  });

  it('never runs the script or the handlers of a web page', async () => {
    const { page, context, check } = await openPage(app);
    const dialogs = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    try {
      const html =
        '<html><head><script>alert("head")</script></head><body><article>' +
        '<p>التقى سيرغي لافروف نظيره التركي في أنقرة.</p>' +
        '<img src="x" onerror="alert(\'img\')"><svg onload="alert(\'svg\')"></svg>' +
        '<p onclick="alert(1)">&lt;script&gt;alert("text")&lt;/script&gt;</p>' +
        '</article><script>alert("body")</script></body></html>';
      await drop(page, [{ name: 'xss.html', bytes: utf8(html) }]);
      await show(page, 'xss.html');
      const found = await marks(page);
      assert.ok(found.some(([label, text]) => label === 'PER' && text === 'سيرغي لافروف'), JSON.stringify(found));
      const text = await page.getByTestId('analyzed-text').textContent();
      // The escaped markup is text the article shows, and stays text.
      assert.ok(text.includes('<script>alert("text")</script>'), text);
      assert.ok(!text.includes('alert("head")') && !text.includes('alert("body")'), text);
      assert.equal(await page.locator('[data-testid=analyzed-text] script, [data-testid=analyzed-text] img').count(), 0);
      assert.deepEqual(dialogs, []);
      assert.ok(!app.requests.some((url) => url.endsWith('/x')), 'the image is never fetched');
      check();
    } finally {
      await context.close();
    }
  });

  it('finds names through zero-width and bidi characters, and shows the controls instead of obeying them', async () => {
    const { page, context, check } = await openPage(app);
    try {
      const text = 'التقى سيرغي لاف\u200bروف نظيره \u202eمولود تشاووش أوغلو\u202c في أنقرة.';
      await drop(page, [{ name: 'bidi\u202etxt.exe', bytes: utf8(text) }]);
      await page.getByTestId('doc-item').first().click();
      const found = await marks(page, 2);
      const people = found.filter(([label]) => label === 'PER').map(([, name]) => name);
      assert.ok(people.some((name) => name.includes('سيرغي') && name.includes('روف')), JSON.stringify(found));
      assert.ok(people.some((name) => name.includes('أوغلو')), JSON.stringify(found));
      const controls = await page.$$eval('[data-testid=analyzed-text] .bidi-control', (nodes) => nodes.map((n) => n.textContent));
      assert.equal(controls.length, 2, JSON.stringify(controls));
      // No bidi control is left to act in the shown text, nor in the file's name where the page
      // shows it (a name `bidi<RLO>txt.exe` must not pass for `bidiexe.txt`).
      for (const selector of ['[data-testid=analyzed-text]', '[data-testid=doc-item]', '#kashif-text-title']) {
        const acting = await page.$$eval(selector, (nodes) =>
          nodes.flatMap((n) => {
            const walker = document.createTreeWalker(n, NodeFilter.SHOW_TEXT);
            const texts = [];
            while (walker.nextNode()) texts.push(walker.currentNode.textContent);
            return texts;
          }).join(''),
        );
        assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(acting), `${selector}: ${JSON.stringify(acting)}`);
      }
      const item = await page.getByTestId('doc-item').first().textContent();
      assert.ok(item.includes('bidi') && item.includes('RLO') && item.indexOf('txt') < item.indexOf('exe'), item);
      check();
    } finally {
      await context.close();
    }
  });

  it('marks 10,000 mentions of one document and stays responsive', async () => {
    const { page, context, check } = await openPage(app);
    try {
      const text = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? 'حلب' : 'إدلب')).join('، ') + '.';
      await drop(page, [{ name: 'many.txt', bytes: utf8(text) }]);
      await page.getByTestId('doc-item').first().click();
      const started = Date.now();
      // The page answers while the analysis and the marks arrive.
      const answered = await page.evaluate(() => new Promise((resolve) => setTimeout(() => resolve(true), 0)));
      assert.ok(answered && Date.now() - started < 2_000, `the page answered after ${Date.now() - started} ms`);
      const found = await marks(page, 10_000, 60_000);
      assert.equal(found.filter(([label]) => label === 'LOC').length, 10_000);
      check();
    } finally {
      await context.close();
    }
  });
});
