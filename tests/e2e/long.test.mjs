// End-to-end measurements on big inputs, against dist/: a 50,000-word document (time to its
// highlights, frame times while it scrolls) and a batch of 500 articles (frame times while the
// reading view scrolls during the batch). The figures are printed; the assertions only catch a
// page that freezes.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/long.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { openPage, servedApp } from './support.mjs';

const PARAGRAPHS = [
  'التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في سوتشي يوم 5 آذار/مارس 2024، وبحثا الوضع في إدلب ومنبج.',
  'وقال وزير الخارجية سيرغي لافروف إن «الحل السياسي هو الطريق الوحيد»، مضيفا أن موسكو تدعم مسار أستانا.',
  'وأفاد المرصد السوري لحقوق الإنسان بمقتل 23 مدنيا وإصابة أكثر من 40 آخرين في قصف على ريف حلب الغربي.',
  'ونزح نحو ثلاثة آلاف شخص من بلدة كفرنبودة إلى المخيمات قرب الحدود التركية، بحسب الأمم المتحدة.',
  'وأعلن مجلس الأمن الدولي عقد جلسة طارئة الأسبوع المقبل لبحث التصعيد في شمال غرب سوريا.',
];

/** About `words` words of news text, in paragraphs. */
function longText(words) {
  const out = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const paragraph = PARAGRAPHS[i % PARAGRAPHS.length];
    out.push(paragraph);
    count += paragraph.split(/\s+/).length;
  }
  return { text: out.join('\n'), words: count };
}

const app = servedApp(before, after, assert);

const openApp = () => openPage(app);

/**
 * Scrolls the reading view down by `step` px a frame for `frames` frames and returns the frame
 * intervals (ms) requestAnimationFrame saw.
 */
function scrollFrames(page, frames = 240, step = 60) {
  return page.evaluate(
    ([frames, step]) =>
      new Promise((resolve) => {
        const article = document.querySelector('[data-testid=analyzed-text]');
        const times = [];
        let last = performance.now();
        const tick = (now) => {
          times.push(now - last);
          last = now;
          article.scrollTop += step;
          if (article.scrollTop + article.clientHeight >= article.scrollHeight) article.scrollTop = 0;
          if (times.length < frames) requestAnimationFrame(tick);
          else resolve(times.slice(1));
        };
        requestAnimationFrame(tick);
      }),
    [frames, step],
  );
}

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), worst: sorted[sorted.length - 1], count: sorted.length };
}

const show = ({ median, p95, worst, count }) =>
  `median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, worst ${worst.toFixed(1)} ms over ${count} frames`;

describe('big inputs', () => {
  it('a 50,000-word document: highlighted, and scrolling keeps its frames short', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-long-'));
    const { context, page, check } = await openApp();
    try {
      const { text, words } = longText(50_000);
      const file = path.join(dir, 'long.txt');
      writeFileSync(file, text, 'utf8');
      const started = Date.now();
      await page.getByTestId('file-input').setInputFiles(file);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=analyzed-text] mark').length > 1000, null, {
        timeout: 60_000,
        polling: 20,
      });
      const highlighted = Date.now() - started;
      const marks = await page.locator('[data-testid=analyzed-text] mark').count();
      const frames = stats(await scrollFrames(page));
      console.log(
        `long document: ${words} words, ${marks} marks, ${highlighted} ms from the file to the highlights; ` +
          `scrolling: ${show(frames)}`,
      );
      assert.ok(frames.median < 50, `scrolling stutters: ${show(frames)}`);
      // The text is whole: the last paragraph is there.
      assert.ok((await page.getByTestId('analyzed-text').textContent()).length === [...text].length);
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('500 articles: the reading view scrolls smoothly while they are analysed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kashif-batch500-'));
    const { context, page, check } = await openApp();
    try {
      const { text: body } = longText(400);
      const files = [];
      for (let i = 1; i <= 500; i++) {
        const file = path.join(dir, `a-${String(i).padStart(3, '0')}.txt`);
        writeFileSync(file, `${PARAGRAPHS[i % PARAGRAPHS.length]} (${i})\n${body}`, 'utf8');
        files.push(file);
      }
      const started = Date.now();
      await page.getByTestId('file-input').setInputFiles(files);
      // Scroll the document shown (the first file) while the others are analysed.
      await page.locator('[data-testid=analyzed-text] mark').first().waitFor({ timeout: 60_000 });
      const during = [];
      while ((await page.getByTestId('progress').count()) > 0) {
        during.push(...(await scrollFrames(page, 20, 20)));
      }
      const elapsed = Date.now() - started;
      await page.waitForFunction(
        () => [...document.querySelectorAll('[data-testid=doc-item]')].every((item) => item.dataset.state === 'done'),
        null,
        { timeout: 120_000 },
      );
      assert.equal(await page.getByTestId('doc-item').count(), 500);
      const frames = stats(during);
      console.log(`batch: 500 files of ${body.split(/\s+/).length} words analysed in ${elapsed} ms; scrolling meanwhile: ${show(frames)}`);
      assert.ok(frames.count >= 10, `only ${frames.count} frames were measured during the batch`);
      assert.ok(frames.median < 50, `scrolling stutters during the batch: ${show(frames)}`);
      check();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
