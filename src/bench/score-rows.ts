/**
 * Scores of a set of result rows against a track's labels, the trivial answers' rows, and the
 * figures of self-consistency groups: the pieces {@link buildLeaderboard} assembles.
 */
import {
  aggregate,
  conventions,
  scoreSeries,
  type SeriesInput,
  type SeriesScore,
} from '../grade/index.js';
import type { DatasetIndex } from './dataset-index.js';
import { NORMAL_CATEGORY } from '../schema/taxonomy.js';
import {
  headlineMetric,
  type LeaderboardOptions,
  type LeaderboardRow,
  type SelfConsistency,
} from './leaderboard-row.js';
import { droppedIndicesOf } from './materialize.js';
import { majorityCategory, scoreDiagnose, type LabelInfo } from './score-diagnose.js';
import type { ResultRow } from './result-row.js';
import type { Track } from './suite.js';
import { majorityVote, sampleAgreement, voteSampleOf, votedRow } from './vote.js';
import { diagnoseSample, headlineSample, type SeriesSample } from './series-sample.js';

export const trivialAnswers = ['always-empty', 'always-anomalous'] as const;

/**
 * For a group with several sample numbers: one voted row per series, each sample's own headline
 * score, and how much the samples agree. `undefined` for single-sample groups.
 */
export function selfConsistencyOf(
  track: Track,
  split: DatasetIndex,
  labels: LabelInfo,
  rows: ResultRow[],
  options: LeaderboardOptions,
): { voted: ResultRow[]; figures: Omit<SelfConsistency, 'voted'> } | undefined {
  const sampleNumbers = [...new Set(rows.map((row) => row.sample))].sort((a, b) => a - b);
  if (sampleNumbers.length < 2) return undefined;
  const vote = options.vote ?? majorityVote(sampleNumbers.length);
  const bySeries = new Map<string, ResultRow[]>();
  for (const row of rows) bySeries.set(row.seriesId, [...(bySeries.get(row.seriesId) ?? []), row]);
  const voted: ResultRow[] = [];
  const agreements: number[] = [];
  for (const [seriesId, seriesRows] of bySeries) {
    const length = labels.get(seriesId)?.length ?? 0;
    seriesRows.sort((a, b) => a.sample - b.sample);
    voted.push(votedRow(seriesRows, { k: vote, length }));
    const answered = seriesRows.filter((row) => row.status === 'ok').map(voteSampleOf);
    const agreement =
      track.task === 'variate'
        ? sampleAgreement(
            answered.map((sample) => ({
              ...sample,
              intervals: sample.channels.map((c): [number, number] => [c, c + 1]),
            })),
            Number.MAX_SAFE_INTEGER,
          )
        : sampleAgreement(answered, length);
    if (agreement !== null) agreements.push(agreement);
  }
  const single = sampleNumbers.map((sample) => {
    const sampleRows = rows.filter((row) => row.sample === sample && row.status !== 'error');
    return scoreRows(track, split, labels, sampleRows).headline.value;
  });
  const known = single.filter((value): value is number => value !== null);
  const singleMean = known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
  const singleSd =
    singleMean === null
      ? null
      : Math.sqrt(known.reduce((sum, value) => sum + (value - singleMean) ** 2, 0) / known.length);
  return {
    voted,
    figures: {
      samples: sampleNumbers.length,
      vote,
      single,
      singleMean,
      singleSd,
      agreement:
        agreements.length === 0 ? null : agreements.reduce((a, b) => a + b, 0) / agreements.length,
    },
  };
}

/**
 * What a trivial answer would score: no anomaly, everything anomalous, or the majority category.
 */
export function scoreTrivial(
  track: Track,
  split: DatasetIndex,
  labels: LabelInfo,
  kind: (typeof trivialAnswers)[number] | 'majority-category',
): { sample: SeriesSample; row: LeaderboardRow } {
  const majority = majorityCategory(split);
  const rows = split.items.map((item): ResultRow => {
    const info = labels.get(item.id);
    const length = info?.length ?? 0;
    const dims = info?.dims ?? 1;
    const anomalous =
      kind === 'always-anomalous' || (kind === 'majority-category' && majority !== NORMAL_CATEGORY);
    return {
      key: kind,
      track: track.name,
      seriesId: item.id,
      provider: kind,
      model: kind,
      task: track.task,
      modality: 'text',
      hints: 'none',
      sample: 0,
      prompt: { id: 'none', version: '0' },
      status: 'ok',
      answer: null,
      intervals: kind === 'always-anomalous' ? [[0, length]] : [],
      channels:
        kind === 'always-anomalous' ? Array.from({ length: dims }, (_, index) => index) : [],
      category:
        kind === 'majority-category' ? majority : anomalous ? 'Point Anomaly' : NORMAL_CATEGORY,
      rawText: null,
      error: null,
      usage: null,
      costUsd: 0,
      latencyMs: null,
      attempts: 0,
      cached: false,
      repaired: false,
      requestKey: null,
      finishedAt: '',
    };
  });
  const { sample, ...scored } = scoreRows(track, split, labels, rows);
  const row: LeaderboardRow = {
    track: track.name,
    task: track.task,
    scoring: track.scoring,
    model: kind,
    prompt: '-',
    modality: '-',
    hints: 'none',
    trivial: true,
    series: rows.length,
    ...scored,
    errors: 0,
    meanLatencyMs: null,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    costPerCorrectUsd: null,
  };
  return { sample, row };
}

export function scoreRows(
  track: Track,
  split: DatasetIndex,
  labels: LabelInfo,
  rows: ResultRow[],
): Pick<LeaderboardRow, 'scored' | 'parseFailures' | 'metrics' | 'headline' | 'correct'> & {
  sample: SeriesSample;
} {
  const convention = conventions[track.scoring];
  const headline = headlineMetric(track.task);
  if (track.task === 'diagnose')
    return { ...scoreDiagnose(labels, rows, headline), sample: diagnoseSample(labels, rows) };
  const perSeries: SeriesScore[] = [];
  const seriesIds: string[] = [];
  for (const row of rows) {
    const info = labels.get(row.seriesId);
    if (info === undefined) continue;
    const parsed = row.status === 'ok';
    let input: SeriesInput;
    if (track.task === 'variate') {
      input = {
        task: 'variate',
        truth: info.label.channels ?? [],
        predicted: parsed ? (row.channels ?? []) : null,
        dims: info.dims,
      };
    } else {
      const dropped = droppedIndicesOf(split, row.seriesId);
      input = {
        task: 'interval',
        truth: info.label.intervals ?? [],
        predicted: parsed ? (row.intervals ?? []) : null,
        length: info.length,
        ...(dropped === undefined ? {} : { droppedIndices: dropped }),
      };
    }
    perSeries.push(scoreSeries(input, convention));
    seriesIds.push(row.seriesId);
  }
  const totals = aggregate(perSeries, convention);
  const correct = perSeries.filter((score) => (score.metrics?.[headline] ?? 0) >= 0.5).length;
  return {
    scored: totals.counts.scored,
    parseFailures: totals.counts.parseFailures,
    metrics: totals.metrics,
    headline: { metric: headline, value: totals.metrics[headline] ?? null },
    correct,
    sample: headlineSample(
      perSeries.map((score, index) => ({ seriesId: seriesIds[index] ?? '', score })),
      { headline, unparseable: convention.unparseable },
    ),
  };
}
