import type { BaselineOptions } from './options.js';
import { interpolateAt, median, medianOfFew, robustScale } from './stats.js';

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
}

/** Robust slope per index from differences at lag `period` (seasonality cancels in them). */
function seasonalSlope(values: Float64Array, period: number): number {
  const n = values.length;
  const stride = Math.max(1, Math.floor(n / 20000));
  const differences: number[] = [];
  for (let t = Math.ceil(period); t < n; t += stride) {
    const previous = interpolateAt(values, t - period);
    const current = values[t] as number;
    if (Number.isFinite(previous) && Number.isFinite(current)) differences.push((current - previous) / period);
  }
  const slope = median(differences);
  return Number.isFinite(slope) ? slope : 0;
}

/**
 * Seasonal expectation from both sides: the median of the values one, two and three periods
 * earlier (shifted by the slope), and the same later; the side closer to the observation wins,
 * so a level shift or a phase jump only disturbs one side and the anomaly stays localised. Where
 * the two sides disagree by more than `sideDisagreementZ` noise scales (two structural changes
 * close together contaminate both medians), the values exactly one period away join the candidates.
 */
function seasonalExpectation(values: Float64Array, period: number, slope: number, expected: Float64Array, options: BaselineOptions): void {
  const n = values.length;
  const shift = slope * period;
  const left = new Float64Array(n);
  const right = new Float64Array(n);
  const gaps = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const x = values[t] as number;
    const l = medianOfFew(
      interpolateAt(values, t - period) + shift,
      interpolateAt(values, t - 2 * period) + 2 * shift,
      interpolateAt(values, t - 3 * period) + 3 * shift,
    );
    const r = medianOfFew(
      interpolateAt(values, t + period) - shift,
      interpolateAt(values, t + 2 * period) - 2 * shift,
      interpolateAt(values, t + 3 * period) - 3 * shift,
    );
    left[t] = l;
    right[t] = r;
    gaps[t] = Math.abs(l - r);
    if (!Number.isFinite(l)) expected[t] = r;
    else if (!Number.isFinite(r)) expected[t] = l;
    else if (!Number.isFinite(x)) expected[t] = (l + r) / 2;
    else expected[t] = Math.abs(x - l) <= Math.abs(x - r) ? l : r;
  }
  const residual = new Float64Array(n);
  for (let t = 0; t < n; t++) residual[t] = (values[t] as number) - (expected[t] as number);
  const scale = robustScale(residual, 0);
  if (!(scale > 0)) return;
  for (let t = 0; t < n; t++) {
    const x = values[t] as number;
    const bothSides = Number.isFinite(left[t] as number) && Number.isFinite(right[t] as number);
    if (!Number.isFinite(x) || (bothSides && !((gaps[t] as number) > options.sideDisagreementZ * scale))) continue;
    let best = expected[t] as number;
    for (const candidate of [interpolateAt(values, t - period) + shift, interpolateAt(values, t + period) - shift]) {
      if (Number.isFinite(candidate) && !(Math.abs(x - candidate) >= Math.abs(x - best))) best = candidate;
    }
    expected[t] = best;
  }
}

/**
 * Level expectation without a period: the median of the block before, the block after and the
 * whole series, so one contaminated neighbour block cannot hide a shifted segment.
 */
function levelExpectation(values: Float64Array, blockSize: number, level: number, expected: Float64Array): void {
  const n = values.length;
  const blocks = Math.ceil(n / blockSize);
  const blockMedians = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) blockMedians[b] = median(values.subarray(b * blockSize, Math.min(n, (b + 1) * blockSize)));
  for (let t = 0; t < n; t++) {
    const block = Math.floor(t / blockSize);
    const before = block > 0 ? (blockMedians[block - 1] as number) : Number.NaN;
    const after = block + 1 < blocks ? (blockMedians[block + 1] as number) : Number.NaN;
    expected[t] = medianOfFew(before, after, level);
  }
}

/** Builds the residual model of one channel given its period (or null). */
export function residualModel(values: Float64Array, period: number | null, options: BaselineOptions): ResidualModel {
  const n = values.length;
  const level = median(values);
  const spread = Math.max(robustScale(values, level), 1e-12);
  const expected = new Float64Array(n);
  let slope = 0;
  if (period !== null) {
    slope = seasonalSlope(values, period);
    seasonalExpectation(values, period, slope, expected, options);
  } else {
    const blockSize = Math.max(options.levelBlockMinPoints, Math.min(options.levelBlockMaxPoints, Math.round(n / 8)));
    levelExpectation(values, blockSize, level, expected);
  }
  const residual = new Float64Array(n);
  for (let t = 0; t < n; t++) residual[t] = (values[t] as number) - (expected[t] as number);
  const measured = robustScale(residual, 0);
  const noiseScale = Math.max(Number.isFinite(measured) ? measured : 0, options.noiseFloorShare * spread, 1e-12);
  return { expected, residual, noiseScale, slope, level, spread };
}
