import type { BaselineAnomaly } from './describe.js';
import type { BaselineOptions } from './options.js';

/** A residual finding with its tail-inflated evidence z. */
export interface Evidence {
  finding: BaselineAnomaly;
  z: number;
}

/**
 * The extreme-value step after the false-discovery control: on a long real series, dozens of
 * findings pass a per-point test (a nightly job's spike, every busy Saturday, bursts of a
 * bursty count), and they are the series' own ordinary extremes, not anomalies. When at least
 * `alarmStandOutMinClusters` separate clusters of findings passed, a cluster is kept only when its
 * evidence reaches `alarmStandOutRatio` × the median cluster evidence: an alarm must stand out of
 * the field of the series' other alarms. Fewer clusters (a few clear anomalies) and series shorter
 * than `alarmStandOutMinPoints` pass unchanged: a field of ordinary extremes only shows on a long
 * series, while a short one with a dozen injected spikes of similar size has a dozen anomalies.
 * Returns the kept entries and the bar (0 when the step did not apply).
 */
export function standOut<T extends Evidence>(
  entries: readonly T[],
  context: { gap: number; points: number },
  options: BaselineOptions,
): { kept: T[]; bar: number } {
  const sorted = [...entries].sort((a, b) => a.finding.start - b.finding.start);
  const clusters: { end: number; z: number; members: T[] }[] = [];
  for (const entry of sorted) {
    const last = clusters[clusters.length - 1];
    if (last !== undefined && entry.finding.start <= last.end + context.gap) {
      last.end = Math.max(last.end, entry.finding.end);
      last.z = Math.max(last.z, entry.z);
      last.members.push(entry);
    } else clusters.push({ end: entry.finding.end, z: entry.z, members: [entry] });
  }
  if (
    clusters.length < options.alarmStandOutMinClusters ||
    context.points < options.alarmStandOutMinPoints
  )
    return { kept: [...entries], bar: 0 };
  const strengths = clusters.map((c) => c.z).sort((a, b) => a - b);
  const middle = (strengths.length - 1) / 2;
  const median =
    ((strengths[Math.floor(middle)] as number) + (strengths[Math.ceil(middle)] as number)) / 2;
  const bar = options.alarmStandOutRatio * median;
  const kept: T[] = [];
  for (const entry of entries) if (entry.z >= bar) kept.push(entry);
  return { kept, bar };
}
