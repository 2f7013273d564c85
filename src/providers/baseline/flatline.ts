import type { BaselineOptions } from './options.js';

/** A run of identical consecutive values. */
export interface FlatRun {
  start: number;
  end: number;
  value: number;
  /** The shortest run that counted on this series. */
  minPoints: number;
  /**
   * The run's evidence as a Gaussian z: |z| whose two-sided tail equals the chance that a given
   * row starts such a run (repeat share^(length − 1)), so that a flat run ranks against the
   * residual findings' z on one scale.
   */
  evidenceZ: number;
}

/**
 * |z| whose two-sided Gaussian tail is e^logP (asymptotic expansion of the tail, within 0.015
 * of the exact quantile for p ≤ 1e-4; exact enough for ranking, and safe where e^logP
 * underflows).
 */
export function zForLogTail(logP: number): number {
  const l = Math.max(0, -logP + Math.log(2 / Math.sqrt(2 * Math.PI)));
  // z² ≈ 2L − ln(2L) solves e^(−z²/2)/z = e^(−L); one refinement step.
  let z2 = Math.max(1, 2 * l - Math.log(Math.max(1, 2 * l)));
  z2 = Math.max(1, 2 * l - Math.log(z2));
  return Math.sqrt(z2);
}

/**
 * The shortest run that is rare for this series: where a value repeats its predecessor with
 * probability p (counts that sit at 0 at night, coarse rounding), a run of L equal values turns up
 * about steps·p^(L−1) times by chance, so L must reach 1 + ln(steps/α)/ln(1/p) with α =
 * `flatlineFalseAlarms` — and at least `flatlineMinPoints`.
 */
export function flatRunMinPoints(
  repeatShare: number,
  steps: number,
  options: BaselineOptions,
): number {
  if (repeatShare <= 0) return options.flatlineMinPoints;
  const chance =
    1 + Math.log(Math.max(1, steps) / options.flatlineFalseAlarms) / Math.log(1 / repeatShare);
  return Math.max(options.flatlineMinPoints, Math.ceil(chance));
}

/**
 * Runs of at least `flatlineMinPoints` identical consecutive finite values (longer where repeats
 * are common: {@link flatRunMinPoints}; missing values end a run), unless repeated values are
 * common in the whole series (quantised data), or the series never varies at all.
 */
export function flatRuns(values: Float64Array, options: BaselineOptions): FlatRun[] {
  const n = values.length;
  let steps = 0;
  let repeats = 0;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < n; t++) {
    const x = values[t] as number;
    if (!Number.isFinite(x)) continue;
    low = Math.min(low, x);
    high = Math.max(high, x);
    const previous = values[t - 1];
    if (t > 0 && previous !== undefined && Number.isFinite(previous)) {
      steps++;
      if (previous === x) repeats++;
    }
  }
  if (!(high > low) || steps === 0 || repeats / steps > options.flatlineMaxNormalShare) return [];
  const minPoints = flatRunMinPoints(repeats / steps, steps, options);
  // No repeat in the whole series: its chance is below one in `steps`.
  const logRepeat = Math.log(repeats > 0 ? repeats / steps : 1 / (steps + 1));
  const runs: FlatRun[] = [];
  let start = 0;
  for (let t = 1; t <= n; t++) {
    const same = t < n && Number.isFinite(values[t] as number) && values[t] === values[t - 1];
    if (same) continue;
    if (t - start >= minPoints && Number.isFinite(values[start] as number))
      runs.push({
        start,
        end: t,
        value: values[start] as number,
        minPoints,
        evidenceZ: zForLogTail((t - start - 1) * logRepeat),
      });
    start = t;
  }
  return runs;
}
