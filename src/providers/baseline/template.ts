import { interpolateAt } from './stats.js';

/** Cycles on each side of a point whose values at the same phase form its template. */
export const TEMPLATE_CYCLES_PER_SIDE = 8;

/** Fewest same-phase values a template value needs (else NaN). */
const TEMPLATE_MIN_VALUES = 4;

/**
 * The cycle template of a periodic series at index t: the median of the values at the same phase
 * in up to `TEMPLATE_CYCLES_PER_SIDE` cycles before and after (the point's own cycle left out,
 * each value shifted by `shift` per period so a steady drift cancels). Where the pattern repeats
 * exactly, this expectation averages the noise of many cycles instead of the three a side the
 * local seasonal expectation uses, so a point that left its cycle's shape by a few noise units
 * (a contextual anomaly: inside the series' range, wrong for its phase) stands out of a residual
 * hardly wider than the noise itself. NaN where fewer than four same-phase values exist.
 * `scratch` holds at least 2·`TEMPLATE_CYCLES_PER_SIDE` values (reused, so no allocation).
 */
export function templateAt(
  values: Float64Array,
  t: number,
  cycle: { period: number; shift: number },
  scratch: Float64Array,
): number {
  const { period, shift } = cycle;
  const n = values.length;
  const whole = Number.isInteger(period);
  let count = 0;
  for (let k = -TEMPLATE_CYCLES_PER_SIDE; k <= TEMPLATE_CYCLES_PER_SIDE; k++) {
    if (k === 0) continue;
    const position = t + k * period;
    if (position < 0 || position > n - 1) continue;
    const value =
      (whole ? (values[position] as number) : interpolateAt(values, position)) - k * shift;
    if (!Number.isFinite(value)) continue;
    // Insertion sort: at most 16 values.
    let i = count++;
    while (i > 0 && (scratch[i - 1] as number) > value) {
      scratch[i] = scratch[i - 1] as number;
      i--;
    }
    scratch[i] = value;
  }
  if (count < TEMPLATE_MIN_VALUES) return Number.NaN;
  const middle = count >> 1;
  return count % 2 === 1
    ? (scratch[middle] as number)
    : ((scratch[middle - 1] as number) + (scratch[middle] as number)) / 2;
}

/** {@link templateAt} at every index. */
export function cycleTemplate(values: Float64Array, period: number, slope: number): Float64Array {
  const scratch = new Float64Array(2 * TEMPLATE_CYCLES_PER_SIDE);
  const cycle = { period, shift: slope * period };
  return Float64Array.from(values, (_, t) => templateAt(values, t, cycle, scratch));
}
