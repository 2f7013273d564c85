import { confidenceOf, severityOf, type BaselineAnomaly, type ChannelContext } from './describe.js';
import type { BaselineOptions } from './options.js';
import { twoSidedTail } from './points.js';
import type { ResidualModel } from './residual.js';
import { STATISTICS_MAX_POINTS, quantile, robustScale } from './stats.js';
import { TEMPLATE_CYCLES_PER_SIDE, templateAt } from './template.js';

/** A point that left its cycle's shape: index, template residual z, and the template value. */
export interface ContextualPoint {
  index: number;
  z: number;
  expected: number;
  /** The Benjamini–Hochberg bar in template-residual |z| the point passed. */
  bar: number;
}

/** Longest run of consecutive template outliers that still counts as points, not a stretch. */
const CONTEXTUAL_MAX_RUN = 2;

/** Cut, in first-pass scales, beyond which residuals are left out of the second pass. */
const SCALE_CUT = 4;

/**
 * Robust scale of the template residual measured twice: the second time without the residuals
 * beyond `SCALE_CUT` first-pass scales, so a series with many contextual points (5 % of its rows,
 * say) does not widen the scale they are judged by.
 */
function cleanScale(residual: Float64Array): number {
  const first = robustScale(residual, 0);
  if (!(first > 0)) return first;
  const kept = residual.filter((r) => Math.abs(r) <= SCALE_CUT * first);
  return robustScale(kept, 0);
}

/**
 * Indices with |z| ≥ `threshold` in runs of at most `maxRun` such points: one or two points that
 * left their phase (two contextual points can be neighbours), not a stretch (those are the
 * stretch detector's).
 */
function shortRuns(z: Float64Array, threshold: number, maxRun: number): number[] {
  const found: number[] = [];
  let t = 0;
  while (t < z.length) {
    if (!(Math.abs(z[t] as number) >= threshold)) {
      t++;
      continue;
    }
    let end = t;
    while (end < z.length && Math.abs(z[end] as number) >= threshold) end++;
    if (end - t <= maxRun) for (let i = t; i < end; i++) found.push(i);
    t = end;
  }
  return found;
}

/**
 * How many of `candidates` (sorted by size, largest first) the Benjamini–Hochberg procedure at
 * rate `rate` over `tests` two-sided Gaussian tests accepts.
 */
function benjaminiHochberg(
  candidates: readonly { size: number }[],
  tests: number,
  rate: number,
): number {
  let kept = 0;
  candidates.forEach(({ size }, rank) => {
    if (twoSidedTail(size) <= ((rank + 1) * rate) / tests) kept = rank + 1;
  });
  return kept;
}

/** Upper 10 % point of a standard normal: (q90 − q10) / (2·this) is a Gaussian's SD. */
const GAUSSIAN_ABS_Q80 = 1.2816;

/** |z| of a standard normal at its 90 % two-sided quantile. */
const GAUSSIAN_ABS_Q90 = 1.6449;

/** The measurements the contextual step's gates look at (see {@link contextualGates}). */
export interface ContextualGates {
  /** Template residual scale over the local seasonal residual's noise scale. */
  scaleRatio: number;
  /** 90 % point of the template residual's |z| over the Gaussian one. */
  tailInflation: number;
  /**
   * Spread of the template (10–90 % range, in SD units) over the template residual's scale: how
   * many noise units the cycle swings.
   */
  swing: number;
  /**
   * Lone outliers (runs of at most two) of the template residual at |z| ≥ `isolatedPointZ` (NaN
   * when an earlier gate shut).
   */
  clear: number;
  /** Points the Benjamini–Hochberg step keeps (0 when a gate is shut). */
  kept: number;
  points: ContextualPoint[];
}

/**
 * Local |z| from which points of a series longer than `STATISTICS_MAX_POINTS` get a template
 * value: the template and local residuals estimate the same cycle, so a point far from its
 * template is never ordinary under the local model; skipping the rest keeps a long series cheap.
 */
const LONG_SERIES_MIN_LOCAL_Z = 2;

/**
 * The template residual of a channel with a period of at least `contextualMinPeriod` spanning
 * `contextualMinCycles`, its gates, and the contextual points that pass them (none when a gate is
 * shut); null without a template. The gates are measured on a regular subsample of at most
 * 65,536 points (the whole of a shorter series).
 */
export function contextualGates(
  values: Float64Array,
  model: ResidualModel,
  options: BaselineOptions,
): ContextualGates | null {
  const period = model.period;
  if (period === null || period < options.contextualMinPeriod) return null;
  const n = values.length;
  let finite = 0;
  for (const value of values) if (Number.isFinite(value)) finite++;
  if (finite < options.contextualMinCycles * period) return null;
  const cycle = { period, shift: model.slope * period };
  const scratch = new Float64Array(2 * TEMPLATE_CYCLES_PER_SIDE);
  const stride = Math.max(1, Math.ceil(n / STATISTICS_MAX_POINTS));
  const sampled = Math.ceil(n / stride);
  const sampleTemplate = new Float64Array(sampled);
  const sampleResidual = new Float64Array(sampled);
  for (let t = 0, i = 0; t < n; t += stride, i++) {
    sampleTemplate[i] = templateAt(values, t, cycle, scratch);
    sampleResidual[i] = (values[t] as number) - (sampleTemplate[i] as number);
  }
  const scale = cleanScale(sampleResidual);
  if (!(scale > 0)) return null;
  const magnitudes = Float64Array.from(sampleResidual, (r) => Math.abs(r) / scale);
  const spread = quantile(sampleTemplate, 0.9) - quantile(sampleTemplate, 0.1);
  const gates: ContextualGates = {
    scaleRatio: scale / model.noiseScale,
    tailInflation: quantile(magnitudes, 0.9) / GAUSSIAN_ABS_Q90,
    swing: spread / (2 * GAUSSIAN_ABS_Q80) / scale,
    clear: Number.NaN,
    kept: 0,
    points: [],
  };
  if (
    gates.scaleRatio > options.contextualMaxScaleRatio ||
    gates.swing < options.contextualMinSwing ||
    gates.tailInflation > options.contextualMaxTailInflation
  )
    return gates;
  let z: Float64Array;
  let template: Float64Array;
  if (stride === 1) {
    template = sampleTemplate;
    z = Float64Array.from(sampleResidual, (r) => r / scale);
  } else {
    template = new Float64Array(n).fill(Number.NaN);
    z = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const local = Math.abs(model.residual[t] as number) / model.noiseScale;
      if (!(local >= LONG_SERIES_MIN_LOCAL_Z)) continue;
      template[t] = templateAt(values, t, cycle, scratch);
      z[t] = ((values[t] as number) - (template[t] as number)) / scale;
    }
  }
  const candidates = shortRuns(z, options.contextualMinZ, CONTEXTUAL_MAX_RUN)
    .map((index) => ({ index, size: Math.abs(z[index] as number) }))
    .sort((a, b) => b.size - a.size);
  gates.clear = candidates.filter(({ size }) => size >= options.isolatedPointZ).length;
  if (gates.clear < options.pointFalseDiscoveryMinPoints) return gates;
  // Clear and faint candidates pass separate Benjamini–Hochberg steps: ranked together, a dozen
  // clear outliers would carry as many faint noise points in with them; ranked among themselves,
  // faint points pass only where there are more of them than the noise makes.
  const clear = candidates.slice(0, gates.clear);
  const faint = candidates.slice(gates.clear);
  const keptClear = benjaminiHochberg(clear, finite, options.contextualFalseDiscoveryRate);
  const keptFaint = benjaminiHochberg(faint, finite, options.contextualFalseDiscoveryRate);
  gates.kept = keptClear + keptFaint;
  for (const [family, count] of [
    [clear, keptClear],
    [faint, keptFaint],
  ] as const) {
    const bar = family[count - 1]?.size ?? 0;
    for (const { index } of family.slice(0, count))
      gates.points.push({ index, z: z[index] as number, expected: template[index] as number, bar });
  }
  return gates;
}

/**
 * Contextual points: values that do not fit their phase of the cycle, typically still inside the
 * series' range (so neither a spike nor a level change). In a series whose cycles repeat exactly,
 * the median of the same phase over many cycles ({@link templateAt}) is a sharp expectation, and
 * the template residual is hardly wider than the noise. Gates, all measured on the series itself:
 * a period of `contextualMinPeriod` points repeating `contextualMinCycles` times; a template
 * residual about as narrow as the local seasonal one (`contextualMaxScaleRatio`: cycles that
 * change over the series fit their neighbours better), a cycle swinging `contextualMinSwing`
 * noise units, a Gaussian tail (`contextualMaxTailInflation`), and
 * `pointFalseDiscoveryMinPoints` clear lone outliers already. Then Benjamini–Hochberg at
 * `contextualFalseDiscoveryRate` keeps clear (|z| ≥ `isolatedPointZ`) and faint (≥
 * `contextualMinZ`) candidates, each family ranked on its own. Real series rarely pass the gates
 * (none of the 31 NAB dev files does: `bench/contextual-gates.ts`).
 */
export function contextualPoints(
  values: Float64Array,
  model: ResidualModel,
  options: BaselineOptions,
): ContextualPoint[] {
  return contextualGates(values, model, options)?.points ?? [];
}

const format = (value: number): string =>
  Math.abs(value) !== 0 && (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3)
    ? value.toExponential(2)
    : value.toFixed(2);

/**
 * The contextual points of a channel that no other finding covers, as point findings. They come
 * after the channel's false-alarm control and are not judged by it again: their own
 * Benjamini–Hochberg steps over the template residual are the control, and a Gaussian-tailed
 * residual is what lets them pass at a lower |z| than the local seasonal residual's alarms.
 * Confidence is 0.5 at the bar of their family (clear or faint).
 */
export function contextualFindings(
  model: ResidualModel,
  context: ChannelContext,
  found: readonly BaselineAnomaly[],
  options: BaselineOptions,
): BaselineAnomaly[] {
  const out: BaselineAnomaly[] = [];
  for (const point of contextualPoints(context.values, model, options)) {
    if (found.some((finding) => finding.start <= point.index && point.index < finding.end))
      continue;
    const size = Math.abs(point.z);
    const value = context.values[point.index] as number;
    const channel = context.label === '' ? '' : ` in channel ${context.label}`;
    out.push({
      start: point.index,
      end: point.index + 1,
      channels: context.channels,
      category: 'Point Anomaly',
      severity: severityOf(size, options),
      confidence: confidenceOf(size, point.bar),
      explanation: `Value ${format(value)} at x=${point.index}${channel} is ${size.toFixed(1)} robust standard deviations ${point.z > 0 ? 'above' : 'below'} the same phase of the other cycles (${format(point.expected)}): the value does not fit this point of the cycle.`,
      score: size,
      kind: 'point',
    });
  }
  return out;
}
