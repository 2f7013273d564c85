import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import type { Series } from '../../series/types.js';
import { detectAnomalies } from './detector.js';
import { defaultBaselineOptions } from './options.js';
import { estimatePeriod } from './period.js';
import { median, robustScale } from './stats.js';
import { standardNormals } from '../../testing/seeded-noise.js';

/** 1.5·sin(2π·t/25) + N(0, 0.075²), the VisualTimeAnomaly base. */
function noisySine(seed: number, length = 400, periodPoints = 25, noise = 0.075): Float64Array {
  const z = standardNormals(seed, length);
  return Float64Array.from(
    { length },
    (_, t) => 1.5 * Math.sin((2 * Math.PI * t) / periodPoints) + noise * (z[t] as number),
  );
}

const univariate = (values: Float64Array, id = 's'): Series => ({
  id,
  channels: ['value'],
  values: [values],
});

describe('stats and period', () => {
  it('computes median and robust scale by hand', () => {
    expect(median([3, 1, 2, Number.NaN])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // |x − 2| = 1, 1, 0, 1, 8 → MAD 1 → 1.4826
    expect(robustScale([1, 3, 2, 1, 10])).toBeCloseTo(1.4826, 6);
  });

  it.each([25, 33.3333, 50])('finds the period of a noisy sine with period %s', (period) => {
    const found = estimatePeriod(noisySine(7, 1000, period), defaultBaselineOptions);
    expect(found?.period).toBeCloseTo(period, 0);
  });

  it('finds no period in white noise', () => {
    expect(estimatePeriod(standardNormals(3, 1000), defaultBaselineOptions)).toBeNull();
  });
});

describe('detectAnomalies (univariate)', () => {
  it('finds an injected spike at the right index and explains it with numbers', () => {
    const values = noisySine(1);
    values[212] = (values[212] as number) + 3;
    const result = detectAnomalies(univariate(values));
    expect(result.anomalous).toBe(true);
    expect(result.anomalies).toHaveLength(1);
    const [spike] = result.anomalies;
    expect(spike).toMatchObject({
      start: 212,
      end: 213,
      channels: null,
      category: 'Point Anomaly',
      kind: 'point',
    });
    expect(spike?.explanation).toMatch(
      /x=212 is \d+\.\d robust standard deviations above the seasonal expectation/,
    );
    expect(spike?.score).toBeGreaterThan(20);
  });

  it.each([11, 12, 13, 14, 15, 16])('raises no alarm on a clean noisy sine (seed %i)', (seed) => {
    const result = detectAnomalies(univariate(noisySine(seed)));
    expect(result.anomalies).toEqual([]);
    expect(result.anomalous).toBe(false);
    expect(result.summary).toMatch(/No anomaly/);
  });

  it('raises no alarm on white noise', () => {
    expect(detectAnomalies(univariate(standardNormals(5, 1000))).anomalies).toEqual([]);
  });

  it('localises a level shift (ramp of 10 points, then +4.5)', () => {
    const values = noisySine(2);
    for (let t = 200; t < 400; t++) values[t] = (values[t] as number) + 0.5 * Math.min(9, t - 200);
    const { anomalies } = detectAnomalies(univariate(values));
    expect(anomalies.length).toBeGreaterThanOrEqual(1);
    const first = anomalies[0];
    expect(first?.start).toBeGreaterThanOrEqual(199);
    expect(first?.end).toBeLessThanOrEqual(212);
    expect(anomalies.every((anomaly) => anomaly.start >= 195 && anomaly.end <= 215)).toBe(true);
  });

  it('finds a shifted segment in noise (range anomaly)', () => {
    const values = Float64Array.from(standardNormals(9, 1000), (z) => 0.1 * z);
    for (let t = 500; t < 530; t++) values[t] = (values[t] as number) + 0.6;
    const { anomalies } = detectAnomalies(univariate(values));
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({ category: 'Continuous Segment Anomaly' });
    expect(anomalies[0]?.start).toBeGreaterThanOrEqual(497);
    expect(anomalies[0]?.start).toBeLessThanOrEqual(503);
    expect(anomalies[0]?.end).toBeGreaterThanOrEqual(527);
    expect(anomalies[0]?.end).toBeLessThanOrEqual(533);
  });

  it('reports a flatline as one interval with its category', () => {
    const values = noisySine(3);
    values.fill(0.42, 100, 130);
    const { anomalies } = detectAnomalies(univariate(values));
    const flat = anomalies.find((anomaly) => anomaly.kind === 'flatline');
    expect(flat).toMatchObject({ start: 100, end: 130, category: 'Sudden Flatline Anomaly' });
    expect(flat?.explanation).toContain('repeats exactly 30 times');
    expect(anomalies.filter((anomaly) => anomaly.start < 130 && anomaly.end > 100)).toHaveLength(1);
  });

  it('finds a steeper trend segment and names it a trend change', () => {
    const length = 1000;
    const values = new Float64Array(length);
    let level = 0;
    for (let t = 0; t < length; t++) {
      level += t >= 400 && t < 520 ? 0.012 : 0.003;
      values[t] = Math.sin((2 * Math.PI * t) / 50) + level;
    }
    const { anomalies } = detectAnomalies(univariate(values));
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]?.category).toBe('Trend Change Anomaly');
    expect(Math.abs((anomalies[0]?.start ?? 0) - 400)).toBeLessThanOrEqual(10);
    expect(Math.abs((anomalies[0]?.end ?? 0) - 520)).toBeLessThanOrEqual(10);
  });

  it('keeps indices in the original index space when values are missing', () => {
    const values = noisySine(4);
    const drop = standardNormals(44, 400);
    for (let t = 0; t < 400; t++)
      if ((drop[t] as number) > 0.85 && t !== 212) values[t] = Number.NaN;
    values[212] = (values[212] as number) + 3;
    const { anomalies } = detectAnomalies(univariate(values));
    expect(anomalies.map((anomaly) => [anomaly.start, anomaly.end])).toEqual([[212, 213]]);
  });

  it('is deterministic', () => {
    const values = noisySine(5);
    values[100] = 4;
    values.fill(1, 300, 310);
    expect(detectAnomalies(univariate(values))).toEqual(
      detectAnomalies(univariate(Float64Array.from(values))),
    );
  });

  it('handles tiny and all-missing series without throwing', () => {
    expect(detectAnomalies(univariate(Float64Array.of(1, 2, 3))).anomalies).toEqual([]);
    expect(detectAnomalies(univariate(new Float64Array(50).fill(Number.NaN))).anomalies).toEqual(
      [],
    );
  });

  it('rejects channels of different lengths with an InputError naming the channel', () => {
    const series: Series = {
      id: 'ragged',
      channels: ['a', 'b'],
      values: [new Float64Array(10), new Float64Array(9)],
    };
    expect(() => detectAnomalies(series)).toThrow(InputError);
    expect(() => detectAnomalies(series)).toThrow(/channel 1 has 9 values/);
  });

  it('analyses a 1,000,000-point series', () => {
    const length = 1_000_000;
    const z = standardNormals(8, length);
    const values = Float64Array.from(
      { length },
      (_, t) => Math.sin((2 * Math.PI * t) / 50) + 0.05 * (z[t] as number),
    );
    values[654_321] = 3;
    const { anomalies } = detectAnomalies(univariate(values));
    expect(anomalies.some((anomaly) => anomaly.start === 654_321 && anomaly.end === 654_322)).toBe(
      true,
    );
  });
});

describe('detectAnomalies (multivariate)', () => {
  function panel(
    seed: number,
    odd: Map<number, (t: number) => number>,
    channels = 9,
    missingShare = 0,
  ): Series {
    const values: Float64Array[] = [];
    for (let c = 0; c < channels; c++) {
      const z = standardNormals(seed * 100 + c, 200);
      const frequency = 0.03 + (0.02 * c) / channels;
      const wave = odd.get(c) ?? ((t: number) => Math.sin(2 * Math.PI * frequency * t + c));
      const drop = standardNormals(seed * 100 + c + 50, 200);
      values.push(
        Float64Array.from({ length: 200 }, (_, t) =>
          (drop[t] as number) > 2.3 - 10 * missingShare
            ? Number.NaN
            : wave(t) + 0.1 * (z[t] as number),
        ),
      );
    }
    return { id: `panel-${seed}`, channels: values.map((_, c) => String(c)), values };
  }
  const square = (t: number): number => ((t * 0.04) % 1 < 0.5 ? 1 : -1);
  const sawtooth = (t: number): number => 2 * ((t * 0.037) % 1) - 1;

  it.each([
    ['square', 3, square],
    ['sawtooth', 6, sawtooth],
  ] as const)('flags the %s channel among sines', (_name, channel, wave) => {
    const { anomalies } = detectAnomalies(panel(1, new Map([[channel, wave]])));
    const channels = anomalies.filter((anomaly) => anomaly.kind === 'channel');
    expect(channels.map((anomaly) => anomaly.channels)).toEqual([[channel]]);
    expect(channels[0]).toMatchObject({ start: 0, end: 200 });
    expect(channels[0]?.explanation).toMatch(
      /Channel \d+ is fit better by a (square|sawtooth) wave/,
    );
  });

  it('flags nothing channel-wise in a panel of noisy sines', () => {
    const { anomalies } = detectAnomalies(panel(2, new Map()));
    expect(anomalies.filter((anomaly) => anomaly.kind === 'channel')).toEqual([]);
  });

  it('still flags the odd channel with missing values', () => {
    const { anomalies } = detectAnomalies(panel(3, new Map([[5, square]]), 9, 0.05));
    expect(
      anomalies.filter((anomaly) => anomaly.kind === 'channel').map((anomaly) => anomaly.channels),
    ).toEqual([[5]]);
  });
});
