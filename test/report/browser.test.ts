import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests, launchChromium } from '../../src/testing/browser.js';
import {
  writeSeriesReports,
  type WriteSeriesReportsResult,
} from '../../src/report/series-report.js';
import { cannedProvider, hostileAnswer, normalAnswer, spikySeries } from './helpers.js';

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
  images: ArrayLike<PageImage>;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
/** Undefined when no Chromium is found: the file is skipped (global setup says so once). */
const chromiumPath = chromiumForTests();

describe.skipIf(chromiumPath === undefined)('report pages in Chromium', () => {
  /** Screenshots stay here for a person to look at; overwritten by each run, never committed. */
  const shots = join(tmpdir(), 'anomscope-report-browser');
  let dir: string;
  let written: WriteSeriesReportsResult;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'anomscope-browser-'));
    await mkdir(shots, { recursive: true });
    const [reports, launched] = await Promise.all([
      writeSeriesReports([spikySeries('hostile', { withTime: true }), spikySeries('calm')], {
        outDir: join(dir, 'out'),
        detect: {
          provider: cannedProvider({ hostile: hostileAnswer }, normalAnswer),
          task: 'diagnose',
        },
        labels: new Map([
          [
            'hostile',
            {
              seriesId: 'hostile',
              anomalous: true,
              intervals: [
                [62, 63],
                [140, 160],
              ],
              channels: null,
              category: null,
              explanation: null,
            },
          ],
        ]),
      }),
      launchChromium(chromiumPath ?? ''),
    ]);
    written = reports;
    browser = launched;
  });
  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('shows the hostile report intact: images loaded, table rows there, no script ran', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (!request.url().startsWith('file:') && !request.url().startsWith('data:'))
        requests.push(request.url());
    });
    await page.goto(pathToFileURL(written.reports[0]?.html ?? '').href, { waitUntil: 'load' });
    const facts = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      return {
        scripts: doc.querySelectorAll('script, iframe').length,
        images: Array.from(doc.images).map((image) => ({
          complete: image.complete,
          width: image.naturalWidth,
          cls: image.className,
        })),
        rows: Array.from(doc.querySelectorAll('table.anomalies tbody tr')).map(
          (row) => row.querySelector('td.explanation')?.textContent ?? '',
        ),
        headings: Array.from(doc.querySelectorAll('main > h2')).map(
          (heading) => heading.textContent,
        ),
        footer: doc.querySelector('main > footer') !== null,
        summary: doc.querySelector('#summary')?.textContent ?? '',
      };
    });
    expect(facts.scripts).toBe(0);
    expect(facts.images.map((image) => image.cls)).toEqual(['plot', 'zoom', 'zoom']);
    expect(facts.images.every((image) => image.complete && image.width > 0)).toBe(true);
    expect(facts.rows).toHaveLength(2);
    expect(facts.rows[0]).toBe(
      '<script>alert(1)</script> spike </td></tr></table><img src=x onerror=alert(2)>',
    );
    expect(facts.headings).toEqual(['Compared with the label', 'Anomalies', 'Close-ups']);
    expect(facts.footer).toBe(true);
    expect(facts.summary).toContain('<script>alert(4)</script>');
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    const shot = join(shots, 'report-hostile.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it('shows the index with a row per series linking to the reports, and the normal report', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    await page.goto(pathToFileURL(written.index ?? '').href, { waitUntil: 'load' });
    const links = await page.$$eval('table.index tbody tr a', (anchors) =>
      anchors.map((anchor) => [anchor.textContent, anchor.getAttribute('href')]),
    );
    expect(links).toEqual([
      ['hostile', 'hostile/report.html'],
      ['calm', 'calm/report.html'],
    ]);
    await page.screenshot({ path: join(shots, 'index.png'), fullPage: true });
    await page.click('text=calm');
    await page.waitForURL(/calm\/report\.html$/);
    const calm = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      return {
        verdict: doc.querySelector('#verdict')?.textContent,
        none: doc.querySelector('#no-anomaly') !== null,
        widths: Array.from(doc.images).map((image) => image.naturalWidth),
      };
    });
    expect(calm).toEqual({ verdict: 'No anomaly found', none: true, widths: [960] });
    await page.close();
  });
});
