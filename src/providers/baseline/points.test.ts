import { describe, expect, it } from 'vitest';
import type { Series } from '../../series/types.js';
import { detectAnomalies } from './detector.js';
import { defaultBaselineOptions } from './options.js';
import { attachPoints, isolatedPoints, pointThreshold, twoSidedTail } from './points.js';
import { refitWithout, residualModel } from './residual.js';
import { standardNormals } from '../../testing/seeded-noise.js';

const options = defaultBaselineOptions;

/** 1.5·sin(2π·t/25) + N(0, 0.075²), the VisualTimeAnomaly base. */
function noisySine(seed: number, length = 400): Float64Array {
  const z = standardNormals(seed, length);
  return Float64Array.from(
    { length },
    (_, t) => 1.5 * Math.sin((2 * Math.PI * t) / 25) + 0.075 * (z[t] as number),
  );
}

const univariate = (values: Float64Array): Series => ({
  id: 's',
  channels: ['value'],
  values: [values],
});

describe('twoSidedTail', () => {
  it.each([
    [0, 1],
    [1.959964, 0.05],
    [3, 0.0026998],
    [4.5, 6.795e-6],
  ])('P(|Z| ≥ %s) ≈ %s', (z, p) => {
    expect(twoSidedTail(z) / p).toBeCloseTo(1, 3);
  });
});

describe('isolatedPoints', () => {
  it('keeps a lone outlier and rejects the edge of a stretch', () => {
    // index 2: lone (neighbours 0.5, 1); indices 6–8: a stretch of 7s (neighbours as large).
    const z = Float64Array.of(0, 0.5, 9, 1, 0, 0, 7, 7, 7, 0);
    expect(isolatedPoints(z, 4.5, options)).toEqual([2]);
  });

  it('treats a missing neighbour as quiet and lets a huge outlier have a moderate neighbour', () => {
    // |z| 40 → neighbours may reach max(2.5, 0.5·40) = 20.
    const z = Float64Array.of(Number.NaN, 5, 0, 0, 40, 6, 0);
    expect(isolatedPoints(z, 4.5, options)).toEqual([1, 4]);
  });
});

describe('pointThreshold (Benjamini–Hochberg over lone outliers)', () => {
  it('keeps the strict threshold when there are fewer than 3 faint candidates', () => {
    const z = new Float64Array(400);
    z[10] = 3.6;
    z[50] = 3.8;
    expect(pointThreshold(z, 400, options)).toBe(options.isolatedPointZ);
  });

  it('lowers it to the faintest accepted point when many lone outliers stand out', () => {
    const z = new Float64Array(400);
    // 10 strong points and one at 3.4: p(3.4) = 6.7e-4 ≤ 11·0.05/400 = 1.4e-3 → accepted.
    for (let k = 0; k < 10; k++) z[20 + 30 * k] = 10;
    z[5] = 3.4;
    expect(pointThreshold(z, 400, options)).toBeCloseTo(3.4, 10);
    // At 3.0 (p = 2.7e-3 > 1.4e-3) it is not.
    z[5] = 3.0;
    expect(pointThreshold(z, 400, options)).toBe(options.isolatedPointZ);
  });
});

describe('attachPoints', () => {
  it('joins a point within the merge gap to a stretch and leaves a far one alone', () => {
    const z = new Float64Array(50);
    z[20] = 8;
    z[40] = -6;
    const residual = Float64Array.from(z, (value) => value * 0.1);
    const events = [
      { start: 10, end: 18, peakIndex: 12, peakZ: 5, rmsZ: 4, meanResidual: 0.4, signAgreement: 1 },
    ];
    const alone = attachPoints(events, [20, 40], z, residual, options);
    expect(events[0]).toMatchObject({ start: 10, end: 21, peakIndex: 20, peakZ: 8 });
    expect(alone).toEqual([
      {
        start: 40,
        end: 41,
        peakIndex: 40,
        peakZ: -6,
        rmsZ: 6,
        meanResidual: -0.6000000000000001,
        signAgreement: 1,
      },
    ]);
  });
});

describe('refitWithout', () => {
  it('matches a full refit of the cleaned series', () => {
    const values = noisySine(4);
    for (const index of [60, 61 + 25, 300]) values[index] = (values[index] as number) + 4;
    const model = residualModel(values, 25, options);
    const cleaned = Float64Array.from(values);
    const removed = [60, 86, 300];
    for (const index of removed) cleaned[index] = Number.NaN;
    const local = refitWithout(model, values, cleaned, removed, options);
    const full = residualModel(cleaned, 25, options);
    for (let t = 0; t < values.length; t++) {
      if (Number.isFinite(full.expected[t] as number))
        expect(local.expected[t]).toBeCloseTo(full.expected[t] as number, 1);
    }
    expect(local.residual[60]).toBeGreaterThan(3.5);
  });
});

describe('detectAnomalies on in-range (contextual) points', () => {
  it('finds 12 points pulled 0.4–0.8 off a noisy sine (5–11 noise SDs) and nothing else', () => {
    const values = noisySine(21);
    const injected = [17, 48, 80, 111, 140, 172, 205, 233, 261, 290, 322, 371];
    injected.forEach((index, k) => {
      values[index] =
        (values[index] as number) +
        (k % 2 === 0 ? 1 : -1) * (0.4 + 0.4 * (k / (injected.length - 1)));
    });
    const found = detectAnomalies(univariate(values)).anomalies;
    // Deviations are 5–11 noise SDs but the observation's own noise can cancel part of one.
    expect(found.length).toBeGreaterThanOrEqual(11);
    expect(found.every((anomaly) => injected.includes(anomaly.start))).toBe(true);
    expect(
      found.every(
        (anomaly) => anomaly.category === 'Point Anomaly' && anomaly.end === anomaly.start + 1,
      ),
    ).toBe(true);
  });

  it('finds a point in a series with 25 % missing values', () => {
    const values = noisySine(22);
    const gaps = standardNormals(23, 400);
    for (let t = 0; t < 400; t++) if ((gaps[t] as number) > 0.674) values[t] = Number.NaN;
    const index = Number.isFinite(values[150] as number) ? 150 : 151;
    values[index] = (values[index] as number) + 1;
    const found = detectAnomalies(univariate(values)).anomalies;
    expect(found.map((anomaly) => [anomaly.start, anomaly.category])).toEqual([
      [index, 'Point Anomaly'],
    ]);
  });
});
