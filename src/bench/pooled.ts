import type { DatasetIndex } from './dataset-index.js';
import type { ResultRow } from './result-row.js';
import type { Suite } from './suite.js';

/** Name of the track that pools every series of a `files` suite. */
export const pooledTrackName = 'all';

/**
 * For a suite whose tracks are all folders of one's own files (`bench --data`), a one-track
 * suite over every series, so the leaderboard also has a mean row over all series; undefined
 * for other suites or a single track.
 */
export function pooledSuite(
  suite: Suite,
  splits: ReadonlyMap<string, DatasetIndex>,
  rows: Iterable<ResultRow>,
): { suite: Suite; splits: Map<string, DatasetIndex>; rows: ResultRow[] } | undefined {
  const first = suite.tracks[0];
  if (
    first === undefined ||
    suite.tracks.length < 2 ||
    suite.tracks.some((track) => track.dataset.generator !== 'files')
  )
    return undefined;
  if (suite.tracks.some((track) => track.task !== first.task || track.name === pooledTrackName))
    return undefined;
  const items = suite.tracks.flatMap((track) => splits.get(track.name)?.items ?? []);
  const split: DatasetIndex = {
    dataset: 'files',
    type: pooledTrackName,
    split: 'eval',
    meta: {},
    items,
  };
  return {
    suite: { ...suite, tracks: [{ ...first, name: pooledTrackName }] },
    splits: new Map([[pooledTrackName, split]]),
    rows: [...rows].map((row) => ({ ...row, track: pooledTrackName })),
  };
}
