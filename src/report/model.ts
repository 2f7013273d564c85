import type { DetectResult } from '../detect/detect.js';
import { toIntervals } from '../detect/parse/index.js';
import {
  intervalScores,
  variateScores,
  type AffiliationScores,
  type IntervalScores,
  type PrecisionRecallF1,
} from '../grade/index.js';
import type { Anomaly } from '../schema/answer.js';
import type { Interval } from '../schema/interval.js';
import type { Label } from '../schema/label.js';
import { findCategory } from '../schema/taxonomy.js';
import { seriesLength, type Series } from '../series/types.js';
import { explanationInTime } from './explanation-time.js';
import { formatTime } from './format.js';
import { summaryParagraph } from './summary.js';

/** What the model call cost and who answered; shown in every report's footer. */
export interface ReportRun {
  /** Provider id as the user wrote it, e.g. `openai:gpt-4o` or `baseline`. */
  model: string;
  prompt: { id: string; version: string };
  usage: DetectResult['usage'];
  costUsd: number | null;
  latencyMs: number;
  cached: boolean;
  repaired: boolean;
  warnings: string[];
}

/** One channel an anomaly names: its index (panel number) and name. */
export interface ReportChannel {
  index: number;
  name: string;
}

/** One anomaly of the answer, numbered as on the plot; all text fields are untrusted model text. */
export interface ReportAnomaly {
  /** 1-based, as drawn on the plot. */
  number: number;
  /**
   * Half-open index interval `[start, end)`, or null when the model's range lies outside the
   * series.
   */
  interval: Interval | null;
  /** First and last timestamp of the interval, formatted, when the series has timestamps. */
  time: { start: string; end: string } | null;
  /** The channels the anomaly names; for a univariate series its one channel; null = not said. */
  channels: ReportChannel[] | null;
  category: string;
  /** One-line definition from the taxonomy, or null when the category is not in it. */
  definition: string | null;
  severity: Anomaly['severity'];
  confidence: number | null;
  explanation: string;
}

/** Scores of the answer against a label. */
export interface ReportScores {
  /** Null when the label has no intervals (RATs40K labels only the series). */
  affiliation: AffiliationScores | null;
  pointwise: PrecisionRecallF1 | null;
  /**
   * Every interval metric (event, point-adjusted, range-based, ...); null without label intervals.
   */
  intervals: IntervalScores | null;
  /**
   * Labelled windows the answer overlaps and misses, and predicted intervals touching no window.
   */
  windows: { found: Interval[]; missed: Interval[]; falseAlarms: Interval[] } | null;
  /** Multivariate series whose label names channels. */
  variate: PrecisionRecallF1 | null;
  /** Whether the answer's anomalous yes/no matches the label's. */
  detectionAgrees: boolean;
  /** Whether the headline category matches the label's (null when the label has none). */
  categoryAgrees: boolean | null;
}

/** Everything a series report shows, independent of the output format. */
export interface SeriesReport {
  series: Series;
  length: number;
  kind: 'univariate' | 'multivariate';
  /** First and last timestamp, formatted, when the series has timestamps. */
  timeRange: { start: string; end: string } | null;
  anomalous: boolean;
  anomalies: ReportAnomaly[];
  /** Merged predicted intervals (what is shaded). */
  predicted: Interval[];
  /** Headline category of the answer. */
  category: string;
  /** Our one-paragraph summary; contains model text (the model's summary), so escape it. */
  summary: string;
  modelSummary: string;
  label: Label | null;
  scores: ReportScores | null;
  run: ReportRun;
}

/**
 * Inputs of {@link buildSeriesReport}: a series, the detect result for it and an optional label.
 */
export interface BuildReportInput {
  series: Series;
  result: Pick<
    DetectResult,
    | 'answer'
    | 'intervals'
    | 'channels'
    | 'category'
    | 'prompt'
    | 'usage'
    | 'costUsd'
    | 'latencyMs'
    | 'cached'
    | 'repaired'
    | 'warnings'
  >;
  /** Provider id, e.g. `baseline`. */
  model: string;
  label?: Label;
  /**
   * The axis the model's coordinates were on, when not plain indices (text rescaled by `scale`, or
   * timestamps on the x axis). @default plain indices
   */
  coordinates?: { scale?: number; timestamps?: readonly number[] };
}

/**
 * Turns a detect result into the report model: per-anomaly index ranges, names, definitions,
 * scores; pure.
 */
export function buildSeriesReport(input: BuildReportInput): SeriesReport {
  const { series, result, label } = input;
  const length = seriesLength(series);
  const kind = series.channels.length > 1 ? 'multivariate' : 'univariate';
  const stamps = series.timestamps?.length === length ? series.timestamps : undefined;
  const timeOf = (interval: Interval): { start: string; end: string } | null =>
    stamps === undefined
      ? null
      : {
          start: formatTime(stamps[interval[0]] ?? Number.NaN),
          end: formatTime(stamps[interval[1] - 1] ?? Number.NaN),
        };
  // The answer's x is the row index unless the model saw rescaled values or a time axis: then its
  // row references (`x=1532`) are also given in time, as everywhere else in the report.
  const rowsInTime =
    stamps !== undefined &&
    input.coordinates?.scale === undefined &&
    input.coordinates?.timestamps === undefined
      ? stamps
      : undefined;
  const anomalies = result.answer.anomalies.map((anomaly, index): ReportAnomaly => {
    const interval = anomalyInterval(anomaly, {
      convention: result.prompt.convention,
      length,
      ...(input.coordinates ?? {}),
    });
    const category = findCategory(anomaly.category, kind) ?? findCategory(anomaly.category);
    return {
      number: index + 1,
      interval,
      time: interval === null ? null : timeOf(interval),
      channels: channelsOf(series, anomaly.channels),
      category: anomaly.category,
      definition: category?.definition ?? null,
      severity: anomaly.severity,
      confidence: anomaly.confidence,
      explanation:
        rowsInTime === undefined
          ? anomaly.explanation
          : explanationInTime(anomaly.explanation, rowsInTime),
    };
  });
  const run: ReportRun = {
    model: input.model,
    prompt: { id: result.prompt.id, version: result.prompt.version },
    usage: result.usage,
    costUsd: result.costUsd,
    latencyMs: result.latencyMs,
    cached: result.cached,
    repaired: result.repaired,
    warnings: result.warnings,
  };
  const report: SeriesReport = {
    series,
    length,
    kind,
    timeRange: stamps === undefined || length === 0 ? null : timeOf([0, length]),
    anomalous: result.answer.anomalous || anomalies.length > 0,
    anomalies,
    predicted: result.intervals,
    category: result.category,
    summary: '',
    modelSummary: result.answer.summary,
    label: label ?? null,
    scores: label === undefined ? null : scoreAgainst(series, result, label),
    run,
  };
  report.summary = summaryParagraph(report, result.answer);
  return report;
}

/**
 * The index interval of one anomaly, converted exactly as the detect pipeline converts all of them.
 */
function anomalyInterval(
  anomaly: Anomaly,
  options: { convention: string; length: number; scale?: number; timestamps?: readonly number[] },
): Interval | null {
  const intervals = toIntervals([anomaly], {
    convention: options.convention === 'exclusive' ? 'exclusive' : 'inclusive',
    length: options.length,
    // The answer already passed the pipeline's checks; a negative start here can only be clipped.
    onNegative: 'clip',
    ...(options.scale === undefined ? {} : { scale: options.scale }),
    ...(options.timestamps === undefined ? {} : { timestamps: options.timestamps }),
  });
  return intervals[0] ?? null;
}

function channelsOf(series: Series, channels: readonly number[] | null): ReportChannel[] | null {
  if (channels === null || channels.length === 0) {
    return series.channels.length === 1
      ? [{ index: 0, name: series.channels[0] ?? 'value' }]
      : null;
  }
  return [...new Set(channels)]
    .sort((a, b) => a - b)
    .map((index) => ({
      index,
      name: series.channels[index] ?? `panel ${index} (not in the series)`,
    }));
}

function scoreAgainst(
  series: Series,
  result: BuildReportInput['result'],
  label: Label,
): ReportScores {
  const length = seriesLength(series);
  const intervals =
    label.intervals === null
      ? null
      : intervalScores({ truth: label.intervals, predicted: result.intervals, length });
  const dims = series.channels.length;
  const variate =
    dims > 1 && label.channels !== null
      ? variateScores({
          truth: label.channels.filter((id) => id < dims),
          predicted: result.channels,
          dims,
        })
      : null;
  const anomalous = result.answer.anomalous || result.answer.anomalies.length > 0;
  return {
    affiliation: intervals?.affiliation ?? null,
    pointwise: intervals?.pointwise ?? null,
    intervals: intervals ?? null,
    windows: label.intervals === null ? null : windowsFound(label.intervals, result.intervals),
    variate,
    detectionAgrees: anomalous === label.anomalous,
    categoryAgrees: label.category === null ? null : label.category === result.category,
  };
}

const overlaps = (a: Interval, b: Interval): boolean => a[0] < b[1] && b[0] < a[1];

/**
 * Which labelled windows some predicted interval overlaps, which none does, and the false alarms.
 */
function windowsFound(
  truth: readonly Interval[],
  predicted: readonly Interval[],
): NonNullable<ReportScores['windows']> {
  return {
    found: truth.filter((window) => predicted.some((interval) => overlaps(window, interval))),
    missed: truth.filter((window) => !predicted.some((interval) => overlaps(window, interval))),
    falseAlarms: predicted.filter(
      (interval) => !truth.some((window) => overlaps(window, interval)),
    ),
  };
}
