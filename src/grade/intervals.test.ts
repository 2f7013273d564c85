import { describe, expect, it } from 'vitest';
import { deleteIndices, eventOverlaps, normalizeIntervals } from './intervals.js';

type Pair = [number, number];

describe('normalizeIntervals', () => {
  it.each<{ name: string; input: Pair[]; length: number; expected: Pair[] }>([
    { name: 'empty list', input: [], length: 5, expected: [] },
    {
      name: 'sorts',
      input: [
        [6, 8],
        [1, 2],
      ],
      length: 10,
      expected: [
        [1, 2],
        [6, 8],
      ],
    },
    {
      name: 'merges overlapping',
      input: [
        [1, 5],
        [3, 7],
      ],
      length: 10,
      expected: [[1, 7]],
    },
    {
      name: 'merges touching (same 0/1 vector)',
      input: [
        [1, 3],
        [3, 5],
      ],
      length: 10,
      expected: [[1, 5]],
    },
    {
      name: 'drops empty',
      input: [
        [4, 4],
        [6, 7],
      ],
      length: 10,
      expected: [[6, 7]],
    },
    {
      name: 'clips to the series',
      input: [
        [-3, 2],
        [8, 30],
      ],
      length: 10,
      expected: [
        [0, 2],
        [8, 10],
      ],
    },
    { name: 'drops intervals outside the series', input: [[12, 15]], length: 10, expected: [] },
    {
      name: 'keeps a contained interval once',
      input: [
        [0, 10],
        [2, 3],
      ],
      length: 10,
      expected: [[0, 10]],
    },
  ])('$name', ({ input, length, expected }) => {
    expect(normalizeIntervals(input, length, 'x')).toEqual(expected);
  });
});

describe('eventOverlaps', () => {
  it('counts covered points and overlapping intervals per event in one sweep', () => {
    // [0,10) meets [2,4) and [8,12) → 2 + 2 points, 2 intervals; [11,20) meets [8,12) (1 point) and
    // [15,16).
    const { overlap, count } = eventOverlaps(
      [
        [0, 10],
        [11, 20],
        [30, 31],
      ],
      [
        [2, 4],
        [8, 12],
        [15, 16],
      ],
    );
    expect([...overlap]).toEqual([4, 2, 0]);
    expect([...count]).toEqual([2, 2, 0]);
  });
});

describe('deleteIndices', () => {
  it.each<{ name: string; input: Pair[]; dropped: number[]; expected: Pair[]; length: number }>([
    // indices 0..9, drop 6: 7 → 6, 8 → 7
    {
      name: 'shifts intervals after a dropped index',
      input: [
        [4, 6],
        [7, 9],
      ],
      dropped: [6],
      expected: [[4, 8]],
      length: 9,
    },
    {
      name: 'shrinks an interval holding dropped indices',
      input: [[2, 8]],
      dropped: [3, 5, 5],
      expected: [[2, 6]],
      length: 8,
    },
    {
      name: 'removes an interval made only of dropped indices',
      input: [[3, 4]],
      dropped: [3],
      expected: [],
      length: 9,
    },
    { name: 'nothing dropped', input: [[3, 4]], dropped: [], expected: [[3, 4]], length: 10 },
  ])('$name', ({ input, dropped, expected, length }) => {
    expect(deleteIndices(input, dropped, 10, 'truth')).toEqual({ intervals: expected, length });
  });

  it('rejects a dropped index outside the series', () => {
    expect(() => deleteIndices([], [10], 10, 'truth')).toThrow(
      expect.objectContaining({ code: 'grade.invalid_index', field: 'droppedIndices[0]' }),
    );
  });
});
