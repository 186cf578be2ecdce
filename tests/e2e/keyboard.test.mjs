// End-to-end tests of the page by keyboard and on paper, against dist/: two skip links come
// first in the tab order; the marks of the text are one tab stop with the arrow keys moving
// between them (roving tabindex); the view tabs are a real tablist (one tab stop, arrows,
// panels); the English stepper's arrows point the way they go; the mention card goes when the
// layout moves; printing shows the text alone.
// Screenshots: tests/e2e/artifacts/skip-link.png and print.png.
//
//   PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" trunk build --release --offline
//   node --test tests/e2e/keyboard.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { ARTIFACTS, openPage, servedApp } from './support.mjs';

const app = servedApp(before, after, assert);
before(() => mkdirSync(ARTIFACTS, { recursive: true }));

const ARTICLE =
  'التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو، وقال مدير الدفاع المدني ' +
  'رائد الصالح إن 20 مدنيا قتلوا في ريف إدلب، بحسب المرصد السوري لحقوق الإنسان.';

/** The text of the element that has the focus, and its tag. */
const active = (page) => page.evaluate(() => [document.activeElement?.tagName, document.activeElement?.textContent]);

describe('keyboard and print', () => {
  it('skip links first; the marks are one tab stop and the arrows move between them', async () => {
    const { context, page, check } = await openPage(app);
    try {
      await page.getByTestId('input-text').fill(ARTICLE);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=analyzed-text] mark').length >= 5);
      const stops = await page.$$eval('[data-testid=analyzed-text] mark', (marks) => marks.map((m) => m.tabIndex));
      assert.equal(stops.filter((t) => t === 0).length, 1, `one mark in the tab order: ${stops}`);
      assert.equal(stops[0], 0);

      // The skip links are the first stops of the page's tab order; focused, one shows itself.
      const firstStops = await page.evaluate(() =>
        [...document.querySelectorAll('a[href], button, input, textarea, select, [tabindex]')]
          .filter((e) => e.tabIndex >= 0 && !e.disabled)
          .slice(0, 2)
          .map((e) => e.dataset.testid),
      );
      assert.deepEqual(firstStops, ['skip-views', 'skip-docs']);
      await page.getByTestId('skip-views').focus();
      assert.ok((await page.getByTestId('skip-views').boundingBox()).y >= 0, 'the focused skip link is on screen');
      await page.screenshot({ path: path.join(ARTIFACTS, 'skip-link.png'), clip: { x: 0, y: 0, width: 1280, height: 200 } });
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'skip-docs');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'kashif-docs');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'clear-all');

      // Into the text: one press of Tab from the last tab lands on the first mark.
      const marks = page.locator('[data-testid=analyzed-text] mark');
      await marks.first().focus();
      assert.deepEqual(await active(page), ['MARK', 'فلاديمير بوتين']);
      await page.keyboard.press('ArrowLeft'); // reading order, right to left
      assert.deepEqual(await active(page), ['MARK', 'رجب طيب أردوغان']);
      await page.keyboard.press('ArrowDown');
      assert.deepEqual(await active(page), ['MARK', 'موسكو']);
      await page.keyboard.press('ArrowRight');
      assert.deepEqual(await active(page), ['MARK', 'رجب طيب أردوغان']);
      await page.keyboard.press('End');
      const last = await marks.last().textContent();
      assert.deepEqual(await active(page), ['MARK', last]);
      await page.keyboard.press('Home');
      assert.deepEqual(await active(page), ['MARK', 'فلاديمير بوتين']);
      await page.keyboard.press('ArrowLeft');
      // The focused mark is the tab stop now: Tab leaves the text, Shift+Tab comes back to it.
      const after = await page.$$eval('[data-testid=analyzed-text] mark', (all) => all.map((m) => m.tabIndex));
      assert.equal(after.filter((t) => t === 0).length, 1);
      assert.equal(after[1], 0, `${after}`);
      await page.keyboard.press('Tab');
      assert.notEqual((await active(page))[0], 'MARK');
      await page.keyboard.press('Shift+Tab');
      assert.deepEqual(await active(page), ['MARK', 'رجب طيب أردوغان']);
      check();
    } finally {
      await context.close();
    }
  });

  it('the view tabs: one tab stop, arrows switch, each controls its panel', async () => {
    const { context, page, check } = await openPage(app);
    try {
      await page.getByTestId('input-text').fill(ARTICLE);
      await page.locator('[data-testid=analyzed-text] mark').first().waitFor();
      const tabs = page.locator('[role=tab]');
      assert.deepEqual(await tabs.evaluateAll((all) => all.map((t) => t.tabIndex)), [0, -1, -1, -1, -1]);
      await page.getByTestId('tab-text').focus();
      await page.keyboard.press('ArrowLeft'); // Arabic: the next tab is to the left
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'tab-entities');
      assert.equal(await page.getByTestId('tab-entities').getAttribute('aria-selected'), 'true');
      const panel = page.locator('#kashif-panel-entities[role=tabpanel]');
      await panel.waitFor();
      assert.equal(await panel.getAttribute('aria-labelledby'), 'kashif-tab-entities');
      assert.equal(await page.getByTestId('tab-entities').getAttribute('aria-controls'), 'kashif-panel-entities');
      await page.keyboard.press('End');
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'tab-framing');
      await page.keyboard.press('Home');
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'tab-text');
      assert.equal(await page.locator('#kashif-panel-text').isVisible(), true);
      check();
    } finally {
      await context.close();
    }
  });

  it('in English the stepper points the way it goes, and the tabs follow left to right', async () => {
    const { context, page, check } = await openPage(app);
    try {
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('input-text').fill(ARTICLE);
      await page.locator('[data-testid=analyzed-text] mark').first().click();
      await page.getByTestId('stepper').waitFor();
      assert.ok((await page.getByTestId('step-prev').textContent()).includes('← Previous'));
      assert.ok((await page.getByTestId('step-next').textContent()).includes('Next →'));
      await page.getByTestId('tab-text').focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'tab-entities');
      check();
    } finally {
      await context.close();
    }
  });

  it('the mention card goes when the layout moves (a click opens the correction bar, the window resizes)', async () => {
    const { context, page, check } = await openPage(app);
    try {
      await page.getByTestId('input-text').fill(ARTICLE);
      const mark = page.locator('[data-testid=analyzed-text] mark').nth(1);
      await mark.waitFor();
      const card = page.getByTestId('mention-card');
      await mark.hover();
      await card.waitFor();
      await mark.click();
      await page.getByTestId('correction-bar').waitFor();
      await card.waitFor({ state: 'detached' });
      await page.mouse.move(5, 5);
      await mark.hover();
      await card.waitFor();
      await page.setViewportSize({ width: 1100, height: 900 });
      await card.waitFor({ state: 'detached' });
      check();
    } finally {
      await context.close();
    }
  });

  it('prints the text alone, without the page around it', async () => {
    const { context, page, check } = await openPage(app);
    try {
      await page.getByTestId('input-text').fill(ARTICLE);
      await page.locator('[data-testid=analyzed-text] mark').first().waitFor();
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.sidebar', '.input-panel', '.view-tabs', '.header-tools']) {
        assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} printed`);
      }
      assert.equal(await page.getByTestId('analyzed-text').isVisible(), true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'print.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      check();
    } finally {
      await context.close();
    }
  });
});
