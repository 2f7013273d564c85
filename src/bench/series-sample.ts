import { binaryScores, type BinaryPair, type SeriesScore } from '../grade/index.js';
import { NORMAL_CATEGORY } from '../schema/taxonomy.js';
import type { Statistic } from './bootstrap.js';
import type { ResultRow } from './result-row.js';
import type { LabelInfo } from './score-diagnose.js';

/**
 * The series behind one leaderboard score and how to recompute that score from any draw of them:
 * what the bootstrap resamples. `seriesIds[i]` is the series at position i of a draw.
 */
export interface SeriesSample {
  seriesIds: string[];
  statistic: Statistic;
  /**
   * When `statistic` is the plain mean of these per-series values (no gaps): the bootstrap then
   * sums it alongside other means over the same draws, to the same double.
   */
  dense?: Float64Array;
}

/** A score that is a mean over series; `null` values (metric undefined there) are left out. */
export function meanSample(seriesIds: string[], values: readonly (number | null)[]): SeriesSample {
  if (values.every((value) => typeof value === 'number')) {
    const [first] = values;
    if (first !== undefined && values.every((value) => Object.is(value, first)))
      return { seriesIds, statistic: constantMean(first) };
    // No gaps (the usual case): a typed array and no per-draw checks, same sums in the same order.
    const dense = Float64Array.from(values as number[]);
    return {
      seriesIds,
      dense,
      statistic: (indices) => {
        if (indices.length === 0) return null;
        let sum = 0;
        for (let i = 0; i < indices.length; i += 1) sum += dense[indices[i] as number] as number;
        return sum / indices.length;
      },
    };
  }
  return {
    seriesIds,
    statistic: (indices) => {
      let sum = 0;
      let count = 0;
      for (let i = 0; i < indices.length; i += 1) {
        const value = values[indices[i] as number];
        if (value === null || value === undefined) continue;
        sum += value;
        count += 1;
      }
      return count === 0 ? null : sum / count;
    },
  };
}

/**
 * The mean statistic of series that all score `value` (a trivial answer often does): every draw of
 * n of them sums n copies of it in the same order, so the sum is made once per n, not per draw.
 */
function constantMean(value: number): Statistic {
  const means = new Map<number, number>();
  return (indices) => {
    const n = indices.length;
    if (n === 0) return null;
    let mean = means.get(n);
    if (mean === undefined) {
      let sum = 0;
      for (let i = 0; i < n; i += 1) sum += value;
      mean = sum / n;
      means.set(n, mean);
    }
    return mean;
  };
}

/**
 * The headline of interval and variate tracks: the mean of each series' headline metric, with
 * parse failures skipped or counted as 0 by the convention, exactly as `aggregate` averages them.
 */
export function headlineSample(
  scored: readonly { seriesId: string; score: SeriesScore }[],
  options: { headline: string; unparseable: 'skip' | 'zero' },
): SeriesSample {
  const ids: string[] = [];
  const values: (number | null)[] = [];
  for (const { seriesId, score } of scored) {
    if (score.metrics === null && options.unparseable === 'skip') continue;
    ids.push(seriesId);
    values.push(score.metrics === null ? 0 : (score.metrics[options.headline] ?? null));
  }
  return meanSample(ids, values);
}

/** The headline of diagnose tracks, binary F1 over the parsed answers, recomputed per draw. */
export function binaryF1Sample(seriesIds: string[], pairs: readonly BinaryPair[]): SeriesSample {
  return {
    seriesIds,
    statistic: (indices) =>
      binaryScores(Array.from(indices, (index) => pairs[index] as BinaryPair)).f1,
  };
}

/** {@link binaryF1Sample} of a diagnose group's rows, with the pairs `scoreDiagnose` scores. */
export function diagnoseSample(labels: LabelInfo, rows: readonly ResultRow[]): SeriesSample {
  const ids: string[] = [];
  const pairs: BinaryPair[] = [];
  for (const row of rows) {
    const info = labels.get(row.seriesId);
    if (info === undefined || row.status !== 'ok') continue;
    ids.push(row.seriesId);
    const category = row.category ?? NORMAL_CATEGORY;
    pairs.push({
      truth: info.label.anomalous,
      predicted: row.answer?.anomalous ?? category !== NORMAL_CATEGORY,
    });
  }
  return binaryF1Sample(ids, pairs);
}
