import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriesJson } from '../../test/review/helpers.js';
import type { ReviewItemInput } from './types.js';
import { poll, useReviewPage } from '../../test/review/page-harness.js';

const COUNT = 10_000;

function items(): ReviewItemInput[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    key: `q${i}`,
    series: seriesJson(`q${i}`, 60),
    source: 'test',
    track: i % 4 === 0 ? 'smd' : 'nab',
    label: null,
    answers: [],
    rats40k: null,
  }));
}

const review = useReviewPage({ prefix: 'review-queue-', items });
const { chromiumPath } = review;

const rows = (page: Page) => page.locator('#queue-list li.queue-item');

describe.skipIf(chromiumPath === undefined)('review queue of 10,000 items', () => {
  it('keeps only the rows in view in the DOM, scrolls to any item, filters by track, and shows progress per track and who labelled', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(review.server.url);
    await poll(() => page.locator('#item-title').textContent()).toBe('q0');
    await poll(() => page.locator('#queue-count').textContent()).toBe(`${COUNT} shown`);
    expect(await rows(page).count()).toBeLessThan(80);
    expect(await page.locator('#track-progress li[data-track="nab"]').textContent()).toBe(
      `nab0 / ${(COUNT * 3) / 4}`,
    );

    // Scrolled to the bottom, the last item is there.
    const scrolled = await page.evaluate<number>(
      `(() => { const l = document.getElementById('queue-list'); l.scrollTop = l.scrollHeight; return l.scrollTop; })()`,
    );
    expect(scrolled).toBeGreaterThan(COUNT * 40);
    await poll(() => page.locator(`#queue-list li[data-id="${COUNT}"]`).count()).toBe(1);
    expect(await rows(page).count()).toBeLessThan(80);

    // Deciding moves on and keeps the selected row in view; the row says who labelled it.
    await page.locator('#queue-list li[data-id="1"]').waitFor({ state: 'detached' });
    await page.keyboard.press('a');
    await poll(() => page.locator('#item-title').textContent()).toBe('q1');
    await poll(() =>
      page.locator('#queue-list li[data-id="2"]').getAttribute('aria-selected'),
    ).toBe('true');
    await poll(() => page.locator('#queue-list li[data-id="1"] .queue-who').textContent()).toMatch(
      /^alice /,
    );
    await poll(() => page.locator('#track-progress li[data-track="smd"]').textContent()).toBe(
      `smd1 / ${COUNT / 4}`,
    );

    await page.locator('#filter-track').selectOption('smd');
    await poll(() => page.locator('#queue-count').textContent()).toBe(`${COUNT / 4} shown`);
    await page.close();
  });
});
