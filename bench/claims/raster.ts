/**
 * Raster comparison: the same SVG rasterised by our fast path (`svgToPng`: librsvg draws axes and
 * text, our anti-aliased stroke paints the series lines) and entirely by librsvg (sharp on the full
 * SVG). Reports pixel differences and how much ink each draws.
 */
import sharp from 'sharp';
import { createRandom, type SeededRandom } from '../../src/datasets/random.js';
import { createRenderer, svgToPng, type RenderOptions } from '../../src/render/index.js';
import { splitLines } from '../../src/render/lines.js';
import type { Series } from '../../src/series/types.js';

/** Per-image comparison. */
export interface RasterDiff {
  name: string;
  /** Mean |ours − librsvg| over every channel of every pixel, in 0–255 units. */
  meanAbsDiff: number;
  /** Largest single channel difference, 0–255. */
  maxAbsDiff: number;
  /** Share of pixels whose channels differ by more than 32. */
  pixelsOver32: number;
  /** Ink = Σ(255 − grey) over the image; ours / librsvg − 1. */
  inkRelativeDiff: number;
  /**
   * The same for the series lines alone (ink minus the ink of the SVG without its lines); 0
   * without the fast path.
   */
  lineInkRelativeDiff: number;
  /** False when the SVG had no line the fast path could take (then both images are librsvg's). */
  fastPathUsed: boolean;
}

function randomSeries(
  random: SeededRandom,
  index: number,
): { series: Series; options: RenderOptions; name: string } {
  // Lines of several lengths (long ones get bevel joins, which the fast path leaves to librsvg),
  // VisualTimeAnomaly-size grids and overlays.
  const kind = index % 4;
  const length =
    kind === 0 || kind === 1 ? ([150, 400, 1000, 3000][random.integer(0, 3)] as number) : 400;
  const channels = kind === 2 ? 9 : 1;
  const values = Array.from({ length: channels }, () => {
    const phase = random.uniform() * 6;
    const walk = random.uniform() < 0.3;
    let level = 0;
    return Float64Array.from({ length }, (_, t) => {
      level += random.normal(0, 0.1);
      const base = walk
        ? level
        : 1.5 * (Math.sin(2 * Math.PI * 0.04 * t + phase) + 0.05 * random.normal());
      return random.uniform() < 0.005 ? base + random.normal(0, 4) : base;
    });
  });
  const series: Series = { id: `s${index}`, channels: values.map((_, c) => `c${c}`), values };
  if (kind === 2)
    return { series, options: { preset: 'grid', vta: true }, name: `grid 3x3, ${length} pts` };
  if (kind === 3) {
    const start = random.integer(0, length - 20);
    return {
      series,
      options: { preset: 'overlay', intervals: { truth: [[start, start + 10]] } },
      name: `overlay, ${length} pts`,
    };
  }
  return { series, options: { preset: 'line' }, name: `line, ${length} pts` };
}

async function rawPixels(png: Uint8Array | Buffer): Promise<Buffer> {
  return sharp(png).removeAlpha().raw().toBuffer();
}

function ink(pixels: Buffer): number {
  let total = 0;
  for (let p = 0; p < pixels.length; p++) total += 255 - (pixels[p] as number);
  return total;
}

/** Renders `count` seeded series both ways and compares the pixels. */
export async function compareRaster(count: number, seed: number): Promise<RasterDiff[]> {
  const random = createRandom(seed);
  const renderer = createRenderer({ workers: 0, maxCachedSpecs: 8 });
  const out: RasterDiff[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const { series, options, name } = randomSeries(random, i);
      const svg = await renderer.svg(series, options);
      const ours = await rawPixels(await svgToPng(svg));
      const reference = await sharp(Buffer.from(svg), { density: 72 })
        .removeAlpha()
        .raw()
        .toBuffer();
      if (ours.length !== reference.length)
        throw new Error(`${name}: sizes differ (${ours.length} vs ${reference.length} bytes)`);
      let sum = 0;
      let max = 0;
      let over = 0;
      let inkOurs = 0;
      let inkReference = 0;
      for (let p = 0; p < ours.length; p += 3) {
        let pixelMax = 0;
        for (let k = 0; k < 3; k++) {
          const d = Math.abs((ours[p + k] as number) - (reference[p + k] as number));
          sum += d;
          pixelMax = Math.max(pixelMax, d);
        }
        max = Math.max(max, pixelMax);
        if (pixelMax > 32) over += 1;
        inkOurs += 765 - (ours[p] as number) - (ours[p + 1] as number) - (ours[p + 2] as number);
        inkReference +=
          765 -
          (reference[p] as number) -
          (reference[p + 1] as number) -
          (reference[p + 2] as number);
      }
      const split = splitLines(svg);
      const fast = split !== undefined && split.paths.length > 0;
      const backgroundInk = fast
        ? ink(
            await sharp(Buffer.from(split.background), { density: 72 })
              .removeAlpha()
              .raw()
              .toBuffer(),
          )
        : 0;
      const lineReference = inkReference - backgroundInk;
      out.push({
        name,
        meanAbsDiff: sum / ours.length,
        maxAbsDiff: max,
        pixelsOver32: over / (ours.length / 3),
        inkRelativeDiff: inkReference === 0 ? 0 : inkOurs / inkReference - 1,
        lineInkRelativeDiff:
          !fast || lineReference === 0 ? 0 : (inkOurs - backgroundInk) / lineReference - 1,
        fastPathUsed: fast,
      });
    }
  } finally {
    await renderer.close();
  }
  return out;
}
