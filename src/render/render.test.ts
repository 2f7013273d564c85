import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Series } from '../series/types.js';
import { createRenderer, renderPng, renderSvg, type RenderOptions } from './index.js';

const renderer = createRenderer();
const goldenPng = fileURLToPath(new URL('../../fixtures/golden/line-basic.png', import.meta.url));

const series = (channels: number, length: number, f: (i: number, c: number) => number): Series => ({
  id: 's',
  channels: Array.from({ length: channels }, (_, c) => `ch${c}`),
  values: Array.from({ length: channels }, (_, c) =>
    Float64Array.from({ length }, (_, i) => f(i, c)),
  ),
});
const wave = (i: number, c: number): number => Math.sin(2 * Math.PI * 0.04 * i + c) * (1 + c);
/**
 * The golden series: 400 points of VisualTimeAnomaly's base sine with a fixed wiggle, one spike.
 */
const golden = series(1, 400, (i) =>
  i === 300 ? 4 : 1.5 * Math.sin(2 * Math.PI * 0.04 * i) + 0.1 * Math.sin(i * 1.7),
);

async function pixels(
  png: Uint8Array,
): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Share of dark pixels (luminance < 110) in a rectangle. */
function darkShare(
  image: Awaited<ReturnType<typeof pixels>>,
  box: { x0: number; x1: number; y0: number; y1: number },
): number {
  let dark = 0;
  let total = 0;
  for (let y = box.y0; y < box.y1; y += 1) {
    for (let x = box.x0; x < box.x1; x += 1) {
      const o = (y * image.width + x) * image.channels;
      const luminance =
        0.299 * image.data[o]! + 0.587 * image.data[o + 1]! + 0.114 * image.data[o + 2]!;
      if (luminance < 110) dark += 1;
      total += 1;
    }
  }
  return dark / total;
}

describe('PNG size is exactly the request', () => {
  it.each<[string, Series, RenderOptions, number, number]>([
    ['line default', series(1, 400, wave), { preset: 'line' }, 1000, 150],
    [
      'line custom',
      series(3, 400, wave),
      { preset: 'line', widthPx: 640, heightPx: 120 },
      640,
      120,
    ],
    ['grid 9', series(9, 200, wave), { preset: 'grid' }, 1000, 1000],
    [
      'grid 5 custom',
      series(5, 200, wave),
      { preset: 'grid', widthPx: 800, heightPx: 500 },
      800,
      500,
    ],
    ['grid vta 9', series(9, 200, wave), { preset: 'grid', vta: true }, 1000, 1000],
    ['grid vta 5 (2×3)', series(5, 200, wave), { preset: 'grid', vta: true }, 1500, 1000],
    [
      'irregular',
      series(1, 400, (i) => (i % 9 < 3 ? NaN : wave(i, 0))),
      { preset: 'irregular' },
      1000,
      150,
    ],
    [
      'overlay on grid',
      series(4, 200, wave),
      { preset: 'overlay', base: 'grid', intervals: { truth: [[10, 30]] } },
      1000,
      1000,
    ],
  ])('%s', async (_name, s, options, width, height) => {
    const image = await pixels(await renderer.png(s, options));
    expect([image.width, image.height]).toEqual([width, height]);
    // white background in the corner
    expect(Array.from(image.data.subarray(0, 3))).toEqual([255, 255, 255]);
  });
});

describe('rendering', () => {
  it('is deterministic: the same input gives the same PNG bytes, cached view or fresh', async () => {
    const a = await renderPng(golden, { preset: 'line' });
    const b = await renderer.png(golden, { preset: 'line' });
    const c = await renderer.png(golden, { preset: 'line' });
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(c).equals(Buffer.from(a))).toBe(true);
  });

  it('shows a single-sample spike in a 1,000,000-point series', async () => {
    const s = series(1, 1_000_000, (i) => (i === 500_000 ? 10 : 0.1 * Math.sin(i / 997)));
    const image = await pixels(await renderer.png(s, { preset: 'line' }));
    // columns with ink in rows 12..40 (the top of the plot): only the spike reaches there
    const inked: number[] = [];
    for (let x = 60; x < image.width - 10; x += 1) {
      for (let y = 12; y < 40; y += 1) {
        const o = (y * image.width + x) * image.channels;
        if (image.data[o]! < 160) {
          inked.push(x);
          break;
        }
      }
    }
    expect(inked.length).toBeGreaterThan(0);
    expect(Math.max(...inked) - Math.min(...inked)).toBeLessThanOrEqual(4);
    expect(inked[0]! / image.width).toBeGreaterThan(0.4);
    expect(inked[0]! / image.width).toBeLessThan(0.6);
  });

  it('breaks lines at missing values and draws isolated observations as dots', async () => {
    const values = [1, 2, 3, NaN, 5, 6, NaN, 9, NaN, 2, 1];
    const svg = await renderer.svg(
      series(1, values.length, (i) => values[i]!),
      { preset: 'irregular' },
    );
    const linePath = /class="mark-line[^"]*"[^>]*><path[^>]* d="([^"]+)"/.exec(svg)?.[1] ?? '';
    // segments [1,2,3], [5,6], [9] (a lone move, invisible as a line), [2,1]
    expect(linePath.match(/M/g)?.length).toBe(4);
    const symbols = /class="mark-symbol[^"]*"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    expect(symbols.match(/<path/g)?.length).toBe(1);
  });

  it('numbers grid panels 0..n-1 in reading order; the vta look has no text at all', async () => {
    const svg = await renderer.svg(series(9, 50, wave), { preset: 'grid' });
    const numbers = [...svg.matchAll(/<text[^>]*font-weight="bold"[^>]*>(\d+)<\/text>/g)].map(
      (m) => m[1],
    );
    expect(numbers).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
    const vta = await renderer.svg(series(9, 50, wave), { preset: 'grid', vta: true });
    expect(vta).not.toContain('<text');
  });

  it('draws overlay intervals in distinct colours with a legend and numbered candidates', async () => {
    const svg = await renderer.svg(golden, {
      preset: 'overlay',
      intervals: {
        truth: [[40, 60]],
        predicted: [[50, 80]],
        candidates: [
          [200, 220],
          [300, 301],
        ],
      },
    });
    for (const colour of ['#2ca02c', '#d62728', '#9467bd'])
      expect(svg).toContain(`fill="${colour}"`);
    for (const label of ['truth', 'predicted', 'candidate', '1', '2'])
      expect(svg).toContain(`>${label}</text>`);
  });

  it('labels a time axis the same in every time zone', async () => {
    const s: Series = {
      ...series(1, 48, wave),
      timestamps: Array.from({ length: 48 }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000),
    };
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const utc = await renderer.svg(s, { preset: 'line', axis: 'time' });
      process.env.TZ = 'America/New_York';
      const newYork = await renderer.svg(s, { preset: 'line', axis: 'time' });
      expect(newYork).toBe(utc);
      expect(utc).toMatch(/>(Mon 01|Jan 0?1|12 AM|06 AM|12 PM|06 PM|Tue 02)</);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('text really renders (golden image)', () => {
  it('fontconfig resolves sans-serif to an installed font', () => {
    const match = execFileSync('fc-match', ['-f', '%{file}', 'sans-serif'], { encoding: 'utf8' });
    expect(match).toMatch(/\.(ttf|otf|ttc|pfb)$/i);
    expect(existsSync(match)).toBe(true);
  });

  it('matches the committed SVG snapshot', async () => {
    await expect(await renderSvg(golden, { preset: 'line' })).toMatchFileSnapshot(
      '../../fixtures/golden/line-basic.svg',
    );
  });

  it('matches the committed golden PNG by size and pixel statistics', async () => {
    const png = await renderer.png(golden, { preset: 'line' });
    if (process.env.UPDATE_GOLDEN === '1') {
      // Rewriting the expectation must not also pass the test: the next run compares against it.
      writeFileSync(goldenPng, png);
      throw new Error(`golden PNG rewritten at ${goldenPng}; run again without UPDATE_GOLDEN=1`);
    }
    const actual = await pixels(png);
    const expected = await pixels(readFileSync(goldenPng));
    expect([actual.width, actual.height, actual.channels]).toEqual([
      expected.width,
      expected.height,
      expected.channels,
    ]);
    let diff = 0;
    for (let i = 0; i < actual.data.length; i += 1)
      diff += Math.abs(actual.data[i]! - expected.data[i]!);
    expect(diff / actual.data.length).toBeLessThan(1.5);
    // the label strips must carry about as much ink as the golden (empty boxes or missing glyphs
    // would not)
    const xLabels = { x0: 0, x1: actual.width, y0: actual.height - 14, y1: actual.height };
    const yLabels = { x0: 0, x1: 28, y0: 0, y1: actual.height - 20 };
    for (const box of [xLabels, yLabels]) {
      const ink = darkShare(actual, box);
      expect(ink).toBeGreaterThan(0.005);
      expect(Math.abs(ink - darkShare(expected, box)) / darkShare(expected, box)).toBeLessThan(
        0.15,
      );
    }
  });
});
