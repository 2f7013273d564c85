import { createHash } from 'node:crypto';
import type { DatasetSplit } from '../schema/dataset.js';

/**
 * Counts the distinct series (same values, timestamps and label = one) among the given ids of a
 * split. A generator that draws no randomness for a normal series (AnomLLM's trend, faithfully)
 * repeats the same series, and a score over n copies carries less evidence than n suggests.
 */
export function distinctSeriesCounter(split: DatasetSplit): (ids: Iterable<string>) => number {
  const keyOf = new Map<string, string>();
  for (const item of split.items) {
    const { id: _id, ...series } = item.series;
    const { seriesId: _seriesId, explanation: _explanation, ...label } = item.label;
    const text = JSON.stringify([series, label]);
    keyOf.set(item.series.id, createHash('sha256').update(text).digest('hex'));
  }
  return (ids) => {
    const keys = new Set<string>();
    for (const id of ids) keys.add(keyOf.get(id) ?? `missing:${id}`);
    return keys.size;
  };
}
