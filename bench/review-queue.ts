/**
 * A 10,000-item review queue: how long the store takes to fill, the server to list the queue, the
 * page's filters to run (in Node, and in Chromium with the list redrawn, when one is found) and
 * the list to redraw on scroll, and how many rows the virtualised list keeps in the DOM.
 *
 *   npm run build && npm run bench:review-queue        # ITEMS=10000 by default
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { handleApi } from '../src/review/api.js';
import { startReviewServer } from '../src/review/server.js';
import { pageDir } from '../src/review/static.js';
import { ReviewStore } from '../src/review/store.js';
import type { ModelAnswer, ReviewItemInput } from '../src/review/types.js';
import { findChromium, launchChromium } from '../src/testing/browser.js';

type FilterModule = typeof import('../src/review/page/filter.js');

const count = Number(process.env['ITEMS'] ?? 10_000);
const tracks = ['nab/realKnownCause', 'nab/realTraffic', 'smd', 'vta-global', 'vta-trend'];
const categories = ['Point Anomaly', 'Sudden Spike Anomaly', 'Trend Change Anomaly'];

function answer(i: number, model: string): ModelAnswer {
  const start = (i * 7) % 40;
  return {
    model,
    status: 'ok',
    anomalous: true,
    intervals: [[start, start + 5]],
    channels: null,
    category: categories[i % categories.length] ?? null,
    summary: null,
    anomalies: [],
    error: null,
  };
}

function items(): ReviewItemInput[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `s${i}`,
    series: {
      id: `s${i}`,
      channels: ['value'],
      values: [Array.from({ length: 64 }, (_, t) => Math.sin(t / 5 + i))],
    },
    source: 'bench',
    track: tracks[i % tracks.length] ?? null,
    label: null,
    answers: i % 3 === 0 ? [answer(i, 'baseline:default'), answer(i + 1, 'openai:gpt')] : [],
    rats40k: null,
  }));
}

/** Median of `runs` timings of `work` in ms. */
function median(runs: number, work: () => unknown): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

const line = (name: string, ms: number): void => {
  process.stdout.write(`${name.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms\n`);
};

const dir = mkdtempSync(join(tmpdir(), 'bench-review-queue-'));
const store = ReviewStore.open(join(dir, 'review.sqlite'));
try {
  process.stdout.write(`review queue of ${count} items\n`);
  let t0 = performance.now();
  store.addItems(items());
  line('store: add items', performance.now() - t0);
  const context = { store, reviewer: 'bench' };
  const request = { method: 'GET', path: '/items', query: new URLSearchParams(), body: null };
  let listed: { items: Parameters<FilterModule['filterItems']>[0] } = { items: [] };
  line(
    'server: list the queue (GET /api/items, median of 5)',
    median(5, () => {
      listed = handleApi(context, request).body as typeof listed;
    }),
  );
  const filter = (await import(pathToFileURL(join(pageDir(), 'filter.js')).href)) as FilterModule;
  const none = { unreviewed: false, disagreementsFirst: false, category: '', model: '' };
  const cases: [string, Parameters<FilterModule['filterItems']>[1]][] = [
    ['unreviewed only', { ...none, unreviewed: true }],
    ['category', { ...none, category: 'Point Anomaly' }],
    ['model', { ...none, model: 'openai:gpt' }],
    ['track', { ...none, track: 'smd' }],
    ['disagreements first (sort)', { ...none, disagreementsFirst: true }],
  ];
  for (const [name, filters] of cases)
    line(
      `node: filter "${name}" (median of 21)`,
      median(21, () => filter.filterItems(listed.items, filters)),
    );

  const chromium = findChromium();
  if (chromium.executablePath === undefined) {
    process.stdout.write(`skipped the browser part: no Chromium (${chromium.reason})\n`);
  } else {
    const server = await startReviewServer({ store, reviewer: 'bench' });
    const browser = await launchChromium(chromium.executablePath);
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      t0 = performance.now();
      await page.goto(server.url);
      await page.locator('#queue-list li.queue-item').first().waitFor();
      line('chromium: open the page until the queue shows', performance.now() - t0);
      const rows = await page.locator('#queue-list li.queue-item').count();
      process.stdout.write(
        `${'chromium: queue rows in the DOM'.padEnd(58)} ${String(rows).padStart(8)}\n`,
      );
      // Each filter change runs the filter and redraws the list synchronously in its handler.
      // Page code as text: this file is compiled without the DOM library.
      const timeChange = (id: string, value: string | boolean): Promise<number> =>
        page.evaluate(`(() => {
          const input = document.getElementById(${JSON.stringify(id)});
          const t = performance.now();
          input[${JSON.stringify(typeof value === 'boolean' ? 'checked' : 'value')}] = ${JSON.stringify(value)};
          input.dispatchEvent(new Event('change'));
          return performance.now() - t;
        })()`);
      const timings: [string, string, string | boolean, string | boolean][] = [
        ['unreviewed only', 'filter-unreviewed', true, false],
        ['disagreements first', 'filter-disagree', true, false],
        ['category', 'filter-category', 'Point Anomaly', ''],
        ['model', 'filter-model', 'openai:gpt', ''],
        ['track', 'filter-track', 'smd', ''],
      ];
      for (const [name, id, on, off] of timings) {
        const times: number[] = [];
        for (let r = 0; r < 5; r += 1) {
          times.push(await timeChange(id, on));
          times.push(await timeChange(id, off));
        }
        times.sort((a, b) => a - b);
        line(`chromium: filter "${name}" + redraw (median of 10)`, times[5] ?? NaN);
      }
      const scroll = await page.evaluate<number>(`(async () => {
        const list = document.getElementById('queue-list');
        const times = [];
        for (const top of [50000, 200000, 400000, 100000, 0]) {
          const t = performance.now();
          list.scrollTop = top;
          // The list redraws on the next animation frame after a scroll.
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          times.push(performance.now() - t);
        }
        return times.sort((a, b) => a - b)[2];
      })()`);
      line('chromium: scroll and redraw the rows (median of 5)', scroll);
    } finally {
      await browser.close();
      await server.close();
    }
  }
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
