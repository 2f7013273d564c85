import { createRandom } from '../datasets/random.js';
import { InputError } from '../errors.js';
import { denseMeansOf, isDenseMean, planDenseMeans, type DenseMean } from './bootstrap-means.js';

export type { DenseMean } from './bootstrap-means.js';

/** Options of the bootstrap functions. */
export interface BootstrapOptions {
  /** Resamples drawn. @default 1000 */
  resamples?: number;
  /** Seed of the resampling; the same seed gives the same interval. @default 0 */
  seed?: number;
  /** Coverage of the interval. @default 0.95 */
  level?: number;
}

/**
 * A statistic of a sample of series: `indices` lists the series drawn (with repetition), as
 * positions in the caller's own list. `null` when it is undefined for that draw.
 */
export type Statistic = (indices: Uint32Array) => number | null;

/** A percentile bootstrap interval, `null` bounds when too few resamples were defined. */
export interface BootstrapInterval {
  low: number | null;
  high: number | null;
}

/** A paired comparison of two statistics on the same series: B minus A. */
export interface PairedDifference extends BootstrapInterval {
  difference: number | null;
  /** Two-sided bootstrap p-value of "no difference" (share of resamples on the other side, × 2). */
  pValue: number | null;
}

/** The statistic of a mean over per-series values. */
export function meanStatistic(values: ArrayLike<number>): Statistic {
  return (indices) => {
    if (indices.length === 0) return null;
    let sum = 0;
    for (let i = 0; i < indices.length; i += 1) sum += values[indices[i] as number] ?? 0;
    return sum / indices.length;
  };
}

/**
 * Percentile bootstrap interval of `statistic` over `size` series: each resample draws `size`
 * series with replacement. Deterministic for a given seed.
 * @example bootstrapInterval(meanStatistic([0.9, 0.8, 1]), 3, { seed: 1 })
 */
export function bootstrapInterval(
  statistic: Statistic,
  size: number,
  options: BootstrapOptions = {},
): BootstrapInterval {
  return stratifiedInterval((draws) => statistic(draws[0] as Uint32Array), [size], options);
}

/**
 * Bootstrap of a statistic over several groups (tracks) resampled separately, e.g. the macro mean
 * of track scores: each resample draws `sizes[g]` series with replacement within every group g.
 */
export function stratifiedInterval(
  statistic: (draws: Uint32Array[]) => number | null,
  sizes: readonly number[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  const values = resampled(statistic, sizes, options);
  const level = options.level ?? 0.95;
  return { low: quantile(values, (1 - level) / 2), high: quantile(values, 1 - (1 - level) / 2) };
}

/**
 * Paired bootstrap of `b − a` on the same `size` series (both statistics see the same draws):
 * the difference, its interval and a two-sided p-value.
 */
export function pairedBootstrap(
  a: Statistic,
  b: Statistic,
  size: number,
  options: BootstrapOptions = {},
): PairedDifference {
  const everyone = Uint32Array.from({ length: size }, (_, index) => index);
  const observedA = a(everyone);
  const observedB = b(everyone);
  const difference = observedA === null || observedB === null ? null : observedB - observedA;
  const diff: Statistic = (indices) => {
    const left = a(indices);
    const right = b(indices);
    return left === null || right === null ? null : right - left;
  };
  const values = resampled((draws) => diff(draws[0] as Uint32Array), [size], options);
  const level = options.level ?? 0.95;
  let pValue: number | null = null;
  if (difference !== null && values.length > 0) {
    // Share of resamples at or beyond zero on the side opposite to the observed difference.
    const opposite = values.filter((value) => (difference >= 0 ? value <= 0 : value >= 0)).length;
    pValue = Math.min(1, (2 * opposite) / values.length);
  }
  return {
    difference,
    low: quantile(values, (1 - level) / 2),
    high: quantile(values, 1 - (1 - level) / 2),
    pValue,
  };
}

/**
 * {@link stratifiedInterval} of several statistics over the same `sizes` and options at once:
 * each gets exactly the interval its own call would (the seeded draws are the same), but the
 * draws are made once for all of them, not once per statistic. A {@link DenseMean} gets the
 * interval of the function that computes the same mean, with its sums made alongside others'.
 */
export function stratifiedIntervals(
  statistics: readonly (((draws: Uint32Array[]) => number | null) | DenseMean)[],
  sizes: readonly number[],
  options: BootstrapOptions = {},
): BootstrapInterval[] {
  const level = options.level ?? 0.95;
  return resampledAll(statistics, sizes, options).map((values) => ({
    low: quantile(values, (1 - level) / 2),
    high: quantile(values, 1 - (1 - level) / 2),
  }));
}

function resampled(
  statistic: (draws: Uint32Array[]) => number | null,
  sizes: readonly number[],
  options: BootstrapOptions,
): number[] {
  return resampledAll([statistic], sizes, options)[0] as number[];
}

function resampledAll(
  statistics: readonly (((draws: Uint32Array[]) => number | null) | DenseMean)[],
  sizes: readonly number[],
  options: BootstrapOptions,
): number[][] {
  const resamples = options.resamples ?? 1000;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new InputError(
      'bench.bad_bootstrap',
      `bootstrap resamples is ${String(resamples)}; it must be a whole number ≥ 1 (e.g. --bootstrap 1000).`,
      { field: 'bootstrap' },
    );
  }
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) {
    throw new InputError(
      'bench.bad_bootstrap',
      `bootstrap level is ${String(level)}; it must lie strictly between 0 and 1 (e.g. 0.95).`,
      { field: 'level' },
    );
  }
  if (sizes.some((size) => size === 0)) return statistics.map(() => []);
  const random = createRandom(options.seed ?? 0);
  const draws = sizes.map((size) => new Uint32Array(size));
  const all = statistics.map((): number[] => []);
  const dense: number[] = [];
  const functions: number[] = [];
  statistics.forEach((statistic, k) => (isDenseMean(statistic) ? dense : functions).push(k));
  const plan = planDenseMeans(
    dense.map((k) => statistics[k] as DenseMean),
    sizes.length,
  );
  for (let r = 0; r < resamples; r += 1) {
    // Plain loops: this is the hot path of scoring a large run (resamples × series draws).
    for (let group = 0; group < draws.length; group += 1) {
      const draw = draws[group] as Uint32Array;
      random.drawIndices(draw, draw.length);
    }
    for (const k of functions) {
      const value = (statistics[k] as (draws: Uint32Array[]) => number | null)(draws);
      if (value !== null && Number.isFinite(value)) (all[k] as number[]).push(value);
    }
    if (dense.length > 0)
      denseMeansOf(plan, draws).forEach((value, m) => {
        if (Number.isFinite(value)) (all[dense[m] as number] as number[]).push(value);
      });
  }
  return all.map((values) => values.sort((x, y) => x - y));
}

/** numpy's default (linear) percentile of sorted values; `null` for none. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const low = sorted[below] ?? 0;
  return low + ((sorted[above] ?? 0) - low) * (position - below);
}
