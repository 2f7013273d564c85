import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { detect, DetectError, type DetectOptions, type DetectResult } from '../detect/detect.js';
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

/** A detect call's answer or error. */
type DetectOutcome = { result: DetectResult } | { error: unknown };

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
  /**
   * Series whose detect call starts before the current one's report is written, so a local
   * detector (on its worker threads) finds the next series while this thread draws. Reports are
   * still written, and callbacks called, in input order.
   * @default 1 for a local provider (`capabilities.local`), 0 otherwise
   */
  detectAhead?: number;
}

/**
 * Wall time `writeSeriesReports` spent in each phase, ms. Detection of later series runs while
 * earlier ones are drawn (`detectAhead`), so `detectMs` is the time spent waiting for answers.
 */
export interface ReportTimings {
  /** Waiting for detect answers. */
  detectMs: number;
  /** Building report models (summary, scores against labels). */
  modelMs: number;
  /** Drawing the overview and close-up PNGs. */
  imagesMs: number;
  /** Building the HTML and Markdown and writing files (index included). */
  writeMs: number;
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
  timings: ReportTimings;
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
  const timings: ReportTimings = { detectMs: 0, modelMs: 0, imagesMs: 0, writeMs: 0 };
  let clock = performance.now();
  /** Adds the time since the last lap to `phase`. */
  const lap = (phase: keyof ReportTimings): void => {
    const now = performance.now();
    timings[phase] += now - clock;
    clock = now;
  };
  const task = options.detect.task ?? 'diagnose';
  const ahead = Math.max(
    0,
    Math.floor(options.detectAhead ?? (options.detect.provider.capabilities.local ? 1 : 0)),
  );
  // Settled outcomes, so an answer waiting its turn never is an unhandled rejection.
  const pending = new Map<number, Promise<DetectOutcome>>();
  const start = (index: number): void => {
    if (index >= seriesList.length || pending.has(index)) return;
    pending.set(
      index,
      detect(seriesList[index]!, { ...options.detect, task }).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      ),
    );
  };
  /**
   * This series' answer; then the next `ahead` series are asked. Asking only once the answer is in
   * keeps a local detector on one worker thread beside the drawing thread (a second one would
   * start and compile the detector again for no gain on two cores).
   */
  const outcome = async (index: number): Promise<DetectOutcome> => {
    start(index);
    const found = await pending.get(index)!;
    pending.delete(index);
    for (let next = index + 1; next <= index + ahead; next += 1) start(next);
    return found;
  };
  for (const [index, series] of seriesList.entries()) {
    const name = names[index] ?? `series-${index + 1}`;
    const dir = join(options.outDir, name);
    const html = join(dir, 'report.html');
    const markdown = join(dir, 'report.md');
    clock = performance.now();
    const answered = await outcome(index);
    lap('detectMs');
    if ('error' in answered) {
      const { error } = answered;
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
      lap('writeMs');
      continue;
    }
    const { result } = answered;
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
    lap('modelMs');
    const images = await renderReportImages(report, options.images);
    lap('imagesMs');
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
    lap('writeMs');
  }
  clock = performance.now();
  let indexPath: string | null = null;
  if (several) {
    indexPath = join(options.outDir, 'index.html');
    await writeFile(
      indexPath,
      indexHtml(entries, { generatedAt: formatTime(Math.floor(now() / 1000) * 1000) }),
    );
  }
  lap('writeMs');
  return { reports, failures, index: indexPath, timings };
}
