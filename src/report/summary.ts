import type { Answer } from '../schema/answer.js';
import type { Interval } from '../schema/interval.js';
import type { Series } from '../series/types.js';
import { formatIndexRange } from './format.js';

/** The parts of a report anomaly the summary reads (model.ts builds them; no import back). */
interface ReportAnomaly {
  number: number;
  interval: Interval | null;
  time: { start: string; end: string } | null;
  channels: ReadonlyArray<{ name: string }> | null;
  category: string;
  severity: string | null;
  confidence: number | null;
}

/** The parts of a series report the summary reads. */
interface SeriesReport {
  series: Series;
  length: number;
  kind: 'univariate' | 'multivariate';
  timeRange: { start: string; end: string } | null;
  anomalies: readonly ReportAnomaly[];
  run: { model: string };
}

/** Anomalies named one by one in the summary; the rest are counted by category. */
export const SUMMARY_TOP_ANOMALIES = 5;
/** Categories of the remaining anomalies named in the summary; the others are counted together. */
const SUMMARY_KINDS = 4;
/** Longest quote of the model's own summary; longer ones are cut with `…`. */
const MODEL_QUOTE_CHARS = 300;
/**
 * Longest summary paragraph for a series id of up to 80 characters: five anomalies in a phrase
 * each, four kinds of the rest, and the model's quote.
 */
export const SUMMARY_MAX_CHARS = 1000;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** The typical step between timestamps (median), in words: `30 min`, `1 h`, `5 s`, `1 day`. */
export function samplingStep(timestamps: readonly number[]): string | null {
  if (timestamps.length < 2) return null;
  const steps: number[] = [];
  for (let i = 1; i < timestamps.length; i += 1) steps.push(timestamps[i]! - timestamps[i - 1]!);
  steps.sort((a, b) => a - b);
  const ms = steps[Math.floor(steps.length / 2)]!;
  if (!(ms > 0)) return null;
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size && ms % size === 0)
      return unit === 'day' ? plural(ms / size, 'day') : `${ms / size} ${unit}`;
  }
  return `${ms} ms`;
}

/** `2014-03-14 09:06:00 UTC` without the zone and without `:00` seconds: `2014-03-14 09:06`. */
function shortTime(time: string): string {
  return time.replace(/ UTC$/, '').replace(/^(\d{4}-\d\d-\d\d \d\d:\d\d):00$/, '$1');
}

/**
 * A time span in few characters: `at 2014-03-14 09:06 UTC`, `on 2014-03-14, 09:06–09:11 UTC`
 * (one day), `from 2014-03-13 22:00 to 2014-03-14 01:00 UTC`.
 */
export function timeSpan(
  time: { start: string; end: string },
  options: { single: boolean },
): string {
  const [start, end] = [shortTime(time.start), shortTime(time.end)];
  if (options.single || start === end) return `at ${start} UTC`;
  const [startDay, startClock] = start.split(' ');
  const [endDay, endClock] = end.split(' ');
  if (startDay === endDay && startClock !== undefined && endClock !== undefined)
    return `on ${startDay}, ${startClock}–${endClock} UTC`;
  return `from ${start} to ${end} UTC`;
}

/** Where an anomaly is, in time first when the series has timestamps. */
function where(report: SeriesReport, anomaly: ReportAnomaly): string {
  if (anomaly.interval === null) return 'outside the series';
  const single = anomaly.interval[1] - anomaly.interval[0] === 1;
  if (anomaly.time !== null) return timeSpan(anomaly.time, { single });
  return single
    ? `at index ${formatIndexRange(anomaly.interval)}`
    : `over indices ${formatIndexRange(anomaly.interval)}`;
}

function sentence(
  report: SeriesReport,
  anomaly: ReportAnomaly,
  { withConfidence }: { withConfidence: boolean },
): string {
  const channels =
    report.kind === 'multivariate' && anomaly.channels !== null
      ? ` in ${anomaly.channels.map((channel) => channel.name).join(', ')}`
      : '';
  const severity = anomaly.severity === null ? '' : `, ${anomaly.severity} severity`;
  const confidence =
    withConfidence && anomaly.confidence !== null
      ? `, confidence ${Math.round(anomaly.confidence * 100)}%`
      : '';
  return `(${anomaly.number}) ${anomaly.category} ${where(report, anomaly)}${channels}${severity}${confidence}`;
}

/**
 * Our summary of a report: what the series is (size, span, sampling step), how many anomalies,
 * the most confident few in a phrase each, and the kinds of the rest. The model's own summary is
 * quoted after it as the model's.
 */
export function summaryParagraph(report: SeriesReport, answer: Answer): string {
  const { series, length, anomalies, run } = report;
  const step = series.timestamps === undefined ? null : samplingStep(series.timestamps);
  const span =
    report.timeRange === null
      ? ''
      : `, ${shortTime(report.timeRange.start)} → ${shortTime(report.timeRange.end)} UTC${step === null ? '' : `, one point every ${step}`}`;
  const shape = `${plural(length, 'point')}, ${plural(series.channels.length, 'channel')}${span}`;
  const parts: string[] = [];
  if (anomalies.length === 0) {
    parts.push(
      answer.anomalous
        ? `${run.model} called series ${series.id} (${shape}) anomalous but located no anomaly.`
        : `${run.model} found no anomaly in series ${series.id} (${shape}).`,
    );
  } else if (anomalies.length <= SUMMARY_TOP_ANOMALIES) {
    const listed = anomalies.map((anomaly) => sentence(report, anomaly, { withConfidence: false }));
    parts.push(
      `${run.model} found ${plural(anomalies.length, 'anomaly', 'anomalies')} in series ${series.id} (${shape}): ${listed.join('; ')}.`,
    );
  } else {
    const top = [...anomalies]
      .sort((a, b) => (b.confidence ?? -1) - (a.confidence ?? -1) || a.number - b.number)
      .slice(0, SUMMARY_TOP_ANOMALIES);
    const shown = new Set(top.map((anomaly) => anomaly.number));
    const kinds = new Map<string, number>();
    for (const anomaly of anomalies) {
      if (!shown.has(anomaly.number))
        kinds.set(anomaly.category, (kinds.get(anomaly.category) ?? 0) + 1);
    }
    const sortedKinds = [...kinds.entries()].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    );
    // a handful of kinds by name, the tail counted, so the sentence stays short
    const rest = sortedKinds
      .slice(0, SUMMARY_KINDS)
      .map(([category, count]) => `${count} ${category}`);
    const tail = sortedKinds.slice(SUMMARY_KINDS).reduce((sum, [, count]) => sum + count, 0);
    if (tail > 0) rest.push(`${tail} of other kinds`);
    parts.push(
      `${run.model} found ${plural(anomalies.length, 'anomaly', 'anomalies')} in series ${series.id} (${shape}). ` +
        `Most confident: ${top.map((anomaly) => sentence(report, anomaly, { withConfidence: true })).join('; ')}. ` +
        `The other ${anomalies.length - top.length}: ${rest.join(', ')} (all in the table below).`,
    );
  }
  const own = answer.summary.trim();
  if (own !== '')
    parts.push(
      `In the model's words: “${own.length > MODEL_QUOTE_CHARS ? `${own.slice(0, MODEL_QUOTE_CHARS - 1)}…` : own}”`,
    );
  return parts.join(' ');
}
