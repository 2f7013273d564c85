import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { datasetSplitSchema } from '../schema/dataset.js';
import { generateAnomllm, type AnomllmType } from './anomllm.js';
import { datasetStats } from './stats.js';

// Published (REFERENCES B.2 / C.4, re-run of the published generator, 400 eval series):
// empty share, mean anomaly ratio, mean intervals per series. The empty share follows from the
// first gap alone: P(Exp(scale) >= 1000) = exp(-1000 / scale).
const published: [AnomllmType, number, number, number, number][] = [
  // type, empty share, theoretical empty share, mean anomaly ratio, mean intervals
  ['range', 0.2875, Math.exp(-1000 / 800), 0.024, 1.2],
  ['point', 0.2925, Math.exp(-1000 / 800), 0.032, 1.17],
  ['freq', 0.1, Math.exp(-1000 / 450), 0.034, 2.16],
  ['trend', 0.575, Math.exp(-1000 / 1700), 0.038, 0.42],
  ['flat-trend', 0.575, Math.exp(-1000 / 1700), 0.038, 0.42],
];

describe('generateAnomllm distributions', () => {
  it.each(published)(
    '%s: empty share %f, ratio, intervals as published',
    (type, emptyShare, theory, ratio, intervals) => {
      const split = generateAnomllm({ type, count: 1500, seed: 42 });
      const stats = datasetStats(split);
      // Binomial standard error at n = 1500 is <= 0.013; the published share is one 400-series draw
      // (SE <= 0.025).
      expect(Math.abs(stats.emptyShare - theory)).toBeLessThan(0.04);
      expect(Math.abs(stats.emptyShare - emptyShare)).toBeLessThan(0.05);
      expect(Math.abs(stats.meanLabelRatio! - ratio)).toBeLessThan(0.004);
      expect(Math.abs(stats.meanIntervals! - intervals)).toBeLessThan(0.1);
    },
  );
});

describe('generateAnomllm series', () => {
  it.each([
    ['range', 10, 8],
    ['point', 200, 8],
    ['freq', 20, 50],
    ['trend', 800, 1],
  ] as const)(
    '%s intervals are half-open, ordered, start >= %i after the previous end, at most %i per series',
    (type, minimumGap, maxIntervals) => {
      const split = generateAnomllm({ type, count: 150, seed: 7 });
      expect(datasetSplitSchema.parse(split)).toEqual(split);
      for (const { series, label } of split.items) {
        expect(series.values[0]).toHaveLength(1000);
        expect(label.anomalous).toBe(label.intervals!.length > 0);
        expect(label.intervals!.length).toBeLessThanOrEqual(maxIntervals);
        let previousEnd = 0;
        for (const [start, end] of label.intervals!) {
          expect(start - previousEnd).toBeGreaterThanOrEqual(minimumGap);
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(1000);
          previousEnd = end;
        }
      }
    },
  );

  it('range anomalies shift the N(0, 0.1) base by 0.5–0.8 with one sign per interval', () => {
    const split = generateAnomllm({ type: 'range', count: 100, seed: 3 });
    for (const { series, label } of split.items) {
      const values = series.values[0]!.map((value) => value ?? 0);
      for (const [start, end] of label.intervals!) {
        const segment = values.slice(start, end);
        const m = segment.reduce((sum, value) => sum + value, 0) / segment.length;
        expect(Math.abs(m)).toBeGreaterThan(0.35);
      }
    }
  });

  it('trend series are min-max scaled to exactly [-1, 1]', () => {
    for (const { series } of generateAnomllm({ type: 'trend', count: 20, seed: 1 }).items) {
      const values = series.values[0]!.map((value) => value ?? 0);
      expect(Math.min(...values)).toBeCloseTo(-1, 12);
      expect(Math.max(...values)).toBeCloseTo(1, 12);
    }
  });

  it('point series are the 0.03 sine outside anomalies', () => {
    const item = generateAnomllm({ type: 'point', count: 50, seed: 2 }).items.find(
      ({ label }) => label.anomalous,
    )!;
    const values = item.series.values[0]!;
    const [start] = item.label.intervals![0]!;
    for (let t = 0; t < start; t += 1)
      expect(values[t]).toBeCloseTo(Math.sin(2 * Math.PI * 0.03 * t), 12);
  });

  it('noisy variants add N(0, 0.08) to the series', () => {
    const quiet = generateAnomllm({ type: 'trend', count: 50, seed: 9 });
    const noisy = generateAnomllm({ type: 'noisy-trend', count: 50, seed: 9 });
    const roughness = (split: typeof quiet): number => {
      let sum = 0;
      let count = 0;
      for (const { series } of split.items) {
        const values = series.values[0]!.map((value) => value ?? 0);
        for (let t = 1; t < values.length; t += 1) {
          sum += (values[t]! - values[t - 1]!) ** 2;
          count += 1;
        }
      }
      return Math.sqrt(sum / count);
    };
    // Differences of independent N(0, 0.08) noise have standard deviation 0.08·√2 ≈ 0.113.
    expect(roughness(noisy)).toBeGreaterThan(0.1);
    expect(roughness(quiet)).toBeLessThan(0.05);
    expect(noisy.items[0]!.label.type).toBe('noisy-trend');
  });

  it('is deterministic per seed, defaults to the published seeds and differs between seeds', () => {
    const a = generateAnomllm({ type: 'freq', count: 10 });
    expect(a.meta.seed).toBe(42);
    expect(generateAnomllm({ type: 'freq', count: 10, seed: 42 })).toEqual(a);
    expect(generateAnomllm({ type: 'freq', count: 10, seed: 43 }).items).not.toEqual(a.items);
    const train = generateAnomllm({ type: 'freq', count: 10, split: 'train' });
    expect(train.meta.seed).toBe(3407);
    expect(train.items[0]!.series.id).toBe('anomllm-freq-train-001');
    expect(
      generateAnomllm({ type: 'freq', count: 10, seed: 42, split: 'train' }).items[0]!.series
        .values,
    ).not.toEqual(a.items[0]!.series.values);
    expect(a.dataset).toBe('anomllm');
  });

  it('rejects unknown types', () => {
    expect(() => generateAnomllm({ type: 'wobble' as AnomllmType })).toThrow(InputError);
  });
});
