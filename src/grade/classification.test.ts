import { describe, expect, it } from 'vitest';
import {
  binaryScores,
  categoryScores,
  type BinaryPair,
  type CategoryPair,
} from './classification.js';
import { variateScores } from './variate.js';

const T = true;
const F = false;
const pairs = (list: [boolean, boolean][]): BinaryPair[] =>
  list.map(([truth, predicted]) => ({ truth, predicted }));

describe('binaryScores', () => {
  it.each([
    // tp 2, predicted 3, actual 3, correct 3 of 5
    {
      name: 'mixed',
      input: pairs([
        [T, T],
        [T, F],
        [F, T],
        [F, F],
        [T, T],
      ]),
      expected: { precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, accuracy: 0.6, count: 5 },
    },
    // always "anomaly": tp 2, predicted 3, actual 2 → F1 = 2·(2/3)·1/(5/3) = 0.8
    {
      name: 'always anomalous',
      input: pairs([
        [T, T],
        [T, T],
        [F, T],
      ]),
      expected: { precision: 2 / 3, recall: 1, f1: 0.8, accuracy: 2 / 3, count: 3 },
    },
    {
      name: 'never anomalous (0/0 precision → 0)',
      input: pairs([
        [T, F],
        [F, F],
      ]),
      expected: { precision: 0, recall: 0, f1: 0, accuracy: 0.5, count: 2 },
    },
    {
      name: 'no pairs',
      input: [],
      expected: { precision: null, recall: null, f1: null, accuracy: null, count: 0 },
    },
  ])('$name', ({ input, expected }) => {
    const s = binaryScores(input);
    for (const [key, value] of Object.entries(expected)) {
      if (value === null) expect(s[key as keyof typeof s]).toBeNull();
      else expect(s[key as keyof typeof s]).toBeCloseTo(value, 12);
    }
  });
});

describe('categoryScores', () => {
  const cp = (list: [string, string][]): CategoryPair[] =>
    list.map(([truth, predicted]) => ({ truth, predicted }));
  it.each([
    {
      // A: tp 1, pred 2, true 2 → P ½ R ½ F ½; B: tp 1, pred 2, true 1 → P ½ R 1 F ⅔; C: never
      // predicted → 0, 0, 0.
      name: 'three categories',
      input: cp([
        ['A', 'A'],
        ['A', 'B'],
        ['B', 'B'],
        ['C', 'A'],
      ]),
      expected: { accuracy: 0.5, precision: 1 / 3, recall: 0.5, f1: (0.5 + 2 / 3 + 0) / 3 },
      categories: ['A', 'B', 'C'],
    },
    {
      // D appears only in predictions but still counts in the macro mean (pred ∪ truth): A: P 1 R ½
      // F ⅔; D: 0.
      name: 'category present only in predictions',
      input: cp([
        ['A', 'A'],
        ['A', 'D'],
      ]),
      expected: { accuracy: 0.5, precision: 0.5, recall: 0.25, f1: 1 / 3 },
      categories: ['A', 'D'],
    },
  ])('$name', ({ input, expected, categories }) => {
    const s = categoryScores(input);
    expect(s.categories).toEqual(categories);
    for (const [key, value] of Object.entries(expected))
      expect(s[key as keyof typeof expected]).toBeCloseTo(value, 12);
  });

  it('gives nulls for no pairs', () => {
    expect(categoryScores([])).toEqual({
      accuracy: null,
      precision: null,
      recall: null,
      f1: null,
      categories: [],
      count: 0,
    });
  });

  it('accepts numeric ids', () => {
    expect(
      categoryScores([
        { truth: 0, predicted: 0 },
        { truth: 3, predicted: 3 },
      ]).f1,
    ).toBe(1);
  });
});

describe('variateScores', () => {
  it.each([
    {
      name: 'exact',
      truth: [1, 3],
      predicted: [3, 1],
      dims: 4,
      expected: { precision: 1, recall: 1, f1: 1 },
    },
    {
      name: 'half right',
      truth: [1, 3],
      predicted: [1, 2],
      dims: 4,
      expected: { precision: 0.5, recall: 0.5, f1: 0.5 },
    },
    {
      name: 'empty prediction',
      truth: [1, 3],
      predicted: [],
      dims: 4,
      expected: { precision: 0, recall: 0, f1: 0 },
    },
    // id 9 does not exist (VTA skips it): P 1/1, R 1/2, F1 2/3
    {
      name: 'out-of-range ids skipped',
      truth: [1, 3],
      predicted: [1, 9, -1],
      dims: 4,
      expected: { precision: 1, recall: 0.5, f1: 2 / 3 },
    },
    {
      name: 'duplicates count once',
      truth: [0],
      predicted: [0, 0, 0],
      dims: 9,
      expected: { precision: 1, recall: 1, f1: 1 },
    },
  ])('$name', ({ truth, predicted, dims, expected }) => {
    const s = variateScores({ truth, predicted, dims });
    expect(s.precision).toBeCloseTo(expected.precision, 12);
    expect(s.recall).toBeCloseTo(expected.recall, 12);
    expect(s.f1).toBeCloseTo(expected.f1, 12);
  });

  it('rejects a truth id outside the panel grid', () => {
    expect(() => variateScores({ truth: [4], predicted: [], dims: 4 })).toThrow(
      expect.objectContaining({ code: 'grade.invalid_index', field: 'truth[0]' }),
    );
  });
});
