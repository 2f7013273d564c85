import type { BaselineOptions } from './options.js';
import { Scratch, medianInPlace } from './select.js';
import { interpolateAt, median } from './stats.js';

/**
 * Lagged differences per mismatch evaluation are taken from at most this many indices (cost
 * control).
 */
const MISMATCH_MAX_PAIRS = 2048;
/** A mismatch needs at least this many valid pairs to count. */
const MISMATCH_MIN_PAIRS = 8;
/** Step of the fractional search around the best integer lag, in points. */
const FINE_STEP = 0.05;
/**
 * The fractional refinement sums the mismatches at one to this many periods (far multiples are more
 * precise, but more of their pairs cross level shifts and phase jumps) ...
 */
const MAX_MULTIPLE = 5;
/** ... and at most a `1/MULTIPLE_SPAN_SHARE` of the series length. */
const MULTIPLE_SPAN_SHARE = 6;
/** Step of the last, finest search. */
const FINEST_STEP = 0.01;
/** Integer lags tried around each candidate at most (coarser steps beyond that). */
const COARSE_MAX_LAGS = 41;

/**
 * Robust mismatch of a series with itself `lag` points earlier: the median absolute deviation of
 * x[t] − x(t − lag) about its own median (so a steady slope costs nothing), over the pairs where
 * both values exist (linear interpolation at fractional lags). Infinity with too few pairs.
 */
export function lagMismatch(values: Float64Array, lag: number): number {
  const n = values.length;
  const first = Math.ceil(lag);
  if (first >= n) return Number.POSITIVE_INFINITY;
  const stride = Math.max(1, Math.floor((n - first) / MISMATCH_MAX_PAIRS));
  const size = Math.ceil((n - first) / stride);
  // Scratch buffers instead of fresh arrays and filtered copies: this runs ~100 times per
  // channel; the values computed are the same as `lagMismatchCopying`.
  const differences = differencesScratch.get(size);
  let count = 0;
  let allFinite = true;
  for (let t = first; t < n; t += stride) {
    const x = values[t] as number;
    if (!Number.isFinite(x)) continue;
    const y = interpolateAt(values, t - lag);
    if (Number.isFinite(y)) {
      const difference = x - y;
      if (!Number.isFinite(difference)) allFinite = false;
      differences[count++] = difference;
    }
  }
  if (count < MISMATCH_MIN_PAIRS) return Number.POSITIVE_INFINITY;
  // A difference that overflowed takes the general path, which leaves it out of the medians.
  if (!allFinite) return lagMismatchCopying(values, lag);
  const sorted = selectScratch.get(count);
  sorted.set(differences.subarray(0, count));
  const centre = medianInPlace(sorted, count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    differences[i] = Math.abs((differences[i] as number) - centre);
    sum += differences[i] as number;
  }
  // A small share of the mean absolute deviation breaks the ties of the median: on a noise-free
  // series resting on one value most of the cycle, most differences are 0 at many wrong lags too.
  return medianInPlace(differences, count) + MEAN_TIE_BREAK * (sum / count);
}

const differencesScratch = new Scratch();
const selectScratch = new Scratch();

/** {@link lagMismatch} with fresh arrays and the NaN-skipping median (overflowing differences). */
function lagMismatchCopying(values: Float64Array, lag: number): number {
  const n = values.length;
  const first = Math.ceil(lag);
  const stride = Math.max(1, Math.floor((n - first) / MISMATCH_MAX_PAIRS));
  const differences = new Float64Array(Math.ceil((n - first) / stride));
  let count = 0;
  for (let t = first; t < n; t += stride) {
    const x = values[t] as number;
    if (!Number.isFinite(x)) continue;
    const y = interpolateAt(values, t - lag);
    if (Number.isFinite(y)) differences[count++] = x - y;
  }
  const used = differences.subarray(0, count);
  const centre = median(used);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    used[i] = Math.abs((used[i] as number) - centre);
    sum += used[i] as number;
  }
  return median(used) + MEAN_TIE_BREAK * (sum / count);
}

/** Weight of the mean absolute deviation in {@link lagMismatch}. */
const MEAN_TIE_BREAK = 0.05;

/**
 * Lag in [lo, hi] (integers, or fractions at `step`) with the smallest sum of the mismatches at
 * 1…`multiple` times the lag.
 */
function bestLag(
  values: Float64Array,
  lo: number,
  hi: number,
  step: number,
  multiple: number,
  memo: Map<number, number>,
): { lag: number; mismatch: number } {
  let best = { lag: lo, mismatch: Number.POSITIVE_INFINITY };
  for (let lag = lo; lag <= hi + 1e-9; lag += step) {
    let mismatch = 0;
    for (let k = 1; k <= multiple; k++) {
      mismatch += memoMismatch(values, k * lag, memo);
      // Mismatches are ≥ 0, so the sum can no longer win: the rest need not be computed.
      if (mismatch >= best.mismatch) break;
    }
    if (mismatch < best.mismatch) best = { lag, mismatch };
  }
  return best;
}

/** {@link lagMismatch}, remembered per lag for one series (seeds' neighbourhoods overlap). */
function memoMismatch(values: Float64Array, lag: number, memo: Map<number, number>): number {
  let mismatch = memo.get(lag);
  if (mismatch === undefined) {
    mismatch = lagMismatch(values, lag);
    memo.set(lag, mismatch);
  }
  return mismatch;
}

/** Best integer lag within ±max(2, `periodRefineShare`·candidate) of a candidate period. */
function nearestGoodLag(
  values: Float64Array,
  candidate: number,
  maxLag: number,
  options: BaselineOptions,
  memo: Map<number, number>,
): { lag: number; mismatch: number } {
  const radius = Math.max(2, options.periodRefineShare * candidate);
  const lo = Math.max(2, Math.floor(candidate - radius));
  const hi = Math.min(maxLag, Math.ceil(candidate + radius));
  if (hi < lo) return { lag: candidate, mismatch: Number.POSITIVE_INFINITY };
  const step = Math.max(1, Math.ceil((hi - lo + 1) / COARSE_MAX_LAGS));
  let best = bestLag(values, lo, hi, step, 1, memo);
  if (step > 1)
    best = bestLag(
      values,
      Math.max(2, best.lag - step),
      Math.min(maxLag, best.lag + step),
      1,
      1,
      memo,
    );
  return best;
}

/**
 * Checks and refines a period found by autocorrelation against the series itself: the candidate,
 * its multiples (2 … 7) and submultiples (1/2 … 1/6) are each moved to the integer lag with the
 * smallest
 * lagged mismatch nearby; the shortest whose mismatch stays within `periodHarmonicTolerance` of the
 * best wins (a multiple of the true period repeats as well as the period itself). That lag is then
 * refined to 0.01 point with the mismatches summed over up to five multiples of it (spanning at
 * most
 * a sixth of the series), and kept integer unless a fraction fits better by more than
 * `periodIntegerTolerance`.
 * Works on gappy series: only pairs where both values exist count.
 */
export function refinePeriod(
  values: Float64Array,
  candidate: number,
  maxLag: number,
  options: BaselineOptions,
): number {
  const tried: { lag: number; mismatch: number }[] = [];
  const memo = new Map<number, number>();
  // Multiples up to 7 let a weekly cycle on top of a daily one win when it repeats clearly better.
  const multiples = [2, 3, 4, 5, 6, 7].map((multiple) => multiple * candidate);
  const seeds = [...multiples, ...[1, 2, 3, 4, 5, 6].map((divisor) => candidate / divisor)];
  for (const seed of seeds) {
    if (seed < 2 || seed > maxLag) continue;
    tried.push(nearestGoodLag(values, seed, maxLag, options, memo));
  }
  const finite = tried.filter((entry) => Number.isFinite(entry.mismatch));
  if (finite.length === 0) return candidate;
  const lowest = Math.min(...finite.map((entry) => entry.mismatch));
  const acceptable = finite.filter(
    (entry) => entry.mismatch <= lowest * (1 + options.periodHarmonicTolerance) + 1e-12,
  );
  const chosen = acceptable.reduce((a, b) => (b.lag < a.lag ? b : a));
  const coarse = chosen.lag;
  const multiple = Math.max(
    1,
    Math.min(MAX_MULTIPLE, Math.floor(values.length / (MULTIPLE_SPAN_SHARE * coarse))),
  );
  let fine = bestLag(values, Math.max(2, coarse - 1), coarse + 1, FINE_STEP, multiple, memo);
  if (!Number.isFinite(fine.mismatch)) return coarse;
  fine = bestLag(values, fine.lag - FINE_STEP, fine.lag + FINE_STEP, FINEST_STEP, multiple, memo);
  const integer = Math.round(fine.lag);
  if (
    bestLag(values, integer, integer, 1, multiple, memo).mismatch <=
    fine.mismatch * (1 + options.periodIntegerTolerance)
  )
    return integer;
  return Math.round(fine.lag / FINEST_STEP) * FINEST_STEP;
}
