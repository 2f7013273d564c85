import type { BaselineOptions } from './options.js';

/** A run of indices whose residual stands out, before it is named and explained. */
export interface ResidualEvent {
  /** Half-open index interval. */
  start: number;
  end: number;
  /** Index of the largest |z| and that z (signed). */
  peakIndex: number;
  peakZ: number;
  /** Root mean square of the clipped z over the finite points of the event. */
  rmsZ: number;
  /** Mean residual over the event, in data units. */
  meanResidual: number;
  /** |Σ sign(residual)| / count: 1 when the whole event is on one side. */
  signAgreement: number;
}

/**
 * Turns standardised residuals into events: a point counts when |z| reaches `pointZ`, or when it
 * reaches `extendZ` inside a stretch whose windowed RMS of z rose above `segmentHighZ` (hysteresis
 * down to `segmentLowZ`); counted points closer than `mergeGapPoints` join into one event.
 */
export function residualEvents(
  z: Float64Array,
  residual: Float64Array,
  options: BaselineOptions,
): ResidualEvent[] {
  const n = z.length;
  const cap = options.zClip;
  const half = Math.floor(options.segmentWindowPoints / 2);
  const window = options.segmentWindowPoints;
  // Windowed RMS of the clipped z via prefix sums (NaN points count as missing).
  const prefix = new Float64Array(n + 1);
  const counts = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) {
    const value = z[t] as number;
    const ok = Number.isFinite(value);
    prefix[t + 1] = (prefix[t] as number) + (ok ? Math.min(value * value, cap * cap) : 0);
    counts[t + 1] = (counts[t] as number) + (ok ? 1 : 0);
  }
  const energy = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const lo = Math.max(0, t - half);
    const hi = Math.min(n, t - half + window);
    const count = (counts[hi] as number) - (counts[lo] as number);
    energy[t] =
      count > 0 ? Math.sqrt(((prefix[hi] as number) - (prefix[lo] as number)) / count) : 0;
  }
  // Hysteresis: stretches above the low level that somewhere reach the high level.
  const inStretch = new Uint8Array(n);
  let t = 0;
  while (t < n) {
    if ((energy[t] as number) < options.segmentLowZ) {
      t++;
      continue;
    }
    let end = t;
    let reachesHigh = false;
    while (end < n && (energy[end] as number) >= options.segmentLowZ) {
      if ((energy[end] as number) >= options.segmentHighZ) reachesHigh = true;
      end++;
    }
    if (reachesHigh) inStretch.fill(1, t, end);
    t = end;
  }
  const events: ResidualEvent[] = [];
  let current: { start: number; last: number } | null = null;
  const flush = (): void => {
    if (current !== null) events.push(summarise(z, residual, current.start, current.last + 1, cap));
    current = null;
  };
  for (let i = 0; i < n; i++) {
    const value = Math.abs(z[i] as number);
    if (!Number.isFinite(value)) continue;
    const counted = value >= options.pointZ || (inStretch[i] === 1 && value >= options.extendZ);
    if (!counted) continue;
    if (current !== null && i - current.last - 1 <= options.mergeGapPoints) current.last = i;
    else {
      flush();
      current = { start: i, last: i };
    }
  }
  flush();
  return events;
}

function summarise(
  z: Float64Array,
  residual: Float64Array,
  start: number,
  end: number,
  cap: number,
): ResidualEvent {
  let peakIndex = start;
  let peakZ = 0;
  let sumSquares = 0;
  let sumResidual = 0;
  let signSum = 0;
  let count = 0;
  for (let i = start; i < end; i++) {
    const value = z[i] as number;
    if (!Number.isFinite(value)) continue;
    count++;
    sumSquares += Math.min(value * value, cap * cap);
    sumResidual += residual[i] as number;
    signSum += Math.sign(value);
    if (Math.abs(value) > Math.abs(peakZ)) {
      peakZ = value;
      peakIndex = i;
    }
  }
  return {
    start,
    end,
    peakIndex,
    peakZ,
    rmsZ: count > 0 ? Math.sqrt(sumSquares / count) : 0,
    meanResidual: count > 0 ? sumResidual / count : 0,
    signAgreement: count > 0 ? Math.abs(signSum) / count : 0,
  };
}
