import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import { gridShape } from '../render/index.js';
import type { Interval } from '../schema/interval.js';
import type { SeriesReport } from './model.js';
import { basePresetFor, intervalsInWindow, renderPlot, sliceSeries, zoomWindow } from './plots.js';

/** One close-up: which anomaly, which index window `[start, end)` it shows, and the PNG. */
export interface ZoomImage {
  number: number;
  window: Interval;
  png: Uint8Array;
}

/** The pictures of a series report. */
export interface ReportImages {
  main: Uint8Array;
  zooms: ZoomImage[];
}

/** Sizes of report pictures. */
export interface ReportImageOptions {
  /** Width of the whole-series plot. @default 960 */
  widthPx?: number;
  /** Width of each close-up (two fit side by side). @default 470 */
  zoomWidthPx?: number;
  /**
   * Close-ups drawn: only the most confident anomalies get one (ties: plot order), so a series with
   * fifty findings still gives a small report. The table lists every anomaly.
   * @default 10
   */
  maxZooms?: number;
}

/** The anomalies that get a close-up: the `max` most confident, in plot order. */
export function zoomedAnomalies<T extends { number: number; confidence: number | null }>(
  anomalies: readonly T[],
  max: number,
): T[] {
  const ranked = [...anomalies].sort(
    (a, b) => (b.confidence ?? -1) - (a.confidence ?? -1) || a.number - b.number,
  );
  const kept = new Set(ranked.slice(0, Math.max(0, max)).map((anomaly) => anomaly.number));
  return anomalies.filter((anomaly) => kept.has(anomaly.number));
}

/** Height of a plot: a fixed band for one line chart, rows of panels for a grid (+ legend). */
function heightFor(channels: number, panelPx: number, linePx: number): number {
  if (channels <= 1) return linePx;
  const { rows } = gridShape(channels);
  return Math.min(8192, rows * panelPx + 34);
}

/**
 * Draws the whole-series overlay (anomalies shaded and numbered, truth in green) and close-ups of
 * the most confident anomalies.
 */
export async function renderReportImages(
  report: SeriesReport,
  options: ReportImageOptions = {},
): Promise<ReportImages> {
  const widthPx = options.widthPx ?? 960;
  const zoomWidthPx = options.zoomWidthPx ?? 470;
  const { series } = report;
  const located = report.anomalies.filter(
    (anomaly): anomaly is typeof anomaly & { interval: Interval } => anomaly.interval !== null,
  );
  const channelsOf = (anomaly: (typeof located)[number]): number[] | null =>
    report.kind === 'multivariate' && anomaly.channels !== null
      ? anomaly.channels.map((channel) => channel.index)
      : null;
  const truthIntervals = report.label?.intervals ?? null;
  const truthChannels = report.kind === 'multivariate' ? (report.label?.channels ?? null) : null;
  // Vega runs on this thread, but librsvg and the PNG encoder run on libuv's pool: a few plots in
  // flight keep both busy. Bytes do not depend on the order.
  const queue = new PQueue({ concurrency: Math.max(2, availableParallelism()) });
  const main = queue.add(() =>
    renderPlot(series, {
      widthPx,
      heightPx: heightFor(series.channels.length, 150, 240),
      predicted: located.map((anomaly) => ({
        interval: anomaly.interval,
        channels: channelsOf(anomaly),
      })),
      ...(truthIntervals === null
        ? {}
        : { truth: truthIntervals.map((interval) => ({ interval, channels: truthChannels })) }),
      numbers: located.map((anomaly) => ({
        n: anomaly.number,
        interval: anomaly.interval,
        channels: channelsOf(anomaly),
      })),
    }),
  );
  // Close-ups of anomalies with the same window and channels are the same picture: draw it once.
  const drawn = new Map<string, Promise<Uint8Array>>();
  const zoomJobs = zoomedAnomalies(located, options.maxZooms ?? 10).map((anomaly) => {
    const window = zoomWindow(anomaly.interval, report.length);
    const channels = channelsOf(anomaly)?.filter((index) => index < series.channels.length);
    const key = JSON.stringify([window, channels ?? null]);
    let png = drawn.get(key);
    if (png === undefined) {
      png = queue.add(() => renderZoom(window, channels));
      drawn.set(key, png);
    }
    return { number: anomaly.number, window, png };
  });
  // Promise.all handles every rejection at once, so a failed plot is thrown, not left unhandled.
  const [mainPng, ...zoomPngs] = await Promise.all([main, ...zoomJobs.map((job) => job.png)]);
  const zooms = zoomJobs.map((job, index) => ({ ...job, png: zoomPngs[index]! }));
  return { main: mainPng, zooms };

  function renderZoom(window: Interval, channels: number[] | undefined): Promise<Uint8Array> {
    const slice = sliceSeries(series, window, channels);
    const inWindow = located.flatMap((other) =>
      intervalsInWindow([other.interval], window).map((interval) => ({
        n: other.number,
        interval,
        channels: null,
      })),
    );
    return renderPlot(slice, {
      widthPx: zoomWidthPx,
      heightPx: heightFor(slice.channels.length, 120, 200),
      base: basePresetFor(slice),
      predicted: inWindow.map((entry) => ({ interval: entry.interval })),
      ...(truthIntervals === null
        ? {}
        : { truth: intervalsInWindow(truthIntervals, window).map((interval) => ({ interval })) }),
      numbers: inWindow,
      indexOffset: window[0],
    });
  }
}
