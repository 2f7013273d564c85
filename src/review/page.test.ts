import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sampleItems } from '../../test/review/helpers.js';
import { drag, poll, useReviewPage } from '../../test/review/page-harness.js';

const review = useReviewPage({ prefix: 'review-page-', items: sampleItems });
const { chromiumPath } = review;

async function openPage(hash = ''): Promise<Page> {
  const page = await review.browser.newPage({ viewport: { width: 1400, height: 860 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(`${review.server.url}${hash}`);
  await page.locator('#queue-list li.queue-item').first().waitFor();
  return page;
}

/** Screen point at a fraction of the plot's data area. */
async function plotPoint(page: Page, fraction: number): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('plot-area').boundingBox();
  if (box === null) throw new Error('no plot');
  return { x: box.x + box.width * fraction, y: box.y + box.height / 2 };
}

/** A promise and the function that resolves it: holds a request until the test lets it go. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** Records every label POST the page sends (base version and action) and their statuses. */
function recordSaves(page: Page): {
  sent: { baseVersion: number; action: string }[];
  statuses: number[];
} {
  const record = {
    sent: [] as { baseVersion: number; action: string }[],
    statuses: [] as number[],
  };
  page.on('response', (response) => {
    if (response.request().method() === 'POST' && response.url().endsWith('/label'))
      record.statuses.push(response.status());
  });
  return record;
}

describe.skipIf(chromiumPath === undefined)('review page in Chromium', () => {
  it('reviews with keys and the mouse, and the changes persist across a reload', async () => {
    const page = await openPage();
    await poll(() => page.locator('#queue-list li.queue-item').count()).toBe(3);
    await poll(() => page.locator('#progress-text').textContent()).toBe('0 / 3 reviewed');
    await poll(() => page.locator('#item-title').textContent()).toBe('s1');
    // Model text is shown as text, never run as HTML.
    await poll(() => page.locator('#models-panel').textContent()).toContain(
      '<img src=x onerror="window.__pwned=1">',
    );
    expect(await page.evaluate('globalThis.__pwned')).toBeUndefined();
    expect(await page.locator('#models-panel img').count()).toBe(0);

    // Help overlay.
    await page.keyboard.press('?');
    await poll(() => page.locator('#help').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => page.locator('#help').isVisible()).toBe(false);

    // Accept with the keyboard: saved, and the queue moves on to s2.
    await page.keyboard.press('a');
    await poll(() => page.locator('#queue-list li[data-id="1"]').getAttribute('data-status')).toBe(
      'accepted',
    );
    await poll(() => page.locator('#item-title').textContent()).toBe('s2');
    await poll(() => page.locator('#progress-text').textContent()).toBe('1 / 3 reviewed');
    expect(review.store.current(1, 'alice').entry?.status).toBe('accepted');

    // Drag across empty plot space from row 8 to row 23 of 80 (both labelled), next to the model's
    // [40, 50).
    await drag(page, await plotPoint(page, 8.5 / 80), await plotPoint(page, 23.5 / 80));
    await poll(() => page.locator('#interval-list li').count()).toBe(2);
    await poll(() => review.store.current(2, 'alice').entry?.label?.intervals).toEqual([
      [8, 24],
      [40, 50],
    ]);
    expect(review.store.current(2, 'alice').entry?.status).toBe('edited');

    // Drag the new interval's end edge from 30 % to 35 %.
    await drag(page, await plotPoint(page, 0.3), await plotPoint(page, 0.35));
    await poll(() => review.store.current(2, 'alice').entry?.label?.intervals).toEqual([
      [8, 28],
      [40, 50],
    ]);

    // Change the category from the taxonomy list.
    await page.locator('#category').selectOption('Joint Space Anomaly');
    await poll(() => review.store.current(2, 'alice').entry?.label?.category).toBe(
      'Joint Space Anomaly',
    );
    expect(review.store.current(2, 'alice').version).toBe(3);

    await page.reload();
    await page.locator('#queue-list li.queue-item').first().waitFor();
    await poll(() => page.locator('#item-title').textContent()).toBe('s2');
    await poll(() => page.locator('#category').inputValue()).toBe('Joint Space Anomaly');
    await poll(() => page.locator('#interval-list li').count()).toBe(2);
    await poll(() => page.locator('#queue-list li[data-id="1"]').getAttribute('data-status')).toBe(
      'accepted',
    );
    await poll(() => page.locator('#status-line').textContent()).toContain('edited · version 3');

    // u undoes the last change (the category), n marks s2 normal, j/k move.
    await page.keyboard.press('u');
    await poll(() => page.locator('#category').inputValue()).toBe('Local Structural Jump Anomaly');
    await page.keyboard.press('k');
    await poll(() => page.locator('#item-title').textContent()).toBe('s1');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await poll(() => page.locator('#item-title').textContent()).toBe('s3');
    await page.keyboard.press('n');
    await poll(() => review.store.current(3, 'alice').entry?.label?.category).toBe(
      'Normal Sequence',
    );
    await poll(() => page.locator('#progress-text').textContent()).toBe('3 / 3 reviewed');
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('shows the conflict message to the second of two pages editing one item, and re-applies on request', async () => {
    const first = await openPage('&item=1');
    const second = await openPage('&item=1');
    await poll(() => first.locator('#item-title').textContent()).toBe('s1');
    await poll(() => second.locator('#item-title').textContent()).toBe('s1');
    const before = review.store.current(1, 'alice').version;
    await first.locator('#category').selectOption('Point Anomaly');
    await poll(() => review.store.current(1, 'alice').version).toBe(before + 1);
    await second.locator('#category').selectOption('Amplitude Anomaly');
    await poll(() => second.locator('#conflict').isVisible()).toBe(true);
    await poll(() => second.locator('#conflict').textContent()).toContain('Conflict');
    expect(review.store.current(1, 'alice').entry?.label?.category).toBe('Point Anomaly');
    // Nothing lost: the second page still holds its change and can put it on top.
    await poll(() => second.locator('#category').inputValue()).toBe('Amplitude Anomaly');
    await second.locator('#conflict-mine').click();
    await poll(() => review.store.current(1, 'alice').entry?.label?.category).toBe(
      'Amplitude Anomaly',
    );
    await poll(() => second.locator('#conflict').isVisible()).toBe(false);
    expect(review.store.current(1, 'alice').version).toBe(before + 2);
    await first.screenshot({ path: join(tmpdir(), 'anomscope-review-page.png') });
    await first.close();
    await second.close();
  });

  it('queues a drag, a category change and an explanation edit made back to back, and saves them in order', async () => {
    const page = await openPage('&item=2');
    await poll(() => page.locator('#item-title').textContent()).toBe('s2');
    const before = review.store.current(2, 'alice');
    const v0 = before.version;
    const record = recordSaves(page);
    // Hold the first save until all three actions are made, so the last two surely meet a save in
    // flight.
    const firstSave = gate();
    let posts = 0;
    await page.route('**/api/items/*/label', async (route: Route) => {
      const body = route.request().postDataJSON() as { baseVersion: number; action: string };
      record.sent.push({ baseVersion: body.baseVersion, action: body.action });
      posts += 1;
      if (posts === 1) await firstSave.wait;
      await route.continue();
    });

    // Rows 56 to 71 of 80 are [56, 72), clear of the label's intervals.
    await drag(page, await plotPoint(page, 56.5 / 80), await plotPoint(page, 71.5 / 80));
    await page.locator('#category').selectOption('Joint Space Anomaly');
    await page.locator('#explanation').fill('CPU and memory move apart.');
    await page.locator('#explanation').blur();
    await poll(() => page.locator('#saving').textContent()).toBe('saving… (3)');
    expect(await page.locator('#saving').isVisible()).toBe(true);
    expect(posts).toBe(1);

    // Navigation does not wait for saves, and coming back shows the unsaved changes.
    await page.keyboard.press('j');
    await poll(() => page.locator('#item-title').textContent()).toBe('s3');
    await page.keyboard.press('k');
    await poll(() => page.locator('#item-title').textContent()).toBe('s2');
    await poll(() => page.locator('#category').inputValue()).toBe('Joint Space Anomaly');
    expect(await page.locator('#explanation').inputValue()).toBe('CPU and memory move apart.');
    expect(review.store.current(2, 'alice').version).toBe(v0);

    firstSave.open();
    await poll(() => review.store.current(2, 'alice').version).toBe(v0 + 3);
    await poll(() => page.locator('#saving').isVisible()).toBe(false);
    const entries = review.store.history(2, 'alice').filter((entry) => entry.version > v0);
    expect(entries.map((entry) => entry.version)).toEqual([v0 + 1, v0 + 2, v0 + 3]);
    expect(entries.map((entry) => entry.action)).toEqual(['edit', 'edit', 'edit']);
    const intervals = [...(before.entry?.label?.intervals ?? []), [56, 72]].sort(
      (a, b) => (a[0] ?? 0) - (b[0] ?? 0),
    );
    expect(entries.map((entry) => entry.label?.intervals)).toEqual([
      intervals,
      intervals,
      intervals,
    ]);
    expect(entries.map((entry) => entry.label?.category)).toEqual([
      before.entry?.label?.category,
      'Joint Space Anomaly',
      'Joint Space Anomaly',
    ]);
    expect(entries.map((entry) => entry.label?.explanation)).toEqual([
      before.entry?.label?.explanation ?? null,
      before.entry?.label?.explanation ?? null,
      'CPU and memory move apart.',
    ]);
    // Each save went out against the version the one before returned: no self-inflicted 409.
    expect(record.sent).toEqual([0, 1, 2].map((i) => ({ baseVersion: v0 + i, action: 'edit' })));
    await poll(() => record.statuses).toEqual([200, 200, 200]);
    await poll(() => page.locator('#status-line').textContent()).toContain(
      `edited · version ${v0 + 3}`,
    );
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it("shows the conflict when a queued save meets another session's write, and keeps the queued change", async () => {
    const page = await openPage('&item=3');
    await poll(() => page.locator('#item-title').textContent()).toBe('s3');
    const v0 = review.store.current(3, 'alice').version;
    const firstSave = gate();
    let posts = 0;
    await page.route('**/api/items/*/label', async (route: Route) => {
      posts += 1;
      if (posts === 1) await firstSave.wait;
      // Another session writes between the first save and the queued second one.
      if (posts === 2) {
        const other = await fetch(`${review.server.origin}/api/items/3/label`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-review-token': review.server.token },
          body: JSON.stringify({ baseVersion: v0 + 1, action: 'reject', reviewer: 'alice' }),
        });
        expect(other.status).toBe(200);
      }
      await route.continue();
    });
    await page.locator('#category').selectOption('Point Anomaly');
    await page.locator('#explanation').fill('One odd point.');
    await page.locator('#explanation').blur();
    await poll(() => page.locator('#saving').textContent()).toBe('saving… (2)');
    firstSave.open();
    await poll(() => page.locator('#conflict').isVisible()).toBe(true);
    await poll(() => page.locator('#saving').isVisible()).toBe(false);
    expect(
      review.store
        .history(3, 'alice')
        .filter((e) => e.version > v0)
        .map((e) => [e.version, e.action]),
    ).toEqual([
      [v0 + 1, 'edit'],
      [v0 + 2, 'reject'],
    ]);
    // The refused change is kept on screen and goes on top when asked.
    expect(await page.locator('#explanation').inputValue()).toBe('One odd point.');
    await page.locator('#conflict-mine').click();
    await poll(() => review.store.current(3, 'alice').version).toBe(v0 + 3);
    expect(review.store.current(3, 'alice').entry?.label?.explanation).toBe('One odd point.');
    expect(review.store.current(3, 'alice').entry?.label?.category).toBe('Point Anomaly');
    await poll(() => page.locator('#conflict').isVisible()).toBe(false);
    await page.close();
  });
});
