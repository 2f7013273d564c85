import { interpolateAt, median } from './stats.js';

/** Cycles on each side of a point whose values at the same phase form its template. */
export const TEMPLATE_CYCLES_PER_SIDE = 8;

/**
 * The cycle template of a periodic series: at every index, the median of the values at the same
 * phase in up to `cyclesPerSide` cycles before and after (the point's own cycle left out, each
 * value shifted by `slope` per index so a steady drift cancels). Where the pattern repeats
 * exactly, this expectation averages the noise of many cycles instead of the three a side the
 * local seasonal expectation uses, so a point that left its cycle's shape by a few noise units
 * (a contextual anomaly: inside the series' range, wrong for its phase) stands out of a residual
 * that is hardly wider than the noise itself. NaN where fewer than four cycles are available.
 */
export function cycleTemplate(
  values: Float64Array,
  period: number,
  slope: number,
  cyclesPerSide = TEMPLATE_CYCLES_PER_SIDE,
): Float64Array {
  const n = values.length;
  const expected = new Float64Array(n);
  const same = new Float64Array(2 * cyclesPerSide);
  const shift = slope * period;
  for (let t = 0; t < n; t++) {
    let count = 0;
    for (let k = -cyclesPerSide; k <= cyclesPerSide; k++) {
      if (k === 0) continue;
      const position = t + k * period;
      if (position < 0 || position > n - 1) continue;
      const value = interpolateAt(values, position) - k * shift;
      if (Number.isFinite(value)) same[count++] = value;
    }
    expected[t] = count >= 4 ? median(same.subarray(0, count)) : Number.NaN;
  }
  return expected;
}
