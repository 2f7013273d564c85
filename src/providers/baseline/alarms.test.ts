import { describe, expect, it } from 'vitest';
import type { Series } from '../../series/types.js';
import { TailInflation, controlFalseDiscoveries, twoSidedQuantile } from './alarms.js';
import type { BaselineAnomaly } from './describe.js';
import { detectAnomalies } from './detector.js';
import { defaultBaselineOptions } from './options.js';
import { resilientScale, resolutionOf } from './scale.js';
import { standardNormals } from '../../testing/seeded-noise.js';

const options = defaultBaselineOptions;
const univariate = (values: Float64Array): Series => ({
  id: 's',
  channels: ['value'],
  values: [values],
});

const finding = (start: number, score: number): BaselineAnomaly => ({
  start,
  end: start + 1,
  channels: null,
  category: 'Point Anomaly',
  severity: 'low',
  confidence: 0.5,
  explanation: '',
  score,
  kind: 'point',
});

describe('scale that cannot collapse', () => {
  it('measures the resolution of quantised values', () => {
    expect(resolutionOf([0.066, 0.068, 0.132, 0.066, 0.134])).toBeCloseTo(0.002, 12);
    expect(resolutionOf([3, 3, 3])).toBe(0);
  });

  it('keeps the MAD on continuous noise and looks further out when most residuals are ties', () => {
    const noise = standardNormals(4, 2000);
    expect(resilientScale(noise, { resolution: 0, tieShare: 0.3 })).toBeCloseTo(1, 1);
    // 70 % exact zeros, 30 % at ±1: the MAD is 0, the 90 % point of |x| is 1.
    const ties = Float64Array.from({ length: 1000 }, (_, t) =>
      t % 10 < 7 ? 0 : t % 2 === 0 ? 1 : -1,
    );
    expect(resilientScale(ties, { resolution: 0.01, tieShare: 0.3 })).toBeCloseTo(1 / 1.6449, 3);
    expect(resilientScale(ties, { resolution: 0.01, tieShare: 0.8 })).toBe(0.01);
    expect(resilientScale(new Float64Array(100), { resolution: 0.5, tieShare: 0.3 })).toBe(0.5);
  });

  it('quotes a finite z on a series that rests on one value and jumps to another', () => {
    const values = Float64Array.from({ length: 4000 }, (_, t) => (t % 290 < 60 ? 0.134 : 0.066));
    for (const anomaly of detectAnomalies(univariate(values)).anomalies) {
      expect(anomaly.score).toBeLessThan(1000);
    }
  });
});

describe('false-alarm control', () => {
  it('inverts the two-sided Gaussian tail', () => {
    expect(twoSidedQuantile(0.05)).toBeCloseTo(1.96, 2);
    expect(twoSidedQuantile(1e-4)).toBeCloseTo(3.89, 2);
  });

  it('needs evidence that grows with the number of tests (Benjamini–Hochberg)', () => {
    const z = standardNormals(1, 1000);
    const inflation = new TailInflation(z, options);
    const found = [finding(10, 4.2)];
    expect(controlFalseDiscoveries(found, { tests: 1000, inflation }, options)).toHaveLength(1);
    expect(controlFalseDiscoveries(found, { tests: 1_000_000, inflation }, options)).toHaveLength(
      0,
    );
  });

  it('raises the bar on heavy-tailed residuals but not for a stretch by its own rows', () => {
    const heavy = Float64Array.from(standardNormals(2, 1000), (x, t) => (t % 5 === 0 ? 8 * x : x));
    expect(new TailInflation(heavy, options).for([])).toBeGreaterThan(2);
    const clean = standardNormals(3, 1000);
    for (let t = 500; t < 650; t++) clean[t] = 10;
    const inflation = new TailInflation(clean, options);
    expect(inflation.for([])).toBeGreaterThan(3);
    expect(inflation.for([{ start: 500, end: 650 }])).toBeLessThan(1.2);
  });

  it('measures the same inflation as a full sort of |z|, whatever rows are left out', () => {
    // Ties (quantised values), NaN and ±Infinity, and spans reaching past either end.
    const z = Float64Array.from(standardNormals(6, 3000), (x, t) =>
      t % 7 === 0 ? Math.round(x) : t % 11 === 0 ? 6 * x : x,
    );
    z[5] = Number.NaN;
    z[9] = Number.POSITIVE_INFINITY;
    z[2990] = Number.NEGATIVE_INFINITY;
    const sorted = Float64Array.from([...z].filter(Number.isFinite).map(Math.abs)).sort();
    const quantileAfter = (removed: number): number =>
      sorted[Math.floor(options.alarmTailQuantile * (sorted.length - removed - 1))] as number;
    const cut = quantileAfter(0);
    const reference = (spans: { start: number; end: number }[]): number => {
      const seen = new Set<number>();
      for (const span of spans)
        for (let t = Math.max(0, span.start); t < Math.min(z.length, span.end); t++)
          if (Math.abs(z[t] as number) >= cut) seen.add(t);
      return Math.max(
        1,
        quantileAfter(seen.size) / twoSidedQuantile(1 - options.alarmTailQuantile),
      );
    };
    const inflation = new TailInflation(z, options);
    const cases = [
      [],
      [{ start: -5, end: 40 }],
      [
        { start: 100, end: 900 },
        { start: 850, end: 1200 },
      ],
      [{ start: 0, end: 3000 }],
      [{ start: 2500, end: 3100 }],
    ];
    for (const spans of cases) expect(inflation.for(spans)).toBe(reference(spans));
  });

  it('raises no alarm on 20,000 points of white noise and ranks kept alarms by evidence', () => {
    expect(detectAnomalies(univariate(standardNormals(9, 20000))).anomalies).toEqual([]);
    const values = standardNormals(5, 2000);
    values[300] = 9;
    values[1500] = -14;
    const found = detectAnomalies(univariate(values)).anomalies;
    expect(found.map((a) => a.start)).toEqual([300, 1500]);
    expect(found[1]!.confidence).toBeGreaterThan(found[0]!.confidence);
  });
});
