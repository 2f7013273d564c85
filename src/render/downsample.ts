/**
 * Indices to keep when drawing `values` into `buckets` pixel columns: per column the first, the
 * minimum, the maximum and the last sample (plus the first missing one, so gaps stay visible), in
 * their original order. Never drops an extreme. Returns `undefined` when there are at most
 * `maxPointsPerBucket` samples per column, i.e. nothing needs to be dropped.
 */
export function minMaxIndices(
  values: Float64Array,
  options: { buckets: number; maxPointsPerBucket?: number },
): Uint32Array | undefined {
  const n = values.length;
  const buckets = Math.max(1, Math.floor(options.buckets));
  const maxPerBucket = options.maxPointsPerBucket ?? 2;
  if (n <= maxPerBucket * buckets) return undefined;
  const kept = new Uint32Array(buckets * 5);
  let count = 0;
  const picks = [0, 0, 0, 0, 0];
  for (let b = 0; b < buckets; b += 1) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    if (end <= start) continue;
    let minIndex = -1;
    let maxIndex = -1;
    let nanIndex = -1;
    let minValue = Infinity;
    let maxValue = -Infinity;
    for (let i = start; i < end; i += 1) {
      const v = values[i]!;
      if (Number.isNaN(v)) {
        if (nanIndex < 0) nanIndex = i;
        continue;
      }
      if (v < minValue) {
        minValue = v;
        minIndex = i;
      }
      if (v > maxValue) {
        maxValue = v;
        maxIndex = i;
      }
    }
    let m = 0;
    picks[m++] = start;
    if (minIndex >= 0) picks[m++] = minIndex;
    if (maxIndex >= 0) picks[m++] = maxIndex;
    if (nanIndex >= 0) picks[m++] = nanIndex;
    picks[m++] = end - 1;
    // insertion sort of at most five indices, then drop duplicates
    for (let i = 1; i < m; i += 1) {
      const key = picks[i]!;
      let j = i - 1;
      while (j >= 0 && picks[j]! > key) {
        picks[j + 1] = picks[j]!;
        j -= 1;
      }
      picks[j + 1] = key;
    }
    for (let i = 0; i < m; i += 1) {
      if (i === 0 || picks[i] !== picks[i - 1]) kept[count++] = picks[i]!;
    }
  }
  return kept.slice(0, count);
}
