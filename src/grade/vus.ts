/** Input of {@link volumeUnderSurface}; validated by `scoreCurves`. */
export interface VusInput {
  /** Inclusive `[start, end]` truth segments, sorted and disjoint (at least one). */
  truth: readonly [number, number][];
  /** 0/1 label per point. */
  labels: Uint8Array;
  scores: Float64Array;
  /** Largest buffer width (TSB-AD `slidingWindow`). */
  window: number;
  /** Number of thresholds (TSB-AD `thre`). */
  thresholds: number;
}

/**
 * TSB-AD's `RangeAUC_volume_opt`: for every buffer width w in 0..window, the range-based ROC and
 * PR curves over `thresholds` score thresholds, their areas, averaged over w. The arithmetic is
 * TSB-AD's; only the loops are reorganised (a point outside every buffer contributes nothing,
 * so each (w, threshold) touches the buffer points instead of the whole series).
 */
export function volumeUnderSurface(input: VusInput): { roc: number; pr: number } {
  const { truth, labels, scores, window, thresholds } = input;
  const length = scores.length;
  const positives = labels.reduce((sum, label) => sum + label, 0);
  const levels = thresholdLevels(scores, thresholds);
  const predicted = levels.map((level) =>
    scores.reduce((count, score) => count + (score >= level ? 1 : 0), 0),
  );
  const truePositives = levels.map((level) =>
    truth.reduce((count, [s, e]) => count + countAtLeast(scores, s, e, level), 0),
  );
  let rocSum = 0;
  let prSum = 0;
  for (let w = 0; w <= window; w += 1) {
    const buffer = bufferPoints(truth, labels, w);
    const segments = mergedSegments(truth, w, length);
    const segmentMax = segments.map(([s, e]) => maxOf(scores, s, e));
    const tpr = new Float64Array(thresholds + 2);
    const fpr = new Float64Array(thresholds + 2);
    const precision = new Float64Array(thresholds + 1).fill(1);
    levels.forEach((level, k) => {
      // Buffer points count as far as predicted: labels = extended · pred there, 1 on the truth.
      let bufferHits = 0;
      for (let i = 0; i < buffer.index.length; i += 1) {
        if ((scores[buffer.index[i] as number] ?? 0) >= level) bufferHits += buffer.weight[i] ?? 0;
      }
      const tp = (truePositives[k] ?? 0) + bufferHits;
      const labelled = positives + bufferHits;
      const existence = segmentMax.filter((max) => max >= level).length / segments.length;
      const positivesNew = (positives + labelled) / 2;
      const recall = Math.min(tp / positivesNew, 1);
      const nPredicted = predicted[k] ?? 0;
      tpr[k + 1] = recall * existence;
      fpr[k + 1] = (nPredicted - tp) / (length - positivesNew);
      precision[k + 1] = tp / nPredicted;
    });
    tpr[thresholds + 1] = 1;
    fpr[thresholds + 1] = 1;
    let auc = 0;
    for (let i = 0; i <= thresholds; i += 1) {
      auc += ((fpr[i + 1] ?? 0) - (fpr[i] ?? 0)) * (((tpr[i + 1] ?? 0) + (tpr[i] ?? 0)) / 2);
    }
    let ap = 0;
    for (let i = 0; i < thresholds; i += 1)
      ap += ((tpr[i + 1] ?? 0) - (tpr[i] ?? 0)) * (precision[i + 1] ?? 0);
    rocSum += auc;
    prSum += ap;
  }
  return { roc: rocSum / (window + 1), pr: prSum / (window + 1) };
}

/** `score_sorted[np.linspace(0, n − 1, thre).astype(int)]`, with numpy's linspace arithmetic. */
function thresholdLevels(scores: Float64Array, count: number): number[] {
  const sorted = Float64Array.from(scores).sort().reverse();
  const last = sorted.length - 1;
  const step = count > 1 ? last / (count - 1) : 0;
  return Array.from({ length: count }, (_, k) => {
    const position = count > 1 && k === count - 1 ? last : Math.trunc(k * step);
    return sorted[position] ?? 0;
  });
}

function countAtLeast(scores: Float64Array, start: number, end: number, level: number): number {
  let count = 0;
  for (let i = start; i <= end; i += 1) if ((scores[i] ?? 0) >= level) count += 1;
  return count;
}

function maxOf(scores: Float64Array, start: number, end: number): number {
  let max = -Infinity;
  for (let i = start; i <= end; i += 1) max = Math.max(max, scores[i] ?? -Infinity);
  return max;
}

/**
 * TSB-AD's `sequencing`: outside the truth, points within w//2 of a segment get √(1 − d/w)
 * (summed over segments, capped at 1). Returns those points and weights, truth points excluded.
 */
function bufferPoints(
  truth: readonly [number, number][],
  labels: Uint8Array,
  w: number,
): { index: number[]; weight: number[] } {
  const half = Math.floor(w / 2);
  const extended = new Map<number, number>();
  const add = (x: number, value: number): void => {
    extended.set(x, (extended.get(x) ?? 0) + value);
  };
  for (const [s, e] of truth) {
    for (let x = e + 1; x < Math.min(e + half + 1, labels.length); x += 1)
      add(x, Math.sqrt(1 - (x - e) / w));
    for (let x = Math.max(s - half, 0); x < s; x += 1) add(x, Math.sqrt(1 - (s - x) / w));
  }
  const index: number[] = [];
  const weight: number[] = [];
  for (const [x, value] of [...extended].sort((a, b) => a[0] - b[0])) {
    if (labels[x] === 1) continue;
    index.push(x);
    weight.push(Math.min(1, value));
  }
  return { index, weight };
}

/** TSB-AD's `new_sequence`: truth segments widened by w//2 each side, overlapping ones merged. */
function mergedSegments(
  truth: readonly [number, number][],
  w: number,
  length: number,
): [number, number][] {
  const half = Math.floor(w / 2);
  const first = truth[0] as [number, number];
  const last = truth[truth.length - 1] as [number, number];
  const out: [number, number][] = [];
  let start = Math.max(first[0] - half, 0);
  for (let i = 0; i < truth.length - 1; i += 1) {
    const current = truth[i] as [number, number];
    const next = truth[i + 1] as [number, number];
    if (current[1] + half < next[0] - half) {
      out.push([start, current[1] + half]);
      start = next[0] - half;
    }
  }
  out.push([start, Math.min(last[1] + half, length - 1)]);
  return out;
}
