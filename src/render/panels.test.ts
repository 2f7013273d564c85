import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Series } from '../series/types.js';
import { gridShape, renderPng, type RenderOptions } from './index.js';

/** Four channels, each a different-amplitude sine so every panel has a visible line. */
const fourChannels: Series = {
  id: 'panels',
  channels: ['a', 'b', 'c', 'd'],
  values: Array.from({ length: 4 }, (_, c) =>
    Float64Array.from({ length: 200 }, (_, i) => Math.sin(0.1 * i + c) * (c + 1)),
  ),
};

/** Share of line-blue pixels (steelblue-ish: blue clearly above red) in each grid panel. */
async function lineShareByPanel(png: Uint8Array, panels: number): Promise<number[]> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const { rows, cols } = gridShape(panels);
  const shares: number[] = [];
  for (let p = 0; p < panels; p += 1) {
    const row = Math.floor(p / cols);
    const col = p % cols;
    // the middle 60 % of the cell: clear of axes, labels and frames
    const cellW = info.width / cols;
    const cellH = info.height / rows;
    const x0 = Math.floor(col * cellW + 0.2 * cellW);
    const x1 = Math.floor(col * cellW + 0.8 * cellW);
    const y0 = Math.floor(row * cellH + 0.2 * cellH);
    const y1 = Math.floor(row * cellH + 0.8 * cellH);
    let blue = 0;
    for (let y = y0; y < y1; y += 1) {
      for (let x = x0; x < x1; x += 1) {
        const o = (y * info.width + x) * info.channels;
        const r = data[o]!;
        const b = data[o + 2]!;
        if (b - r > 60) blue += 1;
      }
    }
    shares.push(blue / ((x1 - x0) * (y1 - y0)));
  }
  return shares;
}

describe('grid panels each draw their own channel', () => {
  it.each<[string, RenderOptions]>([
    ['plain grid', { preset: 'grid', widthPx: 600, heightPx: 400 }],
    [
      'highlighted channel 1',
      { preset: 'grid', widthPx: 600, heightPx: 400, channelsHighlighted: [1] },
    ],
    [
      'highlighted first and last',
      { preset: 'grid', widthPx: 600, heightPx: 400, channelsHighlighted: [0, 3] },
    ],
    [
      'overlay with shading and a highlight',
      {
        preset: 'overlay',
        base: 'grid',
        widthPx: 600,
        heightPx: 400,
        intervals: { truth: [[20, 40]], predicted: [[100, 120]] },
        channelsHighlighted: [2],
      },
    ],
  ])('%s: a line in every panel', async (_name, options) => {
    const shares = await lineShareByPanel(await renderPng(fourChannels, options), 4);
    for (const share of shares) expect(share).toBeGreaterThan(0.005);
  });

  it('the highlighted panel is tinted and the others are not', async () => {
    const png = await renderPng(fourChannels, {
      preset: 'grid',
      widthPx: 600,
      heightPx: 400,
      channelsHighlighted: [1],
    });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    // a pixel near the centre-top of panels 0 and 1 (2×2 grid): tint is yellow (blue channel low)
    const pixel = (x: number, y: number): number[] => {
      const o = (y * info.width + x) * info.channels;
      return [data[o]!, data[o + 1]!, data[o + 2]!];
    };
    const tinted = pixel(Math.floor(info.width * 0.75), Math.floor(info.height * 0.12));
    const plain = pixel(Math.floor(info.width * 0.25), Math.floor(info.height * 0.12));
    expect(tinted[2]!).toBeLessThan(240);
    expect(plain).toEqual([255, 255, 255]);
  });
});
