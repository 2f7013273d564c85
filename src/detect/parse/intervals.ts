import { InputError } from '../../errors.js';
import type { Interval } from '../../schema/interval.js';
import { parseError } from './errors.js';

/**
 * How a prompt asked for range ends: `inclusive` (VisualTimeAnomaly, ours) or `exclusive`
 * (AnomLLM).
 */
export type RangeConvention = 'inclusive' | 'exclusive';

/** Options of `toIntervals`. */
export interface ToIntervalsOptions {
  /**
   * Whether `end` names the last anomalous position (`inclusive`, converted with +1) or the one
   * after it.
   */
  convention: RangeConvention;
  /** Series length in observations; intervals are clipped to `[0, length]`. */
  length: number;
  /**
   * Scale factor of a rescaled text serialization (rescaled length / original length): a coordinate
   * `x` on the rescaled axis is index `x / scale` of the original series.
   */
  scale?: number;
  /**
   * Epoch-ms timestamps of the series when the axis showed timestamps: each coordinate maps to the
   * index of the nearest timestamp (earlier index on a tie); before the first timestamp is "before
   * the
   * series", after the last is "after the series". Not combinable with `scale`.
   */
  timestamps?: readonly number[];
  /**
   * What a negative index coordinate does: `reject` throws `content.bad_coordinate`; `clip` clips
   * it to
   * 0, as the published range vectorizers' `np.clip` do (VisualTimeAnomaly ranges, AnomLLM).
   * @default 'reject'
   */
  onNegative?: 'reject' | 'clip';
  /**
   * What an anomaly lying wholly outside the series does: `drop` skips it, as the published
   * vectorizers do (their formats keep that); `reject` throws `content.out_of_range`, a schema
   * problem the repair turn quotes. Anomalies that only overhang an end are clipped either way.
   * @default 'drop'
   */
  onOutOfRange?: 'drop' | 'reject';
  /** Raw model text to keep in a thrown `ContentError`. @default JSON of `anomalies` */
  rawText?: string;
}

/**
 * The one place model coordinates become half-open index intervals `[start, end)`: coordinates
 * are mapped back through `timestamps` or `scale`, truncated toward zero (Python's `int()`, as the
 * published vectorizers do), given +1 on the end under the inclusive convention, clipped to
 * `[0, length]` (an end before its start clips to an empty interval), emptied intervals dropped,
 * overlapping or touching intervals merged, and the result sorted. Non-finite coordinates, and
 * negative ones unless `onNegative: 'clip'`, throw `content.bad_coordinate`; nothing wraps around
 * the way Python's negative indexing would.
 * @example toIntervals([{ start: 2, end: 11 }], { convention: 'inclusive', length: 400 }) // [[2,
 * 12]]
 */
export function toIntervals(
  anomalies: readonly { start: number; end: number }[],
  options: ToIntervalsOptions,
): Interval[] {
  const { convention, length, scale, timestamps } = options;
  if (!Number.isInteger(length) || length < 0)
    throw new InputError(
      'input.bad_option',
      `length must be a non-negative integer, got ${length}.`,
      { field: 'length' },
    );
  if (scale !== undefined && !(scale > 0 && Number.isFinite(scale)))
    throw new InputError(
      'input.bad_option',
      `scale must be a positive finite number, got ${scale}.`,
      { field: 'scale' },
    );
  if (timestamps !== undefined && scale !== undefined)
    throw new InputError(
      'input.bad_option',
      'toIntervals takes either timestamps or scale, not both.',
      { field: 'timestamps' },
    );
  if (timestamps !== undefined && timestamps.length !== length) {
    throw new InputError(
      'input.bad_option',
      `timestamps has ${timestamps.length} entries but the series has ${length} observations.`,
      { field: 'timestamps' },
    );
  }
  const rawText = options.rawText ?? JSON.stringify(anomalies);
  const intervals: [number, number][] = [];
  anomalies.forEach((anomaly, index) => {
    for (const key of ['start', 'end'] as const) {
      const coordinate = anomaly[key];
      if (typeof coordinate !== 'number' || !Number.isFinite(coordinate)) {
        throw parseError(
          'content.bad_coordinate',
          `Anomaly ${index} has a non-finite ${key} (${String(coordinate)}).`,
          rawText,
          { issues: [`${index}.${key}: ${String(coordinate)} is not finite`] },
        );
      }
      if (timestamps === undefined && coordinate < 0 && options.onNegative !== 'clip') {
        throw parseError(
          'content.bad_coordinate',
          `Anomaly ${index} has a negative ${key} (${coordinate}); x-axis coordinates start at 0.`,
          rawText,
          { issues: [`${index}.${key}: ${coordinate} < 0`] },
        );
      }
    }
    let start: number;
    let end: number;
    if (timestamps !== undefined) {
      start = nearestIndex(timestamps, anomaly.start);
      end = nearestIndex(timestamps, anomaly.end);
    } else {
      start = Math.trunc(scale === undefined ? anomaly.start : anomaly.start / scale);
      end = Math.trunc(scale === undefined ? anomaly.end : anomaly.end / scale);
    }
    if (options.onOutOfRange === 'reject' && (start >= length || end < 0)) {
      throw parseError(
        'content.out_of_range',
        `Anomaly ${index} (${anomaly.start} to ${anomaly.end}) lies outside the series of ${length} points.`,
        rawText,
        {
          issues: [
            `anomalies.${index}: ${anomaly.start}..${anomaly.end} is outside the series (${length} points)`,
          ],
        },
      );
    }
    if (convention === 'inclusive') end += 1;
    start = Math.min(Math.max(start, 0), length);
    end = Math.min(Math.max(end, start), length);
    if (end > start) intervals.push([start, end]);
  });
  return mergeIntervals(intervals);
}

/**
 * Anomalous points (x-axis coordinates, as VisualTimeAnomaly's point prompts ask) as merged
 * half-open intervals: point `p` covers `[p, p + 1)`; points at or past `length` are dropped
 * (the published vectorizer skips them), negative or non-finite points throw
 * `content.bad_coordinate`.
 * @example pointsToIntervals([2, 3, 51], 400) // [[2, 4], [51, 52]]
 */
export function pointsToIntervals(points: readonly number[], length: number): Interval[] {
  return toIntervals(
    points.map((point) => ({ start: point, end: point })),
    { convention: 'inclusive', length, rawText: JSON.stringify(points) },
  );
}

/** Sorts half-open intervals and merges those that overlap or touch. */
export function mergeIntervals(intervals: readonly (readonly [number, number])[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Index of the nearest timestamp; -1 before the first, `length` after the last (so clipping drops
 * or trims).
 */
function nearestIndex(timestamps: readonly number[], coordinate: number): number {
  const first = timestamps[0];
  const last = timestamps.at(-1);
  if (first === undefined || last === undefined) return 0;
  if (coordinate < first) return -1;
  if (coordinate > last) return timestamps.length;
  let low = 0;
  let high = timestamps.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if ((timestamps[middle] ?? 0) <= coordinate) low = middle;
    else high = middle;
  }
  const below = timestamps[low] ?? 0;
  const above = timestamps[high] ?? 0;
  return coordinate - below <= above - coordinate ? low : high;
}
