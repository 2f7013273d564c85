import { createRandom } from '../datasets/random.js';
import { InputError } from '../errors.js';
import type { DatasetItem, StreamedSplit } from '../datasets/streamed.js';
import type { DatasetSplit } from '../schema/dataset.js';
import type { Suite } from './suite.js';

/**
 * A cheap trial of a suite: fewer series per track, fewer tracks. Recorded in the run's suite.json.
 */
export interface SubsetOptions {
  /** Keep the first N series of each track. */
  limit?: number;
  /** Keep a seeded random N series of each track (in their original order). */
  sample?: number;
  /** Seed of `sample`. @default 0 */
  seed?: number;
  /** Keep only these tracks, by name. */
  tracks?: readonly string[];
}

/**
 * The suite with only the named tracks, each carrying its subset rule; `datasetFor` applies the
 * rule when the dataset is first materialised, so a resumed run keeps the same series.
 */
export function subsetSuite(suite: Suite, options: SubsetOptions): Suite {
  if (options.limit !== undefined && options.sample !== undefined) {
    throw new InputError(
      'cli.bad_flag',
      '--limit and --sample both pick series; give one of them',
      { field: 'sample' },
    );
  }
  let tracks = suite.tracks;
  if (options.tracks !== undefined) {
    // A track with ablations is named by its variants and by the name in the suite file.
    const known = new Set(
      suite.tracks.flatMap((track) =>
        track.ablation === undefined ? [track.name] : [track.name, track.ablation.of],
      ),
    );
    const unknown = options.tracks.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new InputError(
        'cli.bad_flag',
        `--tracks names ${unknown.join(', ')}, not in suite "${suite.id}"; its tracks are ${[...known].join(', ')}`,
        { field: 'tracks' },
      );
    }
    const wanted = new Set(options.tracks);
    tracks = tracks.filter(
      (track) =>
        wanted.has(track.name) || (track.ablation !== undefined && wanted.has(track.ablation.of)),
    );
  }
  const subset =
    options.limit !== undefined
      ? { limit: options.limit }
      : options.sample !== undefined
        ? { sample: options.sample, seed: options.seed ?? 0 }
        : undefined;
  return {
    ...suite,
    tracks: subset === undefined ? tracks : tracks.map((track) => ({ ...track, subset })),
  };
}

/** A track's subset rule, as `subsetSuite` records it. */
export type SubsetRule =
  | { limit?: number | undefined; sample?: number | undefined; seed?: number | undefined }
  | undefined;

/**
 * The items a track's subset rule keeps: the first `limit`, or a seeded `sample` in original order.
 */
export function applySubset(split: DatasetSplit, subset: SubsetRule): DatasetSplit {
  const kept = keptIndices(split.items.length, subset);
  if (kept === undefined) return split;
  return { ...split, items: split.items.filter((_, index) => kept(index)) };
}

/** {@link applySubset} on a streamed split: the same items, drawn one at a time. */
export function applySubsetStreamed(streamed: StreamedSplit, subset: SubsetRule): StreamedSplit {
  const kept = keptIndices(streamed.count, subset);
  if (kept === undefined) return streamed;
  const limit = subset?.limit;
  const keeps = kept;
  function* items(): Generator<DatasetItem> {
    let index = 0;
    // Every series is still drawn, so the split's meta (irregular kinds' dropped indices) is the
    // one the whole-split path records.
    for (const item of streamed.items) {
      if (keeps(index)) yield item;
      index += 1;
    }
  }
  const count = limit !== undefined ? Math.min(limit, streamed.count) : (subset?.sample ?? 0);
  return { ...streamed, count, items: items() };
}

/** Which indices of `length` items a rule keeps; `undefined` when it keeps every one. */
function keptIndices(length: number, subset: SubsetRule): ((index: number) => boolean) | undefined {
  if (subset === undefined) return undefined;
  if (subset.limit !== undefined) {
    const limit = subset.limit;
    return (index) => index < limit;
  }
  if (subset.sample === undefined || subset.sample >= length) return undefined;
  const keep = new Set(
    createRandom(subset.seed ?? 0).sampleWithoutReplacement(length, subset.sample),
  );
  return (index) => keep.has(index);
}
