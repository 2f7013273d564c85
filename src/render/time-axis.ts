import type { Interval } from '../schema/interval.js';
import type { Series } from '../series/types.js';
import type { RenderIntervals, RenderOptions } from './types.js';

/** A step this many times the typical one is a gap in time, drawn as a break in the line. */
export const TIME_GAP_FACTOR = 10;

/** Steps sampled to find the typical one: a median over this many is exact enough and fast. */
const MEDIAN_SAMPLE = 10_001;

/** Median of the steps between consecutive timestamps (sampled evenly on long series). */
function typicalStep(timestamps: readonly number[]): number {
  const steps = timestamps.length - 1;
  const every = Math.max(1, Math.floor(steps / MEDIAN_SAMPLE));
  const sample: number[] = [];
  for (let i = 0; i < steps; i += every) sample.push(timestamps[i + 1]! - timestamps[i]!);
  sample.sort((a, b) => a - b);
  return sample[Math.floor(sample.length / 2)] ?? 0;
}

/**
 * On a time axis, a gap in time (a step over `TIME_GAP_FACTOR` times the median step) breaks the
 * line as a missing value does: a missing observation is inserted inside each gap, and the
 * intervals to shade are moved to the new rows. Anything else comes back unchanged (same objects).
 */
export function breakTimeGaps(
  series: Series,
  options: RenderOptions,
): { series: Series; options: RenderOptions } {
  const stamps = series.timestamps;
  if (options.axis !== 'time' || stamps === undefined || stamps.length < 3)
    return { series, options };
  const limit = typicalStep(stamps) * TIME_GAP_FACTOR;
  // Rows after which a gap opens.
  const gaps: number[] = [];
  for (let i = 0; i + 1 < stamps.length; i += 1)
    if (stamps[i + 1]! - stamps[i]! > limit && limit > 0) gaps.push(i);
  if (gaps.length === 0) return { series, options };
  const length = stamps.length + gaps.length;
  const timestamps = new Array<number>(length);
  const values = series.values.map(() => new Float64Array(length));
  let out = 0;
  let next = 0;
  for (let i = 0; i < stamps.length; i += 1) {
    timestamps[out] = stamps[i]!;
    series.values.forEach((channel, c) => (values[c]![out] = channel[i]!));
    out += 1;
    if (gaps[next] === i) {
      timestamps[out] = (stamps[i]! + stamps[i + 1]!) / 2;
      for (const channel of values) channel[out] = Number.NaN;
      out += 1;
      next += 1;
    }
  }
  // Old row i is new row i + (gaps opening before it).
  const moved = (row: number): number => {
    let before = 0;
    while (before < gaps.length && gaps[before]! < row) before += 1;
    return row + before;
  };
  const move = (list: readonly Interval[] | undefined): Interval[] | undefined =>
    list?.map(([start, end]) =>
      end > start && Number.isInteger(start) && Number.isInteger(end)
        ? [moved(start), moved(end - 1) + 1]
        : [start, end],
    );
  const intervals = options.intervals;
  const shaded: RenderIntervals | undefined =
    intervals === undefined
      ? undefined
      : {
          ...(intervals.predicted === undefined ? {} : { predicted: move(intervals.predicted) }),
          ...(intervals.truth === undefined ? {} : { truth: move(intervals.truth) }),
          ...(intervals.candidates === undefined ? {} : { candidates: move(intervals.candidates) }),
        };
  return {
    series: { ...series, values, timestamps },
    options: shaded === undefined ? options : { ...options, intervals: shaded },
  };
}

const DAY_MS = 86_400_000;

/**
 * A d3 UTC time format that shows the year on every tick when the series spans more than one
 * calendar year (Vega's default names the year only at January); `undefined` otherwise.
 */
export function yearTickFormat(timestamps: readonly number[] | undefined): string | undefined {
  if (timestamps === undefined || timestamps.length === 0) return undefined;
  const first = timestamps[0]!;
  const last = timestamps[timestamps.length - 1]!;
  if (new Date(first).getUTCFullYear() === new Date(last).getUTCFullYear()) return undefined;
  const span = last - first;
  if (span >= 8 * 365 * DAY_MS) return '%Y';
  if (span >= 60 * DAY_MS) return '%b %Y';
  if (span >= 2 * DAY_MS) return '%d %b %Y';
  return '%d %b %Y %H:%M';
}
