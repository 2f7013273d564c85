/**
 * The review page's plot on a 200,000-point series in Chromium: time to open the item, and the
 * time from a wheel step (or a view change) to the redrawn frame at the whole series and at deeper
 * zooms, with the number of path points drawn (min/max per pixel column of the visible rows).
 *
 *   npm run build && npm run bench:review-plot         # POINTS=200000 by default
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startReviewServer } from '../src/review/server.js';
import { ReviewStore } from '../src/review/store.js';
import { findChromium, launchChromium } from '../src/testing/browser.js';

const points = Number(process.env['POINTS'] ?? 200_000);
const chromium = findChromium();
if (chromium.executablePath === undefined) {
  process.stdout.write(`skipped: no Chromium (${chromium.reason})\n`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'bench-review-plot-'));
  const store = ReviewStore.open(join(dir, 'review.sqlite'));
  store.addItems([
    {
      key: 'long',
      series: {
        id: 'long',
        channels: ['value'],
        values: [
          Array.from({ length: points }, (_, i) => Math.sin(i / 300) + (i % 977 === 0 ? 4 : 0)),
        ],
        timestamps: Array.from({ length: points }, (_, i) => Date.UTC(2020, 0, 1) + i * 60_000),
      },
      source: 'bench',
      track: null,
      label: null,
      answers: [],
      rats40k: null,
    },
  ]);
  const server = await startReviewServer({ store, reviewer: 'bench' });
  const browser = await launchChromium(chromium.executablePath);
  const line = (name: string, value: string): void => {
    process.stdout.write(`${name.padEnd(50)} ${value.padStart(10)}\n`);
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = performance.now();
    await page.goto(`${server.url}&item=1`);
    await page.locator('#plot svg.plot .series-line').waitFor();
    line(
      `open a ${points}-point item until the plot shows`,
      `${(performance.now() - t0).toFixed(0)} ms`,
    );
    // Page code as text: this file is compiled without the DOM library.
    const timeView = (span: number): Promise<[number, number]> =>
      page.evaluate(`(async () => {
        const plot = document.getElementById('plot');
        const times = [];
        for (let r = 0; r < 7; r += 1) {
          const start = ${points / 2 - span / 2} + r * ${span / 10};
          const t = performance.now();
          plot.plot.setView({ start, end: start + ${span} });
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          times.push(performance.now() - t);
        }
        const d = plot.querySelector('svg.plot .series-line').getAttribute('d');
        return [times.sort((a, b) => a - b)[3], d.split(/[ML]/).length - 1];
      })()`);
    for (const span of new Set([points, points / 10, points / 100, 2000, 200, 40])) {
      const [ms, drawn] = await timeView(span);
      line(`view of ${span} rows: redraw (median of 7)`, `${ms.toFixed(1)} ms`);
      line(`view of ${span} rows: path points drawn`, String(drawn));
    }
  } finally {
    await browser.close();
    await server.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
