import { describe, expect, it } from 'vitest';
import { createProvider } from '../providers/registry.js';
import { detect } from './detect.js';
import { detectWindowed, sliceSeries, unionIntervals, windowRanges } from './windows.js';
import type { Series } from '../series/types.js';

describe('rolling windows', () => {
  it.each([
    [10, { window: 20 }, [[0, 10]]],
    [
      10,
      { window: 4 },
      [
        [0, 4],
        [2, 6],
        [4, 8],
        [6, 10],
      ],
    ],
    [
      11,
      { window: 4, stride: 4 },
      [
        [0, 4],
        [4, 8],
        [7, 11],
      ],
    ],
  ])('covers %i rows with %o', (length, options, ranges) => {
    expect(windowRanges(length, options)).toEqual(ranges);
  });

  it('joins intervals that overlap or touch across window edges', () => {
    expect(
      unionIntervals([
        [8, 10],
        [0, 2],
        [10, 12],
        [1, 3],
      ]),
    ).toEqual([
      [0, 3],
      [8, 12],
    ]);
  });

  it('keeps real timestamps in a slice', () => {
    const part = sliceSeries(
      { id: 's', channels: ['v'], values: [Float64Array.of(1, 2, 3)], timestamps: [10, 20, 30] },
      [1, 3],
    );
    expect(part.timestamps).toEqual([20, 30]);
    expect(Array.from(part.values[0] ?? [])).toEqual([2, 3]);
  });

  it('maps the baseline answers of each window back to whole-series rows', async () => {
    const values = Float64Array.from(
      { length: 600 },
      (_, i) => Math.sin(i / 5) + (i >= 450 && i < 455 ? 12 : 0),
    );
    const series: Series = { id: 'long', channels: ['v'], values: [values] };
    const provider = createProvider('baseline');
    const sizes: number[] = [];
    const result = await detectWindowed(series, { window: 200 }, (part) => {
      sizes.push(part.values[0]?.length ?? 0);
      return detect(part, { provider, task: 'range', modality: 'text' });
    });
    expect(sizes).toEqual([200, 200, 200, 200, 200]);
    expect(result.intervals.some(([start, end]) => start <= 452 && end >= 453)).toBe(true);
    expect(result.warnings[0]).toBe('sent as 5 windows of 200 points');
  });
});
