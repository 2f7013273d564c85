import type { Interval } from '../schema/interval.js';
import { affiliationScores, type AffiliationScores } from './affiliation.js';
import { checkLength, normalizeIntervals, type IntervalLike } from './intervals.js';
import {
  eventScores,
  pointAdjustedScores,
  pointwiseScores,
  type EventScores,
  type PrecisionRecallF1,
} from './pointwise.js';
import { rangeBasedScores } from './range-based.js';

/** Every interval metric of one series. */
export interface IntervalScores {
  pointwise: PrecisionRecallF1;
  pointAdjusted: PrecisionRecallF1;
  affiliation: AffiliationScores;
  rangeBased: PrecisionRecallF1;
  event: EventScores;
}

/** Input of {@link intervalScores}: half-open `[start, end)` index intervals over `[0, length)`. */
export interface IntervalScoresInput {
  truth: readonly IntervalLike[];
  predicted: readonly IntervalLike[];
  /** Number of points in the series. */
  length: number;
}

/**
 * Scores predicted intervals against truth intervals with every interval metric. Intervals are
 * validated (integer `[start, end)`, start <= end), clipped to `[0, length)`, sorted, and
 * overlapping or touching ones merged first — the same events a 0/1 vector would give.
 * @example intervalScores({ truth: [[100, 200]], predicted: [[0, 100]], length: 400 }).affiliation
 * // { precision: 0.5, recall: 0.75, f1: 0.6 }
 */
export function intervalScores(input: IntervalScoresInput): IntervalScores {
  const length = checkLength(input.length);
  const truth = normalizeIntervals(input.truth, length, 'truth');
  const predicted = normalizeIntervals(input.predicted, length, 'predicted');
  return scoreNormalized(truth, predicted, length);
}

/**
 * {@link intervalScores} on intervals already through `normalizeIntervals` (sorted, disjoint,
 * non-adjacent, inside the series).
 */
export function scoreNormalized(
  truth: readonly Interval[],
  predicted: readonly Interval[],
  length: number,
): IntervalScores {
  const pointwise = pointwiseScores(truth, predicted);
  return {
    pointwise,
    pointAdjusted: pointAdjustedScores(truth, predicted),
    affiliation: affiliationScores(truth, predicted, length),
    rangeBased: rangeBasedScores(truth, predicted),
    event: eventScores(truth, predicted, pointwise.precision),
  };
}
