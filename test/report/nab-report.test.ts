import { readdir, readFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReportLabels } from '../../src/report/label-input.js';
import { writeSeriesReports, type WrittenReport } from '../../src/report/series-report.js';
import { loadSeries } from '../../src/series/load.js';
import { SUMMARY_MAX_CHARS } from '../../src/report/summary.js';
import { chromiumForTests, launchChromium } from '../../src/testing/browser.js';
import { cannedProvider } from './helpers.js';

/** The bits of the page's DOM the checks read (the project compiles without the DOM lib). */
interface PageElement {
  className: string;
  textContent: string | null;
  querySelector(selector: string): PageElement | null;
}
interface PageImage extends PageElement {
  complete: boolean;
  naturalWidth: number;
}
interface PageDocument {
  documentElement: { scrollWidth: number };
  images: ArrayLike<PageImage>;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

const ID = 'realKnownCause/ec2_request_latency_system_failure';
const ZOOMS = 4;

/**
 * Eighteen findings on the trimmed NAB file (1700 rows, 5-minute steps): a crowd of them close
 * together, so the overview's markers must stagger and merge, one inside NAB's labelled window
 * (rows 1465–1599), the rest false alarms.
 */
const answer = JSON.stringify({
  anomalous: true,
  anomalies: Array.from({ length: 18 }, (_, k) => {
    const start = k === 0 ? 1532 : k < 12 ? 200 + 9 * k : 600 + 150 * (k - 12);
    return {
      start,
      end: start + 2,
      channels: null,
      category: k % 2 === 0 ? 'Point Anomaly' : 'Change Point Anomaly',
      severity: k === 0 ? 'high' : 'low',
      confidence: Math.round((0.95 - k * 0.03) * 100) / 100,
      explanation: `finding ${k + 1}`,
      candidate: null,
    };
  }),
  summary: 'Latency spikes, the largest on 14 March.',
});

const chromiumPath = chromiumForTests();

describe('report of a NAB series with its labels', () => {
  const shots = join(tmpdir(), 'anomscope-report-browser');
  let dir: string;
  let report: WrittenReport;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'anomscope-nab-report-'));
    const series = (await loadSeries('fixtures/nab/data', { onWarning: () => undefined })).filter(
      (one) => one.id === ID,
    );
    const labels = await readReportLabels('fixtures/nab/combined_windows.json', series, {
      onWarning: () => undefined,
    });
    const result = await writeSeriesReports(series, {
      outDir: join(dir, 'out'),
      detect: { provider: cannedProvider({}, answer), task: 'diagnose' },
      labels,
      images: { maxZooms: ZOOMS },
      now: () => Date.UTC(2025, 0, 2, 3, 4, 5),
    });
    const [written] = result.reports;
    if (result.failures[0] !== undefined) throw result.failures[0].error;
    if (written === undefined) throw new Error('no report written');
    report = written;
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('keeps the summary short, names times first and draws only the top close-ups', async () => {
    expect(report.report.anomalies).toHaveLength(18);
    expect(report.report.summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(report.report.summary.length).toBeLessThanOrEqual(800);
    expect(report.report.summary).toContain('(1) Point Anomaly on 2014-03-14, 09:06–09:16 UTC');
    expect(report.report.summary).not.toMatch(/\bindex|\bindices|\brows?\b/);
    const html = await readFile(report.html, 'utf8');
    expect(html).toContain('x = time (UTC)');
    expect(html).toMatch(/<th class="num">#<\/th><th>time \(UTC\)<\/th><th>rows<\/th>/);
    const files = await readdir(report.dir);
    expect(files.filter((name) => /^anomaly-\d+\.png$/.test(name)).sort()).toEqual(
      ['anomaly-1.png', 'anomaly-2.png', 'anomaly-3.png', 'anomaly-4.png'].sort(),
    );
    // a 1700-point report with 18 anomalies stays small: HTML (images inline) and the folder
    expect((await stat(report.html)).size).toBeLessThan(250_000);
    let folder = 0;
    for (const name of files) folder += (await stat(join(report.dir, name))).size;
    expect(folder).toBeLessThan(450_000);
  });

  it.skipIf(chromiumPath === undefined)('shows it in Chromium', async () => {
    await mkdir(shots, { recursive: true });
    const browser: Browser = await launchChromium(chromiumPath ?? '');
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(pathToFileURL(report.html).href, { waitUntil: 'load' });
      const facts = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        const texts = (selector: string): string[] =>
          Array.from(doc.querySelectorAll(selector)).map((node) => node.textContent ?? '');
        return {
          images: Array.from(doc.images).map((image) => ({
            ok: image.complete && image.naturalWidth > 0,
            cls: image.className,
          })),
          times: texts('table.anomalies tbody tr td:nth-child(2)'),
          captions: texts('.zooms figcaption'),
          windows: texts('table.windows tbody tr'),
          falseAlarms: doc.querySelector('#false-alarms')?.textContent ?? '',
          summary: doc.querySelector('#summary')?.textContent ?? '',
          pageWidth: doc.documentElement.scrollWidth,
        };
      });
      expect(facts.images.map((image) => image.cls)).toEqual([
        'plot',
        ...Array(ZOOMS).fill('zoom'),
      ]);
      expect(facts.images.every((image) => image.ok)).toBe(true);
      // nothing pushes the page wider than the window
      expect(facts.pageWidth).toBeLessThanOrEqual(1100);
      expect(facts.times).toHaveLength(18);
      expect(facts.times.every((time) => /^2014-03-\d\d \d\d:\d\d:\d\d/.test(time))).toBe(true);
      expect(facts.captions).toHaveLength(ZOOMS);
      expect(facts.captions[0]).toMatch(
        /^Anomaly 1 at 2014-03-14 09:06:00 UTC → .* \(rows 1532–1534\)/,
      );
      expect(facts.windows).toEqual([
        '2014-03-14 03:31:00 UTC → 2014-03-14 14:41:00 UTC (rows 1465–1599)found1',
      ]);
      expect(facts.falseAlarms).toContain('17 false alarms');
      const shot = join(shots, 'report-nab.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect((await stat(shot)).size).toBeGreaterThan(50_000);
    } finally {
      await browser.close();
    }
  });
});
