import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detect, DetectError, type DetectOptions } from '../detect/detect.js';
import type { Label } from '../schema/label.js';
import type { Series } from '../series/types.js';
import {
  buildFailedSeries,
  failedReportHtml,
  failedReportMarkdown,
  type FailedSeries,
} from './failure.js';
import { formatTime } from './format.js';
import { renderReportImages, type ReportImageOptions } from './images.js';
import { seriesReportHtml } from './html.js';
import { indexHtml, type IndexEntry } from './index-page.js';
import { imageFiles, seriesReportMarkdown } from './markdown.js';
import { buildSeriesReport, type SeriesReport } from './model.js';
import { folderNames } from './names.js';

/** Options of {@link writeSeriesReports}. */
export interface WriteSeriesReportsOptions {
  /** Folder to write into; created when missing. */
  outDir: string;
  /** How to ask: provider, task, prompt, cache, ... (`task` @default 'diagnose'). */
  detect: DetectOptions;
  /** Ground truth by series id. @default none */
  labels?: ReadonlyMap<string, Label>;
  images?: ReportImageOptions;
  /** Clock for the "generated" line. @default Date.now */
  now?: () => number;
  /** Called after each series' report is written. */
  onReport?: (entry: WrittenReport) => void;
  /** Called after a failed series' page is written. */
  onFailure?: (entry: FailedReport) => void;
}

/** What was written for one series. */
export interface WrittenReport {
  seriesId: string;
  /** Folder of this series' report, inside `outDir`. */
  dir: string;
  html: string;
  markdown: string;
  report: SeriesReport;
}

/**
 * What was written for a series whose detect call failed: a page saying what failed and what it
 * spent.
 */
export interface FailedReport {
  seriesId: string;
  /** Folder of this series' page, inside `outDir`. */
  dir: string;
  html: string;
  markdown: string;
  failure: FailedSeries;
  error: DetectError;
}

/**
 * Result of {@link writeSeriesReports}: one entry per series, and the index page when there are
 * several.
 */
export interface WriteSeriesReportsResult {
  reports: WrittenReport[];
  /** Series whose detect call failed, in input order. */
  failures: FailedReport[];
  /** Path of `index.html`, or null for a single series. */
  index: string | null;
}

/**
 * Runs detect on each series and writes `<outDir>/<series-id>/report.md` (with its PNGs beside it)
 * and a self-contained `report.html`; for several series also `<outDir>/index.html`. A series whose
 * detect call fails (`DetectError`) gets a page saying what failed and what it spent, and the next
 * series goes on; any other error (bad options, I/O) is thrown.
 */
export async function writeSeriesReports(
  seriesList: readonly Series[],
  options: WriteSeriesReportsOptions,
): Promise<WriteSeriesReportsResult> {
  const now = options.now ?? Date.now;
  await mkdir(options.outDir, { recursive: true });
  const names = folderNames(seriesList.map((series) => series.id));
  const several = seriesList.length > 1;
  const reports: WrittenReport[] = [];
  const failures: FailedReport[] = [];
  const entries: IndexEntry[] = [];
  const indexHref = several ? { indexHref: '../index.html' } : {};
  for (const [index, series] of seriesList.entries()) {
    const name = names[index] ?? `series-${index + 1}`;
    const dir = join(options.outDir, name);
    const html = join(dir, 'report.html');
    const markdown = join(dir, 'report.md');
    const task = options.detect.task ?? 'diagnose';
    let result;
    try {
      result = await detect(series, { ...options.detect, task });
    } catch (error) {
      if (!(error instanceof DetectError)) throw error;
      const failure = buildFailedSeries(series, error);
      const generatedAt = formatTime(Math.floor(now() / 1000) * 1000);
      await mkdir(dir, { recursive: true });
      await writeFile(html, failedReportHtml(failure, { generatedAt, ...indexHref }));
      await writeFile(markdown, failedReportMarkdown(failure, { generatedAt }));
      const failed: FailedReport = { seriesId: series.id, dir, html, markdown, failure, error };
      failures.push(failed);
      entries.push({ href: `${encodeURIComponent(name)}/report.html`, failure });
      options.onFailure?.(failed);
      continue;
    }
    const label = options.labels?.get(series.id);
    const timeAxis = options.detect.render?.axis === 'time' && series.timestamps !== undefined;
    const report = buildSeriesReport({
      series,
      result,
      model: options.detect.provider.id,
      ...(label === undefined ? {} : { label }),
      ...(timeAxis && series.timestamps !== undefined
        ? { coordinates: { timestamps: series.timestamps } }
        : {}),
    });
    const images = await renderReportImages(report, options.images);
    const generatedAt = formatTime(Math.floor(now() / 1000) * 1000);
    await mkdir(dir, { recursive: true });
    await writeFile(html, seriesReportHtml(report, images, { generatedAt, ...indexHref }));
    await writeFile(join(dir, imageFiles.main), images.main);
    for (const zoom of images.zooms)
      await writeFile(join(dir, imageFiles.zoom(zoom.number)), zoom.png);
    await writeFile(markdown, seriesReportMarkdown(report, images.zooms, { generatedAt }));
    const written: WrittenReport = { seriesId: series.id, dir, html, markdown, report };
    reports.push(written);
    entries.push({ href: `${encodeURIComponent(name)}/report.html`, report });
    options.onReport?.(written);
  }
  let indexPath: string | null = null;
  if (several) {
    indexPath = join(options.outDir, 'index.html');
    await writeFile(
      indexPath,
      indexHtml(entries, { generatedAt: formatTime(Math.floor(now() / 1000) * 1000) }),
    );
  }
  return { reports, failures, index: indexPath };
}
