import type { Interval } from '../schema/interval.js';
import { eventOverlaps, totalLength } from './intervals.js';

/** Precision, recall and F1 of one comparison. */
export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision/recall/F1 from counts with scikit-learn's `zero_division=0`: a 0/0 ratio is 0. */
export function precisionRecallF1(counts: {
  truePositives: number;
  predictedPositives: number;
  actualPositives: number;
}): PrecisionRecallF1 {
  const { truePositives: tp, predictedPositives, actualPositives } = counts;
  const precision = predictedPositives === 0 ? 0 : tp / predictedPositives;
  const recall = actualPositives === 0 ? 0 : tp / actualPositives;
  return { precision, recall, f1: harmonicMean(precision, recall) };
}

/** 2ab/(a+b), 0 when both are 0. */
export function harmonicMean(a: number, b: number): number {
  return a + b === 0 ? 0 : (2 * a * b) / (a + b);
}

/**
 * Point-wise scores on the 0/1 vectors of sorted disjoint intervals, computed from interval
 * overlaps (never O(n)).
 */
export function pointwiseScores(
  truth: readonly Interval[],
  predicted: readonly Interval[],
): PrecisionRecallF1 {
  const { overlap } = eventOverlaps(truth, predicted);
  let tp = 0;
  for (const x of overlap) tp += x;
  return precisionRecallF1({
    truePositives: tp,
    predictedPositives: totalLength(predicted),
    actualPositives: totalLength(truth),
  });
}

/**
 * Classic point adjustment: every truth event holding at least one predicted index counts as fully
 * predicted (an event starting at index 0 included — TSB-AD's `_adjust_predicts` misses index 0),
 * then point-wise scores. Predicted points outside truth stay false positives.
 */
export function pointAdjustedScores(
  truth: readonly Interval[],
  predicted: readonly Interval[],
): PrecisionRecallF1 {
  const { overlap } = eventOverlaps(truth, predicted);
  let tp = 0;
  let adjustedTp = 0;
  truth.forEach(([s, e], i) => {
    const o = overlap[i] as number;
    tp += o;
    if (o > 0) adjustedTp += e - s;
  });
  const falsePositives = totalLength(predicted) - tp;
  return precisionRecallF1({
    truePositives: adjustedTp,
    predictedPositives: adjustedTp + falsePositives,
    actualPositives: totalLength(truth),
  });
}

/** Event recall and event F1; `null` when there is no truth event. */
export interface EventScores {
  /** Fraction of truth events containing at least one predicted index. */
  recall: number | null;
  /**
   * Harmonic mean of event recall and point-wise precision (TSB-AD's "Event-based F1", without its
   * 1e-15 epsilon).
   */
  f1: number | null;
}

/** Event-based recall/F1 (TSB-AD `metric_EventF1PA` with a given prediction). */
export function eventScores(
  truth: readonly Interval[],
  predicted: readonly Interval[],
  pointwisePrecision: number,
): EventScores {
  if (truth.length === 0) return { recall: null, f1: null };
  const { overlap } = eventOverlaps(truth, predicted);
  let hits = 0;
  for (const o of overlap) if (o > 0) hits++;
  const recall = hits / truth.length;
  return { recall, f1: harmonicMean(recall, pointwisePrecision) };
}
