import { detectAnomalies } from '../providers/baseline/detector.js';
import type { Interval } from '../schema/interval.js';
import type { Series } from '../series/types.js';

/** A candidate for propose-then-verify: a half-open index interval with its evidence score. */
export interface HintCandidate {
  interval: Interval;
  channels?: readonly number[];
  score?: number;
}

/**
 * The baseline detector's findings as hint candidates, most confident first (ties: larger
 * evidence score), at most `limit` (a long list would crowd the image and the prompt). The order
 * is the list's numbering, so candidate 1 is the one the baseline is surest of.
 */
export function baselineCandidates(
  series: Series,
  options: { limit?: number } = {},
): HintCandidate[] {
  const limit = options.limit ?? 8;
  return detectAnomalies(series)
    .anomalies.slice()
    .sort((a, b) => b.confidence - a.confidence || b.score - a.score || a.start - b.start)
    .slice(0, limit)
    .map((anomaly) => ({
      interval: [anomaly.start, anomaly.end] as const,
      score: anomaly.score,
      ...(anomaly.channels === null ? {} : { channels: anomaly.channels }),
    }));
}
