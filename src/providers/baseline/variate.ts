import type { BaselineOptions } from './options.js';
import { Scratch } from './select.js';
import { fft, median, nextPowerOfTwo } from './stats.js';

/** Waveforms a channel is compared against besides the sinusoid. */
export const shapeNames = ['triangle', 'square', 'sawtooth'] as const;
export type ShapeName = (typeof shapeNames)[number];

/** The waveforms by number, so the fitting loop calls no function per point (speed only). */
function waveform(kind: number, p: number): number {
  switch (kind) {
    case 0:
      return 2 * Math.abs(p - 0.5) - 1;
    case 1:
      return p < 0.5 ? 1 : -1;
    case 2:
      return 2 * p - 1;
    default:
      return 1 - 2 * p;
  }
}

const shapeFunctions: readonly {
  name: ShapeName;
  kind: number;
  shape: (phase: number) => number;
}[] = [0, 1, 2, 3].map((kind) => ({
  name: (['triangle', 'square', 'sawtooth', 'sawtooth'] as const)[kind] as ShapeName,
  kind,
  shape: (p: number) => waveform(kind, p),
}));

/** How one channel's shape compares with a noisy sinusoid. */
export interface ChannelShape {
  channel: number;
  /** Dominant frequency (cycles per index) of the channel. */
  frequency: number;
  /** Residual variance after the best-fitting sinusoid and after the best other waveform. */
  sineVariance: number;
  shapeVariance: number;
  bestShape: ShapeName;
  /**
   * √(likelihood gain) of the best waveform over the sinusoid, ~N(0,1)-scaled; 0 when the sinusoid
   * wins.
   */
  shapeZ: number;
  /** Lag-1 autocorrelation of the sinusoid residual, and it times √pairs (white noise ~ N(0,1)). */
  residualLag1: number;
  residualZ: number;
  /** max(shapeZ, residualZ). */
  evidence: number;
}

interface Points {
  t: Float64Array;
  v: Float64Array;
}

function validPoints(values: Float64Array, maxPoints: number): Points {
  const stride = Math.max(1, Math.ceil(values.length / maxPoints));
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < values.length; i += stride) {
    const x = values[i] as number;
    if (Number.isFinite(x)) {
      t.push(i);
      v.push(x);
    }
  }
  return { t: Float64Array.from(t), v: Float64Array.from(v) };
}

/** Phase φ of the least-squares sinusoid A·cos(2πft − φ) at frequency f. */
function sinePhase(points: Points, frequency: number): number {
  const residual = sineResidual(points, frequency, { phaseOnly: true });
  return residual[0] as number;
}

/**
 * Least-squares fit of a + b·cos + c·sin at frequency f; returns the residuals (or [φ] when asked).
 */
function sineResidual(
  points: Points,
  frequency: number,
  { phaseOnly = false, into }: { phaseOnly?: boolean; into?: Float64Array } = {},
): Float64Array {
  const { t, v } = points;
  const m = t.length;
  // Normal equations of [1, cos, sin].
  let s1 = 0,
    sc = 0,
    ss = 0,
    scc = 0,
    sss = 0,
    scs = 0,
    sv = 0,
    scv = 0,
    ssv = 0;
  // Reused buffers: the golden-section search fits ~40 frequencies per channel (speed only).
  const cos = cosScratch.get(m);
  const sin = sinScratch.get(m);
  for (let i = 0; i < m; i++) {
    const angle = 2 * Math.PI * frequency * (t[i] as number);
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const x = v[i] as number;
    cos[i] = c;
    sin[i] = s;
    s1 += 1;
    sc += c;
    ss += s;
    scc += c * c;
    sss += s * s;
    scs += c * s;
    sv += x;
    scv += c * x;
    ssv += s * x;
  }
  const solution = solve3([s1, sc, ss, sc, scc, scs, ss, scs, sss], [sv, scv, ssv]);
  if (phaseOnly) return Float64Array.of(Math.atan2(solution[2], solution[1]));
  const out = into ?? new Float64Array(m);
  for (let i = 0; i < m; i++)
    out[i] =
      (v[i] as number) -
      (solution[0] + solution[1] * (cos[i] as number) + solution[2] * (sin[i] as number));
  return out;
}

const cosScratch = new Scratch();
const sinScratch = new Scratch();
const residualScratch = new Scratch();

/** Σ residual² of {@link sineResidual} at f, in the same order, without a fresh array. */
function sineCost(points: Points, frequency: number): number {
  const m = points.t.length;
  const residual = sineResidual(points, frequency, { into: residualScratch.get(m) });
  let sum = 0;
  for (let i = 0; i < m; i++) sum += (residual[i] as number) * (residual[i] as number);
  return sum;
}

function solve3(a: number[], b: number[]): [number, number, number] {
  const [a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0] = a;
  const det = a0 * (a4 * a8 - a5 * a7) - a1 * (a3 * a8 - a5 * a6) + a2 * (a3 * a7 - a4 * a6);
  if (Math.abs(det) < 1e-12) return [median(b), 0, 0];
  const [b0 = 0, b1 = 0, b2 = 0] = b;
  const x = (b0 * (a4 * a8 - a5 * a7) - a1 * (b1 * a8 - a5 * b2) + a2 * (b1 * a7 - a4 * b2)) / det;
  const y = (a0 * (b1 * a8 - a5 * b2) - b0 * (a3 * a8 - a5 * a6) + a2 * (a3 * b2 - b1 * a6)) / det;
  const z = (a0 * (a4 * b2 - b1 * a7) - a1 * (a3 * b2 - b1 * a6) + b0 * (a3 * a7 - a4 * a6)) / det;
  return [x, y, z];
}

function sumSquares(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value * value;
  return sum;
}

/**
 * Dominant frequency from the zero-padded periodogram of the mean-filled channel, refined by least
 * squares.
 */
function dominantFrequency(values: Float64Array, points: Points): number {
  const n = values.length;
  const size = nextPowerOfTwo(4 * n);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const mean = points.v.reduce((a, b) => a + b, 0) / Math.max(1, points.v.length);
  for (let i = 0; i < n; i++)
    re[i] = Number.isFinite(values[i] as number) ? (values[i] as number) - mean : 0;
  fft(re, im);
  let best = 1;
  let bestPower = -1;
  const lowest = Math.max(1, Math.ceil(size / n));
  for (let k = lowest; k <= size / 2; k++) {
    const power = (re[k] as number) ** 2 + (im[k] as number) ** 2;
    if (power > bestPower) {
      bestPower = power;
      best = k;
    }
  }
  // Golden-section search of the sinusoid residual within ±1 padded bin.
  let lo = (best - 1) / size;
  let hi = (best + 1) / size;
  const cost = (f: number): number => sineCost(points, f);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = cost(a);
  let fb = cost(b);
  for (let i = 0; i < 20; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = cost(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = cost(b);
    }
  }
  return (lo + hi) / 2;
}

/**
 * Fundamental phase of a unit-period waveform, so that shape(p + offset) has fundamental ∝
 * cos(2πp).
 */
function fundamentalOffset(shape: (phase: number) => number): number {
  let c = 0;
  let s = 0;
  const steps = 4096;
  for (let i = 0; i < steps; i++) {
    const p = (i + 0.5) / steps;
    c += shape(p) * Math.cos(2 * Math.PI * p);
    s += shape(p) * Math.sin(2 * Math.PI * p);
  }
  return Math.atan2(s, c) / (2 * Math.PI);
}

const shapeOffsets = new Map<(phase: number) => number, number>();

/**
 * Smallest residual sum of squares of α·shape(f′·t − φ′) + β where the waveform's fundamental is
 * locked to the best sinusoid (frequency f, phase φ) and refined over a small grid around it.
 */
function bestShapeRss(
  points: Points,
  frequency: number,
  phase: number,
  shape: (phase: number) => number,
  kind: number,
): number {
  const { t, v } = points;
  const m = t.length;
  let sv = 0;
  let svv = 0;
  for (const x of v) {
    sv += x;
    svv += x * x;
  }
  const centredVV = svv - (sv * sv) / m;
  let offset = shapeOffsets.get(shape);
  if (offset === undefined) {
    offset = fundamentalOffset(shape);
    shapeOffsets.set(shape, offset);
  }
  const rssAt = (f: number, shift: number): number => {
    let sg = 0,
      sgg = 0,
      svg = 0;
    for (let i = 0; i < m; i++) {
      const raw = f * (t[i] as number) + shift;
      const g = waveform(kind, raw - Math.floor(raw));
      sg += g;
      sgg += g * g;
      svg += g * (v[i] as number);
    }
    const cgg = sgg - (sg * sg) / m;
    const cvg = svg - (sv * sg) / m;
    return cgg > 1e-12 ? centredVV - (cvg * cvg) / cgg : centredVV;
  };
  const base = offset - phase / (2 * Math.PI);
  let best = Number.POSITIVE_INFINITY;
  for (let fs = -2; fs <= 2; fs++) {
    for (let ps = -4; ps <= 4; ps++)
      best = Math.min(best, rssAt(frequency * (1 + fs * 0.002), base + ps * 0.01));
  }
  return best;
}

/** Shape statistics of one channel, or null when it has too few finite values. */
export function channelShape(
  channel: number,
  values: Float64Array,
  options: BaselineOptions,
): ChannelShape | null {
  const points = validPoints(values, options.variateMaxPoints);
  const m = points.t.length;
  if (m < 16) return null;
  const frequency = dominantFrequency(values, points);
  const residual = sineResidual(points, frequency);
  const sineRss = sumSquares(residual);
  let bestShape: ShapeName = 'triangle';
  let shapeRss = Number.POSITIVE_INFINITY;
  const phase = sinePhase(points, frequency);
  for (const { name, shape, kind } of shapeFunctions) {
    const rss = bestShapeRss(points, frequency, phase, shape, kind);
    if (rss < shapeRss) {
      shapeRss = rss;
      bestShape = name;
    }
  }
  const noise = Math.max(Math.min(sineRss, shapeRss) / Math.max(1, m - 4), 1e-18);
  const gain = (sineRss - shapeRss) / noise;
  let lagged = 0;
  let pairs = 0;
  for (let i = 1; i < m; i++) {
    lagged += (residual[i] as number) * (residual[i - 1] as number);
    pairs++;
  }
  const residualLag1 = sineRss > 0 ? lagged / Math.max(1, pairs) / (sineRss / m) : 0;
  const residualZ = residualLag1 * Math.sqrt(pairs);
  const shapeZ = gain > 0 ? Math.sqrt(gain) : 0;
  return {
    channel,
    frequency,
    sineVariance: sineRss / m,
    shapeVariance: shapeRss / m,
    bestShape,
    shapeZ,
    residualLag1,
    residualZ,
    evidence: Math.max(shapeZ, residualZ),
  };
}

/**
 * Channels whose shape differs from the others: a non-sinusoidal waveform beats the best sinusoid
 * by `variateShapeZ`, or the sinusoid's residual is autocorrelated by `variateResidualZ`; either
 * statistic must also exceed the median channel's by that threshold (so a panel of alike
 * non-sinusoidal channels flags nothing).
 */
export function oddChannels(
  values: readonly Float64Array[],
  options: BaselineOptions,
): { flagged: ChannelShape[]; medianEvidence: number; medianResidualZ: number } {
  if (values.length < options.variateMinChannels)
    return { flagged: [], medianEvidence: 0, medianResidualZ: 0 };
  const shapesFound = values
    .map((channel, index) => channelShape(index, channel, options))
    .filter((shape) => shape !== null);
  const medianShape = median(shapesFound.map((shape) => shape.shapeZ));
  const medianResidual = median(shapesFound.map((shape) => shape.residualZ));
  const flagged = shapesFound.filter(
    (shape) =>
      (shape.shapeZ >= options.variateShapeZ &&
        shape.shapeZ - medianShape >= options.variateShapeZ) ||
      (shape.residualZ >= options.variateResidualZ &&
        shape.residualZ - Math.max(0, medianResidual) >= options.variateResidualZ),
  );
  return {
    flagged,
    medianEvidence: median(shapesFound.map((shape) => shape.evidence)),
    medianResidualZ: medianResidual,
  };
}
