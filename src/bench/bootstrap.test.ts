import { describe, expect, it } from 'vitest';
import {
  bootstrapInterval,
  meanStatistic,
  pairedBootstrap,
  quantile,
  stratifiedInterval,
  stratifiedIntervals,
} from './bootstrap.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('quantile', () => {
  it.each([
    // numpy.percentile([1, 2, 3, 4], 25) = 1.75: position 3 · 0.25 = 0.75 between 1 and 2.
    { values: [1, 2, 3, 4], q: 0.25, expected: 1.75 },
    { values: [1, 2, 3, 4], q: 0.5, expected: 2.5 },
    { values: [1, 2, 3, 4], q: 1, expected: 4 },
    { values: [7], q: 0.025, expected: 7 },
  ])('$q of $values is $expected', ({ values, q, expected }) => {
    expect(quantile(values, q)).toBeCloseTo(expected, 12);
  });

  it('is null without values', () => {
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('bootstrapInterval', () => {
  it('is a point for constant values', () => {
    const { low, high } = bootstrapInterval(meanStatistic([0.7, 0.7, 0.7]), 3);
    expect(low).toBeCloseTo(0.7, 12);
    expect(high).toBeCloseTo(0.7, 12);
  });

  it('spans 0 to 1 for two series scoring 0 and 1', () => {
    // Means of 2 draws are 0, ½, 1 with chances ¼, ½, ¼: both tails hold more than 2.5 %.
    expect(bootstrapInterval(meanStatistic([0, 1]), 2, { resamples: 2000 })).toEqual({
      low: 0,
      high: 1,
    });
  });

  it('is about mean ± 1.96 standard errors for 100 evenly spread values', () => {
    // Mean 49.5, population sd 28.87, standard error 2.887: 95 % ≈ [43.8, 55.2].
    const { low, high } = bootstrapInterval(meanStatistic(range(100)), 100, {
      resamples: 4000,
      seed: 3,
    });
    expect(low).toBeGreaterThan(42.5);
    expect(low).toBeLessThan(45);
    expect(high).toBeGreaterThan(54);
    expect(high).toBeLessThan(56.5);
  });

  it('gives the same interval for the same seed and another for another seed', () => {
    const values = range(30).map((i) => (i * 7919) % 31);
    const first = bootstrapInterval(meanStatistic(values), 30, { seed: 11 });
    expect(bootstrapInterval(meanStatistic(values), 30, { seed: 11 })).toEqual(first);
    expect(bootstrapInterval(meanStatistic(values), 30, { seed: 12 })).not.toEqual(first);
  });

  it('is null for no series and rejects a bad resample count', () => {
    expect(bootstrapInterval(meanStatistic([]), 0)).toEqual({ low: null, high: null });
    expect(() => bootstrapInterval(meanStatistic([1]), 1, { resamples: 0 })).toThrow(/--bootstrap/);
  });
});

describe('stratifiedInterval', () => {
  it('resamples each track within itself', () => {
    // Track 1 always 0, track 2 always 1: every resample's macro mean is exactly ½.
    const tracks = [meanStatistic([0, 0, 0]), meanStatistic([1, 1])];
    const macro = (draws: Uint32Array[]): number =>
      draws.reduce((sum, draw, g) => sum + (tracks[g]?.(draw) ?? 0), 0) / draws.length;
    expect(stratifiedInterval(macro, [3, 2])).toEqual({ low: 0.5, high: 0.5 });
  });
});

describe('pairedBootstrap', () => {
  const a = range(40).map((i) => ((i * 37) % 41) / 41);

  it('finds a constant improvement significant', () => {
    const b = a.map((value) => value + 0.1);
    const result = pairedBootstrap(meanStatistic(a), meanStatistic(b), a.length);
    expect(result.difference).toBeCloseTo(0.1, 12);
    expect(result.low).toBeCloseTo(0.1, 12);
    expect(result.high).toBeCloseTo(0.1, 12);
    expect(result.pValue).toBe(0);
  });

  it('finds no difference between a model and itself', () => {
    expect(pairedBootstrap(meanStatistic(a), meanStatistic(a), a.length)).toEqual({
      difference: 0,
      low: 0,
      high: 0,
      pValue: 1,
    });
  });

  it('does not call a difference significant when it flips sign from series to series', () => {
    const b = a.map((value, i) => value + (i % 2 === 0 ? 0.3 : -0.29));
    const result = pairedBootstrap(meanStatistic(a), meanStatistic(b), a.length);
    expect(result.difference).toBeCloseTo(0.005, 12);
    expect(result.low).toBeLessThan(0);
    expect(result.high).toBeGreaterThan(0);
    expect(result.pValue).toBeGreaterThan(0.5);
  });
});

describe('stratifiedIntervals', () => {
  it('gives each statistic the interval of its own call', () => {
    const a = meanStatistic([0.1, 0.9, 0.4, 0.7, 0.2]);
    const b = meanStatistic([1, 0, 0, 1, 1]);
    const macro = (draws: Uint32Array[]): number | null => {
      const left = a(draws[0] as Uint32Array);
      const right = b(draws[1] as Uint32Array);
      return left === null || right === null ? null : (left + right) / 2;
    };
    const first = (draws: Uint32Array[]): number | null => a(draws[0] as Uint32Array);
    const options = { resamples: 200, seed: 7 };
    const batched = stratifiedIntervals([macro, first], [5, 5], options);
    expect(batched).toEqual([
      stratifiedInterval(macro, [5, 5], options),
      stratifiedInterval(first, [5, 5], options),
    ]);
    expect(batched[0]).not.toEqual(batched[1]);
  });
});
