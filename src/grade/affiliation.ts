import type { Interval } from '../schema/interval.js';

/** Affiliation precision/recall/F1; `null` where undefined. */
export interface AffiliationScores {
  /** `null` when there is no predicted event (or no truth event). */
  precision: number | null;
  /** `null` when there is no truth event. */
  recall: number | null;
  /** 2PR/(P+R), 0 when both are 0, `null` when either is `null`. */
  f1: number | null;
}

type Span = readonly [number, number];

/**
 * Affiliation precision/recall (Huet et al., KDD 2022) exactly as
 * `affiliation.metrics.pr_from_events`
 * computes them with `Trange = (0, length)`, in closed form. Index i is the duration [i, i+1), so a
 * half-open index interval is the event itself. Each truth event J owns the zone E between the
 * midpoints to its neighbours (series ends at 0 and `length`). Per zone: precision = mean over the
 * predicted parts inside E of the survival probability of their distance to J (undefined when no
 * prediction falls in E); recall = mean over J of the survival probability of its distance to the
 * predictions in E (0 when none). Precision averages only zones where it is defined; recall
 * averages
 * all zones. Inputs must be normalized (sorted, disjoint, non-adjacent, non-empty intervals).
 * Cost O(#truth + #predicted), independent of `length`.
 */
export function affiliationScores(
  truth: readonly Interval[],
  predicted: readonly Interval[],
  length: number,
): AffiliationScores {
  if (truth.length === 0) return { precision: null, recall: null, f1: null };
  let precisionSum = 0;
  let precisionZones = 0;
  let recallSum = 0;
  let p = 0;
  const pieces: Span[] = [];
  truth.forEach((J, j) => {
    const previous = truth[j - 1];
    const next = truth[j + 1];
    const E: Span = [
      previous === undefined ? 0 : (previous[1] + J[0]) / 2,
      next === undefined ? length : (J[1] + next[0]) / 2,
    ];
    // Predicted parts inside E (only parts of positive length, as `interval_intersection` does).
    while (p < predicted.length && (predicted[p] as Interval)[1] <= E[0]) p++;
    pieces.length = 0;
    for (let k = p; k < predicted.length; k++) {
      const [s, e] = predicted[k] as Interval;
      if (s >= E[1]) break;
      pieces.push([Math.max(s, E[0]), Math.min(e, E[1])]);
    }
    if (pieces.length > 0) {
      let integral = 0;
      let size = 0;
      for (const I of pieces) {
        integral += precisionIntegral(I, J, E);
        size += I[1] - I[0];
      }
      precisionSum += integral / size;
      precisionZones++;
    }
    recallSum += zoneRecall(pieces, J, E);
  });
  const recall = recallSum / truth.length;
  if (precisionZones === 0) return { precision: null, recall, f1: null };
  const precision = precisionSum / precisionZones;
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

/** ∫ over I of P(distance of a uniform point of E to J ≥ distance of x to J) dx. */
function precisionIntegral(I: Span, J: Span, E: Span): number {
  const inside = Math.max(0, Math.min(I[1], J[1]) - Math.max(I[0], J[0]));
  let total = inside;
  if (I[0] < J[0]) total += precisionOutside([I[0], Math.min(I[1], J[0])], J, E);
  if (I[1] > J[1]) total += precisionOutside([Math.max(I[0], J[1]), I[1]], J, E);
  return total;
}

/**
 * Closed form for I entirely on one side of J: with d the distance to J, m the distance from J to
 * the
 * nearer end of E, the survival function is 1 − (min(d, m) + d + |J|)/|E|; integrate d from d_min
 * to d_max.
 */
function precisionOutside(I: Span, J: Span, E: Span): number {
  const dMin = Math.max(I[0] - J[1], J[0] - I[1]);
  const dMax = Math.max(I[1] - J[1], J[0] - I[0]);
  const m = Math.min(J[0] - E[0], E[1] - J[1]);
  const minPiece =
    0.5 * (Math.min(dMax, m) ** 2 - Math.min(dMin, m) ** 2) +
    m * (Math.max(dMax, m) - Math.max(dMin, m));
  const linearPiece = 0.5 * (dMax ** 2 - dMin ** 2);
  const constantPiece = (J[1] - J[0]) * (I[1] - I[0]);
  return I[1] - I[0] - (minPiece + linearPiece + constantPiece) / (E[1] - E[0]);
}

/**
 * Recall of one zone: J is split between the predicted pieces by the midpoints between consecutive
 * pieces (the pieces' own affiliation zones inside E); each part of J is scored against its piece.
 */
function zoneRecall(pieces: readonly Span[], J: Span, E: Span): number {
  if (pieces.length === 0) return 0;
  let total = 0;
  pieces.forEach((I, k) => {
    const previous = pieces[k - 1];
    const next = pieces[k + 1];
    const left = previous === undefined ? E[0] : (previous[1] + I[0]) / 2;
    const right = next === undefined ? E[1] : (I[1] + next[0]) / 2;
    const a = Math.max(J[0], left);
    const b = Math.min(J[1], right);
    if (a < b) total += recallIntegral(I, [a, b], E);
  });
  return total / (J[1] - J[0]);
}

/** ∫ over J of P(distance of a uniform point of E to t ≥ distance of I to t) dt. */
function recallIntegral(I: Span, J: Span, E: Span): number {
  let total = Math.max(0, Math.min(I[1], J[1]) - Math.max(I[0], J[0]));
  if (J[0] < I[0]) total += recallOutside(I[0], [J[0], Math.min(J[1], I[0])], E);
  if (J[1] > I[1]) total += recallOutside(I[1], [Math.max(J[0], I[1]), J[1]], E);
  return total;
}

/**
 * For J on one side of the prediction's nearest point `pivot`: survival at t is
 * 1 − (min(d, m(t)) + d)/|E| with d = |t − pivot| and m(t) the distance from t to the nearer end of
 * E. The integrand is piecewise linear with kinks only at the centre of E and at the midpoints
 * between the pivot and each end of E, so the trapezoid rule on those pieces is exact.
 */
function recallOutside(pivot: number, J: Span, E: Span): number {
  // A pivot outside E cannot occur for parts of predictions inside E; kept as the reference does.
  if (pivot <= E[0] || pivot >= E[1]) return 0;
  const f = (t: number): number => {
    const d = Math.abs(t - pivot);
    return Math.min(d, Math.min(t - E[0], E[1] - t)) + d;
  };
  // Kinks sorted ascending (three values, three compare-swaps), then trapezoids from J[0] to J[1].
  let x = (E[0] + E[1]) / 2;
  let y = (E[0] + pivot) / 2;
  let z = (E[1] + pivot) / 2;
  if (x > y) [x, y] = [y, x];
  if (y > z) [y, z] = [z, y];
  if (x > y) [x, y] = [y, x];
  let integral = 0;
  let a = J[0];
  let fa = f(a);
  for (const c of [x, y, z]) {
    if (c > a && c < J[1]) {
      const fc = f(c);
      integral += ((c - a) * (fa + fc)) / 2;
      a = c;
      fa = fc;
    }
  }
  integral += ((J[1] - a) * (fa + f(J[1]))) / 2;
  return J[1] - J[0] - integral / (E[1] - E[0]);
}
