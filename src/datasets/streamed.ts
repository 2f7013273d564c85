import type { DatasetSplit } from '../schema/dataset.js';

/** One series of a split with its label. */
export type DatasetItem = DatasetSplit['items'][number];

/**
 * A dataset split produced one item at a time, so a run of 100,000 series never holds them all:
 * `items` may be iterated once; `meta()` is complete once `items` is exhausted (irregular VTA
 * kinds record each series' dropped indices as it is drawn).
 */
export interface StreamedSplit {
  dataset: string;
  type: string;
  split: string;
  /** Series in the split, when known before iterating (generators and files always know it). */
  count: number;
  items: Iterable<DatasetItem>;
  meta: () => Record<string, unknown>;
}

/** Draws every item of a streamed split: the same split a whole-split generator returns. */
export function collectSplit(streamed: StreamedSplit): DatasetSplit {
  const items = [...streamed.items];
  return {
    dataset: streamed.dataset,
    type: streamed.type,
    split: streamed.split,
    meta: streamed.meta(),
    items,
  };
}

/** A split already whole, as a stream (files and RATs40K are read whole). */
export function streamOfSplit(split: DatasetSplit): StreamedSplit {
  return {
    dataset: split.dataset,
    type: split.type,
    split: split.split,
    count: split.items.length,
    items: split.items,
    meta: () => split.meta,
  };
}
