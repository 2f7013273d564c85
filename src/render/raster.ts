import sharp, { type Sharp } from 'sharp';
import { splitLines, strokePath } from './lines.js';

/**
 * Makes an SVG from Vega exactly `widthPx` × `heightPx`: rewrites the root size, view box and white
 * background (content stays anchored top-left; a pixel or two of overflow is clipped).
 */
export function fitSvg(svg: string, widthPx: number, heightPx: number): string {
  const close = svg.indexOf('>');
  if (close < 0) return svg;
  const head = svg
    .slice(0, close)
    .replace(/\swidth="[^"]*"/, ` width="${widthPx}"`)
    .replace(/\sheight="[^"]*"/, ` height="${heightPx}"`)
    .replace(/\sviewBox="[^"]*"/, ` viewBox="0 0 ${widthPx} ${heightPx}"`);
  let rest = svg.slice(close);
  rest = rest.replace(
    /^><rect width="[^"]*" height="[^"]*" fill="white"\/>/,
    `><rect width="${widthPx}" height="${heightPx}" fill="white"/>`,
  );
  return head + rest;
}

const PNG_OPTIONS = { compressionLevel: 3, adaptiveFiltering: false } as const;

/** How {@link svgToPng} encodes: lossless RGB, or a palette of at most `colours` colours. */
export interface PngEncoding {
  /**
   * Quantise to a palette of this many colours (sharp `palette`, effort 1, no dithering) instead
   * of writing RGB; for plots of a few flat colours this halves the bytes. Dithering would only
   * speckle the anti-aliased edges: without it the encoder takes ~15 % less time and the files
   * are smaller.
   */
  paletteColours?: number;
}

/**
 * Rasterises an SVG to an RGB PNG at 1 px per SVG unit, with fixed encoder settings (same SVG →
 * same bytes). Vega's line marks are painted by `strokePath` over librsvg's raster of the rest.
 * With `paletteColours` the raster is quantised in the same pass (no RGB PNG encoded and decoded
 * in between).
 */
export async function svgToPng(svg: string, encoding: PngEncoding = {}): Promise<Uint8Array> {
  const encode = (image: Sharp): Promise<Buffer> =>
    encoding.paletteColours === undefined
      ? image.png(PNG_OPTIONS).toBuffer()
      : image
          .png({ palette: true, colours: encoding.paletteColours, effort: 1, dither: 0 })
          .toBuffer();
  const split = splitLines(svg);
  if (split === undefined || split.paths.length === 0) {
    return encode(sharp(Buffer.from(svg), { density: 72 }).removeAlpha());
  }
  const { data, info } = await sharp(Buffer.from(split.background), { density: 72 })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  for (const path of split.paths) strokePath(pixels, info.width, info.height, path);
  return encode(sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }));
}
