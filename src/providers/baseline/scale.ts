import { finiteValues, quantile, robustScale } from './stats.js';

/** Gaussian quantile of |Z| at 0.9: a scale from the 90 % point of |x| is Q₀.₉(|x|)/1.6449. */
const GAUSSIAN_ABS_Q90 = 1.6449;
/** Gaussian median of |Z|. */
const GAUSSIAN_ABS_Q50 = 0.6745;

/**
 * The data's resolution: the smallest positive gap between distinct values (on a regular
 * subsample of long series), 0 for a constant series. Quantised series (CPU percentages rounded
 * to 0.002, counts) cannot show a deviation smaller than this, so no noise scale should be.
 */
export function resolutionOf(values: ArrayLike<number>): number {
  const sorted = finiteValues(values).sort();
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < sorted.length; i++) {
    const step = (sorted[i] as number) - (sorted[i - 1] as number);
    if (step > 0 && step < gap) gap = step;
  }
  return Number.isFinite(gap) ? gap : 0;
}

/**
 * A robust scale of `deviations` (already centred, e.g. residuals) that cannot collapse: the usual
 * 1.4826·MAD, but where at least `tieShare` of them sit within half a `resolution` of zero (a
 * quantised series, long flat stretches, a series that mostly rests on one value and switches to
 * another) the MAD measures the ties, not the variation, so the scale from the 90 % point of |x|
 * takes over when larger, and where even that point is a tie (over 90 % ties) the median size of
 * the non-tied deviations does; never below `resolution`.
 */
export function resilientScale(
  deviations: ArrayLike<number>,
  options: { resolution: number; tieShare: number },
): number {
  const mad = robustScale(deviations, 0);
  const sample = finiteValues(deviations);
  if (sample.length === 0) return Number.NaN;
  const tolerance = options.resolution / 2;
  let ties = 0;
  for (const value of sample) if (Math.abs(value) <= tolerance) ties++;
  let scale = Number.isFinite(mad) ? mad : 0;
  if (ties >= options.tieShare * sample.length) {
    for (let i = 0; i < sample.length; i++) sample[i] = Math.abs(sample[i] as number);
    const q90 = quantile(sample, 0.9);
    scale = Math.max(scale, q90 / GAUSSIAN_ABS_Q90);
    // Over 90 % ties (a series that rests on zero and bursts now and then): the only variation
    // is the bursts, so their typical size is the scale; else every burst is "10⁶ SD" away.
    if (q90 <= tolerance && ties < sample.length) {
      const moves = sample.filter((value) => value > tolerance);
      scale = Math.max(scale, quantile(moves, 0.5) / GAUSSIAN_ABS_Q50);
    }
  }
  return Math.max(scale, options.resolution);
}
