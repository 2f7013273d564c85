import { droppedIndicesOf } from '../bench/materialize.js';
import type { ResultRow } from '../bench/result-row.js';
import { headlineMetric } from '../bench/score.js';
import type { Suite, Track } from '../bench/suite.js';
import { conventions, scoreSeries, type SeriesInput } from '../grade/index.js';
import type { DatasetSplit } from '../schema/dataset.js';
import { NORMAL_CATEGORY } from '../schema/taxonomy.js';

/** One (model, series) answer picked for the run report because it scored badly. */
export interface WorstCase {
  track: Track;
  row: ResultRow;
  item: DatasetSplit['items'][number];
  /** The metric `score` is on (the track's headline; `diagnosis` for the diagnose task). */
  metric: string;
  /** Null when there is no score: the call failed or the answer did not parse. */
  score: number | null;
  /** Why: `error`, `unparseable`, or the convention rule that produced the score. */
  reason: string;
}

/**
 * Per track, the `perTrack` lowest-scoring model answers (failures first, then by score, then by
 * series id and model), skipping perfect ones; scores follow the track's convention, as the
 * leaderboard's do. Diagnose answers score ½ for the anomalous yes/no and ½ for the category.
 */
export function worstCases(
  suite: Suite,
  splits: ReadonlyMap<string, DatasetSplit>,
  rows: Iterable<ResultRow>,
  perTrack: number,
): Map<string, WorstCase[]> {
  const byTrack = new Map<string, WorstCase[]>();
  const all = [...rows];
  for (const track of suite.tracks) {
    const split = splits.get(track.name);
    if (split === undefined) continue;
    const items = new Map(split.items.map((item) => [item.series.id, item]));
    const cases: WorstCase[] = [];
    for (const row of all) {
      if (row.track !== track.name) continue;
      const item = items.get(row.seriesId);
      if (item === undefined) continue;
      const scored = scoreRow(track, split, item, row);
      if (scored.score !== null && scored.score >= 1) continue;
      cases.push({ track, row, item, ...scored });
    }
    cases.sort(
      (a, b) =>
        (a.score ?? -1) - (b.score ?? -1) ||
        a.row.seriesId.localeCompare(b.row.seriesId) ||
        a.row.provider.localeCompare(b.row.provider) ||
        a.row.key.localeCompare(b.row.key),
    );
    byTrack.set(track.name, cases.slice(0, Math.max(0, perTrack)));
  }
  return byTrack;
}

/**
 * One answer's score on its track's headline metric (diagnose: ½ yes/no + ½ category), as the
 * leaderboard computes it; null when the call failed or the answer did not parse.
 */
export function scoreRow(
  track: Track,
  split: DatasetSplit,
  item: DatasetSplit['items'][number],
  row: ResultRow,
): Pick<WorstCase, 'metric' | 'score' | 'reason'> {
  const metric = track.task === 'diagnose' ? 'diagnosis' : headlineMetric(track.task);
  if (row.status === 'error') return { metric, score: null, reason: 'error' };
  if (row.status !== 'ok') return { metric, score: null, reason: 'unparseable' };
  const { label, series } = item;
  if (track.task === 'diagnose') {
    const category = row.category ?? NORMAL_CATEGORY;
    const anomalous = row.answer?.anomalous ?? category !== NORMAL_CATEGORY;
    const truthCategory = label.category ?? (label.anomalous ? 'Anomaly' : NORMAL_CATEGORY);
    const score =
      (anomalous === label.anomalous ? 0.5 : 0) + (category === truthCategory ? 0.5 : 0);
    return { metric, score, reason: 'computed' };
  }
  let input: SeriesInput;
  if (track.task === 'variate') {
    input = {
      task: 'variate',
      truth: label.channels ?? [],
      predicted: row.channels ?? [],
      dims: series.channels.length,
    };
  } else {
    const dropped = droppedIndicesOf(split, row.seriesId);
    input = {
      task: 'interval',
      truth: label.intervals ?? [],
      predicted: row.intervals ?? [],
      length: series.values[0]?.length ?? 0,
      ...(dropped === undefined ? {} : { droppedIndices: dropped }),
    };
  }
  const result = scoreSeries(input, conventions[track.scoring]);
  return { metric, score: result.metrics?.[metric] ?? null, reason: result.rule };
}
