import type { DatasetSplit } from '../schema/dataset.js';
import { asDatasetIndex, type DatasetIndex } from './dataset-index.js';

/**
 * Counts the distinct series (same values, timestamps and label = one) among the given ids of a
 * split. A generator that draws no randomness for a normal series (AnomLLM's trend, faithfully)
 * repeats the same series, and a score over n copies carries less evidence than n suggests.
 * Two items are the same when their JSON (series without id, label without seriesId and
 * explanation) is the same text: the index's content hash, which says exactly that without the
 * text being written (a run's index holds it, so scoring never reads the values).
 */
export function distinctSeriesCounter(
  split: DatasetSplit | DatasetIndex,
): (ids: Iterable<string>) => number {
  const hashOf = new Map<string, string>();
  for (const item of asDatasetIndex(split).items) hashOf.set(item.id, item.hash);
  return (ids) => {
    const keys = new Set<string>();
    // A hash is base64url, never with a colon: a missing id cannot pass for a series.
    for (const id of ids) keys.add(hashOf.get(id) ?? `missing:${id}`);
    return keys.size;
  };
}
