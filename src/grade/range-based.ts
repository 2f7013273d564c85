import type { Interval } from '../schema/interval.js';
import { harmonicMean, type PrecisionRecallF1 } from './pointwise.js';
import { eventOverlaps, type EventOverlaps } from './intervals.js';

/** Options of the range-based metric; the defaults are TSB-AD's. */
export interface RangeBasedOptions {
  /** Weight of the existence reward in recall. @default 0.2 */
  recallAlpha?: number;
  /** Weight of the existence reward in precision. @default 0 */
  precisionAlpha?: number;
}

/**
 * Range-based precision/recall (Tatbul et al., NeurIPS 2018) as TSB-AD computes it
 * (`basic_metricor.range_recall_new`): flat positional bias, cardinality factor 1/x, α = 0.2 for
 * recall and α = 0 for precision (precision = the recall formula with the roles swapped).
 * Score of one range R against the other side's ranges P:
 * α·[R overlaps P] + (1−α)·(|R ∩ P| / |R|)·(1 / #P-ranges overlapping R); averaged over ranges,
 * 0 when there is no range (TSB-AD returns 0, not NaN). One sweep over the sorted events.
 * Known difference: TSB-AD's `range_convers_new` finds no range at all in an all-ones vector;
 * here a prediction covering the whole series is one range, as in the paper.
 */
export function rangeBasedScores(
  truth: readonly Interval[],
  predicted: readonly Interval[],
  options: RangeBasedOptions = {},
): PrecisionRecallF1 {
  const recall = rangeRecall(truth, eventOverlaps(truth, predicted), options.recallAlpha ?? 0.2);
  const precision = rangeRecall(
    predicted,
    eventOverlaps(predicted, truth),
    options.precisionAlpha ?? 0,
  );
  return { precision, recall, f1: harmonicMean(precision, recall) };
}

function rangeRecall(ranges: readonly Interval[], overlaps: EventOverlaps, alpha: number): number {
  if (ranges.length === 0) return 0;
  let existence = 0;
  let overlapReward = 0;
  ranges.forEach(([s, e], i) => {
    const o = overlaps.overlap[i] as number;
    const n = overlaps.count[i] as number;
    if (o > 0) existence += 1;
    // Same operation order as TSB-AD: w(R, p) * Cardinality_factor(R, P), summed, then averaged.
    overlapReward += (o / (e - s)) * (n === 0 ? 0 : 1 / n);
  });
  return (alpha * existence + (1 - alpha) * overlapReward) / ranges.length;
}
