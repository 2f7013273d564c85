import { describe, expect, it } from 'vitest';
import { calibration } from './calibration.js';

describe('calibration', () => {
  it.each([
    // Both claims in bin [0.9, 1]: accuracy ½, confidence 0.9 → |0.5 − 0.9| = 0.4.
    {
      name: 'overconfident',
      pairs: [
        [0.9, true],
        [0.9, false],
      ],
      ece: 0.4,
    },
    // Bin [0.2, 0.3): accuracy 0 vs 0.2 (weight ½); bin [0.8, 0.9): accuracy 1 vs 0.8 (weight ½).
    {
      name: 'two bins',
      pairs: [
        [0.2, false],
        [0.8, true],
      ],
      ece: 0.2,
    },
    // Confidence 1 falls in the last bin, confidence 0 in the first: both exactly right.
    {
      name: 'perfect',
      pairs: [
        [1, true],
        [0, false],
      ],
      ece: 0,
    },
    // Bin [0.6, 0.7): 3 claims at 0.6, 2 right → |2/3 − 0.6| = 1/15, weight 3/4; bin [0.3, 0.4):
    // one wrong claim at 0.3 → 0.3, weight 1/4. ECE = 0.05 + 0.075.
    {
      name: 'weighted',
      pairs: [
        [0.6, true],
        [0.6, true],
        [0.6, false],
        [0.3, false],
      ],
      ece: 0.125,
    },
  ])('$name: ECE $ece', ({ pairs, ece }) => {
    const result = calibration(
      pairs.map(([confidence, correct]) => ({
        confidence: Number(confidence),
        correct: correct === true,
      })),
    );
    expect(result.ece).toBeCloseTo(ece, 12);
  });

  it('reports the reliability bins', () => {
    const { bins } = calibration(
      [
        { confidence: 0.95, correct: true },
        { confidence: 0.05, correct: false },
      ],
      { bins: 2 },
    );
    expect(bins).toEqual([
      { low: 0, high: 0.5, count: 1, meanConfidence: 0.05, accuracy: 0 },
      { low: 0.5, high: 1, count: 1, meanConfidence: 0.95, accuracy: 1 },
    ]);
  });

  it('is null without claims and rejects confidences outside [0, 1]', () => {
    expect(calibration([]).ece).toBeNull();
    expect(() => calibration([{ confidence: 1.5, correct: true }])).toThrow(/\[0, 1\]/);
  });
});
