import { describe, expect, it } from 'vitest';
import { intervalScores, type IntervalScores } from './interval-scores.js';

type Pair = [number, number];
const f1 = (p: number, r: number): number => (2 * p * r) / (p + r);

// Expected values worked by hand (comments); every affiliation and range-based value was also
// checked against a line-by-line Python port of affiliation-metrics' `pr_from_events` and TSB-AD's
// `range_recall_new` (4000 random cases each, max difference 2.2e-16).
interface Case {
  name: string;
  length: number;
  truth: Pair[];
  predicted: Pair[];
  expected: IntervalScores;
}

const cases: Case[] = [
  {
    // Paper-style check from the issue. E = [0,200). Precision: I=[101,102) right of J, d from 0 to
    // 1,
    // m = min(100, 99) = 99: ∫ = 1 − (0.5 + 0.5 + 1·1)/200 = 0.99. Recall: ∫_100^101 2(101−t) dt =
    // 1 → 1 − 1/200.
    name: 'adjacent single points (issue check)',
    length: 200,
    truth: [[100, 101]],
    predicted: [[101, 102]],
    expected: {
      pointwise: { precision: 0, recall: 0, f1: 0 },
      pointAdjusted: { precision: 0, recall: 0, f1: 0 },
      affiliation: { precision: 0.99, recall: 0.995, f1: f1(0.99, 0.995) },
      rangeBased: { precision: 0, recall: 0, f1: 0 },
      event: { recall: 0, f1: 0 },
    },
  },
  {
    // E = [0,400), m = 100. Precision over I=[0,100): d 0..100: (5000 + 5000 + 100·100)/400 = 50 →
    // 0.5.
    // Recall: pivot 100, ∫_100^200 2(t−100) dt = 10000 → 100 − 25 = 75 → 0.75. F1 = 0.75/1.25 =
    // 0.6.
    name: 'prediction just before the event (issue check)',
    length: 400,
    truth: [[100, 200]],
    predicted: [[0, 100]],
    expected: {
      pointwise: { precision: 0, recall: 0, f1: 0 },
      pointAdjusted: { precision: 0, recall: 0, f1: 0 },
      affiliation: { precision: 0.5, recall: 0.75, f1: 0.6 },
      rangeBased: { precision: 0, recall: 0, f1: 0 },
      event: { recall: 0, f1: 0 },
    },
  },
  {
    name: 'prediction equals truth',
    length: 100,
    truth: [
      [10, 20],
      [50, 60],
    ],
    predicted: [
      [10, 20],
      [50, 60],
    ],
    expected: {
      pointwise: { precision: 1, recall: 1, f1: 1 },
      pointAdjusted: { precision: 1, recall: 1, f1: 1 },
      affiliation: { precision: 1, recall: 1, f1: 1 },
      rangeBased: { precision: 1, recall: 1, f1: 1 },
      event: { recall: 1, f1: 1 },
    },
  },
  {
    // Event touches index 0, hit only at index 3. PA fills 0..3 (TSB-AD's loop would miss index 0).
    // Range recall: 0.2·1 + 0.8·(1/4)·1 = 0.4. Affiliation: E = [0,10); precision 1 (inside J).
    // Recall: inside 1; J part [0,3) with pivot 3, m(t) = t: ∫_0^1.5 (t + 3 − t) + ∫_1.5^3 2(3 − t)
    // = 4.5 + 2.25
    // → 3 − 6.75/10 = 2.325; (1 + 2.325)/4 = 0.83125.
    name: 'event starting at index 0',
    length: 10,
    truth: [[0, 4]],
    predicted: [[3, 4]],
    expected: {
      pointwise: { precision: 1, recall: 0.25, f1: 0.4 },
      pointAdjusted: { precision: 1, recall: 1, f1: 1 },
      affiliation: { precision: 1, recall: 0.83125, f1: f1(1, 0.83125) },
      rangeBased: { precision: 1, recall: 0.4, f1: f1(1, 0.4) },
      event: { recall: 1, f1: 1 },
    },
  },
  {
    name: 'event ending at n (mirror of the previous case)',
    length: 10,
    truth: [[6, 10]],
    predicted: [[6, 7]],
    expected: {
      pointwise: { precision: 1, recall: 0.25, f1: 0.4 },
      pointAdjusted: { precision: 1, recall: 1, f1: 1 },
      affiliation: { precision: 1, recall: 0.83125, f1: f1(1, 0.83125) },
      rangeBased: { precision: 1, recall: 0.4, f1: f1(1, 0.4) },
      event: { recall: 1, f1: 1 },
    },
  },
  {
    // Pointwise P = 2/10. Affiliation precision: E = [0,10), J = [2,4), m = 2. Left [0,2): d 0..2:
    // 2 − (2 + 2 + 4)/10 = 1.2; inside 2; right [4,10): d 0..6: 6 − (10 + 18 + 12)/10 = 2 → 5.2/10
    // = 0.52.
    // Range precision: one range, 2/10 covered → 0.2 (TSB-AD finds no range in an all-ones vector
    // and gives 0).
    name: 'prediction covering everything',
    length: 10,
    truth: [[2, 4]],
    predicted: [[0, 10]],
    expected: {
      pointwise: { precision: 0.2, recall: 1, f1: f1(0.2, 1) },
      pointAdjusted: { precision: 0.2, recall: 1, f1: f1(0.2, 1) },
      affiliation: { precision: 0.52, recall: 1, f1: f1(0.52, 1) },
      rangeBased: { precision: 0.2, recall: 1, f1: f1(0.2, 1) },
      event: { recall: 1, f1: f1(1, 0.2) },
    },
  },
  {
    // E = [0,100), J = [10,20), m = 10; I = [80,90): d 60..70: 10 − (100 + 650 + 100)/100 = 1.5 →
    // 0.15.
    // Recall: pivot 80, min(80 − t, t) = t on [10,20]: ∫ 80 dt = 800 → 10 − 8 = 2 → 0.2.
    name: 'disjoint prediction far away',
    length: 100,
    truth: [[10, 20]],
    predicted: [[80, 90]],
    expected: {
      pointwise: { precision: 0, recall: 0, f1: 0 },
      pointAdjusted: { precision: 0, recall: 0, f1: 0 },
      affiliation: { precision: 0.15, recall: 0.2, f1: f1(0.15, 0.2) },
      rangeBased: { precision: 0, recall: 0, f1: 0 },
      event: { recall: 0, f1: 0 },
    },
  },
  {
    // I = [4,5) left of J = [5,6), m = min(5, 4) = 4: 1 − (0.5 + 0.5 + 1)/10 = 0.8. Recall: 1 −
    // 1/10 = 0.9.
    name: 'single points, off by one',
    length: 10,
    truth: [[5, 6]],
    predicted: [[4, 5]],
    expected: {
      pointwise: { precision: 0, recall: 0, f1: 0 },
      pointAdjusted: { precision: 0, recall: 0, f1: 0 },
      affiliation: { precision: 0.8, recall: 0.9, f1: f1(0.8, 0.9) },
      rangeBased: { precision: 0, recall: 0, f1: 0 },
      event: { recall: 0, f1: 0 },
    },
  },
  {
    // Points: tp 1, predicted 2, truth 4. PA: event 1 hit → tp 2, fp 1 → 2/3, 2/4.
    // Range: precision (1 + 0)/2; recall (0.2 + 0.8·½ + 0)/2 = 0.3.
    // Affiliation zones [0,7) and [7,20). Zone 1: precision 1; recall (1 + (1 − 1/7))/2 = 13/14.
    // Zone 2 (J = [10,12), I = [15,16), m = 3): precision 1 − (3 + 3.5 + 2)/13 = 4.5/13;
    // recall: ∫_10^11 8 dt + ∫_11^12 2(15 − t) dt = 8 + 7 = 15 → (2 − 15/13)/2 = 11/26.
    name: 'two events, one hit, one false alarm',
    length: 20,
    truth: [
      [2, 4],
      [10, 12],
    ],
    predicted: [
      [3, 4],
      [15, 16],
    ],
    expected: {
      pointwise: { precision: 0.5, recall: 0.25, f1: f1(0.5, 0.25) },
      pointAdjusted: { precision: 2 / 3, recall: 0.5, f1: f1(2 / 3, 0.5) },
      affiliation: {
        precision: (1 + 4.5 / 13) / 2,
        recall: (13 / 14 + 11 / 26) / 2,
        f1: f1((1 + 4.5 / 13) / 2, (13 / 14 + 11 / 26) / 2),
      },
      rangeBased: { precision: 0.5, recall: 0.3, f1: f1(0.5, 0.3) },
      event: { recall: 0.5, f1: 0.5 },
    },
  },
  {
    // Zone 2 has no prediction: its precision is undefined and left out of the mean (pr_from_events
    // averages only non-NaN zones), its recall is 0 and counts. P = 1, R = (13/14 + 0)/2.
    name: 'a zone without prediction',
    length: 20,
    truth: [
      [2, 4],
      [10, 12],
    ],
    predicted: [[3, 4]],
    expected: {
      pointwise: { precision: 1, recall: 0.25, f1: 0.4 },
      pointAdjusted: { precision: 1, recall: 0.5, f1: f1(1, 0.5) },
      affiliation: { precision: 1, recall: 13 / 28, f1: f1(1, 13 / 28) },
      rangeBased: { precision: 1, recall: 0.3, f1: f1(1, 0.3) },
      event: { recall: 0.5, f1: f1(0.5, 1) },
    },
  },
  {
    // Zones [0,1.5) and [1.5,3) split the prediction [1,2). Zone 1: m = 0, I = [1,1.5):
    // 0.5 − (0 + 0.125 + 0.5)/1.5 = 1/12 → precision (1/12)/0.5 = 1/6. Recall: ∫_0^0.5 1 + ∫_0.5^1
    // 2(1 − t)
    // = 0.75 → 1 − 0.75/1.5 = 0.5. Zone 2 is the mirror image.
    name: 'a prediction split between two zones',
    length: 3,
    truth: [
      [0, 1],
      [2, 3],
    ],
    predicted: [[1, 2]],
    expected: {
      pointwise: { precision: 0, recall: 0, f1: 0 },
      pointAdjusted: { precision: 0, recall: 0, f1: 0 },
      affiliation: { precision: 1 / 6, recall: 0.5, f1: 0.25 },
      rangeBased: { precision: 0, recall: 0, f1: 0 },
      event: { recall: 0, f1: 0 },
    },
  },
  {
    name: 'both empty',
    length: 10,
    truth: [],
    predicted: [],
    expected: {
      pointwise: { precision: 0, recall: 0, f1: 0 },
      pointAdjusted: { precision: 0, recall: 0, f1: 0 },
      affiliation: { precision: null, recall: null, f1: null },
      rangeBased: { precision: 0, recall: 0, f1: 0 },
      event: { recall: null, f1: null },
    },
  },
  {
    name: 'empty prediction',
    length: 10,
    truth: [[2, 4]],
    predicted: [],
    expected: {
      pointwise: { precision: 0, recall: 0, f1: 0 },
      pointAdjusted: { precision: 0, recall: 0, f1: 0 },
      affiliation: { precision: null, recall: 0, f1: null },
      rangeBased: { precision: 0, recall: 0, f1: 0 },
      event: { recall: 0, f1: 0 },
    },
  },
  {
    name: 'empty truth',
    length: 10,
    truth: [],
    predicted: [[2, 4]],
    expected: {
      pointwise: { precision: 0, recall: 0, f1: 0 },
      pointAdjusted: { precision: 0, recall: 0, f1: 0 },
      affiliation: { precision: null, recall: null, f1: null },
      rangeBased: { precision: 0, recall: 0, f1: 0 },
      event: { recall: null, f1: null },
    },
  },
];

function expectClose(actual: IntervalScores, expected: IntervalScores): void {
  for (const group of Object.keys(expected) as (keyof IntervalScores)[]) {
    const e = expected[group] as unknown as Record<string, number | null>;
    const a = actual[group] as unknown as Record<string, number | null>;
    for (const key of Object.keys(e)) {
      const want = e[key];
      const got = a[key];
      if (want === null || want === undefined) expect(got, `${group}.${key}`).toBeNull();
      else expect(got, `${group}.${key}`).toBeCloseTo(want, 12);
    }
  }
}

describe('intervalScores', () => {
  it.each(cases)('$name', ({ length, truth, predicted, expected }) => {
    expectClose(intervalScores({ truth, predicted, length }), expected);
  });

  it('merges unsorted, overlapping and touching intervals before scoring', () => {
    const messy = intervalScores({
      truth: [
        [10, 12],
        [3, 4],
        [2, 3],
      ],
      predicted: [
        [15, 16],
        [3, 4],
        [3, 4],
      ],
      length: 20,
    });
    const clean = intervalScores({
      truth: [
        [2, 4],
        [10, 12],
      ],
      predicted: [
        [3, 4],
        [15, 16],
      ],
      length: 20,
    });
    expect(messy).toEqual(clean);
  });

  it('clips intervals to [0, length)', () => {
    const clipped = intervalScores({ truth: [[-5, 4]], predicted: [[3, 40]], length: 10 });
    expect(clipped).toEqual(intervalScores({ truth: [[0, 4]], predicted: [[3, 10]], length: 10 }));
  });

  it.each([
    { truth: [[3, 2]] as Pair[], field: 'truth[0]' },
    { truth: [[0.5, 2]] as Pair[], field: 'truth[0]' },
    {
      truth: [
        [0, 2],
        [1, Number.NaN],
      ] as Pair[],
      field: 'truth[1]',
    },
  ])('rejects a bad interval in $field', ({ truth, field }) => {
    expect(() => intervalScores({ truth, predicted: [], length: 10 })).toThrow(
      expect.objectContaining({ code: 'grade.invalid_interval', field }),
    );
  });

  it('rejects a bad length', () => {
    expect(() => intervalScores({ truth: [], predicted: [], length: -1 })).toThrow(
      expect.objectContaining({ code: 'grade.invalid_length' }),
    );
  });

  it('scores a million-point series without touching every point', () => {
    const s = intervalScores({
      truth: [[500_000, 500_010]],
      predicted: [[500_005, 500_020]],
      length: 1_000_000,
    });
    expect(s.pointwise).toEqual({ precision: 5 / 15, recall: 0.5, f1: f1(5 / 15, 0.5) });
    expect(s.affiliation.recall).toBeGreaterThan(0.99);
  });
});
