import {
  calibration,
  scoreCurves,
  type CalibrationPair,
  type MetricValues,
} from '../grade/index.js';
import { intervalConfidenceScores, sampleShareScores } from '../grade/score-curves.js';
import type { Interval } from '../schema/interval.js';
import type { ResultRow } from './result-row.js';
import type { LabelInfo } from './score-diagnose.js';

/**
 * An answer's index intervals with the confidence the model gave each. Rows store merged
 * intervals; when none were merged (as many intervals as anomalies) the i-th interval by start is
 * the i-th anomaly by start, else each merged interval takes the highest confidence stated.
 */
export function intervalsWithConfidence(
  row: ResultRow,
): { interval: Interval; confidence: number | null }[] {
  const intervals = row.intervals ?? [];
  const anomalies = row.answer?.anomalies ?? [];
  if (anomalies.length === intervals.length) {
    const byStart = [...anomalies].sort((a, b) => a.start - b.start);
    return intervals.map((interval, index) => ({
      interval,
      confidence: byStart[index]?.confidence ?? null,
    }));
  }
  const stated = anomalies.map((anomaly) => anomaly.confidence ?? 1);
  const confidence = stated.length === 0 ? null : Math.max(...stated);
  return intervals.map((interval) => ({ interval, confidence }));
}

/**
 * Each predicted interval is a claim with its confidence (1 when none), right when it overlaps
 * truth.
 */
export function claimsOf(
  truth: readonly (readonly [number, number])[],
  rows: readonly ResultRow[],
): CalibrationPair[] {
  return rows.flatMap((row) =>
    intervalsWithConfidence(row).map(({ interval, confidence }) => ({
      confidence: confidence ?? 1,
      correct: truth.some(([start, end]) => interval[0] < end && start < interval[1]),
    })),
  );
}

/**
 * Whether any answer of the rows states a confidence: only then are the curve metrics meaningful.
 */
export function carriesConfidence(rows: readonly ResultRow[]): boolean {
  return rows.some(
    (row) => row.answer?.anomalies.some((anomaly) => anomaly.confidence !== null) === true,
  );
}

/**
 * Threshold-free metrics (mean over series of VUS-PR, VUS-ROC, AUC-PR, AUC-ROC; window 100) and
 * the expected calibration error of a group's answers. Single answers score each point by its
 * interval's confidence; several samples per series by the share of samples marking it.
 * Each predicted interval is a claim, right when it overlaps a truth interval.
 */
export function confidenceMetrics(labels: LabelInfo, rows: readonly ResultRow[]): MetricValues {
  const bySeries = new Map<string, ResultRow[]>();
  for (const row of rows) {
    if (row.status !== 'ok' || row.intervals === null) continue;
    bySeries.set(row.seriesId, [...(bySeries.get(row.seriesId) ?? []), row]);
  }
  const sums = { vusPr: 0, vusRoc: 0, aucPr: 0, aucRoc: 0 };
  const counts = { vusPr: 0, vusRoc: 0, aucPr: 0, aucRoc: 0 };
  const claims: CalibrationPair[] = [];
  for (const [seriesId, seriesRows] of bySeries) {
    const info = labels.get(seriesId);
    if (info === undefined) continue;
    const truth = info.label.intervals ?? [];
    const scores =
      seriesRows.length > 1
        ? sampleShareScores(
            seriesRows.map((row) => row.intervals ?? []),
            info.length,
          )
        : intervalConfidenceScores(
            intervalsWithConfidence(seriesRows[0] as ResultRow),
            info.length,
          );
    const curves = scoreCurves({ truth, scores, length: info.length });
    for (const key of ['vusPr', 'vusRoc', 'aucPr', 'aucRoc'] as const) {
      const value = curves[key];
      if (value === null) continue;
      sums[key] += value;
      counts[key] += 1;
    }
    claims.push(...claimsOf(truth, seriesRows));
  }
  const mean = (key: keyof typeof sums): number | null =>
    counts[key] === 0 ? null : sums[key] / counts[key];
  return {
    'vus.pr': mean('vusPr'),
    'vus.roc': mean('vusRoc'),
    'auc.pr': mean('aucPr'),
    'auc.roc': mean('aucRoc'),
    'calibration.ece': calibration(claims).ece,
  };
}
