import type { CategoryName } from '../../schema/taxonomy.js';
import type { ResidualEvent } from './events.js';
import type { FlatRun } from './flatline.js';
import type { BaselineOptions } from './options.js';
import type { SlopeEvent } from './trend.js';
import type { ChannelShape } from './variate.js';

/**
 * What a finding is, structurally: one point, a stretch, a slope change, a flat run, a whole
 * channel, or a broken cross-channel relation.
 */
export type FindingKind = 'point' | 'segment' | 'trend' | 'flatline' | 'channel' | 'relation';

/** A named, explained finding of the detector (one entry of `BaselineResult.anomalies`). */
export interface BaselineAnomaly {
  /** Half-open index interval `[start, end)`. */
  start: number;
  end: number;
  /** Channel indices (0-based) for multivariate series, null for univariate ones. */
  channels: number[] | null;
  category: CategoryName;
  severity: 'low' | 'medium' | 'high';
  /** 0..1, grows with the evidence relative to its threshold. */
  confidence: number;
  explanation: string;
  /** Evidence in robust-SD (z) units; comparable within a kind. */
  score: number;
  kind: FindingKind;
}

/** Context shared by the descriptions of one channel. */
export interface ChannelContext {
  channels: number[] | null;
  /** Channel name as it should appear in text ('' for univariate series). */
  label: string;
  period: number | null;
  values: Float64Array;
  expected: Float64Array;
  level: number;
  noiseScale: number;
}

const format = (value: number, digits = 2): string => {
  if (!Number.isFinite(value)) return 'n/a';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e5 || magnitude < 1e-3)) return value.toExponential(2);
  return value.toFixed(digits);
};

/** Severity from a z-like score. */
export function severityOf(score: number, options: BaselineOptions): BaselineAnomaly['severity'] {
  if (score >= options.severityHighZ) return 'high';
  if (score >= options.severityMediumZ) return 'medium';
  return 'low';
}

/** Confidence 0..1: 0.5 at the threshold, 0.8 at twice it, 0.9 at three times. */
export function confidenceOf(score: number, threshold: number): number {
  const ratio = Math.max(0, score) / Math.max(threshold, 1e-9);
  return Math.round((1 - 1 / (1 + ratio * ratio)) * 1000) / 1000;
}

function where(context: ChannelContext): string {
  return context.label === '' ? '' : ` in channel ${context.label}`;
}

function expectationName(context: ChannelContext): string {
  return context.period === null
    ? 'the local level'
    : `the seasonal expectation (period ${format(context.period, 1)})`;
}

/** Sign changes of the values around their own median within [start, end). */
function crossings(values: Float64Array, start: number, end: number, centre: number): number {
  let count = 0;
  let previous = 0;
  for (let t = start; t < end; t++) {
    const x = values[t] as number;
    if (!Number.isFinite(x)) continue;
    const sign = Math.sign(x - centre);
    if (sign !== 0 && previous !== 0 && sign !== previous) count++;
    if (sign !== 0) previous = sign;
  }
  return count;
}

/** Names and explains a residual event. */
export function describeResidualEvent(
  event: ResidualEvent,
  context: ChannelContext,
  options: BaselineOptions,
  levelChange: number | null,
): BaselineAnomaly {
  const length = event.end - event.start;
  const peakValue = context.values[event.peakIndex] as number;
  const peakExpected = context.expected[event.peakIndex] as number;
  const z = Math.abs(event.peakZ);
  const direction = event.peakZ > 0 ? 'above' : 'below';
  let category: CategoryName;
  let kind: FindingKind = 'segment';
  let explanation: string;
  if (length === 1) {
    category = 'Point Anomaly';
    kind = 'point';
    explanation = `Value ${format(peakValue)} at x=${event.peakIndex}${where(context)} is ${format(z, 1)} robust standard deviations ${direction} ${expectationName(context)} of ${format(peakExpected)}.`;
  } else if (levelChange !== null) {
    category = 'Change Point Anomaly';
    explanation = `Between x=${event.start} and x=${event.end - 1}${where(context)} the level moves by ${levelChange >= 0 ? '+' : ''}${format(levelChange)} and stays there; the largest deviation, ${format(z, 1)} robust SD ${direction} ${expectationName(context)}, is at x=${event.peakIndex}.`;
  } else if (length <= options.spikeMaxPoints) {
    category = 'Sudden Spike Anomaly';
    explanation = `A ${length}-point spike at x=${event.start}–${event.end - 1}${where(context)} peaks at ${format(peakValue)} (x=${event.peakIndex}), ${format(z, 1)} robust SD ${direction} ${expectationName(context)} of ${format(peakExpected)}.`;
  } else {
    const observed = crossings(context.values, event.start, event.end, context.level);
    const expectedCrossings = context.period === null ? Number.NaN : (2 * length) / context.period;
    // A frequency is only judged over at least one expected cycle (two crossings): a burst of
    // 100 rows on a weekly cycle of 2016 crosses its level by noise, not by a new frequency.
    const periodic =
      context.period !== null &&
      expectedCrossings >= 2 &&
      (observed >= 2 * expectedCrossings + 1 || observed <= 0.4 * expectedCrossings);
    const offset = `mean offset ${event.meanResidual >= 0 ? '+' : ''}${format(event.meanResidual)}`;
    const body = `x=${event.start}–${event.end - 1} (${length} points)${where(context)} deviates from ${expectationName(context)} with RMS ${format(event.rmsZ, 1)} robust SD (peak ${format(z, 1)} at x=${event.peakIndex}; ${offset})`;
    if (periodic) {
      category = 'Periodic Change Anomaly';
      explanation = `${body}; it crosses its mean ${observed} times where about ${format(expectedCrossings, 1)} are expected, so the oscillation frequency changed.`;
    } else if (event.signAgreement >= 0.8) {
      category = 'Continuous Segment Anomaly';
      explanation = `${body}; ${Math.round(event.signAgreement * 100)} % of it lies on one side, a shifted segment.`;
    } else if (context.period !== null) {
      category = 'Pattern Change Anomaly';
      explanation = `${body}; the shape of the cycle differs from the other cycles.`;
    } else {
      category = 'Distributional Change Anomaly';
      explanation = `${body}; the spread of the values changes there.`;
    }
  }
  return {
    start: event.start,
    end: event.end,
    channels: context.channels,
    category,
    severity: severityOf(z, options),
    confidence: confidenceOf(
      length === 1 ? z : event.rmsZ,
      length === 1 ? options.pointZ : options.minEventRmsZ,
    ),
    explanation,
    score: z,
    kind,
  };
}

/** Names and explains a slope change. */
export function describeSlopeEvent(
  event: SlopeEvent,
  context: ChannelContext,
  options: BaselineOptions,
  length: number,
): BaselineAnomaly {
  const ratio = event.usualSlope !== 0 ? event.slope / event.usualSlope : Number.NaN;
  const ratioText = Number.isFinite(ratio)
    ? `, ${format(ratio, 1)}× the usual ${format(event.usualSlope, 4)}`
    : ` where it is usually ${format(event.usualSlope, 4)}`;
  const drift = event.end >= length - 1;
  return {
    start: event.start,
    end: event.end,
    channels: context.channels,
    category: drift ? 'Drift Anomaly' : 'Trend Change Anomaly',
    severity: severityOf(event.z, options),
    confidence: confidenceOf(event.z, options.trendZ),
    explanation: `Between x=${event.start} and x=${event.end - 1}${where(context)} the underlying slope is ${format(event.slope, 4)} per step${ratioText}; the series gains ${format(event.extraRise)} more than its usual trend (${format(event.z, 1)} robust SD of the slope estimate).`,
    score: event.z,
    kind: 'trend',
  };
}

/** Names and explains a flat run. */
export function describeFlatRun(
  run: FlatRun,
  context: ChannelContext,
  options: BaselineOptions,
): BaselineAnomaly {
  const length = run.end - run.start;
  const score = Math.min(99, length);
  const sudden = length >= 2 * options.flatlineMinPoints || run.value === 0;
  return {
    start: run.start,
    end: run.end,
    channels: context.channels,
    category: sudden ? 'Sudden Flatline Anomaly' : 'Repeated Value Anomaly',
    severity:
      length >= 4 * options.flatlineMinPoints
        ? 'high'
        : length >= 2 * options.flatlineMinPoints
          ? 'medium'
          : 'low',
    confidence: confidenceOf(length, run.minPoints),
    explanation: `The value ${format(run.value)} repeats exactly ${length} times from x=${run.start} to x=${run.end - 1}${where(context)}, where the series otherwise varies (noise scale ${format(context.noiseScale)}).`,
    score,
    kind: 'flatline',
  };
}

/** Names and explains a channel whose whole shape differs from the others. */
export function describeChannel(
  shape: ChannelShape,
  name: string,
  length: number,
  medianEvidence: number,
  options: BaselineOptions,
): BaselineAnomaly {
  const period = shape.frequency > 0 ? 1 / shape.frequency : Number.NaN;
  const randomWalk = shape.residualZ > shape.shapeZ;
  const explanation = randomWalk
    ? `Channel ${name} does not follow a sinusoid like the others: after the best-fitting sinusoid its residual has lag-1 autocorrelation ${format(shape.residualLag1)} (z ${format(shape.residualZ, 1)}; median channel evidence ${format(medianEvidence, 1)}), a wandering, random-walk-like shape.`
    : `Channel ${name} is fit better by a ${shape.bestShape} wave (period ${format(period, 1)}) than by a sinusoid: residual variance ${format(shape.shapeVariance, 4)} vs ${format(shape.sineVariance, 4)} (evidence z ${format(shape.shapeZ, 1)}; median channel ${format(medianEvidence, 1)}).`;
  return {
    start: 0,
    end: length,
    channels: [shape.channel],
    category: randomWalk ? 'Trend Divergence Anomaly' : 'Covariance Structure Anomaly',
    severity: severityOf(shape.evidence, options),
    confidence: randomWalk
      ? confidenceOf(shape.residualZ, options.variateResidualZ)
      : confidenceOf(shape.shapeZ, options.variateShapeZ),
    explanation,
    score: shape.evidence,
    kind: 'channel',
  };
}
