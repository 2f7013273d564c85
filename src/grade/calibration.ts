import { InputError } from '../errors.js';

/** One stated confidence and whether the claim it backs was right. */
export interface CalibrationPair {
  confidence: number;
  correct: boolean;
}

/** One confidence bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Bin bounds: `[low, high)`, the last bin includes 1. */
  low: number;
  high: number;
  count: number;
  /** Mean stated confidence in the bin; `null` when empty. */
  meanConfidence: number | null;
  /** Share of the bin's claims that were right; `null` when empty. */
  accuracy: number | null;
}

/** Expected calibration error and the reliability diagram it is read from. */
export interface Calibration {
  /** Σ over bins of (bin share of claims) · |accuracy − mean confidence|; `null` without claims. */
  ece: number | null;
  bins: ReliabilityBin[];
}

/**
 * Expected calibration error over equal-width confidence bins (Guo et al. 2017, 10 bins by
 * default).
 * @example calibration([{ confidence: 0.9, correct: true }, { confidence: 0.9, correct: false
 * }]).ece // 0.4
 */
export function calibration(
  pairs: readonly CalibrationPair[],
  options: { bins?: number } = {},
): Calibration {
  const count = options.bins ?? 10;
  if (!Number.isInteger(count) || count < 1) {
    throw new InputError(
      'grade.invalid_option',
      `bins is ${String(count)}; it must be a whole number ≥ 1.`,
      { field: 'bins' },
    );
  }
  const sums = Array.from({ length: count }, () => ({ n: 0, confidence: 0, correct: 0 }));
  pairs.forEach(({ confidence, correct }, index) => {
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new InputError(
        'grade.invalid_option',
        `pairs[${index}].confidence is ${String(confidence)}; confidences lie in [0, 1].`,
        { field: `pairs[${index}].confidence` },
      );
    }
    const bin = sums[Math.min(count - 1, Math.floor(confidence * count))];
    if (bin === undefined) return;
    bin.n += 1;
    bin.confidence += confidence;
    bin.correct += correct ? 1 : 0;
  });
  const bins = sums.map((sum, index) => ({
    low: index / count,
    high: (index + 1) / count,
    count: sum.n,
    meanConfidence: sum.n === 0 ? null : sum.confidence / sum.n,
    accuracy: sum.n === 0 ? null : sum.correct / sum.n,
  }));
  if (pairs.length === 0) return { ece: null, bins };
  const ece = bins.reduce(
    (total, bin) =>
      total +
      (bin.count / pairs.length) * Math.abs((bin.accuracy ?? 0) - (bin.meanConfidence ?? 0)),
    0,
  );
  return { ece, bins };
}
