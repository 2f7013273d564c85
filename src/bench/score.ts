import {
  aggregate,
  conventions,
  scoreSeries,
  type MetricValues,
  type SeriesInput,
  type SeriesScore,
} from '../grade/index.js';
import type { DatasetSplit } from '../schema/dataset.js';
import { NORMAL_CATEGORY } from '../schema/taxonomy.js';
import { droppedIndicesOf } from './materialize.js';
import { majorityCategory, scoreDiagnose, type LabelInfo } from './score-diagnose.js';
import { distinctSeriesCounter } from './distinct.js';
import { pooledSuite } from './pooled.js';
import type { ResultRow } from './result-row.js';
import type { Suite, Track } from './suite.js';
import { majorityVote, sampleAgreement, voteSampleOf, votedRow } from './vote.js';
import { carriesConfidence, confidenceMetrics } from './confidence.js';
import { diagnoseSample, headlineSample, type SeriesSample } from './series-sample.js';

/** Self-consistency figures of a group with several samples per series. */
export interface SelfConsistency {
  /** Samples per series (n). */
  samples: number;
  /** Votes an index needs (k). */
  vote: number;
  /** Headline metric of each sample taken alone, by sample number. */
  single: (number | null)[];
  singleMean: number | null;
  /** Population standard deviation of `single`: how much a single run's score moves. */
  singleSd: number | null;
  /** Headline metric of the voted answers (= the row's headline). */
  voted: number | null;
  /** Mean pairwise Jaccard similarity of the samples' marked indices, over series. */
  agreement: number | null;
}

export interface LeaderboardOptions {
  /** Self-consistency vote k. @default a strict majority of the samples */
  vote?: number;
}

/**
 * One line of a leaderboard: a model (or trivial baseline) on one track with one prompt and
 * modality.
 */
export interface LeaderboardRow {
  track: string;
  task: Track['task'];
  scoring: Track['scoring'];
  model: string;
  prompt: string;
  modality: string;
  hints: string;
  /** A trivial reference answer (always-empty, ...) rather than a model. */
  trivial: boolean;
  series: number;
  /**
   * Distinct series among `series` (same values and label counted once), set only when some
   * repeat: AnomLLM's trend generator, like the published one, gives every normal series the same
   * values.
   */
  distinctSeries?: number;
  scored: number;
  parseFailures: number;
  errors: number;
  /** Mean metrics under the track's convention (flat keys such as `affiliation.f1`). */
  metrics: MetricValues;
  /** The score; `ci` is its 95 % bootstrap interval over series, when one was computed. */
  headline: { metric: string; value: number | null; ci?: [number, number] };
  /** Published rows only: where the number comes from (it is the paper's, not this run's). */
  published?: string;
  /** Rows of a render-ablation variant: the suite's track, the variant, whether it is the first. */
  ablation?: { of: string; variant: string; reference: boolean };
  /** Overall rows only: the tracks whose scores the row averages. */
  covers?: string[];
  /** Series whose headline metric is at least 0.5 (binary/category correctness for `diagnose`). */
  correct: number;
  meanLatencyMs: number | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  costPerCorrectUsd: number | null;
  /**
   * Set when the group has several samples per series; the row's metrics are then the voted ones.
   */
  selfConsistency?: SelfConsistency;
}

/** The metric a task's leaderboard is sorted by, as the published benchmarks report it. */
export function headlineMetric(task: Track['task']): string {
  if (task === 'variate') return 'variate.f1';
  if (task === 'diagnose') return 'binary.f1';
  return 'affiliation.f1';
}

const trivialAnswers = ['always-empty', 'always-anomalous'] as const;

/**
 * Scores every (track, model, prompt, modality) group of a run, plus the trivial baselines of each
 * track, from the rows on disk and the run's datasets.
 */
export function buildLeaderboard(
  suite: Suite,
  splits: Map<string, DatasetSplit>,
  rows: Iterable<ResultRow>,
  options: LeaderboardOptions = {},
): LeaderboardRow[] {
  return buildLeaderboardWithSamples(suite, splits, rows, options).rows;
}

/**
 * {@link buildLeaderboard}, plus for each row (same position) the series its headline score
 * averages and how to recompute it from a resample of them: the input of the bootstrap.
 * A `bench --data` run of several folders also gets the rows of the pooled track over all series.
 */
export function buildLeaderboardWithSamples(
  suite: Suite,
  splits: Map<string, DatasetSplit>,
  rows: Iterable<ResultRow>,
  options: LeaderboardOptions = {},
): { rows: LeaderboardRow[]; samples: SeriesSample[] } {
  const rowList = [...rows];
  const board = buildTrackRows(suite, splits, rowList, options);
  const pooled = pooledSuite(suite, splits, rowList);
  if (pooled === undefined) return board;
  const all = buildTrackRows(pooled.suite, pooled.splits, pooled.rows, options);
  return { rows: [...board.rows, ...all.rows], samples: [...board.samples, ...all.samples] };
}

function buildTrackRows(
  suite: Suite,
  splits: Map<string, DatasetSplit>,
  rows: Iterable<ResultRow>,
  options: LeaderboardOptions,
): { rows: LeaderboardRow[]; samples: SeriesSample[] } {
  const groups = new Map<string, ResultRow[]>();
  for (const row of rows) {
    const id = [
      row.track,
      row.provider,
      `${row.prompt.id}@${row.prompt.version}`,
      row.modality,
      row.hints,
    ].join('\u0000');
    const list = groups.get(id) ?? [];
    list.push(row);
    groups.set(id, list);
  }
  const board: LeaderboardRow[] = [];
  const samples: SeriesSample[] = [];
  const push = ({ sample, row }: { sample: SeriesSample; row: LeaderboardRow }): void => {
    board.push(row);
    samples.push(sample);
  };
  for (const track of suite.tracks) {
    const split = splits.get(track.name);
    if (split === undefined) continue;
    const labels = new Map(
      split.items.map((item) => [
        item.series.id,
        {
          label: item.label,
          length: item.series.values[0]?.length ?? 0,
          dims: item.series.channels.length,
        },
      ]),
    );
    const distinct = distinctSeriesCounter(split);
    const allIds = split.items.map((item) => item.series.id);
    // Rows over repeated series say how many differ (only then, to keep tables narrow).
    const pushCounted = (scored: { sample: SeriesSample; row: LeaderboardRow }, ids: string[]) => {
      const count = distinct(ids);
      const row: LeaderboardRow = {
        ...scored.row,
        ...(count < scored.row.series ? { distinctSeries: count } : {}),
        ...(track.ablation === undefined ? {} : { ablation: track.ablation }),
      };
      push({ ...scored, row });
    };
    for (const groupRows of groups.values()) {
      const first = groupRows[0];
      if (first === undefined || first.track !== track.name) continue;
      const ids = [...new Set(groupRows.map((row) => row.seriesId))];
      pushCounted(scoreGroup(track, split, labels, groupRows, options), ids);
    }
    for (const trivial of trivialAnswers)
      pushCounted(scoreTrivial(track, split, labels, trivial), allIds);
    if (track.task === 'diagnose')
      pushCounted(scoreTrivial(track, split, labels, 'majority-category'), allIds);
  }
  return { rows: board, samples };
}

function scoreGroup(
  track: Track,
  split: DatasetSplit,
  labels: LabelInfo,
  rows: ResultRow[],
  options: LeaderboardOptions,
): { sample: SeriesSample; row: LeaderboardRow } {
  const first = rows[0] as ResultRow;
  const consistency = selfConsistencyOf(track, split, labels, rows, options);
  const perSeries = consistency?.voted ?? rows;
  const answered = perSeries.filter((row) => row.status !== 'error');
  const errors = perSeries.length - answered.length;
  const { sample, ...scored } = scoreRows(track, split, labels, answered);
  // Threshold-free metrics and calibration need a score per point: only answers with confidences.
  if ((track.task === 'point' || track.task === 'range') && carriesConfidence(rows)) {
    scored.metrics = { ...scored.metrics, ...confidenceMetrics(labels, rows) };
  }
  const latencies = rows
    .map((row) => row.latencyMs)
    .filter((value): value is number => value !== null && value > 0);
  const costs = rows.map((row) => row.costUsd);
  const costUsd = costs.every((cost) => cost === null)
    ? null
    : costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0);
  const row: LeaderboardRow = {
    track: track.name,
    task: track.task,
    scoring: track.scoring,
    model: first.provider,
    prompt: `${first.prompt.id}@${first.prompt.version}`,
    modality: first.modality,
    hints: first.hints,
    trivial: false,
    series: perSeries.length,
    ...scored,
    errors,
    meanLatencyMs:
      latencies.length === 0 ? null : latencies.reduce((a, b) => a + b, 0) / latencies.length,
    inputTokens: rows.reduce((sum, row) => sum + (row.usage?.inputTokens ?? 0), 0),
    outputTokens: rows.reduce((sum, row) => sum + (row.usage?.outputTokens ?? 0), 0),
    costUsd,
    costPerCorrectUsd: costUsd === null || scored.correct === 0 ? null : costUsd / scored.correct,
    ...(consistency === undefined
      ? {}
      : { selfConsistency: { ...consistency.figures, voted: scored.headline.value } }),
  };
  return { sample, row };
}

/**
 * For a group with several sample numbers: one voted row per series, each sample's own headline
 * score, and how much the samples agree. `undefined` for single-sample groups.
 */
function selfConsistencyOf(
  track: Track,
  split: DatasetSplit,
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
function scoreTrivial(
  track: Track,
  split: DatasetSplit,
  labels: LabelInfo,
  kind: (typeof trivialAnswers)[number] | 'majority-category',
): { sample: SeriesSample; row: LeaderboardRow } {
  const majority = majorityCategory(split);
  const rows = split.items.map((item): ResultRow => {
    const info = labels.get(item.series.id);
    const length = info?.length ?? 0;
    const dims = info?.dims ?? 1;
    const anomalous =
      kind === 'always-anomalous' || (kind === 'majority-category' && majority !== NORMAL_CATEGORY);
    return {
      key: kind,
      track: track.name,
      seriesId: item.series.id,
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

function scoreRows(
  track: Track,
  split: DatasetSplit,
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
