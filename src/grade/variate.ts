import { InputError } from '../errors.js';
import { checkLength, uniqueSortedIndices } from './intervals.js';
import { precisionRecallF1, type PrecisionRecallF1 } from './pointwise.js';

/** Input of {@link variateScores}: anomalous channel (panel) ids, 0-based. */
export interface VariateScoresInput {
  truth: readonly number[];
  predicted: readonly number[];
  /** Number of channels. */
  dims: number;
}

/**
 * Precision/recall/F1 over the length-`dims` 0/1 vector of anomalous channels (VisualTimeAnomaly's
 * multivariate headline), scikit-learn `zero_division=0`. Truth ids must be integers in `[0,
 * dims)`;
 * predicted integer ids outside it are ignored; duplicates count once. (VTA's parser lets negative
 * ids wrap around Python-style; map them before calling this if you reproduce that.)
 */
export function variateScores(input: VariateScoresInput): PrecisionRecallF1 {
  const dims = checkLength(input.dims, 'dims');
  const truth = new Set(uniqueSortedIndices(input.truth, dims, 'truth'));
  // Predicted ids outside [0, dims) are skipped, as VTA's `id_to_vector` skips them (IndexError).
  const predicted = new Set<number>();
  input.predicted.forEach((id, i) => {
    if (!Number.isInteger(id)) {
      throw new InputError(
        'grade.invalid_index',
        `predicted[${i}] is ${String(id)}; channel ids must be integers.`,
        { field: `predicted[${i}]` },
      );
    }
    if (id >= 0 && id < dims) predicted.add(id);
  });
  let tp = 0;
  for (const id of predicted) if (truth.has(id)) tp++;
  return precisionRecallF1({
    truePositives: tp,
    predictedPositives: predicted.size,
    actualPositives: truth.size,
  });
}
