import type { DatasetSplit } from '../schema/dataset.js';
import { asDatasetIndex, type DatasetIndex } from './dataset-index.js';
import type { LabelInfo } from './score-diagnose.js';
import { distinctSeriesCounter } from './distinct.js';
import { pooledSuite } from './pooled.js';
import type { ResultRow } from './result-row.js';
import type { Suite, Track } from './suite.js';
import { carriesConfidence, confidenceMetrics } from './confidence.js';
import type { SeriesSample } from './series-sample.js';
import type { LeaderboardOptions, LeaderboardRow } from './leaderboard-row.js';
import { scoreRows, scoreTrivial, selfConsistencyOf, trivialAnswers } from './score-rows.js';

export {
  headlineMetric,
  type LeaderboardOptions,
  type LeaderboardRow,
  type SelfConsistency,
} from './leaderboard-row.js';

/**
 * Scores every (track, model, prompt, modality) group of a run, plus the trivial baselines of each
 * track, from the rows on disk and the run's datasets (or their indexes: scoring needs no values).
 */
export function buildLeaderboard(
  suite: Suite,
  splits: ReadonlyMap<string, DatasetSplit | DatasetIndex>,
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
  splits: ReadonlyMap<string, DatasetSplit | DatasetIndex>,
  rows: Iterable<ResultRow>,
  options: LeaderboardOptions = {},
): { rows: LeaderboardRow[]; samples: SeriesSample[] } {
  const rowList = [...rows];
  const indexes = new Map(
    [...splits].map(([name, split]): [string, DatasetIndex] => [name, asDatasetIndex(split)]),
  );
  const board = buildTrackRows(suite, indexes, rowList, options);
  const pooled = pooledSuite(suite, indexes, rowList);
  if (pooled === undefined) return board;
  const all = buildTrackRows(pooled.suite, pooled.splits, pooled.rows, options);
  return { rows: [...board.rows, ...all.rows], samples: [...board.samples, ...all.samples] };
}

function buildTrackRows(
  suite: Suite,
  splits: ReadonlyMap<string, DatasetIndex>,
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
    const labels: LabelInfo = new Map(
      split.items.map((item) => [
        item.id,
        { label: item.label, length: item.length, dims: item.dims },
      ]),
    );
    const distinct = distinctSeriesCounter(split);
    const allIds = split.items.map((item) => item.id);
    let allCount: number | undefined;
    // Rows over repeated series say how many differ (only then, to keep tables narrow).
    const pushCounted = (scored: { sample: SeriesSample; row: LeaderboardRow }, ids: string[]) => {
      // Each trivial row spans every series of the track: counted once for all of them.
      allCount ??= distinct(allIds);
      const count = ids === allIds ? allCount : distinct(ids);
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
  split: DatasetIndex,
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
    modality: first.reads ?? first.modality,
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
