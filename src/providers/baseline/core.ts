import type { BaselineAnomaly } from './describe.js';
import type { BaselineOptions } from './options.js';

type CoreOptions = Pick<
  BaselineOptions,
  'extendZ' | 'stretchCoreShare' | 'zClip' | 'mergeGapPoints'
>;

/**
 * The rows of a stretch finding that carry its deviation: the run around its peak of rows whose
 * |z| reaches max(`extendZ`, `stretchCoreShare` × min(peak |z|, `zClip`)), bridging gaps of up to
 * `mergeGapPoints` rows. A burst on a bursty count rises and decays over many rows that each pass
 * the stretch test, and neighbouring bumps merge into one excursion; reporting all of it flags
 * hours around a peak of minutes. A shifted level keeps its full length (every row is near its
 * clipped peak). Null when the share is off (≤ 0) or nothing would change.
 */
export function coreOf(
  finding: Pick<BaselineAnomaly, 'start' | 'end' | 'score'>,
  z: Float64Array,
  options: CoreOptions,
): { start: number; end: number } | null {
  if (options.stretchCoreShare <= 0 || finding.end - finding.start <= 2) return null;
  const bar = Math.max(
    options.extendZ,
    options.stretchCoreShare * Math.min(finding.score, options.zClip),
  );
  const size = (t: number): number => Math.abs(z[t] as number);
  let peak = -1;
  for (let t = finding.start; t < finding.end; t++)
    if (size(t) >= bar && (peak < 0 || size(t) > size(peak))) peak = t;
  if (peak < 0) return null;
  const reach = options.mergeGapPoints + 1;
  let first = peak;
  let last = peak;
  for (let t = peak - 1; t >= finding.start && first - t <= reach; t--)
    if (size(t) >= bar) first = t;
  for (let t = peak + 1; t < finding.end && t - last <= reach; t++) if (size(t) >= bar) last = t;
  if (first === finding.start && last === finding.end - 1) return null;
  return { start: first, end: last + 1 };
}

/**
 * A stretch finding reported as its core (see {@link coreOf}); the explanation keeps the whole
 * excursion and names the core. Points, slope changes, flat runs and other kinds pass unchanged.
 */
export function reportCore(
  finding: BaselineAnomaly,
  z: Float64Array,
  options: CoreOptions,
): BaselineAnomaly {
  if (finding.kind !== 'segment') return finding;
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
