import { InputError } from '../../errors.js';
import { TailInflation, controlAlarms } from './alarms.js';
import type { Series } from '../../series/types.js';
import {
  describeChannel,
  describeFlatRun,
  describeResidualEvent,
  describeSlopeEvent,
  type BaselineAnomaly,
  type ChannelContext,
} from './describe.js';
import { contextualFindings } from './contextual.js';
import { residualEvents, type ResidualEvent } from './events.js';
import { flatRuns } from './flatline.js';
import { resolveBaselineOptions, type BaselineOptions } from './options.js';
import { estimatePeriod } from './period.js';
import { choosePeriod } from './calendar-period.js';
import { statedConfidence } from './calibrate.js';
import { reportCore } from './core.js';
import { attachPoints, isolatedPoints, pointThreshold, trustedExpectation } from './points.js';
import { refitWithout, type ResidualModel } from './residual.js';
import { slopeEvents } from './trend.js';
import { oddChannels } from './variate.js';
import {
  describeRelationBreaks,
  mergeRelationFindings,
  stillWandering,
  toMultivariateFindings,
} from './multivariate.js';
import { relationBreaks } from './relations.js';

/** What {@link detectAnomalies} returns: findings in index space (half-open), plus a summary. */
export interface BaselineResult {
  anomalies: BaselineAnomaly[];
  anomalous: boolean;
  summary: string;
  /**
   * Findings left out by the per-channel cap `maxAnomaliesPerChannel` (0 when the cap did not
   * bite).
   */
  droppedByCap: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/** Mean over whole cycles (or 20 points) after an event minus the same before it. */
function levelChangeAcross(
  values: Float64Array,
  event: { start: number; end: number },
  period: number | null,
): number {
  const span = period === null ? 20 : Math.max(2, Math.round(period));
  const mean = (from: number, to: number): number => {
    let sum = 0;
    let count = 0;
    for (let t = Math.max(0, from); t < Math.min(values.length, to); t++) {
      const x = values[t] as number;
      if (Number.isFinite(x)) {
        sum += x;
        count++;
      }
    }
    return count > 0 ? sum / count : Number.NaN;
  };
  if (event.start - span < 0 || event.end + span > values.length) return 0;
  const change = mean(event.end, event.end + span) - mean(event.start - span, event.start);
  return Number.isFinite(change) ? change : 0;
}

/** Residuals in noise-scale units. */
function standardised(model: ResidualModel): Float64Array {
  const z = new Float64Array(model.residual.length);
  for (let t = 0; t < z.length; t++) z[t] = (model.residual[t] as number) / model.noiseScale;
  return z;
}

/**
 * Stretch events of the full residual, where a stretch made only of lone outliers (plus fewer than
 * `segmentMinExtraPoints` other counted points) is dissolved back into those outliers: a lone
 * spike raises the windowed energy around it but is no stretch, while a changed shape whose
 * residual crosses zero inside (so some of its points look like lone outliers) still is one.
 */
function stretchEvents(
  z: Float64Array,
  residual: Float64Array,
  points: readonly number[],
  options: BaselineOptions,
): ResidualEvent[] {
  const lone = new Set(points);
  const kept: ResidualEvent[] = [];
  for (const event of residualEvents(z, residual, options)) {
    let alone = 0;
    let others = 0;
    for (let t = event.start; t < event.end; t++) {
      if (lone.has(t)) alone++;
      else if (Math.abs(z[t] as number) >= options.extendZ) others++;
    }
    if (alone > 0 && others < options.segmentMinExtraPoints) continue;
    if (
      event.end - event.start === 1
        ? Math.abs(event.peakZ) >= options.pointZ
        : event.rmsZ >= options.minEventRmsZ
    )
      kept.push(event);
  }
  return kept;
}

/** Who a channel is, and the series' timestamps when it has them (calendar periods). */
type ChannelInput = Pick<ChannelContext, 'channels' | 'label'> & {
  timestamps?: readonly number[];
};

/** Findings of one channel analysed on its own (the strongest `maxAnomaliesPerChannel`). */
export function analyseChannel(
  values: Float64Array,
  context: ChannelInput,
  options: BaselineOptions,
): BaselineAnomaly[] {
  return allChannelFindings(values, context, options).slice(0, options.maxAnomaliesPerChannel);
}

/** Every finding of one channel, strongest first (before the cap). */
function allChannelFindings(
  values: Float64Array,
  context: ChannelInput,
  options: BaselineOptions,
): BaselineAnomaly[] {
  const n = values.length;
  let finite = 0;
  for (const value of values) if (Number.isFinite(value)) finite++;
  if (finite < 8) return [];
  const chosen = choosePeriod(
    values,
    estimatePeriod(values, options)?.period ?? null,
    context.timestamps,
    options,
  );
  const period = chosen.period;
  let model = chosen.model;
  let z = standardised(model);
  // Strong lone outliers are set aside and the model refitted, so they cannot bend the expectation
  // of the cycles around them nor inflate the noise scale.
  const strong = isolatedPoints(z, options.pointZ, options);
  if (strong.length > 0) {
    const cleaned = Float64Array.from(values);
    for (const index of strong) cleaned[index] = Number.NaN;
    model = refitWithout(model, values, cleaned, strong, options);
    z = standardised(model);
  }
  const full: ChannelContext = {
    ...context,
    period,
    values,
    expected: model.expected,
    level: model.level,
    noiseScale: model.noiseScale,
  };
  // A lone outlier whose expectation jumps away from its neighbours' (cycles with gaps reaching
  // across a level shift) has an unknown residual, not an anomalous one.
  for (const index of isolatedPoints(z, options.isolatedPointMinZ, options)) {
    if (trustedExpectation(values, model.expected, model.residual, index, period, options))
      continue;
    z[index] = Number.NaN;
    model.residual[index] = Number.NaN;
  }
  const points = isolatedPoints(z, pointThreshold(z, finite, options), options);
  const events = stretchEvents(z, model.residual, points, options);
  const absorbed = new Set<number>();
  for (const event of events)
    for (const index of points) if (index >= event.start && index < event.end) absorbed.add(index);
  events.push(
    ...attachPoints(
      events,
      points.filter((index) => !absorbed.has(index)),
      z,
      model.residual,
      options,
    ),
  );
  // Spikes must not bend the trend estimate: replace short events by their expected values first.
  let despiked = values;
  for (const event of events) {
    if (event.end - event.start > options.spikeMaxPoints) continue;
    if (despiked === values) despiked = Float64Array.from(values);
    for (let t = event.start; t < event.end; t++)
      if (Number.isFinite(model.expected[t] as number)) despiked[t] = model.expected[t] as number;
  }
  const slopes = slopeEvents(despiked, period, model.noiseScale, options);
  const trends = slopes.filter((event) => !event.levelShift);
  const flats = flatRuns(values, options);
  const findings: BaselineAnomaly[] = [];
  for (const run of flats) findings.push(describeFlatRun(run, full, options));
  for (const trend of trends) {
    if (flats.some((run) => overlaps(run, trend))) continue;
    findings.push(describeSlopeEvent(trend, full, options, n));
  }
  for (const event of events) {
    if (flats.some((run) => overlaps(run, event))) continue;
    if (trends.some((trend) => overlaps(trend, event))) continue;
    const levelChange = levelChangeAcross(values, event, period);
    const changePoint =
      event.end - event.start > 1 &&
      Math.abs(levelChange) >= options.changePointShare * Math.abs(event.peakZ) * model.noiseScale;
    findings.push(describeResidualEvent(event, full, options, changePoint ? levelChange : null));
  }
  const alarms = controlAlarms(
    findings,
    { tests: finite, inflation: new TailInflation(z, options) },
    options,
  );
  const controlled = alarms.map((alarm) => alarm.finding);
  for (const finding of contextualFindings(model, full, controlled, options))
    alarms.push({ finding, rowBar: null, repeat: false });
  alarms.sort(
    (a, b) => b.finding.confidence - a.finding.confidence || b.finding.score - a.finding.score,
  );
  // Alarms are decided on whole excursions; the reported rows are their cores.
  return alarms.map((alarm) => reportCore(alarm.finding, z, options, alarm));
}

function checkSeries(series: Series): void {
  const length = series.values[0]?.length ?? 0;
  if (series.values.length === 0) {
    throw new InputError(
      'input.no_channels',
      `Series ${series.id} has no channels; give at least one array of values.`,
      { field: 'values' },
    );
  }
  series.values.forEach((channel, index) => {
    if (channel.length !== length) {
      throw new InputError(
        'input.ragged_channels',
        `Series ${series.id}: channel ${index} has ${channel.length} values but channel 0 has ${length}; all channels must have the same length.`,
        { field: `values[${index}]` },
      );
    }
  });
}

/** "2" or "2 (memory)": a channel's index, with its name when that says more. */
function channelLabel(series: Series, index: number): string {
  const name = series.channels[index];
  return `${index}${name !== undefined && name !== String(index) ? ` (${name})` : ''}`;
}

function summarise(anomalies: readonly BaselineAnomaly[], series: Series): string {
  if (anomalies.length === 0) {
    return `No anomaly found in ${series.values.length === 1 ? 'the series' : `any of the ${series.values.length} channels`}: every point stays within the detector's thresholds of its expected value.`;
  }
  const counts = new Map<string, number>();
  for (const anomaly of anomalies)
    counts.set(anomaly.category, (counts.get(anomaly.category) ?? 0) + 1);
  const parts = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([category, count]) => `${count} × ${category}`);
  const strongest = anomalies.reduce((best, anomaly) =>
    anomaly.score > best.score ? anomaly : best,
  );
  return `${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'} found (${parts.join(', ')}). Strongest: ${strongest.explanation}`;
}

/**
 * Finds anomalies in a series with a deterministic statistical detector: per channel, points and
 * stretches far from a two-sided seasonal (or level) expectation, slope changes, flat runs; across
 * channels, channels whose shape differs from the rest and stretches where a strong relation
 * between channels breaks. Multi-channel findings use the multivariate taxonomy. Linear-ish in
 * length (FFTs are n·log n).
 * @example detectAnomalies(series).anomalies[0] // { start: 212, end: 213, category: 'Point
 * Anomaly', ... }
 */
export function detectAnomalies(
  series: Series,
  options: Partial<BaselineOptions> = {},
): BaselineResult {
  checkSeries(series);
  const resolved = resolveBaselineOptions(options);
  const multivariate = series.values.length > 1;
  const anomalies: BaselineAnomaly[] = [];
  let droppedByCap = 0;
  series.values.forEach((values, index) => {
    const context = {
      ...(multivariate
        ? { channels: [index], label: channelLabel(series, index) }
        : { channels: null, label: '' }),
      timestamps: series.timestamps,
    };
    const all = allChannelFindings(values, context, resolved);
    // The cap is a guard against runaway output, not the false-alarm control: say when it bites.
    droppedByCap += Math.max(0, all.length - resolved.maxAnomaliesPerChannel);
    anomalies.push(...all.slice(0, resolved.maxAnomaliesPerChannel));
  });
  let found: BaselineAnomaly[] = anomalies;
  if (multivariate) {
    const label = (index: number): string => channelLabel(series, index);
    const length = series.values[0]?.length ?? 0;
    const relations = describeRelationBreaks(
      relationBreaks(series.values, resolved),
      length,
      label,
      resolved,
    );
    found = mergeRelationFindings(anomalies, relations);
    const { flagged, medianEvidence, medianResidualZ } = oddChannels(series.values, resolved);
    for (const shape of flagged) {
      const values = series.values[shape.channel] as Float64Array;
      if (stillWandering(shape, values, found, medianResidualZ, resolved))
        found.push(describeChannel(shape, String(shape.channel), length, medianEvidence, resolved));
    }
    found = toMultivariateFindings(found, series.values.length);
  }
  found.sort(
    (a, b) =>
      a.start - b.start || a.end - b.end || (a.channels?.[0] ?? -1) - (b.channels?.[0] ?? -1),
  );
  // Last, so every choice above ranked by evidence; the map keeps that order.
  found = found.map((finding) => ({
    ...finding,
    confidence: statedConfidence(finding.confidence, resolved),
  }));
  const capNote =
    droppedByCap > 0
      ? ` The cap of ${resolved.maxAnomaliesPerChannel} findings per channel left out ${droppedByCap} weaker one${droppedByCap === 1 ? '' : 's'}.`
      : '';
  return {
    anomalies: found,
    anomalous: found.length > 0,
    summary: summarise(found, series) + capNote,
    droppedByCap,
  };
}
