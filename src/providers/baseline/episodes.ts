/**
 * One episode, one headline: the pieces an anomalous episode is found as (a burst, its
 * aftershocks, the slope change beside it) each pass the false-alarm control on their own, and
 * ranked by raw evidence they fill the top of a channel's list with one event. Ranked here, an
 * alarm that lies within `alarmEpisodeShare` of the series' length of a STRONGER alarm counts
 * `alarmRepeatWeight` of its evidence: it stays reported, but a distinct episode of similar
 * strength ranks above it. Within each standing (headline or repeat) confidence stays monotone
 * in evidence.
 */
import type { BaselineOptions } from './options.js';

/** A finding's span and its evidence on the channel's common z scale. */
export interface RankedEvidence {
  start: number;
  end: number;
  z: number;
}

/**
 * The evidence each entry is ranked by: its own z, or `alarmRepeatWeight` × z when a stronger
 * entry lies within the episode gap (`alarmEpisodeShare` × `points` rows, at least `minGap`).
 */
export function episodeEvidence(
  entries: readonly RankedEvidence[],
  context: { points: number; minGap: number },
  options: BaselineOptions,
): number[] {
  const gap = Math.max(context.minGap, Math.round(options.alarmEpisodeShare * context.points));
  return entries.map((entry) => {
    const repeat = entries.some(
      (other) =>
        other.z > entry.z && other.start <= entry.end + gap && entry.start <= other.end + gap,
    );
    return repeat ? options.alarmRepeatWeight * entry.z : entry.z;
  });
}
