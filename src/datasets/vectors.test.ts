import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';
import {
  dropPoints,
  generatedSeriesId,
  intervalsFromVector,
  pointsFromVector,
  toJsonValues,
} from './vectors.js';

const N = Number.NaN;

describe('label vectors', () => {
  it.each([
    [[0, 0, 0], []],
    [
      [1, 1, 0, 0, 1],
      [
        [0, 2],
        [4, 5],
      ],
    ],
    [[0, 1, 1, 1], [[1, 4]]],
    // A dropped (NaN) point neither starts nor ends a run, as in VisualTimeAnomaly.
    [[0, 1, N, 1, 0], [[1, 4]]],
    [[0, N, 1, 1, 0], [[2, 4]]],
    [[1, 1, N], [[0, 3]]],
    [[N, N], []],
  ])('intervalsFromVector(%j) = %j', (vector, expected) => {
    expect(intervalsFromVector(vector)).toEqual(expected);
  });

  it('points are the indices equal to 1', () => {
    expect(pointsFromVector([0, 1, N, 1, 0, 1])).toEqual([1, 3, 5]);
  });

  it('drops trunc(n·ratio) distinct points from values and labels', () => {
    const values = Array.from({ length: 200 }, (_, index) => index);
    const labels = new Array<number>(200).fill(1);
    const dropped = dropPoints(values, labels, 0.15, createRandom(0));
    expect(dropped).toHaveLength(30);
    expect(dropped).toEqual([...dropped].sort((a, b) => a - b));
    expect(values.filter(Number.isNaN)).toHaveLength(30);
    expect(labels.filter(Number.isNaN)).toHaveLength(30);
    for (const index of dropped) expect(values[index]).toBeNaN();
  });

  it('writes NaN as null and numbers series ids from 001', () => {
    expect(toJsonValues([1, N, -2])).toEqual([1, null, -2]);
    expect(generatedSeriesId('vta-univariate', 'trend', 'eval', 0)).toBe(
      'vta-univariate-trend-eval-001',
    );
  });
});
