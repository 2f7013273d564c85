import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../render/lines.js';
import type { Series } from '../series/types.js';
import {
  basePresetFor,
  intervalsInWindow,
  renderPlot,
  reportPlotSvg,
  sliceSeries,
  zoomWindow,
} from './plots.js';

const wave: Series = {
  id: 'w',
  channels: ['a', 'b'],
  values: [
    Float64Array.from({ length: 200 }, (_, t) => Math.sin(t / 7)),
    Float64Array.from({ length: 200 }, (_, t) => Math.cos(t / 9)),
  ],
  timestamps: Array.from({ length: 200 }, (_, t) => 1000 * t),
};

describe('zoom helpers', () => {
  it.each([
    [[100, 110], 400, [80, 130]],
    [[5, 6], 400, [0, 26]],
    [[300, 390], 400, [120, 400]],
  ] as const)('zoomWindow(%j, %d) = %j', (interval, length, expected) => {
    expect(zoomWindow(interval, length)).toEqual(expected);
  });

  it('shifts and clips intervals into a window', () => {
    expect(
      intervalsInWindow(
        [
          [10, 30],
          [50, 60],
          [70, 80],
        ],
        [20, 55],
      ),
    ).toEqual([
      [0, 10],
      [30, 35],
    ]);
  });

  it('slices values, channels and timestamps', () => {
    const slice = sliceSeries(wave, [10, 13], [1]);
    expect(slice.channels).toEqual(['b']);
    expect([...(slice.values[0] ?? [])]).toEqual([
      Math.cos(10 / 9),
      Math.cos(11 / 9),
      Math.cos(12 / 9),
    ]);
    expect(slice.timestamps).toEqual([10_000, 11_000, 12_000]);
    expect(basePresetFor(slice)).toBe('line');
    expect(basePresetFor(wave)).toBe('grid');
    expect(
      basePresetFor({ id: 'x', channels: ['v'], values: [Float64Array.from([1, Number.NaN, 2])] }),
    ).toBe('irregular');
  });
});

describe('renderPlot', () => {
  it('draws a numbered overlay of exactly the requested size, with an index offset', async () => {
    const slice = sliceSeries(wave, [40, 120], [0]);
    const png = await renderPlot(slice, {
      widthPx: 400,
      heightPx: 180,
      predicted: [{ interval: [20, 30] }],
      truth: [{ interval: [25, 40] }],
      numbers: [{ n: 1, interval: [20, 30], channels: null }],
      indexOffset: 40,
    });
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 400, 180]);
    // Okabe–Ito shading: orange for the model (#E69F00), blue for the truth (#0072B2)
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    let orange = 0;
    let blue = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
      if (r > 235 && g > 195 && g < 240 && b < 200) orange += 1;
      if (b > 200 && r < 200 && b - r > 40) blue += 1;
    }
    expect(orange).toBeGreaterThan(100);
    expect(blue).toBeGreaterThan(100);
  });

  it('shades a range only in the panels it names, on a time axis too', async () => {
    // two channels side by side (grid 1 x 2); the model names channel 0 only
    const png = await renderPlot(wave, {
      widthPx: 600,
      heightPx: 200,
      predicted: [{ interval: [50, 80], channels: [0] }],
      numbers: [{ n: 1, interval: [50, 80], channels: [0] }],
    });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const orangeIn = (from: number, to: number): number => {
      let count = 0;
      for (let y = 0; y < info.height; y += 1)
        for (let x = from; x < to; x += 1) {
          const i = (y * info.width + x) * info.channels;
          const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
          if (r > 235 && g > 195 && g < 240 && b < 200) count += 1;
        }
      return count;
    };
    expect(orangeIn(0, 300)).toBeGreaterThan(100);
    expect(orangeIn(300, 600)).toBe(0);
  });

  it('draws each close-up from its own rows when the parsed spec is reused, in any order', async () => {
    // same shape (size, layers), different rows: the second plot reuses the first one's spec
    const plot = (window: [number, number]): Promise<Uint8Array> =>
      renderPlot(sliceSeries(wave, window, [0]), {
        widthPx: 300,
        heightPx: 150,
        predicted: [{ interval: [20, 30] }],
        numbers: [{ n: 1, interval: [20, 30], channels: null }],
        indexOffset: window[0],
      });
    const first = await plot([0, 60]);
    const second = await plot([100, 160]);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(false);
    const together = await Promise.all([plot([100, 160]), plot([0, 60])]);
    expect(Buffer.from(together[0]).equals(Buffer.from(second))).toBe(true);
    expect(Buffer.from(together[1]).equals(Buffer.from(first))).toBe(true);
  });
});

describe('reportPlotSvg fast path', () => {
  const long: Series = {
    id: 'long',
    channels: ['v'],
    values: [
      Float64Array.from({ length: 5000 }, (_, t) => Math.sin(t / 40) + (t === 3210 ? 6 : 0)),
    ],
    // a gap in time after row 2500 breaks the line
    timestamps: Array.from({ length: 5000 }, (_, t) => 60_000 * (t + (t > 2500 ? 400 : 0))),
  };
  const marked = {
    predicted: [{ interval: [3205, 3215] as [number, number] }],
    truth: [{ interval: [3190, 3230] as [number, number] }],
    numbers: [{ n: 1, interval: [3205, 3215] as [number, number], channels: null }],
  };
  it.each<[string, Series, Parameters<typeof reportPlotSvg>[1]]>([
    ['overview on a time axis with a gap', long, { widthPx: 960, heightPx: 240, ...marked }],
    [
      'close-up on the index axis with an offset',
      sliceSeries({ ...long, timestamps: undefined }, [3100, 3300]),
      {
        widthPx: 470,
        heightPx: 200,
        axis: 'index',
        predicted: [{ interval: [105, 115] }],
        numbers: [{ n: 1, interval: [105, 115], channels: null }],
        indexOffset: 3100,
      },
    ],
    [
      'grid, one panel named',
      wave,
      {
        widthPx: 600,
        heightPx: 200,
        predicted: [{ interval: [50, 80], channels: [0] }],
        numbers: [{ n: 1, interval: [50, 80], channels: [0] }],
      },
    ],
  ])('%s: same SVG as a Vega row per sample', async (_name, series, options) => {
    const drawn: string[] = [];
    const onDrawn = (how: string): number => drawn.push(how);
    const fast = await reportPlotSvg(series, { ...options, onDrawn });
    const full = await reportPlotSvg(series, { ...options, fastPaths: false, onDrawn });
    expect(drawn).toEqual(['fast', 'full']);
    expect(fast).toContain('<path');
    expect(fast).toBe(full);
  });
  it('leaves a downsampled line to the PNG step’s own stroker (round joins, not librsvg)', async () => {
    const svg = await reportPlotSvg(long, { widthPx: 960, heightPx: 240, ...marked });
    expect(svg).not.toContain('stroke-linejoin="bevel"');
    expect(splitLines(svg)?.paths.length).toBe(1);
  });
});
