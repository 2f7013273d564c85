import type { ResultRow } from '../bench/result-row.js';
import type { LeaderboardRow } from '../bench/score.js';
import type { Suite } from '../bench/suite.js';
import type { DatasetSplit } from '../schema/dataset.js';
import { formatPercent } from './format.js';
import { scoreRow } from './worst.js';

/** A plain-text table (cells unescaped; the caller escapes for its format). */
export interface TextTable {
  headers: string[];
  /** Which columns are numbers (right-aligned). */
  numeric: boolean[];
  rows: string[][];
}

/** How a leaderboard row or result row names its model variant in a breakdown column. */
function variantOf(parts: {
  model: string;
  prompt: string;
  modality: string;
  hints: string;
}): string {
  return `${parts.model} · ${parts.prompt} · ${parts.modality}${parts.hints === 'none' ? '' : '+hints'}`;
}

const scoreText = (row: LeaderboardRow | undefined): string => {
  if (row === undefined) return '—';
  const value = formatPercent(row.headline.value);
  const ci = row.headline.ci;
  return ci === undefined
    ? value
    : `${value} [${(ci[0] * 100).toFixed(0)}–${(ci[1] * 100).toFixed(0)}]`;
};

/** A model column of the overview: the model and how it was asked (modality, hints). */
const columnOf = (row: LeaderboardRow): string =>
  `${row.model} · ${row.modality}${row.hints === 'none' ? '' : '+hints'}`;

/**
 * Per-track breakdown: one row per track (and the overall row), one column per model and
 * modality, each cell its best prompt's headline score with the 95 % interval (the prompt named
 * when the track tried several); the best trivial baseline beside it.
 */
export function trackOverview(leaderboard: readonly LeaderboardRow[]): TextTable {
  const isModel = (row: LeaderboardRow): boolean => !row.trivial && row.published === undefined;
  const columns = [...new Set(leaderboard.filter(isModel).map(columnOf))];
  const tracks = [...new Set(leaderboard.map((row) => row.track))];
  const rows = tracks.map((track) => {
    const inTrack = leaderboard.filter((row) => row.track === track);
    const trivial = inTrack
      .filter((row) => row.trivial)
      .sort((a, b) => (b.headline.value ?? -1) - (a.headline.value ?? -1))[0];
    const cells = columns.map((column) => {
      const candidates = inTrack
        .filter((row) => isModel(row) && columnOf(row) === column)
        .sort((a, b) => (b.headline.value ?? -1) - (a.headline.value ?? -1));
      const best = candidates[0];
      if (best === undefined) return '—';
      return candidates.length > 1 ? `${scoreText(best)} (${best.prompt})` : scoreText(best);
    });
    return [
      track,
      inTrack[0]?.headline.metric ?? '',
      ...cells,
      trivial === undefined ? '—' : `${formatPercent(trivial.headline.value)} (${trivial.model})`,
    ];
  });
  return {
    headers: ['track', 'metric', ...columns, 'best trivial baseline'],
    numeric: [false, false, ...columns.map(() => true), true],
    rows,
  };
}

/** The category an item's label gives it: its category, else its generator type, else normal. */
function categoryOf(label: DatasetSplit['items'][number]['label']): string {
  if (label.category !== null) return label.category;
  if (label.type !== null && label.type !== undefined && label.type !== '') return label.type;
  return label.anomalous ? 'anomalous (no category)' : 'normal';
}

/**
 * Per-category breakdown of one track: for each label category (or generator type), the series
 * count and each model variant's mean headline score over those series (first samples only;
 * failed answers count as 0, as in the leaderboard's `correct`).
 */
export function categoryBreakdown(
  suite: Suite,
  splits: ReadonlyMap<string, DatasetSplit>,
  rows: readonly ResultRow[],
): Map<string, TextTable> {
  const out = new Map<string, TextTable>();
  for (const track of suite.tracks) {
    const split = splits.get(track.name);
    if (split === undefined) continue;
    const items = new Map(split.items.map((item) => [item.series.id, item]));
    const inTrack = rows.filter((row) => row.track === track.name && row.sample === 0);
    const variants = [
      ...new Set(
        inTrack.map((row) =>
          variantOf({
            model: row.provider,
            prompt: `${row.prompt.id}@${row.prompt.version}`,
            modality: row.modality,
            hints: row.hints,
          }),
        ),
      ),
    ];
    const scores = new Map<string, number[]>();
    const counts = new Map<string, number>();
    for (const item of split.items)
      counts.set(categoryOf(item.label), (counts.get(categoryOf(item.label)) ?? 0) + 1);
    for (const row of inTrack) {
      const item = items.get(row.seriesId);
      if (item === undefined) continue;
      const variant = variantOf({
        model: row.provider,
        prompt: `${row.prompt.id}@${row.prompt.version}`,
        modality: row.modality,
        hints: row.hints,
      });
      const key = `${categoryOf(item.label)}\u0000${variant}`;
      const score = scoreRow(track, split, item, row).score ?? 0;
      // Appended in place: copying the list per row is quadratic on a 100,000-row run.
      const list = scores.get(key);
      if (list === undefined) scores.set(key, [score]);
      else list.push(score);
    }
    const categories = [...counts.keys()].sort();
    out.set(track.name, {
      headers: ['category', 'series', ...variants],
      numeric: [false, true, ...variants.map(() => true)],
      rows: categories.map((category) => [
        category,
        String(counts.get(category) ?? 0),
        ...variants.map((variant) => {
          const list = scores.get(`${category}\u0000${variant}`) ?? [];
          return list.length === 0
            ? '—'
            : formatPercent(list.reduce((sum, value) => sum + value, 0) / list.length);
        }),
      ]),
    });
  }
  return out;
}
