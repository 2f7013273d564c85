/** Small numeric helpers for the baseline detector: robust statistics, FFT and autocorrelation. */

import { selectFirst } from './select.js';

/** Gaussian consistency factor of the median absolute deviation. */
export const MAD_TO_SD = 1.4826;

/** k-th smallest value (0-based) of `values`, reordering them in place (Hoare quickselect). */
function selectInPlace(values: Float64Array, k: number): number {
  return selectFirst(values, values.length, k);
}

/** Robust statistics of longer arrays use a regular subsample of this many values (speed). */
export const STATISTICS_MAX_POINTS = 65536;

/** The finite values of `values` in a new array (a regular subsample when there are very many). */
export function finiteValues(values: ArrayLike<number>): Float64Array {
  const stride = Math.max(1, Math.ceil(values.length / STATISTICS_MAX_POINTS));
  let count = 0;
  for (let i = 0; i < values.length; i += stride) if (Number.isFinite(values[i])) count++;
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i += stride) {
    const value = values[i] as number;
    if (Number.isFinite(value)) out[j++] = value;
  }
  return out;
}

/**
 * Median of the finite values (NaN when there are none). Linear time; subsampled beyond 65,536
 * values.
 */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Quantile `q` in [0, 1] of the finite values, nearest-rank with linear interpolation. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const finite = finiteValues(values);
  const n = finite.length;
  if (n === 0) return Number.NaN;
  const position = q * (n - 1);
  const lower = Math.floor(position);
  const low = selectInPlace(finite, lower);
  if (position === lower) return low;
  let high = Number.POSITIVE_INFINITY;
  for (let i = lower + 1; i < n; i++) if ((finite[i] as number) < high) high = finite[i] as number;
  return low + (position - lower) * (high - low);
}

/** Robust standard deviation: 1.4826 · median absolute deviation from the median. */
export function robustScale(values: ArrayLike<number>, center = median(values)): number {
  const sample = finiteValues(values);
  for (let i = 0; i < sample.length; i++) sample[i] = Math.abs((sample[i] as number) - center);
  return MAD_TO_SD * median(sample);
}

/** Median of three or fewer finite numbers among the arguments (NaN when none). */
export function medianOfFew(a: number, b: number, c: number): number {
  const fa = Number.isFinite(a);
  const fb = Number.isFinite(b);
  const fc = Number.isFinite(c);
  if (fa && fb && fc) return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  if (fa && fb) return (a + b) / 2;
  if (fa && fc) return (a + c) / 2;
  if (fb && fc) return (b + c) / 2;
  if (fa) return a;
  if (fb) return b;
  if (fc) return c;
  return Number.NaN;
}

/** In-place iterative radix-2 complex FFT; `re.length` must be a power of two. */
export function fft(
  re: Float64Array,
  im: Float64Array,
  { inverse = false }: { inverse?: boolean } = {},
): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i] as number;
      re[i] = re[j] as number;
      re[j] = tr;
      const ti = im[i] as number;
      im[i] = im[j] as number;
      im[j] = ti;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const angle = (sign * 2 * Math.PI) / size;
    const stepRe = Math.cos(angle);
    const stepIm = Math.sin(angle);
    for (let start = 0; start < n; start += size) {
      let wRe = 1;
      let wIm = 0;
      for (let k = 0; k < half; k++) {
        const a = start + k;
        const b = a + half;
        const bRe = re[b] as number;
        const bIm = im[b] as number;
        const tRe = bRe * wRe - bIm * wIm;
        const tIm = bRe * wIm + bIm * wRe;
        re[b] = (re[a] as number) - tRe;
        im[b] = (im[a] as number) - tIm;
        re[a] = (re[a] as number) + tRe;
        im[a] = (im[a] as number) + tIm;
        const nextRe = wRe * stepRe - wIm * stepIm;
        wIm = wRe * stepIm + wIm * stepRe;
        wRe = nextRe;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] = (re[i] as number) / n;
      im[i] = (im[i] as number) / n;
    }
  }
}

/** Smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let size = 1;
  while (size < n) size <<= 1;
  return size;
}

/**
 * Autocorrelation of a series with missing values (NaN), for lags 0..maxLag, normalised per lag
 * by the number of valid pairs and by the lag-0 value (so a perfectly periodic series scores 1 at
 * its period whatever the lag). Uses FFTs, O(n log n).
 */
export function autocorrelation(values: Float64Array, maxLag: number): Float64Array {
  const n = values.length;
  const size = nextPowerOfTwo(2 * n);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const maskRe = new Float64Array(size);
  const maskIm = new Float64Array(size);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    if (Number.isFinite(value)) {
      sum += value;
      count++;
    }
  }
  const mean = count > 0 ? sum / count : 0;
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    if (Number.isFinite(value)) {
      re[i] = value - mean;
      maskRe[i] = 1;
    }
  }
  const complete = count === n;
  fft(re, im);
  if (!complete) fft(maskRe, maskIm);
  for (let i = 0; i < size; i++) {
    re[i] = (re[i] as number) ** 2 + (im[i] as number) ** 2;
    im[i] = 0;
    if (!complete) {
      maskRe[i] = (maskRe[i] as number) ** 2 + (maskIm[i] as number) ** 2;
      maskIm[i] = 0;
    }
  }
  fft(re, im, { inverse: true });
  // Without missing values the number of pairs at lag k is simply n − k.
  if (complete) for (let lag = 0; lag <= maxLag && lag < n; lag++) maskRe[lag] = n - lag;
  else fft(maskRe, maskIm, { inverse: true });
  const out = new Float64Array(maxLag + 1);
  const variance = (re[0] as number) / Math.max(1, maskRe[0] as number);
  for (let lag = 0; lag <= maxLag; lag++) {
    const pairs = Math.round(maskRe[lag] as number);
    out[lag] = pairs > 0 && variance > 0 ? (re[lag] as number) / pairs / variance : 0;
  }
  return out;
}

/**
 * Value of `values` at fractional position `position` by linear interpolation (NaN outside or
 * missing).
 */
export function interpolateAt(values: Float64Array, position: number): number {
  if (position < 0 || position > values.length - 1) return Number.NaN;
  const lower = Math.floor(position);
  const fraction = position - lower;
  const low = values[lower] as number;
  if (fraction === 0) return low;
  return low + fraction * ((values[lower + 1] as number) - low);
}

/**
 * Centred moving average of window `window` ignoring NaNs (NaN where the window has no value).
 * O(n).
 */
export function movingAverage(values: Float64Array, window: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const half = Math.floor(window / 2);
  const prefix = new Float64Array(n + 1);
  const counts = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    const ok = Number.isFinite(value);
    prefix[i + 1] = (prefix[i] as number) + (ok ? value : 0);
    counts[i + 1] = (counts[i] as number) + (ok ? 1 : 0);
  }
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n, i - half + window);
    const count = (counts[hi] as number) - (counts[lo] as number);
    out[i] = count > 0 ? ((prefix[hi] as number) - (prefix[lo] as number)) / count : Number.NaN;
  }
  return out;
}
