import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answer } from '../../test/review/helpers.js';
import type { ReviewItemInput } from './types.js';
import { drag, poll, useReviewPage } from '../../test/review/page-harness.js';

const LENGTH = 20_000;
const SPIKE = 12_345;

/** A 20,000-point five-minutely series with one spike, and a three-channel item. */
function items(): ReviewItemInput[] {
  const t0 = Date.UTC(2014, 6, 1);
  const values = Array.from({ length: LENGTH }, (_, i) =>
    i === SPIKE ? 9 : Math.round(Math.sin(i / 40) * 1000) / 1000,
  );
  return [
    {
      key: 'long',
      series: {
        id: 'long',
        channels: ['value'],
        values: [values],
        timestamps: values.map((_, i) => t0 + i * 300_000),
      },
      source: 'test',
      track: 'nab',
      label: null,
      answers: [answer('baseline:default', [[SPIKE, SPIKE + 1]], 'Sudden Spike Anomaly')],
      rats40k: null,
    },
    {
      key: 'multi',
      series: {
        id: 'multi',
        channels: ['cpu', 'mem', 'disk'],
        values: [0, 1, 2].map((c) => Array.from({ length: 2000 }, (_, i) => Math.sin(i / 30 + c))),
      },
      source: 'test',
      track: 'smd',
      label: null,
      answers: [],
      rats40k: null,
    },
  ];
}

const review = useReviewPage({ prefix: 'review-zoom-', items });
const { chromiumPath } = review;

async function view(page: Page): Promise<{ start: number; end: number }> {
  const plot = page.locator('#plot');
  return {
    start: Number(await plot.getAttribute('data-view-start')),
    end: Number(await plot.getAttribute('data-view-end')),
  };
}

/** The plot area's box; retried, as a redraw may replace the element while it is measured. */
async function plotBox(
  page: Page,
): Promise<{ x: number; y: number; width: number; height: number }> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const box = await page.getByTestId('plot-area').boundingBox();
    if (box !== null) return box;
    await page.waitForTimeout(20);
  }
  throw new Error('no plot area');
}

/** Screen point over the middle of `row` in the current view. */
async function rowPoint(
  page: Page,
  row: number,
  lane = { index: 0, of: 1 },
): Promise<{ x: number; y: number }> {
  const box = await plotBox(page);
  const v = await view(page);
  return {
    x: box.x + ((row + 0.5 - v.start) / (v.end - v.start)) * box.width,
    y: box.y + (box.height * (lane.index + 0.5)) / lane.of,
  };
}

describe.skipIf(chromiumPath === undefined)('review page zoom on a 20,000-point series', () => {
  it('zooms with the wheel to single rows, labels them exactly by dragging, and resets with 0', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1400, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${review.server.url}&item=1`);
    await poll(() => page.locator('#item-title').textContent()).toBe('long');
    expect(await view(page)).toEqual({ start: 0, end: LENGTH });
    // Whole series: min/max per pixel column keeps the spike and at most two points per column.
    const box = await plotBox(page);
    const d = (await page.locator('#plot svg.plot .series-line').getAttribute('d')) ?? '';
    expect(d.split(/[ML]/).length - 1).toBeLessThanOrEqual(2 * Math.ceil(box.width) + 4);
    expect(await page.locator('#plot .y-tick').count()).toBeGreaterThan(1);

    // Wheel-zoom about the spike until about 40 rows are visible, following it with the pointer
    // (at the start one pixel is over 20 rows).
    for (let i = 0; i < 8; i += 1) {
      const before = (await view(page)).start;
      const at = await rowPoint(page, SPIKE);
      await page.mouse.move(at.x, at.y);
      await page.mouse.wheel(0, -400);
      await poll(async () => (await view(page)).start).not.toBe(before);
    }
    const zoomed = await view(page);
    expect(zoomed.end - zoomed.start).toBeLessThan(60);
    expect(zoomed.start).toBeLessThan(SPIKE);
    expect(zoomed.end).toBeGreaterThan(SPIKE + 1);
    // Every row is marked when rows are this wide, and the cursor reads out row, time and value.
    expect(await page.locator('#plot circle.point').count()).toBeGreaterThan(30);
    const spike = await rowPoint(page, SPIKE);
    await page.mouse.move(spike.x, spike.y);
    await poll(() => page.getByTestId('plot-readout').textContent()).toBe(
      `row ${SPIKE} · 2014-08-12 20:45 · value 9`,
    );
    const shot = join(tmpdir(), 'anomscope-review-zoom.png');
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);

    // Drag from row SPIKE-3 to row SPIKE+4: both rows and every row between are labelled.
    const from = await rowPoint(page, SPIKE - 3);
    const to = await rowPoint(page, SPIKE + 4);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, to.y, { steps: 3 });
    await page.mouse.move(to.x, to.y, { steps: 3 });
    await page.mouse.up();
    await poll(() => review.store.current(1, 'alice').entry?.label?.intervals).toEqual([
      [SPIKE - 3, SPIKE + 5],
    ]);
    // Saving redraws the page: the zoom stays.
    await poll(() => page.locator('#status-line').textContent()).toContain('version 1');
    expect(await view(page)).toEqual(zoomed);

    // Moving the end edge by one row at this zoom moves it by exactly one row.
    const edge = await rowPoint(page, SPIKE + 4.5);
    const next = await rowPoint(page, SPIKE + 5.5);
    await page.mouse.move(edge.x, edge.y);
    await page.mouse.down();
    await page.mouse.move(next.x, next.y, { steps: 4 });
    await page.mouse.up();
    await poll(() => review.store.current(1, 'alice').entry?.label?.intervals).toEqual([
      [SPIKE - 3, SPIKE + 6],
    ]);

    // Shift-drag pans without labelling; the span stays.
    const span = zoomed.end - zoomed.start;
    const mid = await rowPoint(page, SPIKE);
    await page.keyboard.down('Shift');
    await page.mouse.move(mid.x, mid.y);
    await page.mouse.down();
    await page.mouse.move(mid.x - 200, mid.y, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const panned = await view(page);
    expect(panned.start).toBeGreaterThan(zoomed.start);
    expect(panned.end - panned.start).toBeCloseTo(span, 3);
    expect(review.store.current(1, 'alice').version).toBe(2);

    // The mini-map moves the window to where it is pressed.
    const map = await page.getByTestId('minimap').boundingBox();
    if (map === null) throw new Error('no mini-map');
    await page.mouse.click(map.x + map.width * 0.2, map.y + map.height / 2);
    await poll(async () => (await view(page)).end).toBeLessThan(LENGTH * 0.3);

    // 0 shows the whole series again.
    await page.keyboard.press('0');
    await poll(() => view(page)).toEqual({ start: 0, end: LENGTH });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws one lane per channel and labels an interval on one lane or on all', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${review.server.url}&item=2`);
    await poll(() => page.locator('#item-title').textContent()).toBe('multi');
    expect(await page.locator('#plot svg.plot .series-line').count()).toBe(3);
    // The mini-map draws every channel, each in its own band, top to bottom as the lanes.
    // A string, because the test project's types have no DOM.
    const bands = (await page.evaluate(
      `[...document.querySelectorAll('.minimap .minimap-line')].map((path) => {
        const box = path.getBBox();
        return { lane: path.dataset.lane, top: box.y, bottom: box.y + box.height };
      })`,
    )) as { lane: string; top: number; bottom: number }[];
    expect(bands.map((band) => band.lane)).toEqual(['0', '1', '2']);
    for (let lane = 1; lane < bands.length; lane += 1)
      expect(bands[lane]!.top).toBeGreaterThanOrEqual(bands[lane - 1]!.bottom - 0.5);
    const lanes = { of: 3 };
    // Ctrl-drag in the mem lane: rows 100–199 on mem only.
    await page.keyboard.down('Control');
    await drag(
      page,
      await rowPoint(page, 100, { ...lanes, index: 1 }),
      await rowPoint(page, 199, { ...lanes, index: 1 }),
    );
    await page.keyboard.up('Control');
    await poll(() => review.store.current(2, 'alice').entry?.label).toMatchObject({
      intervals: [[100, 200]],
      intervalChannels: [[1]],
      channels: [1],
    });
    expect(await page.locator('.label-fill[data-lane="1"]').count()).toBe(1);
    // A plain drag labels every channel.
    await drag(page, await rowPoint(page, 1500), await rowPoint(page, 1599));
    await poll(() => review.store.current(2, 'alice').entry?.label).toMatchObject({
      intervals: [
        [100, 200],
        [1500, 1600],
      ],
      intervalChannels: [[1], null],
      channels: [0, 1, 2],
    });
    // The panel narrows the second interval to cpu and disk.
    await page.getByLabel('interval 2 channel mem').uncheck();
    await poll(() => review.store.current(2, 'alice').entry?.label).toMatchObject({
      intervalChannels: [[1], [0, 2]],
      channels: [0, 1, 2],
    });
    await poll(() => page.locator('.label-fill[data-lane="2"]').count()).toBe(1);
    await page.screenshot({ path: join(tmpdir(), 'anomscope-review-multichannel.png') });
    await page.close();
  });

  it('picks categories with number keys, one or two digits, and lists them in the help', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(`${review.server.url}&item=1`);
    await poll(() => page.locator('#item-title').textContent()).toBe('long');
    await page.keyboard.press('?');
    await poll(() => page.locator('#help-categories li').count()).toBe(15);
    expect(await page.locator('#help-categories li').nth(12).textContent()).toBe(
      '13 Sudden Spike Anomaly',
    );
    await page.keyboard.press('Escape');
    const before = review.store.current(1, 'alice').version;
    await page.keyboard.press('3');
    await poll(() => review.store.current(1, 'alice').entry?.label?.category).toBe(
      'Periodic Change Anomaly',
    );
    await poll(() => page.locator('#category').inputValue()).toBe('Periodic Change Anomaly');
    await page.keyboard.press('1');
    await page.keyboard.press('3');
    await poll(() => review.store.current(1, 'alice').entry?.label?.category).toBe(
      'Sudden Spike Anomaly',
    );
    // One save per pick: the first digit of "13" waited for the second.
    expect(review.store.current(1, 'alice').version).toBe(before + 2);
    // The multivariate item numbers the multivariate list.
    await page.keyboard.press('j');
    await poll(() => page.locator('#item-title').textContent()).toBe('multi');
    await page.keyboard.press('2');
    await poll(() => review.store.current(2, 'alice').entry?.label?.category).toBe(
      'Covariance Structure Anomaly',
    );
    await page.close();
  });

  it('zooms with a two-finger pinch on a touch screen', async () => {
    const page = await review.browser.newPage({
      viewport: { width: 1400, height: 860 },
      hasTouch: true,
    });
    await page.goto(`${review.server.url}&item=1`);
    await poll(() => page.locator('#item-title').textContent()).toBe('long');
    await page.keyboard.press('0');
    await poll(() => view(page)).toEqual({ start: 0, end: LENGTH });
    const box = await plotBox(page);
    const y = box.y + box.height / 2;
    const mid = box.x + box.width / 2;
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints:
          type === 'touchEnd'
            ? []
            : [
                { x: mid - spread, y, id: 1 },
                { x: mid + spread, y, id: 2 },
              ],
      });
    const before = review.store.current(1, 'alice').version;
    await touch('touchStart', 20);
    for (const spread of [40, 80, 160, 200]) await touch('touchMove', spread);
    await touch('touchEnd', 0);
    // Fingers 10 times further apart: a tenth of the rows, about the same middle row.
    await poll(async () => {
      const v = await view(page);
      return Math.round(v.end - v.start);
    }).toBe(LENGTH / 10);
    const v = await view(page);
    expect(Math.abs((v.start + v.end) / 2 - LENGTH / 2)).toBeLessThan(LENGTH / 100);
    // The first finger's drag was dropped when the second landed: nothing was labelled.
    expect(review.store.current(1, 'alice').version).toBe(before);
    await page.close();
  });
});
