import type { Anomaly } from '../schema/answer.js';
import type { Interval } from '../schema/interval.js';
import type { Series } from '../series/types.js';
import { seriesLength } from '../series/types.js';
import type { DetectResult } from './detect.js';

/** Rolling windows over a long series (SigLLM-style). */
export interface WindowOptions {
  /** Points per window; a series no longer than this is sent whole. */
  window: number;
  /** Points between window starts. @default half the window */
  stride?: number;
}

/**
 * Half-open row ranges `[start, end)` of the windows covering `length` rows; the last ends at
 * `length`.
 */
export function windowRanges(length: number, options: WindowOptions): [number, number][] {
  const size = Math.max(1, Math.floor(options.window));
  if (length <= size) return [[0, length]];
  const stride = Math.max(1, Math.floor(options.stride ?? size / 2));
  const ranges: [number, number][] = [];
  for (let start = 0; ; start += stride) {
    if (start + size >= length) {
      ranges.push([Math.max(0, length - size), length]);
      break;
    }
    ranges.push([start, start + size]);
  }
  return ranges;
}

/** Rows `[start, end)` of a series as a series of its own, keeping its real timestamps. */
export function sliceSeries(series: Series, [start, end]: readonly [number, number]): Series {
  return {
    ...series,
    values: series.values.map((channel) => channel.slice(start, end)),
    ...(series.timestamps === undefined ? {} : { timestamps: series.timestamps.slice(start, end) }),
  };
}

/**
 * Union of intervals, with touching or overlapping ones joined (an interval cut by a window edge).
 */
export function unionIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * One anomaly per joined interval: the (whole-series) anomalies of overlapping windows that fall
 * in the same interval become one, spanning all of them, with the highest confidence stated (null
 * when none states one) and the category, severity and explanation of the most confident one.
 * Anomalies outside every interval are kept as they are.
 */
export function mergeWindowAnomalies(
  anomalies: readonly Anomaly[],
  intervals: readonly Interval[],
): Anomaly[] {
  const groups = intervals.map((): Anomaly[] => []);
  const loose: Anomaly[] = [];
  for (const anomaly of anomalies) {
    // Index coordinates: an anomaly [start, end] (both included) lies in [s, e) when they overlap.
    const at = intervals.findIndex(([s, e]) => anomaly.start < e && anomaly.end >= s);
    if (at === -1) loose.push(anomaly);
    else groups[at]?.push(anomaly);
  }
  const merged = groups.flatMap((group): Anomaly[] => {
    if (group.length <= 1) return group;
    const stated = group.flatMap((anomaly) =>
      anomaly.confidence === null ? [] : [anomaly.confidence],
    );
    const best = [...group].sort((a, b) => (b.confidence ?? -1) - (a.confidence ?? -1))[0];
    const channels = group.every((anomaly) => anomaly.channels === null)
      ? null
      : [...new Set(group.flatMap((anomaly) => anomaly.channels ?? []))].sort((a, b) => a - b);
    return [
      {
        ...(best as Anomaly),
        start: Math.min(...group.map((anomaly) => anomaly.start)),
        end: Math.max(...group.map((anomaly) => anomaly.end)),
        channels,
        confidence: stated.length === 0 ? null : Math.max(...stated),
      },
    ];
  });
  return [...merged, ...loose].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Sends a long series as overlapping windows through `detectOne` and merges the answers into one
 * result over the whole series: intervals shifted to whole-series rows and joined, channels
 * united, tokens, cost, latency and attempts summed. Anomaly coordinates are shifted by the
 * window's first row (they are index coordinates in a window's frame).
 */
export async function detectWindowed(
  series: Series,
  options: WindowOptions & {
    /** Called after each window's answer of a series that is cut (not for one sent whole). */
    onWindow?: () => void;
  },
  detectOne: (window: Series) => Promise<DetectResult>,
): Promise<DetectResult> {
  const ranges = windowRanges(seriesLength(series), options);
  if (ranges.length === 1) return detectOne(series);
  // One window at a time: the item keeps one call in flight, as `--concurrency` counts it.
  const results: DetectResult[] = [];
  for (const range of ranges) {
    results.push(await detectOne(sliceSeries(series, range)));
    options.onWindow?.();
  }
  const first = results[0] as DetectResult;
  const intervals = unionIntervals(
    results.flatMap((result, index) =>
      result.intervals.map(([start, end]): Interval => [
        start + (ranges[index]?.[0] ?? 0),
        end + (ranges[index]?.[0] ?? 0),
      ]),
    ),
  );
  const anomalies = mergeWindowAnomalies(
    results.flatMap((result, index) =>
      result.answer.anomalies.map((anomaly) => ({
        ...anomaly,
        start: anomaly.start + (ranges[index]?.[0] ?? 0),
        end: anomaly.end + (ranges[index]?.[0] ?? 0),
      })),
    ),
    intervals,
  );
  const confident = [...anomalies].sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0))[0];
  const usages = results.map((result) => result.usage).filter((usage) => usage !== null);
  const costs = results.map((result) => result.costUsd);
  return {
    ...first,
    answer: {
      anomalous: results.some((result) => result.answer.anomalous),
      anomalies,
      summary: results
        .map((result) => result.answer.summary)
        .filter((text) => text !== '')
        .join(' '),
    },
    intervals,
    channels: [...new Set(results.flatMap((result) => result.channels))].sort((a, b) => a - b),
    category: confident?.category ?? first.category,
    attempts: results.reduce((sum, result) => sum + result.attempts, 0),
    cached: results.every((result) => result.cached),
    repaired: results.some((result) => result.repaired),
    usage:
      usages.length === 0
        ? null
        : {
            inputTokens: usages.reduce((sum, usage) => sum + usage.inputTokens, 0),
            outputTokens: usages.reduce((sum, usage) => sum + usage.outputTokens, 0),
          },
    costUsd: costs.every((cost) => cost === null)
      ? null
      : costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0),
    latencyMs: results.reduce((sum, result) => sum + result.latencyMs, 0),
    warnings: [
      `sent as ${ranges.length} windows of ${options.window} points`,
      ...results.flatMap((result) => result.warnings),
    ],
    rawText: results.map((result) => result.rawText).join('\n'),
    turns: results.flatMap((result) => result.turns),
  };
}
