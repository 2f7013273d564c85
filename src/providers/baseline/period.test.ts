import { describe, expect, it } from 'vitest';
import { defaultBaselineOptions } from './options.js';
import { estimatePeriod } from './period.js';
import { lagMismatch, refinePeriod } from './period-refine.js';
import { trustedExpectation } from './points.js';
import { uniformNoise } from '../../testing/seeded-noise.js';

/** 1.5·sin(2πt/period) + uniform noise of width 0.2 (the VisualTimeAnomaly base). */
function sine(seed: number, length = 400, period = 25): Float64Array {
  const n = uniformNoise(seed, length);
  return Float64Array.from(
    { length },
    (_, t) => 1.5 * Math.sin((2 * Math.PI * t) / period) + 0.2 * (n[t] as number),
  );
}

/** Drops a quarter of the points (NaN) at pseudo-random indices. */
function dropQuarter(values: Float64Array, seed: number): Float64Array {
  const u = uniformNoise(seed, values.length);
  return values.map((value, t) => ((u[t] as number) < -0.25 ? Number.NaN : value));
}

describe('lagMismatch', () => {
  it('costs nothing for a steady slope, and only pairs where both values exist count', () => {
    // x = 2t: every difference at lag 3 is 6, so the deviations about their median are all 0.
    const line = Float64Array.from({ length: 40 }, (_, t) => 2 * t);
    expect(lagMismatch(line, 3)).toBe(0);
    // A wrong value at 10 spoils the pairs (10, 7) and (13, 10) only: 2 of 37 deviations (80 each),
    // median still 0; only the tie-breaking 5 % of the mean deviation remains.
    line[10] = 100;
    expect(lagMismatch(line, 3)).toBeCloseTo((0.05 * 160) / 37, 10);
    // Every odd index missing: lag 2 keeps the 9 pairs (2, 0) … (18, 16), all differing by 2; lag 1
    // has none (8 are needed).
    const sparse = Float64Array.from({ length: 20 }, (_, t) => (t % 2 === 0 ? t : Number.NaN));
    expect(lagMismatch(sparse, 2)).toBe(0);
    expect(lagMismatch(sparse, 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('refinePeriod', () => {
  it.each([50, 75, 126])('brings a multiple (%i) of the period 25 back to 25', (candidate) => {
    expect(refinePeriod(sine(1), candidate, 133, defaultBaselineOptions)).toBe(25);
  });

  it('snaps a slightly-off estimate to the integer period, but keeps a truly fractional one', () => {
    expect(refinePeriod(sine(2), 24.6, 133, defaultBaselineOptions)).toBe(25);
    const fractional = refinePeriod(sine(3, 1000, 100 / 3), 33, 333, defaultBaselineOptions);
    expect(Math.abs(fractional - 100 / 3)).toBeLessThan(0.05);
  });
});

describe('estimatePeriod with 25 % missing values', () => {
  it.each([1, 2, 3, 4, 5, 6])('finds exactly 25 despite a level shift (seed %i)', (seed) => {
    const values = sine(seed);
    for (let t = 200; t < 400; t++)
      values[t] = (values[t] as number) + (t < 210 ? 0.5 * (t - 200) : 4.5);
    expect(estimatePeriod(dropQuarter(values, seed + 100), defaultBaselineOptions)?.period).toBe(
      25,
    );
  });
});

describe('trustedExpectation', () => {
  // Period 4, values 0 everywhere; residual 10 at index 8.
  const values = new Float64Array(20);
  const residual = new Float64Array(20);
  residual[8] = 10;

  it('always trusts an expectation built from complete cycles', () => {
    const expected = new Float64Array(20);
    expected[8] = 9;
    expect(trustedExpectation(values, expected, residual, 8, 4, defaultBaselineOptions)).toBe(true);
  });

  it('with a missing value a period away, distrusts an expectation that jumps from its neighbours by more than half the residual', () => {
    const gappy = Float64Array.from(values);
    gappy[12] = Number.NaN;
    const expected = new Float64Array(20);
    // Neighbours' expectations 0 and 0: a jump of 6 > 0.5 · 10.
    expected[8] = 6;
    expect(trustedExpectation(gappy, expected, residual, 8, 4, defaultBaselineOptions)).toBe(false);
    // A jump of 4 ≤ 5 is the expectation's own curve: trusted.
    expected[8] = 4;
    expect(trustedExpectation(gappy, expected, residual, 8, 4, defaultBaselineOptions)).toBe(true);
    // Without a period nothing is second-guessed.
    expected[8] = 6;
    expect(trustedExpectation(gappy, expected, residual, 8, null, defaultBaselineOptions)).toBe(
      true,
    );
  });
});
