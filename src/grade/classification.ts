import { harmonicMean, precisionRecallF1 } from './pointwise.js';

/** One sample of a binary decision: is the series anomalous? */
export interface BinaryPair {
  truth: boolean;
  predicted: boolean;
}

/** Binary scores (positive = anomaly); every field `null` when there is no pair. */
export interface BinaryScores {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number | null;
  /** Number of pairs scored. */
  count: number;
}

/**
 * Binary precision/recall/F1/accuracy with anomaly as the positive class (scikit-learn,
 * `zero_division=0`).
 */
export function binaryScores(pairs: readonly BinaryPair[]): BinaryScores {
  if (pairs.length === 0)
    return { precision: null, recall: null, f1: null, accuracy: null, count: 0 };
  let tp = 0;
  let predictedPositives = 0;
  let actualPositives = 0;
  let correct = 0;
  for (const { truth, predicted } of pairs) {
    if (truth && predicted) tp++;
    if (predicted) predictedPositives++;
    if (truth) actualPositives++;
    if (truth === predicted) correct++;
  }
  return {
    ...precisionRecallF1({ truePositives: tp, predictedPositives, actualPositives }),
    accuracy: correct / pairs.length,
    count: pairs.length,
  };
}

/** One sample of a category decision (ids or names; compared with `===`). */
export interface CategoryPair {
  truth: string | number;
  predicted: string | number;
}

/** Category accuracy and macro scores; every field `null` when there is no pair. */
export interface CategoryScores {
  accuracy: number | null;
  /**
   * Unweighted mean over the categories present in truth ∪ predictions of per-category precision.
   */
  precision: number | null;
  recall: number | null;
  /**
   * Mean of per-category F1 (not the harmonic mean of the macro precision and recall), as
   * scikit-learn.
   */
  f1: number | null;
  /** Categories averaged over, in first-seen order. */
  categories: (string | number)[];
  count: number;
}

/**
 * Accuracy and macro precision/recall/F1 over the categories seen in truth ∪ predictions
 * (Time-RA's `eval2file.py`: LabelEncoder fit on both, scikit-learn `average='macro'`, 0/0 → 0).
 */
export function categoryScores(pairs: readonly CategoryPair[]): CategoryScores {
  if (pairs.length === 0)
    return { accuracy: null, precision: null, recall: null, f1: null, categories: [], count: 0 };
  const stats = new Map<string | number, { tp: number; predicted: number; actual: number }>();
  const get = (c: string | number): { tp: number; predicted: number; actual: number } => {
    let s = stats.get(c);
    if (s === undefined) {
      s = { tp: 0, predicted: 0, actual: 0 };
      stats.set(c, s);
    }
    return s;
  };
  let correct = 0;
  for (const { truth, predicted } of pairs) {
    get(truth).actual++;
    get(predicted).predicted++;
    if (truth === predicted) {
      get(truth).tp++;
      correct++;
    }
  }
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  for (const s of stats.values()) {
    const p = s.predicted === 0 ? 0 : s.tp / s.predicted;
    const r = s.actual === 0 ? 0 : s.tp / s.actual;
    precision += p;
    recall += r;
    f1 += harmonicMean(p, r);
  }
  const k = stats.size;
  return {
    accuracy: correct / pairs.length,
    precision: precision / k,
    recall: recall / k,
    f1: f1 / k,
    categories: [...stats.keys()],
    count: pairs.length,
  };
}
