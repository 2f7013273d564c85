import type { BaselineOptions } from './options.js';
import { refinePeriod } from './period-refine.js';
import { autocorrelation, median, robustScale } from './stats.js';

/** A dominant period found in a series, in index units (may be fractional). */
export interface PeriodEstimate {
  period: number;
  /** Autocorrelation at the period, in [−1, 1]. */
  strength: number;
}

/** Removes the least-squares line (over finite points) from a copy of `values`. */
function detrendLinear(values: Float64Array): Float64Array {
  let count = 0;
  let sumT = 0;
  let sumX = 0;
  let sumTT = 0;
  let sumTX = 0;
  for (let t = 0; t < values.length; t++) {
    const x = values[t] as number;
    if (!Number.isFinite(x)) continue;
    count++;
    sumT += t;
    sumX += x;
    sumTT += t * t;
    sumTX += t * x;
  }
  const denominator = count * sumTT - sumT * sumT;
  const slope = denominator > 0 ? (count * sumTX - sumT * sumX) / denominator : 0;
  const intercept = count > 0 ? (sumX - slope * sumT) / count : 0;
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) out[t] = (values[t] as number) - (intercept + slope * t);
  return out;
}

/** Lag of the parabola vertex through the autocorrelation at lag−1, lag, lag+1. */
function refinePeak(acf: Float64Array, lag: number): number {
  const left = acf[lag - 1];
  const right = acf[lag + 1];
  const centre = acf[lag] as number;
  if (left === undefined || right === undefined) return lag;
  const curvature = left - 2 * centre + right;
  if (curvature >= 0) return lag;
  const offset = (0.5 * (left - right)) / curvature;
  return lag + Math.max(-0.5, Math.min(0.5, offset));
}

/** Highest local maximum of the autocorrelation within ±radius of `around`. */
function peakNear(acf: Float64Array, around: number, radius: number): number {
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  const lo = Math.max(1, Math.floor(around - radius));
  const hi = Math.min(acf.length - 2, Math.ceil(around + radius));
  for (let lag = lo; lag <= hi; lag++) {
    const value = acf[lag] as number;
    if (value > bestValue) {
      bestValue = value;
      best = lag;
    }
  }
  return best;
}

/**
 * Finds the fundamental period of a series from its autocorrelation: the first lag, after the
 * autocorrelation has dipped, whose peak reaches most of the highest peak; refined to a fraction
 * of an index with the highest usable multiple of the period. Null when nothing repeats.
 */
export function estimatePeriod(
  values: Float64Array,
  options: BaselineOptions,
): PeriodEstimate | null {
  const analysed =
    values.length > options.periodAnalysisMaxPoints
      ? values.subarray(0, options.periodAnalysisMaxPoints)
      : values;
  const n = analysed.length;
  const maxLag = Math.min(Math.floor(n / options.periodMinCycles), options.periodMaxLag);
  if (maxLag < 4) return null;
  // Level shifts and kinks swamp the autocorrelation of the values but not of their differences.
  const differences = new Float64Array(n);
  differences[0] = Number.NaN;
  for (let t = 1; t < n; t++)
    differences[t] = (analysed[t] as number) - (analysed[t - 1] as number);
  // Winsorise: a few jumps (spikes, shifts) must not outweigh the regular oscillation.
  const centre = median(differences);
  const bound = 3 * robustScale(differences, centre);
  if (bound > 0)
    for (let t = 1; t < n; t++)
      differences[t] = Math.max(centre - bound, Math.min(centre + bound, differences[t] as number));
  const fromValues = periodFromAcf(
    autocorrelation(detrendLinear(analysed), maxLag + 1),
    maxLag,
    options,
  );
  const fromDifferences = periodFromAcf(
    autocorrelation(differences.subarray(1), maxLag + 1),
    maxLag,
    options,
  );
  let found: PeriodEstimate | null;
  if (fromValues === null) found = fromDifferences;
  else if (fromDifferences === null) found = fromValues;
  else
    found =
      fromDifferences.strength > fromValues.strength + options.periodDifferenceMargin
        ? fromDifferences
        : fromValues;
  if (found === null) return null;
  return { ...found, period: refinePeriod(analysed, found.period, maxLag, options) };
}

function periodFromAcf(
  acf: Float64Array,
  maxLag: number,
  options: BaselineOptions,
): PeriodEstimate | null {
  let dip = 1;
  while (dip <= maxLag && (acf[dip] as number) > options.periodDipAcf) dip++;
  if (dip > maxLag) return null;
  let highest = Number.NEGATIVE_INFINITY;
  for (let lag = dip; lag <= maxLag; lag++) highest = Math.max(highest, acf[lag] as number);
  if (highest < options.periodMinAcf) return null;
  let fundamental = -1;
  for (let lag = Math.max(2, dip); lag <= maxLag; lag++) {
    const value = acf[lag] as number;
    const isPeak =
      value >= (acf[lag - 1] as number) && value >= (acf[lag + 1] ?? Number.NEGATIVE_INFINITY);
    if (isPeak && value >= options.periodPeakShare * highest) {
      fundamental = lag;
      break;
    }
  }
  if (fundamental < 2) return null;
  let period = refinePeak(acf, fundamental);
  // A far multiple pins the period down more precisely (the error is divided by the multiple).
  for (let multiple = Math.floor(maxLag / period); multiple >= 2; multiple--) {
    const lag = peakNear(acf, multiple * period, 1 + multiple * 0.02 * period);
    if (lag > 0 && (acf[lag] as number) >= options.periodPeakShare * highest) {
      const refined = refinePeak(acf, lag) / multiple;
      if (Math.abs(refined - period) < 0.5) period = refined;
      break;
    }
  }
  if (Math.abs(period - Math.round(period)) < options.periodIntegerSnap)
    period = Math.round(period);
  return { period, strength: acf[fundamental] as number };
}
