import type { BaselineAnomaly } from './describe.js';
import type { BaselineOptions } from './options.js';

/**
 * The rows of a stretch finding that carry its deviation: from the first to the last row whose
 * |z| reaches max(`extendZ`, `stretchCoreShare` × the stretch's peak |z|). A burst on a bursty
 * count rises and decays over many rows that each pass the stretch test; reporting the whole
 * excursion flags hours around a peak of minutes. A shifted level keeps its full length (every
 * row is near the peak). Null when the share is off (≤ 0) or nothing would change.
 */
export function coreOf(
  finding: Pick<BaselineAnomaly, 'start' | 'end' | 'score'>,
  z: Float64Array,
  options: Pick<BaselineOptions, 'extendZ' | 'stretchCoreShare' | 'zClip'>,
): { start: number; end: number } | null {
  if (options.stretchCoreShare <= 0 || finding.end - finding.start <= 2) return null;
  const bar = Math.max(options.extendZ, options.stretchCoreShare * Math.min(finding.score, options.zClip));
  let first = -1;
  let last = -1;
  for (let t = finding.start; t < finding.end; t++) {
    if (!(Math.abs(z[t] as number) >= bar)) continue;
    if (first < 0) first = t;
    last = t;
  }
  if (first < 0 || (first === finding.start && last === finding.end - 1)) return null;
  return { start: first, end: last + 1 };
}

/**
 * A stretch finding reported as its core (see {@link coreOf}); the explanation keeps the whole
 * excursion and names the core. Points, slope changes, flat runs and other kinds pass unchanged.
 */
export function reportCore(
  finding: BaselineAnomaly,
  z: Float64Array,
  options: Pick<BaselineOptions, 'extendZ' | 'stretchCoreShare' | 'zClip'>,
): BaselineAnomaly {
  if (finding.kind !== 'segment') return finding;
  const core = coreOf(finding, z, options);
  if (core === null) return finding;
  const rows = core.end - core.start;
  return {
    ...finding,
    ...core,
    explanation: `${finding.explanation} Its core, where the deviation reaches ${Math.round(options.stretchCoreShare * 100)} % of the peak, is x=${core.start}–${core.end - 1} (${rows} point${rows === 1 ? '' : 's'}).`,
  };
}
