import { InputError } from '../errors.js';
import type { Interval } from '../schema/interval.js';

/** A half-open `[start, end)` index interval as callers write it (a plain pair is fine). */
export type IntervalLike = Interval | readonly number[];

/** Checks that a series length is a non-negative integer and returns it. */
export function checkLength(length: number, field = 'length'): number {
  if (!Number.isInteger(length) || length < 0) {
    throw new InputError(
      'grade.invalid_length',
      `${field} is ${String(length)}; it must be a non-negative integer number of points.`,
      { field },
    );
  }
  return length;
}

/**
 * Validates half-open `[start, end)` integer intervals, clips them to `[0, length)`, drops the
 * empty ones, sorts them and merges overlapping *or touching* ones (`[0,5)` + `[5,9)` → `[0,9)`),
 * which is what turning them into a 0/1 vector and back (affiliation's `convert_vector_to_events`,
 * TSB-AD's `range_convers_new`) does. The result is sorted, disjoint and non-adjacent.
 */
export function normalizeIntervals(
  intervals: readonly IntervalLike[],
  length: number,
  field: string,
): Interval[] {
  const clipped: [number, number][] = [];
  intervals.forEach((pair, i) => {
    const start = pair[0];
    const end = pair[1];
    if (
      pair.length !== 2 ||
      start === undefined ||
      end === undefined ||
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start > end
    ) {
      throw new InputError(
        'grade.invalid_interval',
        `${field}[${i}] is ${JSON.stringify(pair)}; intervals must be [start, end) pairs of integers with start <= end.`,
        { field: `${field}[${i}]` },
      );
    }
    const s = Math.max(0, start);
    const e = Math.min(length, end);
    if (s < e) clipped.push([s, e]);
  });
  clipped.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of clipped) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Total number of indices covered by sorted disjoint intervals. */
export function totalLength(intervals: readonly Interval[]): number {
  let sum = 0;
  for (const [s, e] of intervals) sum += e - s;
  return sum;
}

/**
 * Per-event overlap of `events` with `others` (both sorted, disjoint): covered points and how many
 * of `others` touch it.
 */
export interface EventOverlaps {
  /** `overlap[i]` = number of indices of `events[i]` covered by `others`. */
  overlap: readonly number[];
  /** `count[i]` = number of `others` intervals sharing at least one index with `events[i]`. */
  count: readonly number[];
}

/**
 * Sweeps two sorted disjoint interval lists once: O(|events| + |others|). Plain arrays, not typed
 * ones: scoring calls this five times per series, and a typed array costs ~4× more to make.
 */
export function eventOverlaps(
  events: readonly Interval[],
  others: readonly Interval[],
): EventOverlaps {
  const overlap = new Array<number>(events.length);
  const count = new Array<number>(events.length);
  let j = 0;
  events.forEach(([s, e], i) => {
    while (j < others.length && (others[j] as Interval)[1] <= s) j++;
    let sum = 0;
    let n = 0;
    // Others starting before `e` overlap this event; the last one may also overlap the next event,
    // so `j` is not advanced past it.
    for (let k = j; k < others.length; k++) {
      const [os, oe] = others[k] as Interval;
      if (os >= e) break;
      sum += Math.min(e, oe) - Math.max(s, os);
      n++;
    }
    overlap[i] = sum;
    count[i] = n;
  });
  return { overlap, count };
}

/**
 * Deletes the given indices from the axis (VisualTimeAnomaly's irregular univariate scoring,
 * `np.delete` on both vectors) and maps intervals onto the shortened axis; returns the new length
 * and the re-normalized intervals (pieces that become adjacent merge).
 */
export function deleteIndices(
  intervals: readonly Interval[],
  droppedIndices: readonly number[],
  length: number,
  field: string,
): { intervals: Interval[]; length: number } {
  const dropped = uniqueSortedIndices(droppedIndices, length, 'droppedIndices');
  const before = (x: number): number => {
    // number of dropped indices < x (binary search)
    let lo = 0;
    let hi = dropped.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((dropped[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const newLength = length - dropped.length;
  const mapped = intervals.map(([s, e]) => [s - before(s), e - before(e)] as const);
  return { intervals: normalizeIntervals(mapped, newLength, field), length: newLength };
}

/** Validates integer indices in `[0, length)` and returns them sorted without duplicates. */
export function uniqueSortedIndices(
  indices: readonly number[],
  length: number,
  field: string,
): number[] {
  indices.forEach((x, i) => {
    if (!Number.isInteger(x) || x < 0 || x >= length) {
      throw new InputError(
        'grade.invalid_index',
        `${field}[${i}] is ${String(x)}; it must be an integer index in [0, ${length}).`,
        {
          field: `${field}[${i}]`,
        },
      );
    }
  });
  return [...new Set(indices)].sort((a, b) => a - b);
}
