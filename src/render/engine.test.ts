import { describe, expect, it } from 'vitest';
import type { Series } from '../series/types.js';
import { createSvgEngine } from './engine.js';
import { findRenderersDir } from './templates.js';
import type { RenderOptions } from './types.js';

const renderersDir = findRenderersDir();
const fast = createSvgEngine({ renderersDir, maxCachedSpecs: 16 });
const full = createSvgEngine({ renderersDir, maxCachedSpecs: 16, fastPaths: false });

const series = (channels: number, length: number, f: (i: number, c: number) => number): Series => ({
  id: 's',
  channels: Array.from({ length: channels }, (_, c) => `ch${c}`),
  values: Array.from({ length: channels }, (_, c) =>
    Float64Array.from({ length }, (_, i) => f(i, c)),
  ),
});
const wave = (i: number, c: number): number =>
  1.5 * Math.sin(2 * Math.PI * 0.04 * i + c) + 0.3 * Math.sin(i * 1.7 + c);
const gappy = series(2, 300, (i, c) => (i % 37 < 4 ? NaN : wave(i, c)));
const timed: Series = {
  ...series(1, 120, wave),
  timestamps: Array.from({ length: 120 }, (_, i) => Date.UTC(2024, 0, 1) + i * 60_000),
};

describe('fast paths draw the same SVG as one Vega row per sample', () => {
  it.each<[string, Series, RenderOptions]>([
    ['line', series(1, 400, wave), { preset: 'line' }],
    [
      'line, 3 channels, highlighted',
      series(3, 250, wave),
      { preset: 'line', channelsHighlighted: [1] },
    ],
    ['line with gaps', gappy, { preset: 'line' }],
    ['line, constant', series(1, 50, () => 2), { preset: 'line' }],
    ['line, one sample', series(1, 1, () => 2), { preset: 'line' }],
    [
      'line, downsampled 20k',
      series(1, 20_000, (i) => (i === 12_345 ? 9 : wave(i, 0))),
      { preset: 'line' },
    ],
    ['line, time axis', timed, { preset: 'line', axis: 'time' }],
    ['grid 9', series(9, 400, wave), { preset: 'grid' }],
    [
      'grid 5, gaps',
      series(5, 200, (i, c) => (i % 23 === c ? NaN : wave(i, c))),
      { preset: 'grid' },
    ],
    ['grid vta', series(9, 400, wave), { preset: 'grid', vta: true }],
    [
      'overlay on line',
      series(1, 400, wave),
      {
        preset: 'overlay',
        intervals: { truth: [[40, 60]], predicted: [[50, 80]], candidates: [[200, 220]] },
      },
    ],
    [
      'overlay on grid',
      series(4, 200, wave),
      {
        preset: 'overlay',
        base: 'grid',
        intervals: { truth: [[10, 30]] },
        channelsHighlighted: [2],
      },
    ],
  ])('%s', async (_name, s, options) => {
    const before = fast.counts.fast;
    expect(await fast.svg(s, options)).toBe(await full.svg(s, options));
    expect(fast.counts.fast).toBe(before + 1);
  });

  it('draws irregular charts with every row (dots need them)', async () => {
    const before = fast.counts.full;
    await fast.svg(
      series(1, 40, (i) => (i % 3 === 0 ? NaN : i)),
      { preset: 'irregular' },
    );
    expect(fast.counts.full).toBe(before + 1);
  });
});
