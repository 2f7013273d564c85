import type { BaselineOptions } from './options.js';
import { resilientScale, resolutionOf } from './scale.js';
import { STATISTICS_MAX_POINTS, interpolateAt, median, medianOfFew, robustScale } from './stats.js';

/** What a series is expected to be at each index, and how far it is from that. */
export interface ResidualModel {
  /** Expected value per index (NaN where it cannot be formed). */
  expected: Float64Array;
  /** Observed minus expected (NaN where either is missing). */
  residual: Float64Array;
  /** Robust noise scale of the residual, floored at a share of the series' own scale. */
  noiseScale: number;
  /** Robust slope per index of the seasonal differences (0 without a period). */
  slope: number;
  /** Robust centre and scale of the series itself. */
  level: number;
  spread: number;
  /** Period and closer-side scale the seasonal expectation used (null/0 without a period). */
  period: number | null;
  sideScale: number;
  /** Smallest step between distinct values (the data's resolution; 0 for a constant series). */
  resolution: number;
}

/** Robust slope per index from differences at lag `period` (seasonality cancels in them). */
function seasonalSlope(values: Float64Array, period: number): number {
  const n = values.length;
  const stride = Math.max(1, Math.floor(n / 20000));
  const differences: number[] = [];
  for (let t = Math.ceil(period); t < n; t += stride) {
    const previous = interpolateAt(values, t - period);
    const current = values[t] as number;
    if (Number.isFinite(previous) && Number.isFinite(current))
      differences.push((current - previous) / period);
  }
  const slope = median(differences);
  return Number.isFinite(slope) ? slope : 0;
}

/**
 * Value at a fractional position by linear interpolation; where one of the two neighbours is
 * missing, the other one if it is within `NEAREST_MAX_OFFSET` of the position (NaN otherwise).
 */
function valueNear(values: Float64Array, position: number): number {
  const value = interpolateAt(values, position);
  if (Number.isFinite(value) || position < 0 || position > values.length - 1) return value;
  const nearest = Math.round(position);
  if (Math.abs(nearest - position) > NEAREST_MAX_OFFSET) return Number.NaN;
  return values[nearest] as number;
}

/**
 * Largest distance, in points, at which a missing neighbour's partner stands in for an interpolated
 * value.
 */
const NEAREST_MAX_OFFSET = 0.5;

/** Whole periods a side looks at most: missing values (NaN) are replaced by the next period out. */
const SIDE_REACH_PERIODS = 5;
/** Periods a side looks at without missing values; values further out only replace missing ones. */
const SIDE_USUAL_PERIODS = 3;

/**
 * Median of the first three available values one, two, three (… up to five, where some are
 * missing) periods before (`side` −1) or after (+1), slope-shifted. Without missing values this is
 * the values one to three periods away; with them the median still has three values (a mean of two
 * would put the expectation halfway across a level shift). A value from beyond three periods that
 * differs from the nearest value by more than `tolerance` is left out: with gaps, two far values
 * could otherwise outvote the near one from across a level shift.
 */
function sideMedian(
  values: Float64Array,
  t: number,
  period: number,
  shift: number,
  side: -1 | 1,
  tolerance = Number.POSITIVE_INFINITY,
): number {
  let a = Number.NaN;
  let b = Number.NaN;
  let found = 0;
  for (let k = 1; k <= SIDE_REACH_PERIODS; k++) {
    const value = valueNear(values, t + k * side * period) - k * side * shift;
    if (!Number.isFinite(value)) {
      if (t + k * side * period < 0 || t + k * side * period > values.length - 1) break;
      continue;
    }
    if (k > SIDE_USUAL_PERIODS && found > 0 && Math.abs(value - a) > tolerance) continue;
    if (found === 0) a = value;
    else if (found === 1) b = value;
    else return medianOfFew(a, b, value);
    found++;
  }
  return medianOfFew(a, b, Number.NaN);
}

/**
 * The side (left or right median) closer to the observation; the mean of both when x is missing.
 */
function closerSide(x: number, l: number, r: number): number {
  if (!Number.isFinite(l)) return r;
  if (!Number.isFinite(r)) return l;
  if (!Number.isFinite(x)) return (l + r) / 2;
  return Math.abs(x - l) <= Math.abs(x - r) ? l : r;
}

/**
 * Seasonal expectation at index t given the noise scale of the closer-side residual: the mean of
 * the two sides where they agree within `sideAverageZ` scales; otherwise the closer side, and where
 * they disagree by more than `sideDisagreementZ` (or one is missing) the values exactly one period
 * away join the candidates.
 */
function expectationAt(
  values: Float64Array,
  t: number,
  period: number,
  shift: number,
  scale: number,
  options: BaselineOptions,
): number {
  const x = values[t] as number;
  const tolerance = scale > 0 ? options.sideDisagreementZ * scale : Number.POSITIVE_INFINITY;
  const l = sideMedian(values, t, period, shift, -1, tolerance);
  const r = sideMedian(values, t, period, shift, 1, tolerance);
  let best = closerSide(x, l, r);
  if (!(scale > 0)) return best;
  const bothSides = Number.isFinite(l) && Number.isFinite(r);
  const gap = Math.abs(l - r);
  // Where both sides agree, their mean is the better estimate, and the residual keeps its honest
  // spread (choosing the closer side shrinks ordinary residuals more than outlying ones).
  if (bothSides && gap <= options.sideAverageZ * scale) return (l + r) / 2;
  if (!Number.isFinite(x) || (bothSides && !(gap > options.sideDisagreementZ * scale))) return best;
  for (const candidate of [
    interpolateAt(values, t - period) + shift,
    interpolateAt(values, t + period) - shift,
  ]) {
    if (Number.isFinite(candidate) && !(Math.abs(x - candidate) >= Math.abs(x - best)))
      best = candidate;
  }
  return best;
}

/** Robust scale of the closer-side residual, from a regular subsample of at most 65,536 indices. */
function closerSideScale(values: Float64Array, period: number, shift: number): number {
  const n = values.length;
  const stride = Math.max(1, Math.ceil(n / STATISTICS_MAX_POINTS));
  const residual = new Float64Array(Math.ceil(n / stride));
  for (let t = 0, i = 0; t < n; t += stride, i++) {
    const x = values[t] as number;
    residual[i] =
      x -
      closerSide(
        x,
        sideMedian(values, t, period, shift, -1),
        sideMedian(values, t, period, shift, 1),
      );
  }
  return robustScale(residual, 0);
}

/**
 * Seasonal expectation from both sides: the median of the values one, two and three periods
 * earlier (shifted by the slope), and the same later, averaged where they agree; where they do
 * not, the side closer to the observation wins, so a level shift or a phase jump only disturbs one
 * side and the anomaly stays localised (see {@link expectationAt}). Returns the scale it used.
 */
function seasonalExpectation(
  values: Float64Array,
  period: number,
  slope: number,
  expected: Float64Array,
  options: BaselineOptions,
): number {
  const shift = slope * period;
  const scale = closerSideScale(values, period, shift);
  for (let t = 0; t < values.length; t++)
    expected[t] = expectationAt(values, t, period, shift, scale, options);
  return scale;
}

/**
 * Level expectation without a period: the median of the block before, the block after and the
 * whole series, so one contaminated neighbour block cannot hide a shifted segment.
 */
function levelExpectation(
  values: Float64Array,
  blockSize: number,
  level: number,
  expected: Float64Array,
): void {
  const n = values.length;
  const blocks = Math.ceil(n / blockSize);
  const blockMedians = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++)
    blockMedians[b] = median(values.subarray(b * blockSize, Math.min(n, (b + 1) * blockSize)));
  for (let t = 0; t < n; t++) {
    const block = Math.floor(t / blockSize);
    const before = block > 0 ? (blockMedians[block - 1] as number) : Number.NaN;
    const after = block + 1 < blocks ? (blockMedians[block + 1] as number) : Number.NaN;
    expected[t] = medianOfFew(before, after, level);
  }
}

/** Builds the residual model of one channel given its period (or null). */
export function residualModel(
  values: Float64Array,
  period: number | null,
  options: BaselineOptions,
): ResidualModel {
  const n = values.length;
  const level = median(values);
  const resolution = resolutionOf(values);
  const centred = Float64Array.from(values, (x) => x - level);
  const spread = Math.max(
    resilientScale(centred, { resolution, tieShare: options.scaleTieShare }),
    1e-12,
  );
  const expected = new Float64Array(n);
  let slope = 0;
  let sideScale = 0;
  if (period !== null) {
    slope = seasonalSlope(values, period);
    sideScale = seasonalExpectation(values, period, slope, expected, options);
  } else {
    const blockSize = Math.max(
      options.levelBlockMinPoints,
      Math.min(options.levelBlockMaxPoints, Math.round(n / 8)),
    );
    levelExpectation(values, blockSize, level, expected);
  }
  return finishModel(
    values,
    expected,
    { slope, level, spread, period, sideScale, resolution },
    options,
  );
}

function finishModel(
  values: Float64Array,
  expected: Float64Array,
  fit: Omit<ResidualModel, 'expected' | 'residual' | 'noiseScale'>,
  options: BaselineOptions,
): ResidualModel {
  const n = values.length;
  const residual = new Float64Array(n);
  for (let t = 0; t < n; t++) residual[t] = (values[t] as number) - (expected[t] as number);
  const measured = resilientScale(residual, {
    resolution: fit.resolution,
    tieShare: options.scaleTieShare,
  });
  const noiseScale = Math.max(
    Number.isFinite(measured) ? measured : 0,
    options.noiseFloorShare * fit.spread,
    1e-12,
  );
  return { expected, residual, noiseScale, ...fit };
}

/**
 * The model refitted after the indices in `removed` were set aside (NaN in `cleaned`): only the
 * expectations that used those values (one to five periods away) are recomputed, so a few
 * outliers in a long seasonal series cost little. Residuals are of `values` (the originals).
 */
export function refitWithout(
  model: ResidualModel,
  values: Float64Array,
  cleaned: Float64Array,
  removed: readonly number[],
  options: BaselineOptions,
): ResidualModel {
  const period = model.period;
  if (period === null) {
    const refit = residualModel(cleaned, null, options);
    for (let t = 0; t < values.length; t++)
      refit.residual[t] = (values[t] as number) - (refit.expected[t] as number);
    return refit;
  }
  const expected = Float64Array.from(model.expected);
  const shift = model.slope * period;
  const touched = new Set<number>();
  for (const index of removed) {
    touched.add(index);
    for (let multiple = 1; multiple <= SIDE_REACH_PERIODS; multiple++) {
      for (const centre of [index - multiple * period, index + multiple * period]) {
        for (
          let t = Math.max(0, Math.floor(centre) - 1);
          t <= Math.min(values.length - 1, Math.ceil(centre) + 1);
          t++
        )
          touched.add(t);
      }
    }
  }
  for (const t of touched)
    expected[t] = expectationAt(cleaned, t, period, shift, model.sideScale, options);
  const refit = finishModel(
    cleaned,
    expected,
    {
      slope: model.slope,
      level: model.level,
      spread: model.spread,
      period,
      sideScale: model.sideScale,
      resolution: model.resolution,
    },
    options,
  );
  for (let t = 0; t < values.length; t++)
    refit.residual[t] = (values[t] as number) - (expected[t] as number);
  return refit;
}
