import type { BaselineAnomaly } from './describe.js';
import type { BaselineOptions } from './options.js';

type CoreOptions = Pick<
  BaselineOptions,
  'extendZ' | 'stretchCoreShare' | 'zClip' | 'mergeGapPoints' | 'segmentWindowPoints'
>;

/**
 * Windowed RMS of the clipped z over `segmentWindowPoints` rows centred on each row of
 * [start, end) (rows outside the stretch and NaN left out): noise on a shifted level averages
 * out, the rise and decay of a burst do not.
 */
function smoothedSize(
  z: Float64Array,
  start: number,
  end: number,
  options: CoreOptions,
): Float64Array {
  const half = Math.floor(options.segmentWindowPoints / 2);
  const cap = options.zClip * options.zClip;
  const out = new Float64Array(end - start);
  for (let t = start; t < end; t++) {
    let sum = 0;
    let count = 0;
    for (let u = Math.max(start, t - half); u <= Math.min(end - 1, t + half); u++) {
      const value = z[u] as number;
      if (!Number.isFinite(value)) continue;
      sum += Math.min(value * value, cap);
      count++;
    }
    out[t - start] = count > 0 ? Math.sqrt(sum / count) : 0;
  }
  return out;
}

/**
 * The rows of a stretch finding that carry its deviation: the run around its strongest part of
 * rows whose smoothed |z| (windowed RMS of the clipped z) reaches max(`extendZ`,
 * `stretchCoreShare` × its maximum), bridging gaps of up to `mergeGapPoints` rows. A burst on a
 * bursty count rises and decays over many rows that each pass the stretch test, and
 * neighbouring bumps merge into one excursion; reporting all of it flags hours around a peak of
 * minutes. A shifted level, noisy or not, keeps its full length. Null when the share is off
 * (≤ 0) or nothing would change.
 */
export function coreOf(
  finding: Pick<BaselineAnomaly, 'start' | 'end' | 'score'>,
  z: Float64Array,
  options: CoreOptions,
): { start: number; end: number } | null {
  if (options.stretchCoreShare <= 0 || finding.end - finding.start <= 2) return null;
  const size = smoothedSize(z, finding.start, finding.end, options);
  let peak = 0;
  for (let i = 1; i < size.length; i++) if ((size[i] as number) > (size[peak] as number)) peak = i;
  const bar = Math.max(options.extendZ, options.stretchCoreShare * (size[peak] as number));
  if ((size[peak] as number) < bar) return null;
  const reach = options.mergeGapPoints + 1;
  let first = peak;
  let last = peak;
  for (let i = peak - 1; i >= 0 && first - i <= reach; i--)
    if ((size[i] as number) >= bar) first = i;
  for (let i = peak + 1; i < size.length && i - last <= reach; i++)
    if ((size[i] as number) >= bar) last = i;
  if (first === 0 && last === size.length - 1) return null;
  return { start: finding.start + first, end: finding.start + last + 1 };
}

/**
 * A stretch finding reported as its core (see {@link coreOf}); the explanation keeps the whole
 * excursion and names the core. Other categories pass unchanged.
 */
export function reportCore(
  finding: BaselineAnomaly,
  z: Float64Array,
  options: CoreOptions,
): BaselineAnomaly {
  // Only one-sided excursions: a changed shape (pattern, frequency, spread) crosses its
  // expectation, and its extent is the finding.
  if (finding.category !== 'Continuous Segment Anomaly') return finding;
  const core = coreOf(finding, z, options);
  if (core === null) return finding;
  const rows = core.end - core.start;
  const where = rows === 1 ? `x=${core.start}` : `x=${core.start}–${core.end - 1} (${rows} points)`;
  return {
    ...finding,
    ...core,
    explanation: `${finding.explanation} Its core, around the peak, is ${where}.`,
  };
}
