import type { BaselineOptions } from './options.js';
import { median, robustScale } from './stats.js';

/** A stretch where the linear relation between two channels that otherwise move together breaks. */
export interface RelationBreak {
  /** Half-open index interval. */
  start: number;
  end: number;
  /** The two channels (0-based). */
  pair: [number, number];
  /** Correlation of the pair outside the stretch and inside it. */
  outsideCorrelation: number;
  insideCorrelation: number;
  /**
   * True when the relation flipped sign inside (the inside correlation, in the usual sign, is below
   * −`relationBrokenCorrelation`).
   */
  flipped: boolean;
}

/** Prefix sums of the finite pairs of two standardised, winsorised channels. */
interface PairSums {
  n: Float64Array;
  x: Float64Array;
  y: Float64Array;
  xx: Float64Array;
  yy: Float64Array;
  xy: Float64Array;
}

/** Channel minus its median over its robust scale, clipped at ±`clip` (NaN stays NaN). */
function standardise(values: Float64Array, clip: number): Float64Array | null {
  const centre = median(values);
  const scale = robustScale(values, centre);
  if (!(scale > 0) || !Number.isFinite(centre)) return null;
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++)
    out[t] = Math.max(-clip, Math.min(clip, ((values[t] as number) - centre) / scale));
  return out;
}

function pairSums(a: Float64Array, b: Float64Array): PairSums {
  const length = a.length + 1;
  const sums: PairSums = {
    n: new Float64Array(length),
    x: new Float64Array(length),
    y: new Float64Array(length),
    xx: new Float64Array(length),
    yy: new Float64Array(length),
    xy: new Float64Array(length),
  };
  for (let t = 0; t < a.length; t++) {
    const x = a[t] as number;
    const y = b[t] as number;
    const ok = Number.isFinite(x) && Number.isFinite(y);
    sums.n[t + 1] = (sums.n[t] as number) + (ok ? 1 : 0);
    sums.x[t + 1] = (sums.x[t] as number) + (ok ? x : 0);
    sums.y[t + 1] = (sums.y[t] as number) + (ok ? y : 0);
    sums.xx[t + 1] = (sums.xx[t] as number) + (ok ? x * x : 0);
    sums.yy[t + 1] = (sums.yy[t] as number) + (ok ? y * y : 0);
    sums.xy[t + 1] = (sums.xy[t] as number) + (ok ? x * y : 0);
  }
  return sums;
}

/**
 * Pearson correlation of the finite pairs in the union of [lo1, hi1) and [lo2, hi2) (NaN with fewer
 * than `minPairs`).
 */
function correlation(
  sums: PairSums,
  ranges: readonly (readonly [number, number])[],
  minPairs: number,
): number {
  let n = 0,
    x = 0,
    y = 0,
    xx = 0,
    yy = 0,
    xy = 0;
  for (const [lo, hi] of ranges) {
    if (hi <= lo) continue;
    const d = (key: keyof PairSums): number =>
      (sums[key][hi] as number) - (sums[key][lo] as number);
    n += d('n');
    x += d('x');
    y += d('y');
    xx += d('xx');
    yy += d('yy');
    xy += d('xy');
  }
  if (n < minPairs) return Number.NaN;
  const vx = xx - (x * x) / n;
  const vy = yy - (y * y) / n;
  const cov = xy - (x * y) / n;
  return vx > 1e-12 && vy > 1e-12 ? cov / Math.sqrt(vx * vy) : Number.NaN;
}

/** A least-squares line x ≈ α + β·y. */
interface LinearFit {
  alpha: number;
  beta: number;
}

/**
 * Least-squares line over the finite pairs in `ranges`; null when too few pairs or y does not vary.
 */
function linearFit(
  sums: PairSums,
  ranges: readonly (readonly [number, number])[],
): LinearFit | null {
  let n = 0,
    x = 0,
    y = 0,
    yy = 0,
    xy = 0;
  for (const [lo, hi] of ranges) {
    if (hi <= lo) continue;
    const d = (key: keyof PairSums): number =>
      (sums[key][hi] as number) - (sums[key][lo] as number);
    n += d('n');
    x += d('x');
    y += d('y');
    yy += d('yy');
    xy += d('xy');
  }
  const vy = yy - (y * y) / Math.max(1, n);
  if (n < 8 || !(vy > 1e-12)) return null;
  const beta = (xy - (x * y) / n) / vy;
  return { alpha: (x - beta * y) / n, beta };
}

/**
 * First and last index in [from, to) whose residual from the fit reaches `limit` robust SDs of the
 * residual elsewhere (half-open), or null.
 */
function stretchOf(
  x: Float64Array,
  y: Float64Array,
  fit: LinearFit,
  from: number,
  to: number,
  limit: number,
): [number, number] | null {
  const residual = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++)
    residual[t] = (x[t] as number) - fit.alpha - fit.beta * (y[t] as number);
  const outside = Float64Array.from([...residual.subarray(0, from), ...residual.subarray(to)]);
  const scale = Math.max(robustScale(outside, 0), 1e-6);
  let first = -1;
  let last = -1;
  for (let t = from; t < to; t++) {
    if (!(Math.abs(residual[t] as number) >= limit * scale)) continue;
    if (first < 0) first = t;
    last = t;
  }
  return first < 0 || last - first < 1 ? null : [first, last + 1];
}

/** Rolling-window width in points for a series of `length` points. */
export function relationWindow(length: number, options: BaselineOptions): number {
  return Math.max(
    options.relationWindowMinPoints,
    Math.min(options.relationWindowMaxPoints, Math.round(length * options.relationWindowShare)),
  );
}

/**
 * Breaks of one pair: windows whose correlation falls to `relationBrokenCorrelation` (in the usual
 * sign) while the rest holds strongly.
 */
function pairBreaks(
  x: Float64Array,
  y: Float64Array,
  length: number,
  pair: [number, number],
  options: BaselineOptions,
): RelationBreak[] {
  const sums = pairSums(x, y);
  const window = relationWindow(length, options);
  const half = Math.floor(window / 2);
  const minPairs = Math.max(8, Math.round(window / 2));
  const rolling = new Float64Array(length).fill(Number.NaN);
  for (let t = half; t + window - half <= length; t++)
    rolling[t] = correlation(sums, [[t - half, t - half + window]], minPairs);
  const usual = median(rolling);
  if (!(Math.abs(usual) >= options.relationMinCorrelation)) return [];
  const sign = Math.sign(usual);
  const breaks: RelationBreak[] = [];
  let t = 0;
  while (t < length) {
    const value = sign * (rolling[t] as number);
    if (!(value <= options.relationBrokenCorrelation)) {
      t++;
      continue;
    }
    let end = t;
    while (end < length && !(sign * (rolling[end] as number) > options.relationBrokenCorrelation))
      end++;
    const core = { start: t, end };
    t = end;
    // Abrupt: within one window of the core the relation is back near its usual strength on
    // every side that has room (a slow drift of two sines' phases is not a break).
    const edge = Math.abs(usual) - options.relationEdgeDrop;
    const near = (from: number, to: number): boolean => {
      for (let i = Math.max(0, from); i < Math.min(length, to); i++)
        if (sign * (rolling[i] as number) >= edge) return true;
      return false;
    };
    const leftRoom = core.start - window >= half;
    const rightRoom = core.end + window <= length - (window - half);
    if (!leftRoom && !rightRoom) continue;
    if (
      (leftRoom && !near(core.start - window, core.start)) ||
      (rightRoom && !near(core.end, core.end + window))
    )
      continue;
    // The anomalous stretch: where the pair's residual from the linear relation fitted outside
    // every window that touches the core stands out (|z| ≥ relationResidualZ).
    const clean: [number, number][] = [
      [0, Math.max(0, core.start - half)],
      [Math.min(length, core.end - 1 - half + window), length],
    ];
    const fit = linearFit(sums, clean);
    if (fit === null) continue;
    const span = stretchOf(
      x,
      y,
      fit,
      Math.max(0, core.start - half),
      Math.min(length, core.end - 1 - half + window),
      options.relationResidualZ,
    );
    if (span === null) continue;
    const [start, stop] = span;
    const inside = correlation(
      sums,
      [[start, stop]],
      Math.min(minPairs, Math.max(4, Math.floor((stop - start) / 2))),
    );
    const outside = correlation(
      sums,
      [
        [0, start],
        [stop, length],
      ],
      minPairs,
    );
    if (
      !(sign * outside >= options.relationMinCorrelation) ||
      !(sign * inside <= options.relationBrokenCorrelation)
    )
      continue;
    breaks.push({
      start,
      end: stop,
      pair,
      outsideCorrelation: outside,
      insideCorrelation: inside,
      flipped: sign * inside < -options.relationBrokenCorrelation,
    });
  }
  return breaks;
}

/**
 * Stretches where a channel's relation to another breaks: for every pair of channels whose
 * rolling correlation (window {@link relationWindow}, NaN-tolerant prefix sums, values winsorised
 * so a spike cannot fake it) is strong almost everywhere (median ≥ `relationMinCorrelation`),
 * stretches whose correlation drops to `relationBrokenCorrelation` or flips sign, with the relation
 * back near full strength within one window on each side and holding outside. Pairs are
 * pre-screened on a subsample, so channels without a stable partner cost almost nothing.
 * Linear in length per screened pair.
 */
export function relationBreaks(
  values: readonly Float64Array[],
  options: BaselineOptions,
): RelationBreak[] {
  const channels = values.length;
  const length = values[0]?.length ?? 0;
  if (
    channels < 2 ||
    channels > options.relationMaxChannels ||
    length < 3 * relationWindow(length, options)
  )
    return [];
  const standardised = values.map((channel) => standardise(channel, options.relationClipZ));
  // Screening on a regular subsample of at most 4096 indices: a pair must correlate at all.
  const stride = Math.max(1, Math.ceil(length / 4096));
  const breaks: RelationBreak[] = [];
  for (let a = 0; a < channels; a++) {
    const x = standardised[a];
    if (x === undefined || x === null) continue;
    for (let b = a + 1; b < channels; b++) {
      const y = standardised[b];
      if (y === undefined || y === null) continue;
      let n = 0,
        sx = 0,
        sy = 0,
        sxx = 0,
        syy = 0,
        sxy = 0;
      for (let t = 0; t < length; t += stride) {
        const u = x[t] as number;
        const v = y[t] as number;
        if (!Number.isFinite(u) || !Number.isFinite(v)) continue;
        n++;
        sx += u;
        sy += v;
        sxx += u * u;
        syy += v * v;
        sxy += u * v;
      }
      const denominator = Math.sqrt(
        Math.max(0, sxx - (sx * sx) / Math.max(1, n)) *
          Math.max(0, syy - (sy * sy) / Math.max(1, n)),
      );
      const screen = denominator > 0 ? (sxy - (sx * sy) / n) / denominator : 0;
      if (!(Math.abs(screen) >= options.relationScreenCorrelation)) continue;
      breaks.push(...pairBreaks(x, y, length, [a, b], options));
    }
  }
  return breaks;
}
