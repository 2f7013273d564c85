import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from '../../detect/detect.js';
import { findCategory, univariateCategories } from '../../schema/taxonomy.js';
import { loadSeries } from '../../series/load.js';
import type { Series } from '../../series/types.js';
import type { BaselineAnomaly } from './describe.js';
import { detectAnomalies } from './detector.js';
import { createBaselineProvider } from './index.js';
import { multivariateCategoryOf, toMultivariateFindings } from './multivariate.js';
import { defaultBaselineOptions } from './options.js';
import { relationBreaks } from './relations.js';
import { uniformNoise } from '../../testing/seeded-noise.js';

/**
 * Four channels driven by one sine (scaled, offset, one inverted), each with its own small noise.
 */
function coupled(length = 400): Float64Array[] {
  const drivers = [1, 2, -1.5, 0.8];
  return drivers.map((gain, c) => {
    const n = uniformNoise(11 + c, length);
    return Float64Array.from(
      { length },
      (_, t) => 10 * c + gain * Math.sin((2 * Math.PI * t) / 37) + 0.1 * (n[t] as number),
    );
  });
}

const series = (values: Float64Array[], id = 'm'): Series => ({
  id,
  channels: values.map((_, c) => `c${c}`),
  values,
});
const multivariateNames = new Set([
  'Normal Sequence',
  'Covariance Structure Anomaly',
  'Temporal Dependency Anomaly',
  'Trend Divergence Anomaly',
  'Local Structural Jump Anomaly',
  'Joint Space Anomaly',
  'Principal Component Space Anomaly',
  'Collinearity Shift Anomaly',
]);

describe('multivariate taxonomy', () => {
  it.each([
    ['Point Anomaly', 'Local Structural Jump Anomaly'],
    ['Change Point Anomaly', 'Local Structural Jump Anomaly'],
    ['Sudden Flatline Anomaly', 'Local Structural Jump Anomaly'],
    ['Drift Anomaly', 'Trend Divergence Anomaly'],
    ['Trend Change Anomaly', 'Trend Divergence Anomaly'],
    ['Periodic Change Anomaly', 'Temporal Dependency Anomaly'],
    ['Pattern Change Anomaly', 'Temporal Dependency Anomaly'],
    ['Collinearity Shift Anomaly', 'Collinearity Shift Anomaly'],
  ] as const)('reads %s as %s', (from, to) => {
    expect(multivariateCategoryOf(from)).toBe(to);
  });

  it('maps every univariate category into the multivariate list', () => {
    for (const category of univariateCategories)
      expect(findCategory(multivariateCategoryOf(category.name), 'multivariate')).toBeDefined();
  });

  it('says which other channels show anomalies over the same stretch', () => {
    const base = { severity: 'high', confidence: 0.9, score: 10, kind: 'point' } as const;
    const findings: BaselineAnomaly[] = [
      {
        ...base,
        start: 5,
        end: 6,
        channels: [0],
        category: 'Point Anomaly',
        explanation: 'Spike.',
      },
      {
        ...base,
        start: 5,
        end: 6,
        channels: [2],
        category: 'Point Anomaly',
        explanation: 'Spike.',
      },
      {
        ...base,
        start: 50,
        end: 51,
        channels: [1],
        category: 'Point Anomaly',
        explanation: 'Spike.',
      },
    ];
    const mapped = toMultivariateFindings(findings, 4);
    expect(mapped.map((finding) => finding.category)).toEqual(
      Array(3).fill('Local Structural Jump Anomaly'),
    );
    expect(mapped[0]?.explanation).toBe(
      'Spike. Read across channels as a Local Structural Jump Anomaly (per-channel reading: Point Anomaly); channel 2 also shows an anomaly there.',
    );
    expect(mapped[2]?.explanation).toMatch(
      /none of the other 3 channels shows an anomaly there\.$/,
    );
  });

  it('answers only multivariate categories for a multi-channel series', () => {
    const values = coupled();
    (values[1] as Float64Array)[150] = 30;
    for (let t = 250; t < 280; t++)
      (values[3] as Float64Array)[t] = ((values[3] as Float64Array)[t] as number) + 3;
    const result = detectAnomalies(series(values));
    expect(result.anomalies.length).toBeGreaterThanOrEqual(2);
    for (const anomaly of result.anomalies)
      expect(multivariateNames.has(anomaly.category)).toBe(true);
    expect(result.anomalies.find((anomaly) => anomaly.start === 150)).toMatchObject({
      channels: [1],
      category: 'Local Structural Jump Anomaly',
    });
  });
});

describe('baseline through detect() on a 4-channel series', () => {
  it.each(['diagnose', 'range'] as const)(
    'gives a valid multivariate answer for task %s',
    async (task) => {
      const [loaded] = await loadSeries(
        join(import.meta.dirname, '../../../fixtures/series/multivariate.csv'),
      );
      expect(loaded?.channels).toHaveLength(4);
      const result = await detect(loaded as Series, {
        provider: createBaselineProvider({ model: 'default' }),
        task,
      });
      expect(result.answer.anomalous).toBe(true);
      for (const anomaly of result.answer.anomalies)
        expect(findCategory(anomaly.category, 'multivariate')).toBeDefined();
      // The fixture's disk channel (2) has a +12 square bump over [120, 140).
      const bump = result.answer.anomalies.find(
        (anomaly) => anomaly.channels?.includes(2) === true,
      );
      expect(bump?.category).toBe('Local Structural Jump Anomaly');
      expect(result.intervals.some(([start, end]) => start <= 121 && end >= 139)).toBe(true);
    },
  );
});

describe('relation breaks', () => {
  it('finds the stretch where one channel flips sign against the others, and names that channel', () => {
    const values = coupled();
    const c2 = values[2] as Float64Array;
    for (let t = 200; t < 260; t++) c2[t] = 40 - (c2[t] as number);
    const breaks = relationBreaks(values, defaultBaselineOptions);
    expect(breaks.map((item) => item.pair)).toEqual([
      [0, 2],
      [1, 2],
      [2, 3],
    ]);
    const result = detectAnomalies(series(values));
    const relation = result.anomalies.find((anomaly) => anomaly.kind === 'relation');
    expect(relation).toMatchObject({ channels: [2], category: 'Collinearity Shift Anomaly' });
    expect(Math.abs((relation?.start ?? 0) - 200)).toBeLessThanOrEqual(3);
    expect(Math.abs((relation?.end ?? 0) - 260)).toBeLessThanOrEqual(3);
    expect(relation?.explanation).toMatch(
      /^Between x=\d+ and x=\d+ the linear relation between channel 2 \(c2\) and channels 0 \(c0\), 1 \(c1\), 3 \(c3\) \(all 3 broken pairs share channel 2 \(c2\)\) flips sign: channels \d \(c\d\) and \d \(c\d\) correlate -?[01]\.\d\d outside x=\d+–\d+ but -?[01]\.\d\d inside\.$/,
    );
  });

  it('finds a channel that stops following the others (decorrelated, same amplitude), NaN-tolerant', () => {
    const values = coupled();
    const c1 = values[1] as Float64Array;
    const n = uniformNoise(99, 400);
    for (let t = 100; t < 170; t++)
      c1[t] = 10 + 2 * Math.sin((2 * Math.PI * t) / 9 + 1) + 0.1 * (n[t] as number);
    for (const channel of values)
      for (let t = 3; t < 400; t += 7) channel[(t * 13) % 400] = Number.NaN;
    const result = detectAnomalies(series(values));
    const relation = result.anomalies.find((anomaly) => anomaly.kind === 'relation');
    expect(relation).toMatchObject({ channels: [1], category: 'Covariance Structure Anomaly' });
    expect(Math.abs((relation?.start ?? 0) - 100)).toBeLessThanOrEqual(4);
    expect(Math.abs((relation?.end ?? 0) - 170)).toBeLessThanOrEqual(4);
  });

  it('reports nothing for intact relations, a lone spike, or independent sines of close frequencies', () => {
    expect(relationBreaks(coupled(), defaultBaselineOptions)).toEqual([]);
    const spiky = coupled();
    (spiky[0] as Float64Array)[200] = 100;
    expect(relationBreaks(spiky, defaultBaselineOptions)).toEqual([]);
    // Two sines whose phase drifts slowly apart: correlation fades gradually, not a break.
    const drifting = [0.04, 0.0415, 0.043].map((frequency, c) =>
      Float64Array.from({ length: 200 }, (_, t) => Math.sin(2 * Math.PI * frequency * t + 0.2 * c)),
    );
    expect(relationBreaks(drifting, defaultBaselineOptions)).toEqual([]);
  });

  it('leaves a two-channel break unattributed (either channel could be the one)', () => {
    const values = coupled().slice(0, 2);
    const c1 = values[1] as Float64Array;
    for (let t = 150; t < 220; t++) c1[t] = 20 - (c1[t] as number);
    const relation = detectAnomalies(series(values)).anomalies.find(
      (anomaly) => anomaly.kind === 'relation',
    );
    expect(relation?.channels).toEqual([0, 1]);
  });
});
