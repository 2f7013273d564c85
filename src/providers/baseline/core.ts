import type { BaselineAnomaly } from './describe.js';
import type { BaselineOptions } from './options.js';

type CoreOptions = Pick<
  BaselineOptions,
  | 'extendZ'
  | 'stretchCoreShare'
  | 'stretchCorePatternMinPoints'
  | 'zClip'
  | 'mergeGapPoints'
  | 'segmentWindowPoints'
  | 'stretchEvidenceShare'
  | 'repeatReportedPoints'
>;

/** Index of the largest finite |z| in [start, end) (start when none is finite). */
function peakOf(z: Float64Array, start: number, end: number): number {
  let peak = start;
  let best = -1;
  for (let t = start; t < end; t++) {
    const size = Math.abs(z[t] as number);
    if (size > best) {
      best = size;
      peak = t;
    }
  }
  return peak;
}

/**
 * The run around the peak of [start, end) of rows whose |z| reaches `bar`, bridging gaps of up
 * to `gap` rows; null when the peak itself does not reach it or nothing would change. Unlike
 * {@link coreOf} it reads the raw z, so a row counts only when it carries, on its own, a real
 * part of the evidence the alarm needed.
 */
export function evidenceCore(
  span: { start: number; end: number },
  z: Float64Array,
  bar: number,
  gap: number,
): { start: number; end: number } | null {
  const peak = peakOf(z, span.start, span.end);
  if (!(Math.abs(z[peak] as number) >= bar)) return null;
  let first = peak;
  let last = peak;
  for (let t = peak - 1; t >= span.start && first - t <= gap + 1; t--)
    if (Math.abs(z[t] as number) >= bar) first = t;
  for (let t = peak + 1; t < span.end && t - last <= gap + 1; t++)
    if (Math.abs(z[t] as number) >= bar) last = t;
  if (first === span.start && last === span.end - 1) return null;
  return { start: first, end: last + 1 };
}

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

/** How the false-alarm control judged an alarm (see `ControlledAlarm` in `alarms.ts`). */
export interface AlarmStanding {
  /** |z| one row needs to carry the alarm's evidence alone; null when not judged by z. */
  rowBar: number | null;
  /** Within a stronger alarm's episode. */
  repeat: boolean;
}

const span = (start: number, end: number): string =>
  end - start === 1 ? `x=${start}` : `x=${start}–${end - 1} (${end - start} points)`;

/**
 * The rows a finding is reported as. A stretch is cut to its core (see {@link coreOf}: one-sided
 * stretches, and pattern changes of at least `stretchCorePatternMinPoints` rows). When that core
 * is shorter than the excursion (a burst, not a shifted level, which stays whole), it is cut
 * further to the rows that carry a real part of the alarm's evidence (|z| ≥
 * `stretchEvidenceShare` × its row bar, see {@link evidenceCore}). A trend change or flat run
 * that repeats a stronger alarm's episode adds no new event: it is reported as the
 * `repeatReportedPoints` rows around its largest |z|. The explanation keeps the whole extent
 * and names the reported rows. Other findings pass unchanged.
 */
export function reportCore(
  finding: BaselineAnomaly,
  z: Float64Array,
  options: CoreOptions,
  standing: AlarmStanding = { rowBar: null, repeat: false },
): BaselineAnomaly {
  const rows = options.repeatReportedPoints;
  const long = finding.end - finding.start > rows;
  if (
    standing.repeat &&
    rows > 0 &&
    long &&
    (finding.kind === 'trend' || finding.kind === 'flatline')
  ) {
    const peak = peakOf(z, finding.start, finding.end);
    const start = Math.max(
      finding.start,
      Math.min(finding.end - rows, peak - Math.floor(rows / 2)),
    );
    return {
      ...finding,
      start,
      end: start + rows,
      explanation: `${finding.explanation} It lies within the episode of a stronger alarm, so it is reported at its largest deviation, ${span(start, start + rows)}.`,
    };
  }
  const cored = stretchCore(finding, z, options);
  if (cored === null) return finding;
  const evidence =
    standing.rowBar !== null && options.stretchEvidenceShare > 0
      ? evidenceCore(
          cored,
          z,
          options.stretchEvidenceShare * standing.rowBar,
          options.mergeGapPoints,
        )
      : null;
  const reported = evidence ?? cored;
  if (reported.start === finding.start && reported.end === finding.end) return finding;
  return {
    ...finding,
    ...reported,
    explanation: `${finding.explanation} Its core, around the peak, is ${span(reported.start, reported.end)}.`,
  };
}

/**
 * The core of a stretch that is reported as one (see {@link reportCore}); null when it is not
 * cored or its core is the whole excursion.
 */
function stretchCore(
  finding: BaselineAnomaly,
  z: Float64Array,
  options: CoreOptions,
): { start: number; end: number } | null {
  // One-sided excursions, and long pattern changes: a short changed shape (a few cycles of a
  // square wave where a sine was expected) is its own extent, while a long one on a bursty
  // count is a burst that crosses its expectation on the way, and its strongest part is the
  // finding. Frequency and spread changes keep their extent.
  const pattern =
    finding.category === 'Pattern Change Anomaly' &&
    finding.end - finding.start >= options.stretchCorePatternMinPoints;
  if (finding.category !== 'Continuous Segment Anomaly' && !pattern) return null;
  return coreOf(finding, z, options);
}
