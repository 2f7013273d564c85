import { InputError } from '../errors.js';
import type { Interval } from '../schema/interval.js';
import { checkLength, normalizeIntervals, type IntervalLike } from './intervals.js';
import { volumeUnderSurface } from './vus.js';

/** Threshold-free metrics of one series, as TSB-AD ranks detectors; `null` where undefined. */
export interface ScoreCurves {
  /** TSB-AD VUS-PR: range-AUC-PR averaged over buffer widths 0..window. */
  vusPr: number | null;
  /** TSB-AD VUS-ROC: range-AUC-ROC averaged over buffer widths 0..window. */
  vusRoc: number | null;
  /** Point-wise average precision (scikit-learn `average_precision_score`). */
  aucPr: number | null;
  /** Point-wise area under the ROC curve (scikit-learn `roc_auc_score`, ties count half). */
  aucRoc: number | null;
}

/** Input of {@link scoreCurves}. */
export interface ScoreCurvesInput {
  /** Half-open `[start, end)` truth intervals; clipped, sorted and merged like `intervalScores`. */
  truth: readonly IntervalLike[];
  /** One finite score per point; higher means more anomalous. */
  scores: ArrayLike<number>;
  /** Number of points in the series. */
  length: number;
  /** TSB-AD's sliding window (largest buffer width of VUS). @default 100 */
  window?: number;
  /** Thresholds of the VUS curves, TSB-AD's `thre`. @default 250 */
  thresholds?: number;
}

/**
 * AUC-ROC, AUC-PR, VUS-ROC and VUS-PR of per-point scores against truth intervals, with TSB-AD's
 * definitions (`basic_metrics.py`: `metric_ROC`, `metric_PR`, `generate_curve(version="opt",
 * thre=250)`). Every value is `null` without a truth event; VUS and AUC-ROC are also `null` when
 * the truth covers the whole series (TSB-AD divides by zero there).
 * @example scoreCurves({ truth: [[2, 4]], scores: [0, 0, 1, 1, 0], length: 5 }).aucRoc // 1
 */
export function scoreCurves(input: ScoreCurvesInput): ScoreCurves {
  const length = checkLength(input.length);
  const scores = checkScores(input.scores, length);
  const window = checkWholeNumber(input.window ?? 100, 'window', 0);
  const thresholds = checkWholeNumber(input.thresholds ?? 250, 'thresholds', 1);
  const truth = normalizeIntervals(input.truth, length, 'truth');
  const labels = new Uint8Array(length);
  for (const [start, end] of truth) labels.fill(1, start, end);
  const positives = labels.reduce((sum, label) => sum + label, 0);
  if (positives === 0) return { vusPr: null, vusRoc: null, aucPr: null, aucRoc: null };
  const aucPr = averagePrecision(labels, scores);
  if (positives === length) return { vusPr: null, vusRoc: null, aucPr, aucRoc: null };
  const vus = volumeUnderSurface({ truth: inclusive(truth), labels, scores, window, thresholds });
  return {
    vusPr: finiteOrNull(vus.pr),
    vusRoc: finiteOrNull(vus.roc),
    aucPr,
    aucRoc: rocAuc(labels, scores),
  };
}

/**
 * Per-point scores from an answer's intervals: each point gets the highest confidence of the
 * intervals covering it (an interval without a confidence counts 1), 0 elsewhere.
 */
export function intervalConfidenceScores(
  intervals: readonly { interval: IntervalLike; confidence: number | null }[],
  length: number,
): Float64Array {
  const scores = new Float64Array(checkLength(length));
  intervals.forEach(({ interval, confidence }, index) => {
    const value = confidence ?? 1;
    for (const [start, end] of normalizeIntervals([interval], length, `intervals[${index}]`)) {
      for (let i = start; i < end; i += 1) scores[i] = Math.max(scores[i] ?? 0, value);
    }
  });
  return scores;
}

/** Per-point share of samples whose intervals cover the point: the score of a voted answer. */
export function sampleShareScores(
  samples: readonly (readonly IntervalLike[])[],
  length: number,
): Float64Array {
  const scores = new Float64Array(checkLength(length));
  if (samples.length === 0) return scores;
  samples.forEach((intervals, index) => {
    for (const [start, end] of normalizeIntervals(intervals, length, `samples[${index}]`)) {
      for (let i = start; i < end; i += 1) scores[i] = (scores[i] ?? 0) + 1;
    }
  });
  return scores.map((count) => count / samples.length);
}

// TSB-AD works on inclusive [start, end] segments (`range_convers_new`).
function inclusive(truth: readonly Interval[]): [number, number][] {
  return truth.map(([start, end]) => [start, end - 1]);
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function checkScores(scores: ArrayLike<number>, length: number): Float64Array {
  if (scores.length !== length) {
    throw new InputError(
      'grade.invalid_scores',
      `scores has ${scores.length} values but the series has ${length} points; give one score per point.`,
      { field: 'scores' },
    );
  }
  const out = Float64Array.from(scores);
  const bad = out.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) {
    throw new InputError(
      'grade.invalid_scores',
      `scores[${bad}] is ${String(scores[bad])}; every score must be a finite number.`,
      { field: `scores[${bad}]` },
    );
  }
  return out;
}

function checkWholeNumber(value: number, field: string, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InputError(
      'grade.invalid_option',
      `${field} is ${String(value)}; it must be a whole number ≥ ${min}.`,
      { field },
    );
  }
  return value;
}

/** Indices sorted by descending score (stable), with the end of each run of tied scores. */
function descendingGroups(scores: Float64Array): { order: Uint32Array; groupEnds: number[] } {
  const order = Uint32Array.from(scores.keys()).sort(
    (a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b,
  );
  const groupEnds: number[] = [];
  for (let i = 1; i <= order.length; i += 1) {
    if (i === order.length || scores[order[i] as number] !== scores[order[i - 1] as number])
      groupEnds.push(i);
  }
  return { order, groupEnds };
}

/** scikit-learn's `average_precision_score`: Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct thresholds. */
function averagePrecision(labels: Uint8Array, scores: Float64Array): number {
  const { order, groupEnds } = descendingGroups(scores);
  const positives = labels.reduce((sum, label) => sum + label, 0);
  let tp = 0;
  let previousRecall = 0;
  let ap = 0;
  let i = 0;
  for (const end of groupEnds) {
    for (; i < end; i += 1) tp += labels[order[i] as number] ?? 0;
    const recall = tp / positives;
    ap += (recall - previousRecall) * (tp / end);
    previousRecall = recall;
  }
  return ap;
}

/**
 * ROC AUC as the Mann–Whitney statistic with tied scores counting half (= sklearn's trapezoids).
 */
function rocAuc(labels: Uint8Array, scores: Float64Array): number {
  const { order, groupEnds } = descendingGroups(scores);
  const positives = labels.reduce((sum, label) => sum + label, 0);
  const negatives = labels.length - positives;
  let negativesAbove = 0;
  let pairs = 0;
  let i = 0;
  for (const end of groupEnds) {
    let tiedPositives = 0;
    let tiedNegatives = 0;
    for (; i < end; i += 1) {
      if (labels[order[i] as number] === 1) tiedPositives += 1;
      else tiedNegatives += 1;
    }
    // Each positive beats every negative scored below it; ties with negatives count half.
    pairs +=
      tiedPositives * (negatives - negativesAbove - tiedNegatives) +
      (tiedPositives * tiedNegatives) / 2;
    negativesAbove += tiedNegatives;
  }
  return pairs / (positives * negatives);
}
