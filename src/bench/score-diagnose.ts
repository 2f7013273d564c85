import {
  binaryScores,
  categoryScores,
  levenshteinSimilarity,
  pythonTokens,
  sequenceMatcherRatio,
  tfidfCosine,
  type MetricValues,
} from '../grade/index.js';
import type { Label } from '../schema/label.js';
import { NORMAL_CATEGORY } from '../schema/taxonomy.js';
import type { ResultRow } from './result-row.js';

/** Truth per series id, with what scoring needs besides the label. */
export type LabelInfo = Map<string, { label: Label; length: number; dims: number }>;

/** What scoring a group of rows yields, before latency, tokens and cost are added. */
export interface GroupScores {
  scored: number;
  parseFailures: number;
  metrics: MetricValues;
  headline: { metric: string; value: number | null };
  correct: number;
}

/**
 * A label's category; labels that only say "anomalous" (no category) count as one class, "Anomaly".
 */
function truthCategoryOf(label: Label): string {
  return label.category ?? (label.anomalous ? 'Anomaly' : NORMAL_CATEGORY);
}

/**
 * RATs40K-style: binary anomaly detection, category accuracy/macro scores, explanation similarity.
 */
export function scoreDiagnose(labels: LabelInfo, rows: ResultRow[], headline: string): GroupScores {
  const binary: { truth: boolean; predicted: boolean }[] = [];
  const category: { truth: string; predicted: string }[] = [];
  const similarity = { tfidf: 0, levenshtein: 0, sequence: 0, count: 0 };
  let parseFailures = 0;
  let correct = 0;
  for (const row of rows) {
    const info = labels.get(row.seriesId);
    if (info === undefined) continue;
    // Time-RA scores only answers that parsed (eval2file keeps keys common to both files).
    if (row.status !== 'ok') {
      parseFailures += 1;
      continue;
    }
    const predictedCategory = row.category ?? NORMAL_CATEGORY;
    const predictedAnomalous = row.answer?.anomalous ?? predictedCategory !== NORMAL_CATEGORY;
    binary.push({ truth: info.label.anomalous, predicted: predictedAnomalous });
    const truthCategory = truthCategoryOf(info.label);
    category.push({ truth: truthCategory, predicted: predictedCategory });
    if (predictedAnomalous === info.label.anomalous && predictedCategory === truthCategory)
      correct += 1;
    const reference = info.label.explanation;
    const explanation = row.answer?.anomalies[0]?.explanation ?? row.answer?.summary ?? '';
    if (reference !== null && reference !== '' && row.answer !== null) {
      similarity.tfidf += tfidfCosine(reference, explanation);
      similarity.levenshtein += levenshteinSimilarity(reference, explanation);
      // Time-RA's token ratio: Python `tokenize` tokens (`x=212` is three), split() on error.
      similarity.sequence += sequenceMatcherRatio(
        pythonTokens(reference),
        pythonTokens(explanation),
      );
      similarity.count += 1;
    }
  }
  const b = binaryScores(binary);
  const c = categoryScores(category);
  const mean = (sum: number): number | null =>
    similarity.count === 0 ? null : sum / similarity.count;
  const metrics: MetricValues = {
    'binary.precision': b.precision,
    'binary.recall': b.recall,
    'binary.f1': b.f1,
    'category.accuracy': c.accuracy,
    'category.precision': c.precision,
    'category.recall': c.recall,
    'category.f1': c.f1,
    'explanation.tfidf': mean(similarity.tfidf),
    'explanation.levenshtein': mean(similarity.levenshtein),
    'explanation.sequence': mean(similarity.sequence),
  };
  return {
    scored: binary.length,
    parseFailures,
    metrics,
    headline: { metric: headline, value: metrics[headline] ?? null },
    correct,
  };
}

/** The most frequent truth category of a split (the majority-category trivial baseline). */
export function majorityCategory(split: { items: readonly { label: Label }[] }): string {
  const counts = new Map<string, number>();
  for (const item of split.items) {
    const category = truthCategoryOf(item.label);
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  let best = NORMAL_CATEGORY as string;
  let bestCount = -1;
  for (const [category, count] of counts) {
    if (count > bestCount) [best, bestCount] = [category, count];
  }
  return best;
}
