import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { datasetSplitSchema } from '../schema/dataset.js';
import { datasetStats } from './stats.js';
import { generateVta, vtaDatasetName } from './vta.js';

function channel(
  split: ReturnType<typeof generateVta>,
  item: number,
  index = 0,
): (number | null)[] {
  return split.items[item]?.series.values[index] ?? [];
}

function lagOneAutocorrelation(values: readonly (number | null)[]): number {
  const numbers = values.map((value) => value ?? 0);
  const m = numbers.reduce((sum, value) => sum + value, 0) / numbers.length;
  let numerator = 0;
  let denominator = 0;
  numbers.forEach((value, index) => {
    denominator += (value - m) ** 2;
    if (index > 0) numerator += (value - m) * (numbers[index - 1]! - m);
  });
  return numerator / denominator;
}

describe('generateVta univariate', () => {
  // Published (REFERENCES C.1, seed 0, eval): label ratio ≈ 4.9 % for all five types;
  // 1.94–1.97 intervals per series for range types; 19.6 unique points for point types.
  it.each(['global', 'contextual', 'seasonal', 'trend', 'shapelet'] as const)(
    '%s matches the published label distribution',
    (type) => {
      const split = generateVta({ kind: 'univariate', type, count: 400, seed: 0 });
      expect(datasetSplitSchema.parse(split)).toEqual(split);
      const stats = datasetStats(split);
      expect(stats.series).toBe(400);
      expect(stats.emptyShare).toBe(0);
      expect(Math.abs(stats.meanLabelRatio! - 0.049)).toBeLessThan(0.0015);
      if (type === 'global' || type === 'contextual')
        expect(Math.abs(stats.meanIntervals! - 19.6)).toBeLessThan(0.4);
      else {
        expect(stats.meanIntervals!).toBeGreaterThan(1.92);
        expect(stats.meanIntervals!).toBeLessThan(1.99);
      }
    },
  );

  it('labels points as separate, sorted, distinct [i, i+1) intervals with the type', () => {
    const split = generateVta({ kind: 'univariate', type: 'global', count: 20, seed: 3 });
    for (const { label, series } of split.items) {
      expect(label.type).toBe('global');
      expect(label.channels).toBeNull();
      expect(label.seriesId).toBe(series.id);
      for (const [start, end] of label.intervals!) expect(end).toBe(start + 1);
      const starts = label.intervals!.map(([start]) => start);
      expect(starts).toEqual([...new Set(starts)].sort((a, b) => a - b));
      expect(starts.length).toBeLessThanOrEqual(20);
      // Global outliers sit at the series maximum or minimum (or beyond).
      const values = series.values[0]!.map((value) => value ?? 0);
      const others = values.filter((_, index) => !starts.includes(index));
      for (const start of starts) {
        const value = values[start]!;
        expect(value >= Math.max(...others) - 1e-9 || value <= Math.min(...others) + 1e-9).toBe(
          true,
        );
      }
    }
  });

  it('keeps contextual outliers inside the original range', () => {
    const split = generateVta({ kind: 'univariate', type: 'contextual', count: 20, seed: 4 });
    for (const { series } of split.items) {
      const values = series.values[0]!.map((value) => value ?? 0);
      expect(Math.max(...values)).toBeLessThan(1.5 * 1.3);
      expect(Math.min(...values)).toBeGreaterThan(-1.5 * 1.3);
    }
  });

  it('shifts the rest of a trend series by the last slope value (±4.5), unlabelled', () => {
    const split = generateVta({ kind: 'univariate', type: 'trend', count: 60, seed: 5 });
    const meanOf = (values: readonly number[]): number =>
      values.reduce((sum, value) => sum + value, 0) / values.length;
    let checked = 0;
    for (const { series, label } of split.items) {
      const [first, second] = label.intervals!;
      if (
        first === undefined ||
        second === undefined ||
        first[1] - first[0] !== 10 ||
        second[1] - second[0] !== 10
      )
        continue;
      const values = series.values[0]!.map((value) => value ?? 0);
      const segments = [
        values.slice(0, first[0]),
        values.slice(first[1], second[0]),
        values.slice(second[1]),
      ];
      // Means over >= 50 steps of the 25-step sine are within ~0.25 of the level.
      if (segments.some((segment) => segment.length < 50)) continue;
      const [before, between, after] = segments.map(meanOf) as [number, number, number];
      expect(Math.abs(Math.abs(between - before) - 4.5)).toBeLessThan(0.35);
      expect(Math.abs(Math.abs(after - between) - 4.5)).toBeLessThan(0.35);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('is deterministic per seed, and train differs from eval', () => {
    const a = generateVta({ kind: 'univariate', type: 'shapelet', count: 5, seed: 11 });
    expect(generateVta({ kind: 'univariate', type: 'shapelet', count: 5, seed: 11 })).toEqual(a);
    expect(
      generateVta({ kind: 'univariate', type: 'shapelet', count: 5, seed: 12 }).items,
    ).not.toEqual(a.items);
    const train = generateVta({
      kind: 'univariate',
      type: 'shapelet',
      count: 5,
      seed: 11,
      split: 'train',
    });
    expect(channel(train, 0)).not.toEqual(channel(a, 0));
    expect(train.items[0]!.series.id).toBe('vta-univariate-shapelet-train-001');
    expect(a.split).toBe('eval');
    expect(a.meta).toMatchObject({ generator: 'vta', seed: 11, count: 5, vtaSeasonalQuirk: false });
  });

  it('reproduces the compounding seasonal frequency only behind vtaSeasonalQuirk', () => {
    const fixed = generateVta({ kind: 'univariate', type: 'seasonal', count: 100, seed: 0 });
    const quirk = generateVta({
      kind: 'univariate',
      type: 'seasonal',
      count: 100,
      seed: 0,
      vtaSeasonalQuirk: true,
    });
    const fixedAc = fixed.items.map((_, index) => lagOneAutocorrelation(channel(fixed, index)));
    const quirkAc = quirk.items.map((_, index) => lagOneAutocorrelation(channel(quirk, index)));
    expect(Math.min(...fixedAc)).toBeGreaterThan(0.85);
    // Series 2 runs at 0.04·3² = 0.36 cycles/step: lag-1 autocorrelation ≈ cos(2π·0.36) < 0.
    expect(quirkAc[2]).toBeLessThan(-0.4);
    // Published base series: 4/100 with ac > 0.9 and 37/100 with |ac| < 0.3 (ours adds noise and
    // windows).
    expect(quirkAc.filter((ac) => ac > 0.9).length).toBeLessThanOrEqual(6);
    const flat = quirkAc.filter((ac) => Math.abs(ac) < 0.3).length;
    expect(flat).toBeGreaterThanOrEqual(30);
    expect(flat).toBeLessThanOrEqual(50);
    expect(quirk.meta.vtaSeasonalQuirk).toBe(true);
  });
});

describe('generateVta multivariate', () => {
  // Published (C.2, eval): mean anomalous variates 1.00 / 1.44 / 1.97 / 2.45 / 2.82; expectation (1
  // + m) / 2, m = floor(√d) − 1.
  it.each([
    [4, 1.0],
    [9, 1.44],
    [16, 1.97],
    [25, 2.45],
    [36, 2.82],
  ])('d = %i has about %f anomalous variates per series', (dims, published) => {
    const split = generateVta({
      kind: 'multivariate',
      type: 'sawtooth',
      dims,
      count: 250,
      seed: 0,
    });
    const maximum = Math.floor(Math.sqrt(dims)) - 1;
    const stats = datasetStats(split);
    const standardError = Math.sqrt((maximum * maximum - 1) / 12 / 250);
    expect(Math.abs(stats.meanChannels! - (1 + maximum) / 2)).toBeLessThanOrEqual(
      3 * standardError,
    );
    expect(Math.abs(stats.meanChannels! - published)).toBeLessThan(0.25);
    for (const { series, label } of split.items) {
      expect(series.channels).toHaveLength(dims);
      expect(series.values[0]).toHaveLength(200);
      expect(label.intervals).toBeNull();
      expect(label.channels!.length).toBeGreaterThanOrEqual(1);
      expect(label.channels!.length).toBeLessThanOrEqual(maximum);
      expect(label.channels).toEqual([...new Set(label.channels)].sort((a, b) => a - b));
      expect(label.type).toBe('sawtooth');
    }
    expect(split.dataset).toBe(`vta-multivariate-dim${dims}`);
  });

  it('replaces anomalous variates by the anomaly waveform (square: two levels plus noise)', () => {
    const split = generateVta({
      kind: 'multivariate',
      type: 'square',
      dims: 4,
      count: 10,
      seed: 2,
    });
    for (const { series, label } of split.items) {
      const [id] = label.channels!;
      const values = series.values[id!]!.map((value) => value ?? 0);
      const m = values.reduce((sum, value) => sum + value, 0) / values.length;
      // Bimodal: few values near the mean, unlike a sine.
      const nearMean = values.filter(
        (value) => Math.abs(value - m) < 0.2 * (Math.max(...values) - Math.min(...values)),
      ).length;
      expect(nearMean).toBeLessThan(40);
    }
  });
});

describe('generateVta irregular', () => {
  it('drops int(400·r) points to null in data and records them; labels skip dropped points', () => {
    const split = generateVta({
      kind: 'irregular-univariate',
      type: 'global',
      count: 20,
      seed: 0,
      dropRatio: 0.15,
    });
    expect(split.dataset).toBe('vta-irregular-univariate-ratio15');
    const dropIndices = split.meta.dropIndices as Record<string, number[]>;
    for (const { series, label } of split.items) {
      const nulls = series.values[0]!.flatMap((value, index) => (value === null ? [index] : []));
      expect(nulls).toHaveLength(60);
      expect(dropIndices[series.id]).toEqual(nulls);
      for (const [start] of label.intervals!) expect(nulls).not.toContain(start);
    }
  });

  it('drops int(200·r) points per variate for multivariate, d = 9 by default, labels unchanged', () => {
    const split = generateVta({
      kind: 'irregular-multivariate',
      type: 'random_walk',
      count: 10,
      seed: 0,
      dropRatio: 0.25,
    });
    expect(split.dataset).toBe('vta-irregular-multivariate-dim9-ratio25');
    for (const { series, label } of split.items) {
      expect(series.channels).toHaveLength(9);
      for (const values of series.values)
        expect(values.filter((value) => value === null)).toHaveLength(50);
      expect(label.channels!.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps range-type label ratios near 4.9 % after drops', () => {
    const stats = datasetStats(
      generateVta({
        kind: 'irregular-univariate',
        type: 'trend',
        count: 200,
        seed: 1,
        dropRatio: 0.05,
      }),
    );
    expect(Math.abs(stats.meanLabelRatio! - 0.049)).toBeLessThan(0.003);
  });
});

describe('generateVta options', () => {
  it.each([
    [{ kind: 'univariate', type: 'square' }, 'type'],
    [{ kind: 'multivariate', type: 'trend' }, 'type'],
    [{ kind: 'sideways', type: 'trend' }, 'kind'],
    [{ kind: 'multivariate', type: 'square', dims: 3 }, 'dims'],
    [{ kind: 'irregular-univariate', type: 'trend', dropRatio: 1 }, 'dropRatio'],
    [{ kind: 'univariate', type: 'trend', count: -1 }, 'count'],
  ])('rejects %j naming the field', (options, field) => {
    const call = (): unknown => generateVta(options as Parameters<typeof generateVta>[0]);
    expect(call).toThrow(InputError);
    try {
      call();
    } catch (error) {
      expect((error as InputError).field).toBe(field);
    }
  });

  it('names datasets after the published folder layout', () => {
    expect(vtaDatasetName({ kind: 'univariate' })).toBe('vta-univariate');
    expect(vtaDatasetName({ kind: 'multivariate', dims: 36 })).toBe('vta-multivariate-dim36');
    expect(vtaDatasetName({ kind: 'irregular-univariate', dropRatio: 0.05 })).toBe(
      'vta-irregular-univariate-ratio5',
    );
  });
});
