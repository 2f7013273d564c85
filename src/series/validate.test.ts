import { describe, expect, it } from 'vitest';
import type { Series } from './types.js';
import { validateSeries } from './validate.js';

const make = (values: number[][], extra: Partial<Series> = {}): Series => ({
  id: 's',
  channels: values.map((_, index) => `c${index}`),
  values: values.map((channel) => Float64Array.from(channel)),
  ...extra,
});

describe('validateSeries', () => {
  it('accepts missing values and irregular timestamps', () => {
    expect(() =>
      validateSeries(make([[1, Number.NaN, 3]], { timestamps: [0, 10, 1000] }), { file: 'f' }),
    ).not.toThrow();
  });

  it.each([
    ['no channels', make([]), 'input.no_channels'],
    ['no observations', make([[]]), 'input.no_observations'],
    ['unequal channels', make([[1, 2], [1]]), 'input.length_mismatch'],
    ['names vs arrays', { ...make([[1]]), channels: ['a', 'b'] }, 'input.length_mismatch'],
    ['empty channel name', { ...make([[1]]), channels: [''] }, 'input.channel_name'],
    ['duplicate names', { ...make([[1], [2]]), channels: ['a', 'a'] }, 'input.duplicate_channel'],
    ['timestamps length', make([[1, 2]], { timestamps: [0] }), 'input.length_mismatch'],
    [
      'NaN timestamp',
      make([[1, 2]], { timestamps: [0, Number.NaN] }),
      'input.timestamp_unparseable',
    ],
    ['equal timestamps', make([[1, 2]], { timestamps: [5, 5] }), 'input.timestamp_order'],
    ['decreasing timestamps', make([[1, 2]], { timestamps: [5, 4] }), 'input.timestamp_order'],
    ['-Infinity value', make([[1, Number.NEGATIVE_INFINITY]]), 'input.infinite_value'],
    ['all missing', make([[1], [Number.NaN]]), 'input.channel_all_missing'],
  ] satisfies [string, Series, string][])('%s → %s', (_name, series, code) => {
    expect(() => validateSeries(series, { file: 'f' })).toThrow(expect.objectContaining({ code }));
  });

  it('places a problem with the locate callback', () => {
    const series = make([[1, Number.POSITIVE_INFINITY]]);
    expect(() =>
      validateSeries(series, {
        file: 'f.csv',
        locate: ({ row, channel }) => ({ line: (row ?? 0) + 2, column: (channel ?? 0) + 1 }),
      }),
    ).toThrow('f.csv:3:1: the value at index 1 of channel "c0" is Infinity; write a finite number');
  });
});
