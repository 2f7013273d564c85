import type { DatasetSplit } from '../schema/dataset.js';

/**
 * Counts the distinct series (same values, timestamps and label = one) among the given ids of a
 * split. A generator that draws no randomness for a normal series (AnomLLM's trend, faithfully)
 * repeats the same series, and a score over n copies carries less evidence than n suggests.
 * Two items are the same when their JSON (series without id, label without seriesId and
 * explanation) is the same text. Writing that text for every series is most of the cost of
 * scoring a large run, so items are first bucketed by a cheap fingerprint that equal texts always
 * share, and only items sharing a bucket are compared by their full text: the count is exact.
 */
export function distinctSeriesCounter(split: DatasetSplit): (ids: Iterable<string>) => number {
  const buckets = new Map<string, DatasetSplit['items']>();
  for (const item of split.items) {
    const print = fingerprint(item);
    const bucket = buckets.get(print);
    if (bucket === undefined) buckets.set(print, [item]);
    else bucket.push(item);
  }
  const keyOf = new Map<string, string>();
  let bucketIndex = 0;
  for (const bucket of buckets.values()) {
    bucketIndex += 1;
    const [only] = bucket;
    if (bucket.length === 1 && only !== undefined) {
      keyOf.set(only.series.id, `${bucketIndex}`);
      continue;
    }
    const texts = new Map<string, number>();
    for (const item of bucket) {
      const text = fullText(item);
      const index = texts.get(text) ?? texts.size;
      texts.set(text, index);
      keyOf.set(item.series.id, `${bucketIndex}:${index}`);
    }
  }
  return (ids) => {
    const keys = new Set<string>();
    for (const id of ids) keys.add(keyOf.get(id) ?? `missing:${id}`);
    return keys.size;
  };
}

type Item = DatasetSplit['items'][number];

function fullText(item: Item): string {
  const { id: _id, ...series } = item.series;
  const { seriesId: _seriesId, explanation: _explanation, ...label } = item.label;
  return JSON.stringify([series, label]);
}

/**
 * Equal full texts give equal fingerprints: the label's text, the channel names, each channel's
 * length and sum (JSON writes null for a missing value, summed as 0; -0 and 0 both write "0" and
 * sum alike), and the timestamps' count and ends. Different fingerprints mean different texts.
 */
function fingerprint(item: Item): string {
  const { seriesId: _seriesId, explanation: _explanation, ...label } = item.label;
  const { values, channels, timestamps } = item.series;
  const sums = values.map((channel) => {
    let sum = 0;
    for (const value of channel) sum += value ?? 0;
    return `${channel.length}/${sum}`;
  });
  const times =
    timestamps === undefined ? '-' : `${timestamps.length}/${timestamps[0]}/${timestamps.at(-1)}`;
  return JSON.stringify([label, channels, sums, times]);
}
