import { describe, expect, it } from 'vitest';
import type { Series } from '../../series/types.js';
import { detectAnomalies } from './detector.js';
import { uniformNoise } from '../../testing/seeded-noise.js';

/** 1.5·sin(2πt/25) + uniform noise of width 0.2, 400 points (the VisualTimeAnomaly base). */
function sine(seed: number): Float64Array {
  const n = uniformNoise(seed, 400);
  return Float64Array.from(
    { length: 400 },
    (_, t) => 1.5 * Math.sin((2 * Math.PI * t) / 25) + 0.2 * (n[t] as number),
  );
}

/** Drops a quarter of the points (NaN) at pseudo-random indices. */
function dropQuarter(values: Float64Array, seed: number): Float64Array {
  const u = uniformNoise(seed, values.length);
  return values.map((value, t) => ((u[t] as number) < -0.25 ? Number.NaN : value));
}

const univariate = (values: Float64Array): Series => ({
  id: 's',
  channels: ['value'],
  values: [values],
});

describe('shape changes whose residual crosses zero', () => {
  it.each([3, 4, 5])(
    'reports a square-wave stretch as one segment, not as scattered points (seed %i)',
    (seed) => {
      const values = sine(seed);
      // A square wave of the same phase: it equals the sine near ±52°, so some points inside look
      // normal.
      const n = uniformNoise(seed + 50, 400);
      for (let t = 150; t < 160; t++)
        values[t] = 1.18 * Math.sign(Math.sin((2 * Math.PI * t) / 25)) + 0.06 * (n[t] as number);
      const found = detectAnomalies(univariate(values)).anomalies;
      const inside = found.filter((anomaly) => anomaly.start < 160 && anomaly.end > 150);
      expect(inside).toHaveLength(1);
      expect(inside[0]?.kind).toBe('segment');
      expect((inside[0]?.end ?? 0) - (inside[0]?.start ?? 0)).toBeGreaterThanOrEqual(6);
    },
  );
});

describe('25 % missing values', () => {
  it.each([1, 2, 3, 4, 5])(
    'keeps a persistent level shift local: no findings more than 1.2 periods away from it (seed %i)',
    (seed) => {
      const values = sine(seed);
      for (let t = 200; t < 400; t++)
        values[t] = (values[t] as number) + (t < 210 ? 0.5 * (t - 200) : 4.5);
      const found = detectAnomalies(univariate(dropQuarter(values, seed + 100))).anomalies;
      expect(found.length).toBeGreaterThan(0);
      for (const anomaly of found) {
        expect(anomaly.end).toBeGreaterThan(200 - 30);
        expect(anomaly.start).toBeLessThan(210 + 30);
      }
    },
  );
});
