import { describe, expect, it } from 'vitest';
import {
  aggregate,
  conventions,
  flattenIntervalScores,
  intervalMetricKeys,
  scoreSeries,
  variateMetricKeys,
  type SeriesScore,
} from './conventions.js';
import { intervalScores } from './interval-scores.js';
import { pythonRound } from './round.js';

const all = (keys: readonly string[], value: number): Record<string, number> =>
  Object.fromEntries(keys.map((k) => [k, value]));

describe('scoreSeries: empty answers', () => {
  it.each([
    {
      name: 'AnomLLM both empty = 1',
      convention: conventions.anomllm,
      truth: [],
      predicted: [],
      rule: 'bothEmpty',
      value: 1,
    },
    {
      name: 'AnomLLM truth empty only = 0',
      convention: conventions.anomllm,
      truth: [],
      predicted: [[2, 4]],
      rule: 'oneEmpty',
      value: 0,
    },
    {
      name: 'AnomLLM prediction empty only = 0',
      convention: conventions.anomllm,
      truth: [[2, 4]],
      predicted: [],
      rule: 'oneEmpty',
      value: 0,
    },
    // Clipped away = empty: an all-zero vector after clipping.
    {
      name: 'AnomLLM prediction outside the series is empty',
      convention: conventions.anomllm,
      truth: [],
      predicted: [[20, 30]],
      rule: 'bothEmpty',
      value: 1,
    },
    {
      name: 'VTA empty prediction = 0',
      convention: conventions.vta,
      truth: [[2, 4]],
      predicted: [],
      rule: 'emptyPrediction',
      value: 0,
    },
  ] as const)('$name', ({ convention, truth, predicted, rule, value }) => {
    const s = scoreSeries({ task: 'interval', truth, predicted, length: 10 }, convention);
    expect(s.rule).toBe(rule);
    expect(s.metrics).toEqual(all(intervalMetricKeys, value));
  });

  it('scores empty answers as computed under Time-RA (no special rule)', () => {
    const s = scoreSeries(
      { task: 'interval', truth: [[2, 4]], predicted: [], length: 10 },
      conventions.timeRa,
    );
    expect(s.rule).toBe('computed');
    expect(s.metrics?.['affiliation.precision']).toBeNull();
    expect(s.metrics?.['affiliation.recall']).toBe(0);
  });

  it('VTA empty variate prediction = 0 on every metric', () => {
    const s = scoreSeries(
      { task: 'variate', truth: [1], predicted: [7], dims: 4 },
      conventions.vta,
    );
    expect(s).toEqual({
      task: 'variate',
      rule: 'emptyPrediction',
      parseFailure: false,
      metrics: all(variateMetricKeys, 0),
    });
  });
});

describe('scoreSeries: computed metrics', () => {
  it('VTA rounds every metric to 3 decimals, Python style', () => {
    // pointwise: P ½, R ¼, F1 ⅓ → 0.333; affiliation P = (1 + 4.5/13)/2 = 0.67307… → 0.673 (see
    // interval-scores.test.ts)
    const s = scoreSeries(
      {
        task: 'interval',
        truth: [
          [2, 4],
          [10, 12],
        ],
        predicted: [
          [3, 4],
          [15, 16],
        ],
        length: 20,
      },
      conventions.vta,
    );
    expect(s.rule).toBe('computed');
    expect(s.metrics?.['pointwise.f1']).toBe(0.333);
    expect(s.metrics?.['affiliation.precision']).toBe(0.673);
    expect(s.metrics?.['affiliation.recall']).toBe(0.676); // 246/364 = 0.67582…
  });

  it('AnomLLM rounds each computed metric to 3 dp (its compute_metrics)', () => {
    const s = scoreSeries(
      {
        task: 'interval',
        truth: [
          [2, 4],
          [10, 12],
        ],
        predicted: [
          [3, 4],
          [15, 16],
        ],
        length: 20,
      },
      conventions.anomllm,
    );
    expect(s.metrics?.['pointwise.f1']).toBe(0.333); // 1/3 → round(1/3, 3)
  });

  it('VTA irregular: dropped indices are deleted from both sides before scoring', () => {
    // 10 points, index 6 dropped: truth [4,6) stays, prediction [7,8) becomes [6,7) on 9 points.
    const s = scoreSeries(
      { task: 'interval', truth: [[4, 6]], predicted: [[7, 8]], length: 10, droppedIndices: [6] },
      conventions.vta,
    );
    const direct = flattenIntervalScores(
      intervalScores({ truth: [[4, 6]], predicted: [[6, 7]], length: 9 }),
    );
    for (const key of intervalMetricKeys) {
      const v = direct[key] ?? null;
      expect(s.metrics?.[key]).toBe(v === null ? null : pythonRound(v, 3));
    }
  });

  it('keeps dropped indices when the convention says keep', () => {
    const s = scoreSeries(
      { task: 'interval', truth: [[4, 6]], predicted: [[7, 8]], length: 10, droppedIndices: [6] },
      { ...conventions.anomllm, roundDecimals: null },
    );
    expect(s.metrics).toEqual(
      flattenIntervalScores(intervalScores({ truth: [[4, 6]], predicted: [[7, 8]], length: 10 })),
    );
  });

  it('marks an unparseable answer without metrics', () => {
    expect(
      scoreSeries(
        { task: 'interval', truth: [[1, 2]], predicted: null, length: 5 },
        conventions.vta,
      ),
    ).toEqual({
      task: 'interval',
      rule: 'unparseable',
      parseFailure: true,
      metrics: null,
    });
  });

  it('rejects a bad rounding setting', () => {
    expect(() =>
      scoreSeries(
        { task: 'variate', truth: [], predicted: [], dims: 2 },
        { ...conventions.vta, roundDecimals: 1.5 },
      ),
    ).toThrow(expect.objectContaining({ code: 'grade.invalid_convention' }));
  });
});

describe('aggregate', () => {
  const scored = (p: number | null, f: number): SeriesScore => ({
    task: 'variate',
    rule: 'computed',
    parseFailure: false,
    metrics: { 'variate.precision': p, 'variate.recall': 1, 'variate.f1': f },
  });
  const failed: SeriesScore = {
    task: 'variate',
    rule: 'unparseable',
    parseFailure: true,
    metrics: null,
  };

  it.each([
    {
      // VTA / Time-RA: the failure is left out → means over 2 series
      name: 'skip unparseable',
      convention: conventions.vta,
      metrics: { 'variate.precision': 0.5, 'variate.recall': 1, 'variate.f1': 0.6 },
      defined: { 'variate.precision': 2, 'variate.recall': 2, 'variate.f1': 2 },
      counts: { series: 3, scored: 2, skipped: 1, parseFailures: 1 },
    },
    {
      // AnomLLM: the failure counts as 0 → (1 + 0 + 0)/3, (1 + 1 + 0)/3, (0.8 + 0.4 + 0)/3
      name: 'zero unparseable',
      convention: conventions.anomllm,
      metrics: { 'variate.precision': 1 / 3, 'variate.recall': 2 / 3, 'variate.f1': 0.4 },
      defined: { 'variate.precision': 3, 'variate.recall': 3, 'variate.f1': 3 },
      counts: { series: 3, scored: 3, skipped: 0, parseFailures: 1 },
    },
  ])('$name', ({ convention, metrics, defined, counts }) => {
    const result = aggregate([scored(1, 0.8), scored(0, 0.4), failed], convention);
    for (const [key, value] of Object.entries(metrics))
      expect(result.metrics[key]).toBeCloseTo(value, 12);
    expect(result.defined).toEqual(defined);
    expect(result.counts).toEqual(counts);
  });

  it('averages a metric only over the series where it is defined', () => {
    const result = aggregate([scored(null, 0.5), scored(0.25, 0.5)], conventions.timeRa);
    expect(result.metrics['variate.precision']).toBe(0.25);
    expect(result.defined['variate.precision']).toBe(1);
  });

  it('has no metric when every series was skipped', () => {
    expect(aggregate([failed], conventions.vta)).toEqual({
      metrics: {},
      defined: {},
      counts: { series: 1, scored: 0, skipped: 1, parseFailures: 1 },
    });
  });

  it('AnomLLM end to end: a series without anomaly answered [] scores 1, one answered wrongly 0', () => {
    const perSeries = [
      scoreSeries(
        { task: 'interval', truth: [], predicted: [], length: 1000 },
        conventions.anomllm,
      ),
      scoreSeries(
        { task: 'interval', truth: [[10, 20]], predicted: [], length: 1000 },
        conventions.anomllm,
      ),
      scoreSeries(
        { task: 'interval', truth: [[10, 20]], predicted: null, length: 1000 },
        conventions.anomllm,
      ),
      scoreSeries(
        { task: 'interval', truth: [], predicted: [], length: 1000 },
        conventions.anomllm,
      ),
    ];
    const result = aggregate(perSeries, conventions.anomllm);
    expect(result.metrics['affiliation.f1']).toBe(0.5); // (1 + 0 + 0 + 1)/4
    expect(result.counts).toEqual({ series: 4, scored: 4, skipped: 0, parseFailures: 1 });
  });
});
