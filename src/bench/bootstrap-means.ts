/**
 * Means over resampled series computed by the bootstrap itself, several at a time: the sums of
 * up to four statistics over one draw advance together (four independent additions per index
 * instead of one chain), each still adding its values in draw order, so every mean is the same
 * double a one-statistic loop gives. Scoring a large run resamples dozens of such means.
 */

/**
 * The mean of `values[0]` over a draw of group 0, or with `macro` the mean over groups of each
 * group's mean (`values[g]` over group g's draw), summed in draw and group order.
 */
export interface DenseMean {
  kind: 'dense-mean';
  values: readonly Float64Array[];
  macro: boolean;
}

/** Whether a bootstrap statistic is a {@link DenseMean} rather than a function. */
export function isDenseMean(statistic: unknown): statistic is DenseMean {
  return (
    typeof statistic === 'object' &&
    statistic !== null &&
    (statistic as { kind?: unknown }).kind === 'dense-mean'
  );
}

/** Where each mean's per-group sums land, prepared once per bootstrap call. */
export interface DenseMeanPlan {
  means: readonly DenseMean[];
  /** Per group, the arrays summed over its draw. */
  arrays: Float64Array[][];
  /** Per group, the sums of the last draw (same positions as `arrays`). */
  sums: Float64Array[];
  /** `slots[m][g]`: position of mean m's array in group g's lists. */
  slots: number[][];
}

/** Plans the sums of `means` over `groups` groups of draws. */
export function planDenseMeans(means: readonly DenseMean[], groups: number): DenseMeanPlan {
  const arrays: Float64Array[][] = Array.from({ length: groups }, () => []);
  const slots = means.map((mean) =>
    mean.values.map((values, group) => {
      const list = arrays[group] as Float64Array[];
      list.push(values);
      return list.length - 1;
    }),
  );
  return { means, arrays, sums: arrays.map((list) => new Float64Array(list.length)), slots };
}

/** Each planned mean over this resample's `draws` (one per group), in plan order. */
export function denseMeansOf(plan: DenseMeanPlan, draws: readonly Uint32Array[]): number[] {
  for (let group = 0; group < draws.length; group += 1)
    sumGathered(
      draws[group] as Uint32Array,
      plan.arrays[group] as Float64Array[],
      plan.sums[group] as Float64Array,
    );
  return plan.means.map((mean, m) => {
    const slots = plan.slots[m] as number[];
    const groupMean = (group: number): number =>
      ((plan.sums[group] as Float64Array)[slots[group] as number] as number) /
      (draws[group] as Uint32Array).length;
    if (!mean.macro) return groupMean(0);
    let sum = 0;
    for (let group = 0; group < slots.length; group += 1) sum += groupMean(group);
    return sum / slots.length;
  });
}

/** `out[k]` = the sum of `arrays[k][draw[i]]` over i in order, four arrays per pass. */
function sumGathered(draw: Uint32Array, arrays: readonly Float64Array[], out: Float64Array): void {
  const n = draw.length;
  let k = 0;
  for (; k + 4 <= arrays.length; k += 4) {
    const a = arrays[k] as Float64Array;
    const b = arrays[k + 1] as Float64Array;
    const c = arrays[k + 2] as Float64Array;
    const d = arrays[k + 3] as Float64Array;
    let sa = 0;
    let sb = 0;
    let sc = 0;
    let sd = 0;
    for (let i = 0; i < n; i += 1) {
      const j = draw[i] as number;
      sa += a[j] as number;
      sb += b[j] as number;
      sc += c[j] as number;
      sd += d[j] as number;
    }
    out[k] = sa;
    out[k + 1] = sb;
    out[k + 2] = sc;
    out[k + 3] = sd;
  }
  for (; k + 2 <= arrays.length; k += 2) {
    const a = arrays[k] as Float64Array;
    const b = arrays[k + 1] as Float64Array;
    let sa = 0;
    let sb = 0;
    for (let i = 0; i < n; i += 1) {
      const j = draw[i] as number;
      sa += a[j] as number;
      sb += b[j] as number;
    }
    out[k] = sa;
    out[k + 1] = sb;
  }
  for (; k < arrays.length; k += 1) {
    const a = arrays[k] as Float64Array;
    let sa = 0;
    for (let i = 0; i < n; i += 1) sa += a[draw[i] as number] as number;
    out[k] = sa;
  }
}
