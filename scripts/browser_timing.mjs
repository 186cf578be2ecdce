// How soon the page highlights a pasted text, in Debian's Chromium (issue 19: warm first highlight
// at most 1 s). Serves dist/ (build it first: trunk build --release --offline) and measures:
//   cold: a fresh profile loads the page, and a news paragraph is pasted as soon as the text box
//         is there; times from navigation start to the box, to the first <mark>, and from the
//         paste to the first <mark> (a paste is analysed at once; typing waits 300 ms);
//   warm: the same profile loads the page again, its service worker active and the store
//         emptied, and the paragraph is pasted again;
// and when the analysis worker (the first one, started by www/boot.js) first said something:
// that it is ready (the linking worker starts with the first analysis).
//
//   node scripts/browser_timing.mjs [--runs 5] [--json]
//
// Prints a Markdown table of medians (min–max). tests/e2e/timing.test.mjs checks the budget.

import { pathToFileURL } from 'node:url';
import { launchBrowser, requireDist, serveDist, waitSaved } from '../tests/e2e/support.mjs';

/** A news paragraph written for Kashif (no article of the corpus). */
export const PARAGRAPH = [
  'التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو يوم 5 آذار 2024،',
  'وبحث الجانبان الوضع في سوريا. وقال وزير الخارجية الروسي سيرغي لافروف إن الحل في سوريا سياسي،',
  'فيما دعت الأمم المتحدة إلى وقف إطلاق النار في ريف إدلب، حيث نزح نحو 200 ألف شخص منذ بداية العام.',
].join(' ');

/** Pastes `text` (one input event with the whole text, of a paste's input type) the moment
 * the text box is in the page, and records in window.kashifTiming when the box came, the
 * paste, and the first mark. */
function pasteWhenReady(text) {
  if (window !== window.top) return;
  const times = (window.kashifTiming = { workers: [] });
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      const worker = { created: performance.now() };
      times.workers.push(worker);
      this.addEventListener('message', () => (worker.ready ??= performance.now()));
    }
  };
  const observer = new MutationObserver(() => {
    const box = document.querySelector('[data-testid=input-text]');
    if (box && times.pasted === undefined) {
      times.box = performance.now();
      box.value = text;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      times.pasted = performance.now();
    }
    if (times.pasted !== undefined && document.querySelector('[data-testid=analyzed-text] mark')) {
      times.highlight = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Loads the page in `context` and resolves to its times (ms from navigation start) once the
 * first mark is there; the page stays open. */
async function load(context, origin) {
  const page = await context.newPage();
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => window.kashifTiming?.highlight !== undefined, null, { timeout: 30_000 });
  const times = await page.evaluate(() => ({ ...window.kashifTiming, controlled: !!navigator.serviceWorker.controller }));
  const workers = times.workers[0]?.ready ?? Infinity;
  return { page, times: { ...times, workers, fromPaste: times.highlight - times.pasted } };
}

/** Empties the pasted text, so that the next load starts with an empty store. */
async function clear(page) {
  await page.evaluate(() => {
    const box = document.querySelector('[data-testid=input-text]');
    box.value = '';
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await waitSaved(page, []);
}

/** `runs` fresh profiles, each loaded cold and then `warm` times warm: { cold: [times], warm: [times] }. */
export async function timings(browser, origin, { runs = 5, warm = 1 } = {}) {
  const result = { cold: [], warm: [] };
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
    await context.addInitScript(pasteWhenReady, PARAGRAPH);
    let { page, times } = await load(context, origin);
    result.cold.push(times);
    for (let again = 0; again < warm; again++) {
      await page.evaluate(() => navigator.serviceWorker.ready);
      await clear(page);
      await page.close();
      ({ page, times } = await load(context, origin));
      if (!times.controlled) throw new Error('the warm load was not served by the service worker');
      result.warm.push(times);
    }
    await context.close();
  }
  return result;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function cell(values) {
  const ms = (v) => Math.round(v).toLocaleString('en');
  return `${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;
}

export function table(result) {
  const lines = [
    '| load | runs | text box ms | analysis worker ready ms | first highlight ms | paste → highlight ms |',
    '|---|---|---|---|---|---|',
  ];
  for (const kind of ['cold', 'warm']) {
    const runs = result[kind];
    const column = (key) => cell(runs.map((times) => times[key]));
    lines.push(`| ${kind} | ${runs.length} | ${column('box')} | ${column('workers')} | ${column('highlight')} | ${column('fromPaste')} |`);
  }
  const warm = median(result.warm.map((times) => times.highlight));
  lines.push('', `Warm first highlight, median: ${Math.round(warm)} ms, ${warm <= 1000 ? 'within' : 'over'} the 1 s budget.`);
  return lines.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
  requireDist();
  const served = await serveDist();
  const browser = await launchBrowser();
  try {
    const result = await timings(browser, served.origin, { runs });
    console.log(args.includes('--json') ? JSON.stringify(result) : table(result));
  } finally {
    await browser.close();
    served.server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
