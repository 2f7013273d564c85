import sharp from 'sharp';

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
  rest = rest.replace(/^><rect width="[^"]*" height="[^"]*" fill="white"\/>/, `><rect width="${widthPx}" height="${heightPx}" fill="white"/>`);
  return head + rest;
}

/** Rasterises an SVG to an RGB PNG at 1 px per SVG unit, with fixed encoder settings (same SVG → same bytes). */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  return sharp(Buffer.from(svg), { density: 72 })
    .removeAlpha()
    .png({ compressionLevel: 3, adaptiveFiltering: false })
    .toBuffer();
}
