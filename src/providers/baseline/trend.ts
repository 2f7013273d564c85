import type { BaselineOptions } from './options.js';
import { median, movingAverage, quantile, robustScale } from './stats.js';

/** A stretch whose underlying slope differs from the series' usual slope. */
export interface SlopeEvent {
  start: number;
  end: number;
  /** Mean slope inside and the usual slope, in value units per index. */
  slope: number;
  usualSlope: number;
  /** Extra rise (or fall) accumulated over the stretch, in value units. */
  extraRise: number;
  /** Peak slope excess in robust SDs of the slope estimate (capped for noise-free data). */
  z: number;
  /**
   * True when the rise is concentrated in a short jump: a level shift rather than a slope change.
   */
  levelShift: boolean;
}

/** Values minus their seasonal profile (median of detrended values per phase bin). */
function deseasonalise(
  values: Float64Array,
  trend: Float64Array,
  period: number | null,
): Float64Array {
  const n = values.length;
  if (period === null) return values;
  const bins = Math.max(1, Math.round(period));
  const perBin: number[][] = Array.from({ length: bins }, () => []);
  for (let t = 0; t < n; t++) {
    const detrended = (values[t] as number) - (trend[t] as number);
    if (Number.isFinite(detrended))
      perBin[Math.min(bins - 1, Math.floor(((t % period) / period) * bins))]?.push(detrended);
  }
  const profile = perBin.map((list) => (list.length > 0 ? median(list) : 0));
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++)
    out[t] =
      (values[t] as number) -
      (profile[Math.min(bins - 1, Math.floor(((t % period) / period) * bins))] as number);
  return out;
}

/** Largest change of the short-window median of `u` across any index in [from, to). */
function largestJump(u: Float64Array, from: number, to: number, half: number): number {
  let best = 0;
  for (let t = Math.max(half, from); t < Math.min(u.length - half, to); t++) {
    const before = median(u.subarray(t - half, t));
    const after = median(u.subarray(t, t + half));
    if (Number.isFinite(before) && Number.isFinite(after))
      best = Math.max(best, Math.abs(after - before));
  }
  return best;
}

/**
 * Finds slope changes: the trend is a moving average over one period (which cancels the
 * seasonality), its local slope is compared with the median slope, and stretches whose excess
 * beats both `trendZ` robust SDs and `trendMinRatio` of the usual slope are kept, bounded where
 * the excess falls to half its typical level inside the stretch.
 */
export function slopeEvents(
  values: Float64Array,
  period: number | null,
  noiseScale: number,
  options: BaselineOptions,
): SlopeEvent[] {
  const n = values.length;
  const window = period === null ? options.trendWindowPoints : Math.max(2, Math.round(period));
  const half = Math.max(2, Math.round(window / 2));
  if (n < 4 * window) return [];
  const trend = movingAverage(values, window);
  const slope = new Float64Array(n).fill(Number.NaN);
  const margin = half + Math.ceil(window / 2);
  for (let t = margin; t < n - margin; t++)
    slope[t] = ((trend[t + half] as number) - (trend[t - half] as number)) / (2 * half);
  const usual = median(slope);
  if (!Number.isFinite(usual)) return [];
  const spread = robustScale(slope, usual);
  const threshold = Math.max(
    options.trendZ * spread,
    options.trendMinRatio * Math.abs(usual),
    1e-12,
  );
  const events: SlopeEvent[] = [];
  let u: Float64Array | null = null;
  let t = margin;
  while (t < n - margin) {
    const excess = (slope[t] as number) - usual;
    if (!(Math.abs(excess) > threshold)) {
      t++;
      continue;
    }
    const sign = Math.sign(excess);
    let end = t;
    while (end < n - margin && sign * ((slope[end] as number) - usual) > threshold) {
      end++;
    }
    const core = { start: t, end };
    t = end;
    if (core.end - core.start < options.trendMinWidthShare * window) continue;
    // Half of a high quantile of the excess: the plateau height, robust to a noisy maximum.
    const excesses = Array.from(
      slope.subarray(core.start, core.end),
      (value) => sign * (value - usual),
    );
    const typical = quantile(excesses, 0.8);
    // Bounds where the excess falls below half the plateau, found from the core's first and last
    // plateau points.
    let first = core.start;
    while (first < core.end - 1 && sign * ((slope[first] as number) - usual) < typical / 2) first++;
    let last = core.end - 1;
    while (last > first && sign * ((slope[last] as number) - usual) < typical / 2) last--;
    const start = first;
    const stop = last + 1;
    let extraRise = 0;
    let peak = 0;
    let meanSlope = 0;
    for (let i = start; i < stop; i++) {
      extraRise += (slope[i] as number) - usual;
      peak = Math.max(peak, Math.abs((slope[i] as number) - usual));
      meanSlope += slope[i] as number;
    }
    u ??= deseasonalise(values, trend, period);
    const jumpHalf = Math.max(2, Math.round(window / 5));
    const jump = largestJump(u, start - half, stop + half, jumpHalf);
    // Noise of a difference of two medians of jumpHalf points, times a margin for the maximum over
    // the stretch.
    const jumpNoise = 1.25 * noiseScale * Math.sqrt(2 / jumpHalf);
    events.push({
      start,
      end: stop,
      slope: meanSlope / (stop - start),
      usualSlope: usual,
      extraRise,
      z: Math.min(99, peak / Math.max(spread, 1e-12)),
      levelShift:
        jump >= options.levelShiftJumpShare * Math.abs(extraRise) &&
        jump > options.levelShiftMinZ * jumpNoise,
    });
    t = Math.max(t, stop);
  }
  return events;
}
