import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import {
  intervalConfidenceScores,
  sampleShareScores,
  scoreCurves,
  type ScoreCurves,
} from './score-curves.js';

type Pair = [number, number];
const half = Math.SQRT1_2;

interface Case {
  name: string;
  truth: Pair[];
  scores: number[];
  window: number;
  expected: ScoreCurves;
}

// VUS with window W averages the range curves of buffer widths 0..W. Hand-worked values say how in
// the comment; the others were computed by bench/python/tsb_ad_curves.py, a whole-array pure-Python
// port of TSB-AD's basic_metrics.py (`npm run bench:score-curves` compares 120 more random cases).
const singlePointW2Roc = (() => {
  // Width 2: buffer points 3 and 5 weigh √½. Threshold 1 (pred {3}): TP = √½, P_new = 1 + √½/2,
  // TPR = √½/P_new, FPR = (1 − √½)/(10 − P_new), precision √½. Threshold 0 (all): TP = 1 + 2√½,
  // P_new = (1 + TP)/2, TPR = 1, FPR = (10 − TP)/(10 − P_new), precision TP/10.
  const pNew1 = 1 + half / 2;
  const tpr1 = half / pNew1;
  const fpr1 = (1 - half) / (10 - pNew1);
  const tp2 = 1 + 2 * half;
  const fpr2 = (10 - tp2) / (10 - (1 + tp2) / 2);
  const roc = (fpr1 * tpr1) / 2 + ((fpr2 - fpr1) * (tpr1 + 1)) / 2 + (1 - fpr2);
  const pr = tpr1 * half + (1 - tpr1) * (tp2 / 10);
  return { roc, pr };
})();

const cases: Case[] = [
  {
    name: 'perfect binary scores',
    truth: [[2, 4]],
    scores: [0, 0, 1, 1, 0],
    window: 2,
    expected: { aucRoc: 1, aucPr: 1, vusRoc: 1, vusPr: 1 },
  },
  {
    // Positive 0.4 beats 0.1 and 0.35, loses to 0.8: AUC 2/3. Ranked: 0.8 (no), 0.4 (yes) → AP 1/2.
    // Width 0 is the point-wise curve at every distinct score.
    name: 'real scores, width 0 equals the point-wise curves',
    truth: [[1, 2]],
    scores: [0.1, 0.4, 0.35, 0.8],
    window: 0,
    expected: { aucRoc: 2 / 3, aucPr: 0.5, vusRoc: 2 / 3, vusPr: 0.5 },
  },
  {
    // Flags index 3, truth is index 4. Point-wise: the positive ties with 8 negatives at 0 and
    // loses to one: (8/2)/9 = 4/9. AP: recall reached only at threshold 0, precision 1/10.
    // Width 0 and 1 have no buffer: curve (0,0) (1/9,0) (1,1) → 4/9, AP 0.1.
    name: 'prediction one point early, width 0',
    truth: [[4, 5]],
    scores: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    window: 0,
    expected: { aucRoc: 4 / 9, aucPr: 0.1, vusRoc: 4 / 9, vusPr: 0.1 },
  },
  {
    name: 'prediction one point early, width 2 credits the buffer',
    truth: [[4, 5]],
    scores: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    window: 2,
    expected: {
      aucRoc: 4 / 9,
      aucPr: 0.1,
      vusRoc: (4 / 9 + 4 / 9 + singlePointW2Roc.roc) / 3,
      vusPr: (0.1 + 0.1 + singlePointW2Roc.pr) / 3,
    },
  },
  {
    name: 'prediction one point early, width 4 (port)',
    truth: [[4, 5]],
    scores: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    window: 4,
    expected: { aucRoc: 4 / 9, aucPr: 0.1, vusRoc: 0.6579904791449896, vusPr: 0.39123285405807395 },
  },
  {
    // Empty prediction = constant scores: AUC-ROC 1/2, AP = share of positives.
    name: 'empty prediction, width 0',
    truth: [[1, 3]],
    scores: [0, 0, 0, 0],
    window: 0,
    expected: { aucRoc: 0.5, aucPr: 0.5, vusRoc: 0.5, vusPr: 0.5 },
  },
  {
    name: 'empty prediction, width 3 (port)',
    truth: [[1, 3]],
    scores: [0, 0, 0, 0],
    window: 3,
    expected: { aucRoc: 0.5, aucPr: 0.5, vusRoc: 0.6546020136543329, vusPr: 0.6904504202642843 },
  },
  {
    // Positives 0.9, 0.9 beat all 9 negatives, 0.2 beats the seven 0s: 25/27.
    // AP: 0.9 ×2 → P 1, R 2/3; 0.2 → P 3/5, R 1: 2/3 + 0.2.
    name: 'confidence-like scores (port for VUS)',
    truth: [[5, 8]],
    scores: [0, 0, 0, 0, 0.7, 0.9, 0.9, 0.2, 0, 0, 0, 0.3],
    window: 3,
    expected: {
      aucRoc: 25 / 27,
      aucPr: 2 / 3 + 0.2,
      vusRoc: 0.9487562918664494,
      vusPr: 0.9047246876515603,
    },
  },
  {
    // 3 negatives; the tied group {0.5 ×3} holds 2 positives and 1 negative: 2·2 + (2·1)/2 = 5 of
    // 6.
    name: 'ties and a window longer than the series (port for VUS)',
    truth: [[1, 3]],
    scores: [0.5, 0.5, 0.5, 0, 0],
    window: 30,
    expected: {
      aucRoc: 5 / 6,
      aucPr: 2 / 3,
      vusRoc: 0.9792133771195201,
      vusPr: 0.9613826439733306,
    },
  },
  {
    name: 'events at both ends (port)',
    truth: [
      [0, 2],
      [7, 8],
    ],
    scores: [1, 0, 0, 0, 0, 0, 1, 1],
    window: 4,
    expected: {
      aucRoc: 0.7333333333333333,
      aucPr: 0.5694444444444444,
      vusRoc: 0.8410907178149076,
      vusPr: 0.7549004292193661,
    },
  },
  {
    // Positive at 2 beats all 9 negatives; 9 and 10 tie with them: (9 + 2·9/2)/27 = 2/3.
    // AP: threshold 1 → P 1, R 1/3; threshold 0 → P 3/12, R 1: 1/3 + 2/3 · 1/4 = 1/2.
    name: 'one of two events found (port for VUS)',
    truth: [
      [2, 3],
      [9, 11],
    ],
    scores: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    window: 6,
    expected: { aucRoc: 2 / 3, aucPr: 0.5, vusRoc: 0.7061045933822516, vusPr: 0.6239734246104761 },
  },
  {
    name: 'two events, constant scores (port)',
    truth: [
      [2, 3],
      [9, 11],
    ],
    scores: new Array<number>(12).fill(0),
    window: 6,
    expected: { aucRoc: 0.5, aucPr: 0.25, vusRoc: 0.6473255120587018, vusPr: 0.5487681095325713 },
  },
  {
    name: 'two events, real scores (port)',
    truth: [
      [2, 3],
      [9, 11],
    ],
    scores: [0.3, 0.1, 0.9, 0.2, 0.1, 0.3, 0.2, 0.8, 0.4, 0.7, 0.95, 0.5],
    window: 10,
    expected: {
      aucRoc: 0.962962962962963,
      aucPr: 0.9166666666666666,
      vusRoc: 0.983540827130497,
      vusPr: 0.959986787127017,
    },
  },
  {
    name: 'no truth event: undefined',
    truth: [],
    scores: [0, 1, 0],
    window: 2,
    expected: { aucRoc: null, aucPr: null, vusRoc: null, vusPr: null },
  },
  {
    name: 'no truth event, empty prediction: undefined',
    truth: [],
    scores: [0, 0, 0],
    window: 0,
    expected: { aucRoc: null, aucPr: null, vusRoc: null, vusPr: null },
  },
  {
    // Every point positive: precision is 1 everywhere (AP 1); ROC and VUS divide by zero negatives.
    name: 'truth covers the whole series',
    truth: [[0, 4]],
    scores: [0.2, 0.1, 0.9, 0],
    window: 2,
    expected: { aucRoc: null, aucPr: 1, vusRoc: null, vusPr: null },
  },
  {
    name: 'truth covers the whole series, binary scores',
    truth: [[0, 3]],
    scores: [1, 1, 1],
    window: 0,
    expected: { aucRoc: null, aucPr: 1, vusRoc: null, vusPr: null },
  },
  {
    // Positives 0.9 and 0.5 (indices 0, 3); negatives 0.5, 0.5, 0.1. AUC-ROC: 0.9 beats 3, 0.5
    // ties 2 and beats 1 → (3 + 1 + 1)/6. AP: 0.9 → P 1, R ½; 0.5 → P 2/4, R 1 → ½ + ½·½ = ¾.
    // VUS (width 0) walks 250 levels of the sorted scores and multiplies recall by the share of
    // events touched: level 0.9 finds 1 of 2 events → TPR ½·½ = ¼, FPR 0; level 0.5 → TPR 1,
    // FPR 2/3, precision ½; level 0.1 → FPR 1. ROC: (2/3)(¼ + 1)/2 + 1/3 = ¾; PR: ¼·1 + ¾·½ = 5/8.
    name: 'two one-point events, ties, width 0: VUS rewards events found',
    truth: [
      [0, 1],
      [3, 4],
    ],
    scores: [0.9, 0.5, 0.5, 0.5, 0.1],
    window: 0,
    expected: { aucRoc: 5 / 6, aucPr: 0.75, vusRoc: 0.75, vusPr: 0.625 },
  },
  {
    // Empty prediction: every level predicts everything → ROC (0,0)→(1,1), AP = 2/8.
    name: 'empty prediction, one two-point event, width 0',
    truth: [[1, 3]],
    scores: [0, 0, 0, 0, 0, 0, 0, 0],
    window: 0,
    expected: { aucRoc: 0.5, aucPr: 0.25, vusRoc: 0.5, vusPr: 0.25 },
  },
  {
    // One point, and it is the event: all truth (no negative), AP 1.
    name: 'a one-point series that is all truth',
    truth: [[0, 1]],
    scores: [1],
    window: 0,
    expected: { aucRoc: null, aucPr: 1, vusRoc: null, vusPr: null },
  },
  {
    // Worst ranking: every negative above the positive.
    name: 'inverted scores',
    truth: [[0, 1]],
    scores: [0, 1, 1],
    window: 0,
    expected: { aucRoc: 0, aucPr: 1 / 3, vusRoc: 0, vusPr: 1 / 3 },
  },
];

describe('scoreCurves', () => {
  it.each(cases)('$name', ({ truth, scores, window, expected }) => {
    const got = scoreCurves({ truth, scores, length: scores.length, window });
    for (const key of ['aucRoc', 'aucPr', 'vusRoc', 'vusPr'] as const) {
      const value = expected[key];
      if (value === null) expect(got[key], key).toBeNull();
      else expect(got[key], key).toBeCloseTo(value, 12);
    }
  });

  it('uses window 100 when none is given', () => {
    const input = {
      truth: [[40, 45]] as Pair[],
      scores: Array.from({ length: 300 }, (_, i) => (i >= 38 && i < 44 ? 1 : 0)),
      length: 300,
    };
    expect(scoreCurves(input)).toEqual(scoreCurves({ ...input, window: 100 }));
    expect(scoreCurves(input).vusPr).not.toEqual(scoreCurves({ ...input, window: 0 }).vusPr);
  });

  it('rejects scores of the wrong length, non-finite scores and a negative window', () => {
    expect(() => scoreCurves({ truth: [], scores: [0, 1], length: 3 })).toThrow(
      /one score per point/,
    );
    expect(() => scoreCurves({ truth: [], scores: [0, Number.NaN], length: 2 })).toThrow(
      InputError,
    );
    expect(() => scoreCurves({ truth: [], scores: [0], length: 1, window: -1 })).toThrow(
      /window is -1/,
    );
  });
});

describe('scores from answers', () => {
  it('gives each point the highest confidence covering it, 1 when none is given', () => {
    const scores = intervalConfidenceScores(
      [
        { interval: [1, 4], confidence: 0.4 },
        { interval: [3, 5], confidence: 0.9 },
        { interval: [6, 7], confidence: null },
      ],
      8,
    );
    expect([...scores]).toEqual([0, 0.4, 0.4, 0.9, 0.9, 0, 1, 0]);
  });

  it('gives each point the share of samples that marked it', () => {
    expect([...sampleShareScores([[[0, 2]], [[1, 3]], [], [[1, 2]]], 4)]).toEqual([
      0.25, 0.75, 0.25, 0,
    ]);
  });
});
