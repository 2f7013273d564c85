import type { SeededRandom } from './random.js';

/**
 * Indices whose label entry is exactly 1 (VisualTimeAnomaly `vector_to_point`); NaN entries are
 * skipped.
 */
export function pointsFromVector(vector: readonly number[]): number[] {
  const points: number[] = [];
  vector.forEach((value, index) => {
    if (value === 1) points.push(index);
  });
  return points;
}

/**
 * Half-open runs of 1s (VisualTimeAnomaly `vector_to_interval`): a run starts at a 1 and ends at
 * the next 0, so a NaN (dropped point) neither starts nor ends a run.
 */
export function intervalsFromVector(vector: readonly number[]): [number, number][] {
  const intervals: [number, number][] = [];
  let start = -1;
  vector.forEach((value, index) => {
    if (value === 1 && start < 0) start = index;
    else if (value === 0 && start >= 0) {
      intervals.push([start, index]);
      start = -1;
    }
  });
  if (start >= 0) intervals.push([start, vector.length]);
  return intervals;
}

/**
 * Irregular sampling: sets `trunc(n·ratio)` distinct indices, drawn without replacement, to NaN in
 * the values and (when given) the label vector; returns the dropped indices in ascending order.
 */
export function dropPoints(
  values: number[],
  labelVector: number[] | undefined,
  ratio: number,
  random: SeededRandom,
): number[] {
  const dropped = random.sampleWithoutReplacement(values.length, Math.trunc(values.length * ratio));
  for (const index of dropped) {
    values[index] = Number.NaN;
    if (labelVector !== undefined) labelVector[index] = Number.NaN;
  }
  return dropped.sort((a, b) => a - b);
}

/** Values as written to JSON: NaN becomes null. */
export function toJsonValues(values: readonly number[]): (number | null)[] {
  return values.map((value) => (Number.isNaN(value) ? null : value));
}

/** Stable series id `<dataset>-<type>-<split>-<nnn>` (1-based, zero-padded to 3 digits). */
export function generatedSeriesId(
  dataset: string,
  type: string,
  split: string,
  index: number,
): string {
  return `${dataset}-${type}-${split}-${String(index + 1).padStart(3, '0')}`;
}
