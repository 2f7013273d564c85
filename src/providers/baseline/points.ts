import type { ResidualEvent } from './events.js';
import type { BaselineOptions } from './options.js';

const magnitude = (z: Float64Array, index: number): number => {
  const value = z[index];
  return value === undefined || !Number.isFinite(value) ? 0 : Math.abs(value);
};

/**
 * Indices whose |z| reaches `threshold` while both neighbours stay below
 * max(`extendZ`, `isolatedNeighbourShare`·|z|): lone outliers, as opposed to the edge of a
 * shifted stretch (whose neighbours deviate as much as it does).
 */
export function isolatedPoints(
  z: Float64Array,
  threshold: number,
  options: BaselineOptions,
): number[] {
  const found: number[] = [];
  for (let t = 0; t < z.length; t++) {
    const size = magnitude(z, t);
    if (!(size >= threshold)) continue;
    const limit = Math.max(options.extendZ, options.isolatedNeighbourShare * size);
    if (magnitude(z, t - 1) < limit && magnitude(z, t + 1) < limit) found.push(t);
  }
  return found;
}

/** Two-sided Gaussian tail probability P(|Z| ≥ |z|) (erfc with fractional error below 1.2e-7). */
export function twoSidedTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.min(1, t * Math.exp(-x * x + poly));
}

/**
 * The |z| from which lone outliers count: `isolatedPointZ`, lowered (not below
 * `isolatedPointMinZ`) by the Benjamini–Hochberg procedure at false discovery rate
 * `pointFalseDiscoveryRate` over the `tests` finite points — so a series with many clear outliers
 * also reports its fainter ones, while a clean series keeps the strict threshold (the rule only
 * applies when at least `pointFalseDiscoveryMinPoints` lone outliers pass the strict threshold
 * and it accepts at least that many points).
 */
export function pointThreshold(z: Float64Array, tests: number, options: BaselineOptions): number {
  const candidates = isolatedPoints(z, options.isolatedPointMinZ, options).map((index) =>
    Math.abs(z[index] as number),
  );
  candidates.sort((a, b) => b - a);
  let threshold = options.isolatedPointZ;
  // Only a series that already shows several clear lone outliers is one whose fainter ones are
  // sought.
  if (candidates.filter((size) => size >= threshold).length < options.pointFalseDiscoveryMinPoints)
    return threshold;
  for (let k = candidates.length; k >= Math.max(1, options.pointFalseDiscoveryMinPoints); k--) {
    const size = candidates[k - 1] as number;
    if (twoSidedTail(size) <= (k * options.pointFalseDiscoveryRate) / Math.max(1, tests)) {
      threshold = Math.min(threshold, size);
      break;
    }
  }
  return threshold;
}

/** A one-point residual event at `index`. */
export function pointEvent(
  z: Float64Array,
  residual: Float64Array,
  index: number,
  options: BaselineOptions,
): ResidualEvent {
  const value = z[index] as number;
  return {
    start: index,
    end: index + 1,
    peakIndex: index,
    peakZ: value,
    rmsZ: Math.min(Math.abs(value), options.zClip),
    meanResidual: residual[index] as number,
    signAgreement: 1,
  };
}

/**
 * Joins isolated points to the stretch events they touch (within `mergeGapPoints`), and returns
 * the points that stay on their own as one-point events.
 */
export function attachPoints(
  events: ResidualEvent[],
  points: readonly number[],
  z: Float64Array,
  residual: Float64Array,
  options: BaselineOptions,
): ResidualEvent[] {
  const alone: ResidualEvent[] = [];
  for (const index of points) {
    const host = events.find(
      (event) =>
        index >= event.start - options.mergeGapPoints - 1 &&
        index < event.end + options.mergeGapPoints + 1,
    );
    if (host === undefined) {
      alone.push(pointEvent(z, residual, index, options));
      continue;
    }
    host.start = Math.min(host.start, index);
    host.end = Math.max(host.end, index + 1);
    const value = z[index] as number;
    if (Math.abs(value) > Math.abs(host.peakZ)) {
      host.peakZ = value;
      host.peakIndex = index;
    }
  }
  return alone;
}

/**
 * Nearest finite value within `reach` points of `index` in direction `step` (±1), with its
 * position.
 */
function nearestFinite(
  values: Float64Array,
  index: number,
  step: -1 | 1,
  reach: number,
): { at: number; value: number } | null {
  for (let d = 1; d <= reach; d++) {
    const at = index + step * d;
    const value = values[at];
    if (value !== undefined && Number.isFinite(value)) return { at, value };
  }
  return null;
}

/** True when one of the values one to three periods away (inside the series) is missing. */
function incompleteCycles(values: Float64Array, index: number, period: number): boolean {
  for (let k = 1; k <= 3; k++) {
    for (const at of [index - Math.round(k * period), index + Math.round(k * period)]) {
      const value = values[at];
      if (value !== undefined && !Number.isFinite(value)) return true;
    }
  }
  return false;
}

/**
 * Whether the expectation at a lone outlier is trustworthy. Where values one to three periods away
 * are missing, the seasonal expectation may come from across a level shift and make a normal point
 * look far off; such an expectation jumps away from its neighbours' expectations (nearest finite
 * ones within `pointNeighbourReach`) by most of the residual, while a real spike's expectation runs
 * smoothly through. Points with complete cycles (or without a period) always pass.
 */
export function trustedExpectation(
  values: Float64Array,
  expected: Float64Array,
  residual: Float64Array,
  index: number,
  period: number | null,
  options: BaselineOptions,
): boolean {
  if (period === null || !incompleteCycles(values, index, period)) return true;
  const left = nearestFinite(expected, index, -1, options.pointNeighbourReach);
  const right = nearestFinite(expected, index, 1, options.pointNeighbourReach);
  let local: number;
  if (left !== null && right !== null)
    local = left.value + ((index - left.at) / (right.at - left.at)) * (right.value - left.value);
  else if (left !== null) local = left.value;
  else if (right !== null) local = right.value;
  else return true;
  return (
    Math.abs((expected[index] as number) - local) <=
    options.pointLocalShare * Math.abs(residual[index] as number)
  );
}
