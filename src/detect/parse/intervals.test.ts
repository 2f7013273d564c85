import { describe, expect, it } from 'vitest';
import { ContentError, InputError } from '../../errors.js';
import {
  mergeIntervals,
  pointsToIntervals,
  toIntervals,
  type ToIntervalsOptions,
} from './intervals.js';

const span = (start: number, end: number) => ({ start, end });

describe('toIntervals', () => {
  it.each<[string, { start: number; end: number }[], ToIntervalsOptions, number[][]]>([
    [
      'inclusive adds one to the end (VTA [2, 11] covers 2..11)',
      [span(2, 11)],
      { convention: 'inclusive', length: 400 },
      [[2, 12]],
    ],
    [
      'exclusive keeps the end (AnomLLM)',
      [span(2, 11)],
      { convention: 'exclusive', length: 400 },
      [[2, 11]],
    ],
    ['inclusive single point', [span(7, 7)], { convention: 'inclusive', length: 10 }, [[7, 8]]],
    [
      'exclusive start == end is empty and dropped',
      [span(7, 7)],
      { convention: 'exclusive', length: 10 },
      [],
    ],
    [
      'clips the end to the length',
      [span(380, 450)],
      { convention: 'inclusive', length: 400 },
      [[380, 400]],
    ],
    [
      'inclusive end at the last index reaches length',
      [span(390, 399)],
      { convention: 'inclusive', length: 400 },
      [[390, 400]],
    ],
    [
      'drops a range wholly past the end',
      [span(400, 410), span(1, 2)],
      { convention: 'inclusive', length: 400 },
      [[1, 3]],
    ],
    [
      'reversed range clips to empty, as np.clip does',
      [span(50, 40)],
      { convention: 'inclusive', length: 400 },
      [],
    ],
    [
      'truncates fractions toward zero like int()',
      [span(2.7, 11.9)],
      { convention: 'inclusive', length: 400 },
      [[2, 12]],
    ],
    [
      'merges overlaps and sorts',
      [span(50, 60), span(2, 11), span(55, 70), span(5, 8)],
      { convention: 'inclusive', length: 400 },
      [
        [2, 12],
        [50, 71],
      ],
    ],
    [
      'merges touching ranges',
      [span(0, 4), span(5, 9)],
      { convention: 'inclusive', length: 20 },
      [[0, 10]],
    ],
    [
      'maps a rescaled axis back (x / scale, truncated)',
      [span(10, 25)],
      { convention: 'exclusive', length: 1000, scale: 0.3 },
      [[33, 83]],
    ],
    [
      'rescaled inclusive end',
      [span(0, 299)],
      { convention: 'inclusive', length: 1000, scale: 0.3 },
      [[0, 997]],
    ],
    ['length 0 keeps nothing', [span(0, 3)], { convention: 'inclusive', length: 0 }, []],
    [
      'onNegative clip reproduces np.clip',
      [span(-5, 3), span(-9, -2)],
      { convention: 'inclusive', length: 10, onNegative: 'clip' },
      [[0, 4]],
    ],
  ])('%s', (_name, anomalies, options, expected) => {
    expect(toIntervals(anomalies, options)).toEqual(expected);
  });

  describe('timestamps', () => {
    // Hourly series of 5 observations starting at t0, then a gap: irregular on purpose.
    const t0 = Date.UTC(2024, 0, 1);
    const hour = 3_600_000;
    const timestamps = [t0, t0 + hour, t0 + 2 * hour, t0 + 3 * hour, t0 + 10 * hour];
    const options = { convention: 'inclusive' as const, length: 5, timestamps };

    it.each<[string, number, number, number[][]]>([
      ['exact timestamps', t0 + hour, t0 + 3 * hour, [[1, 4]]],
      ['nearest timestamp (earlier on a tie)', t0 + 1.4 * hour, t0 + 6.5 * hour, [[1, 4]]],
      [
        'past the nearest midpoint goes to the later index',
        t0 + 1.6 * hour,
        t0 + 6.6 * hour,
        [[2, 5]],
      ],
      ['before the series clips to 0', t0 - 5 * hour, t0, [[0, 1]]],
      ['after the series clips to length', t0 + 3 * hour, t0 + 99 * hour, [[3, 5]]],
      ['wholly before the series is dropped', t0 - 9 * hour, t0 - 5 * hour, []],
    ])('%s', (_name, start, end, expected) => {
      expect(toIntervals([span(start, end)], options)).toEqual(expected);
    });

    it('exclusive convention on timestamps', () => {
      expect(
        toIntervals([span(t0, t0 + 3 * hour)], { ...options, convention: 'exclusive' }),
      ).toEqual([[0, 3]]);
    });
  });

  it.each<[string, { start: number; end: number }]>([
    ['negative start', span(-1, 5)],
    ['negative end', span(0, -3)],
    ['NaN', span(Number.NaN, 5)],
    ['infinity', span(0, Number.POSITIVE_INFINITY)],
  ])('%s is content.bad_coordinate keeping the raw text (never wrapped)', (_name, anomaly) => {
    const run = () =>
      toIntervals([anomaly], { convention: 'inclusive', length: 400, rawText: 'model said so' });
    expect(run).toThrow(ContentError);
    expect(run).toThrow(
      expect.objectContaining({ code: 'content.bad_coordinate', rawText: 'model said so' }),
    );
  });

  it('keeps the anomalies as raw text when none is given', () => {
    expect(() => toIntervals([span(-1, 2)], { convention: 'exclusive', length: 9 })).toThrow(
      expect.objectContaining({ rawText: '[{"start":-1,"end":2}]' }),
    );
  });

  it.each<[string, ToIntervalsOptions]>([
    ['negative length', { convention: 'inclusive', length: -1 }],
    ['zero scale', { convention: 'inclusive', length: 5, scale: 0 }],
    ['scale and timestamps', { convention: 'inclusive', length: 1, scale: 0.5, timestamps: [1] }],
    ['timestamps of the wrong length', { convention: 'inclusive', length: 3, timestamps: [1, 2] }],
  ])('rejects bad options: %s', (_name, options) => {
    expect(() => toIntervals([], options)).toThrow(InputError);
  });
});

describe('pointsToIntervals', () => {
  it('turns points into merged unit intervals, dropping points past the end', () => {
    expect(pointsToIntervals([51, 2, 3, 400, 399, 3], 400)).toEqual([
      [2, 4],
      [51, 52],
      [399, 400],
    ]);
  });

  it('rejects negative points instead of wrapping them to the end', () => {
    expect(() => pointsToIntervals([-3, 17], 400)).toThrow(
      expect.objectContaining({ code: 'content.bad_coordinate', rawText: '[-3,17]' }),
    );
  });
});

describe('mergeIntervals', () => {
  it('merges nested, overlapping and touching intervals', () => {
    expect(
      mergeIntervals([
        [10, 12],
        [0, 5],
        [1, 2],
        [5, 6],
        [20, 30],
      ]),
    ).toEqual([
      [0, 6],
      [10, 12],
      [20, 30],
    ]);
  });
});
