/**
 * Line marks drawn outside librsvg: the polylines of Vega's `mark-line` paths are taken out of the
 * SVG (librsvg then only draws axes, text and frames, which is far cheaper) and painted into the
 * raw RGB pixels with an anti-aliased, round-joined stroke of the same width and colour.
 */

/** One stroked polyline in absolute pixel coordinates. */
export interface StrokedPath {
  /** Subpaths as flat `[x0, y0, x1, y1, ...]` arrays. */
  subpaths: Float64Array[];
  rgb: readonly [number, number, number];
  /** Stroke width in px. */
  widthPx: number;
  /** Stroke opacity times mark opacity, 0..1. */
  opacity: number;
}

/** The SVG with its line paths emptied, and those paths. */
export interface SplitSvg {
  background: string;
  paths: StrokedPath[];
}

const NAMED: Record<string, readonly [number, number, number]> = {
  steelblue: [70, 130, 180],
  black: [0, 0, 0],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
};

function parseColor(text: string): readonly [number, number, number] | undefined {
  const named = NAMED[text.toLowerCase()];
  if (named !== undefined) return named;
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text);
  if (long !== null)
    return [parseInt(long[1]!, 16), parseInt(long[2]!, 16), parseInt(long[3]!, 16)];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(text);
  if (short !== null)
    return [
      parseInt(short[1]! + short[1]!, 16),
      parseInt(short[2]! + short[2]!, 16),
      parseInt(short[3]! + short[3]!, 16),
    ];
  return undefined;
}

const PATH_ATTRS = /\s([a-z-]+)="([^"]*)"/g;
const ALLOWED = new Set([
  'stroke',
  'stroke-width',
  'stroke-linejoin',
  'stroke-opacity',
  'opacity',
  'fill',
]);

/** Parses the line path's attributes; `undefined` for anything this drawer does not reproduce. */
function strokeOf(attrs: string): Omit<StrokedPath, 'subpaths'> | undefined {
  const found = new Map<string, string>();
  for (const match of attrs.matchAll(PATH_ATTRS)) {
    if (!ALLOWED.has(match[1]!)) return undefined;
    found.set(match[1]!, match[2]!);
  }
  const rgb = parseColor(found.get('stroke') ?? '');
  const fill = found.get('fill');
  if (rgb === undefined || (fill !== undefined && fill !== 'none')) return undefined;
  if ((found.get('stroke-linejoin') ?? 'round') !== 'round') return undefined;
  const widthPx = Number(found.get('stroke-width') ?? '1');
  const opacity = Number(found.get('stroke-opacity') ?? '1') * Number(found.get('opacity') ?? '1');
  if (!(widthPx > 0) || !(opacity >= 0 && opacity <= 1)) return undefined;
  return { rgb, widthPx, opacity };
}

/**
 * `M`/`L` path data (Vega's linear lines) shifted by (dx, dy); `undefined` for any other command.
 */
function parsePathData(d: string, dx: number, dy: number): Float64Array[] | undefined {
  const subpaths: Float64Array[] = [];
  if (!/^(?:[ML]-?[\d.e+-]+,-?[\d.e+-]+)*$/i.test(d)) return undefined;
  for (const part of d.split('M')) {
    if (part === '') continue;
    const nums = part.split(/[L,]/).map(Number);
    if (nums.some((n) => !Number.isFinite(n)) || nums.length % 2 !== 0) return undefined;
    const flat = new Float64Array(nums.length);
    for (let i = 0; i < nums.length; i += 2) {
      flat[i] = nums[i]! + dx;
      flat[i + 1] = nums[i + 1]! + dy;
    }
    subpaths.push(flat);
  }
  return subpaths;
}

const TOKENS = /<g\b([^>]*)>|<\/g>|<path d="([^"]*)"([^>]*)\/>/g;

/**
 * Takes the paths of every `mark-line` group out of a Vega SVG (their `d` emptied), with absolute
 * coordinates from the enclosing `translate` groups; `undefined` when any of them is not a plain
 * solid round-joined stroke (then rasterise the SVG as it is).
 */
export function splitLines(svg: string): SplitSvg | undefined {
  const stack: Array<{ x: number; y: number; line: boolean }> = [{ x: 0, y: 0, line: false }];
  const paths: StrokedPath[] = [];
  const cuts: Array<[number, number]> = [];
  for (const match of svg.matchAll(TOKENS)) {
    const top = stack[stack.length - 1]!;
    if (match[0] === '</g>') {
      if (stack.length > 1) stack.pop();
    } else if (match[1] !== undefined) {
      const attrs = match[1];
      let x = top.x;
      let y = top.y;
      const transform = /\stransform="([^"]*)"/.exec(attrs);
      if (transform !== null) {
        const translate = /^translate\((-?[\d.e+-]+),(-?[\d.e+-]+)\)$/.exec(transform[1]!);
        if (translate === null) return undefined;
        x += Number(translate[1]);
        y += Number(translate[2]);
      }
      if (/\sclip-path=/.test(attrs)) return undefined;
      // an empty mark (e.g. a highlight layer with no row in this panel) is a self-closing
      // `<g .../>`: it opens no scope, so pushing it would shift every later panel's offset
      if (!attrs.endsWith('/')) stack.push({ x, y, line: /\sclass="mark-line\b/.test(attrs) });
    } else if (top.line && match[2] !== undefined && match[2] !== '') {
      const stroke = strokeOf(match[3] ?? '');
      const subpaths = stroke === undefined ? undefined : parsePathData(match[2], top.x, top.y);
      if (stroke === undefined || subpaths === undefined) return undefined;
      paths.push({ ...stroke, subpaths });
      const start = match.index + '<path d="'.length;
      cuts.push([start, start + match[2].length]);
    }
  }
  let background = '';
  let from = 0;
  for (const [start, end] of cuts) {
    background += svg.slice(from, start);
    from = end;
  }
  background += svg.slice(from);
  return { background, paths };
}

/** Coverage scratch (one float per pixel, kept zero between calls) and the list of inked pixels. */
interface Scratch {
  coverage: Float32Array;
  touched: Int32Array;
}
let scratch: Scratch = { coverage: new Float32Array(0), touched: new Int32Array(0) };

function scratchFor(pixelCount: number): Scratch {
  if (scratch.coverage.length < pixelCount)
    scratch = { coverage: new Float32Array(pixelCount), touched: new Int32Array(pixelCount) };
  return scratch;
}

/**
 * Raises the coverage of the pixels near segment a→b (pixel centres within `reach`, clipped to the
 * image) to clamp(reach − distance, 0, 1); returns the new count of touched pixels.
 */
function coverSegment(
  work: Scratch,
  count: number,
  widthPx: number,
  heightPx: number,
  reach: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const { coverage, touched } = work;
  const ex = bx - ax;
  const ey = by - ay;
  const lengthSq = ex * ex + ey * ey;
  const reachSq = reach * reach;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
  const x1 = Math.min(widthPx - 1, Math.ceil(Math.max(ax, bx) + reach));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
  const y1 = Math.min(heightPx - 1, Math.ceil(Math.max(ay, by) + reach));
  for (let py = y0; py <= y1; py += 1) {
    const cy = py + 0.5 - ay;
    // the pixels of this row within reach lie near the part of the segment within reach in y
    let xa = x0;
    let xb = x1;
    if (ey !== 0) {
      let ta = (cy - reach) / ey;
      let tb = (cy + reach) / ey;
      if (ta > tb) {
        const swap = ta;
        ta = tb;
        tb = swap;
      }
      ta = ta < 0 ? 0 : ta > 1 ? 1 : ta;
      tb = tb < 0 ? 0 : tb > 1 ? 1 : tb;
      xa = Math.max(x0, Math.floor(ax + Math.min(ta * ex, tb * ex) - reach));
      xb = Math.min(x1, Math.ceil(ax + Math.max(ta * ex, tb * ex) + reach));
    }
    const row = py * widthPx;
    for (let px = xa; px <= xb; px += 1) {
      const cx = px + 0.5 - ax;
      let t = lengthSq === 0 ? 0 : (cx * ex + cy * ey) / lengthSq;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const qx = cx - t * ex;
      const qy = cy - t * ey;
      const distSq = qx * qx + qy * qy;
      if (distSq < reachSq) {
        const cover = reach - Math.sqrt(distSq);
        const value = cover > 1 ? 1 : cover;
        const old = coverage[row + px]!;
        if (old === 0) touched[count++] = row + px;
        if (value > old) coverage[row + px] = value;
      }
    }
  }
  return count;
}

/**
 * Paints a polyline into packed RGB pixels: coverage of each pixel centre is
 * clamp(width/2 + 0.5 − distance to the nearest segment, 0, 1) (round joins and caps, one pass of
 * ink where segments of a subpath overlap), blended with the stroke colour.
 */
export function strokePath(
  pixels: Uint8Array,
  widthPx: number,
  heightPx: number,
  path: StrokedPath,
): void {
  const reach = path.widthPx / 2 + 0.5;
  const r = path.rgb[0];
  const g = path.rgb[1];
  const b = path.rgb[2];
  const opacity = path.opacity;
  const work = scratchFor(widthPx * heightPx);
  const { coverage, touched } = work;
  for (const flat of path.subpaths) {
    let count = 0;
    if (flat.length === 2)
      count = coverSegment(
        work,
        count,
        widthPx,
        heightPx,
        reach,
        flat[0]!,
        flat[1]!,
        flat[0]!,
        flat[1]!,
      );
    for (let i = 2; i + 1 < flat.length; i += 2) {
      count = coverSegment(
        work,
        count,
        widthPx,
        heightPx,
        reach,
        flat[i - 2]!,
        flat[i - 1]!,
        flat[i]!,
        flat[i + 1]!,
      );
    }
    for (let k = 0; k < count; k += 1) {
      const pixel = touched[k]!;
      const alpha = coverage[pixel]! * opacity;
      coverage[pixel] = 0;
      const at = pixel * 3;
      const pr = pixels[at]!;
      const pg = pixels[at + 1]!;
      const pb = pixels[at + 2]!;
      pixels[at] = (pr + (r - pr) * alpha + 0.5) | 0;
      pixels[at + 1] = (pg + (g - pg) * alpha + 0.5) | 0;
      pixels[at + 2] = (pb + (b - pb) * alpha + 0.5) | 0;
    }
  }
}
