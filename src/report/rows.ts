import { formatIndexRange, formatPercent, formatScore, formatTime, plural } from './format.js';
import type { ReportAnomaly, SeriesReport } from './model.js';

/** Plain-text cells of one anomaly row, shared by the HTML and Markdown tables (unescaped). */
export interface AnomalyRowText {
  number: string;
  indices: string;
  time: string;
  channels: string;
  category: string;
  definition: string;
  severity: string;
  confidence: string;
  explanation: string;
}

/** The anomaly table's cells as plain text; escaping is the caller's. */
export function anomalyRowText(report: SeriesReport, anomaly: ReportAnomaly): AnomalyRowText {
  const length = anomaly.interval === null ? '' : anomaly.interval[1] - anomaly.interval[0];
  return {
    number: String(anomaly.number),
    indices:
      anomaly.interval === null
        ? 'outside the series'
        : `${formatIndexRange(anomaly.interval)} (${plural(Number(length), 'point')})`,
    time:
      anomaly.time === null
        ? '—'
        : anomaly.time.start === anomaly.time.end
          ? utcless(anomaly.time.start)
          : `${utcless(anomaly.time.start)} → ${utcless(anomaly.time.end)}`,
    channels:
      anomaly.channels === null
        ? report.kind === 'multivariate'
          ? 'not specified'
          : '—'
        : anomaly.channels
            .map((channel) =>
              report.kind === 'multivariate'
                ? `${channel.name} (panel ${channel.index})`
                : channel.name,
            )
            .join(', '),
    category: anomaly.category,
    definition: anomaly.definition ?? 'not a category of the taxonomy',
    severity: anomaly.severity ?? '—',
    confidence: formatPercent(anomaly.confidence),
    explanation: anomaly.explanation === '' ? '—' : anomaly.explanation,
  };
}

/** The table's time column says UTC once, in its header. */
function utcless(time: string): string {
  return time.replace(/ UTC$/, '');
}

/** Headers of the anomaly table (the time column, first, only when the series has timestamps). */
export function anomalyHeaders(report: SeriesReport): string[] {
  // time first when the series has timestamps, rows second
  return [
    '#',
    ...(report.timeRange === null ? ['indices'] : ['time (UTC)', 'rows']),
    'channels',
    'category',
    'severity',
    'confidence',
    'explanation',
  ];
}

/** The headline shown above a report: anomalies found or none. */
export function verdictText(report: SeriesReport): string {
  if (report.anomalies.length > 0)
    return `${plural(report.anomalies.length, 'anomaly', 'anomalies')} found`;
  return report.anomalous ? 'Called anomalous, but no anomaly located' : 'No anomaly found';
}

/** Lines describing the series: size, channels, time span, context. Plain text. */
export function seriesFacts(report: SeriesReport): string[] {
  const { series } = report;
  const facts = [
    `${plural(report.length, 'point')}`,
    `${plural(series.channels.length, 'channel')}: ${series.channels.join(', ')}`,
  ];
  if (report.timeRange !== null) facts.push(`${report.timeRange.start} → ${report.timeRange.end}`);
  const context = series.context;
  if (context?.domain !== undefined) facts.push(`domain: ${context.domain}`);
  if (context?.unit !== undefined) facts.push(`unit: ${context.unit}`);
  return facts;
}

/** Score rows (metric, value) of a report with a label; plain text. */
export function scoreRows(report: SeriesReport): [string, string][] {
  const scores = report.scores;
  if (scores === null) return [];
  const rows: [string, string][] = [
    ['anomalous yes/no agrees with the label', scores.detectionAgrees ? 'yes' : 'no'],
  ];
  if (scores.affiliation !== null) {
    rows.push(['affiliation precision', formatScore(scores.affiliation.precision)]);
    rows.push(['affiliation recall', formatScore(scores.affiliation.recall)]);
    rows.push(['affiliation F1', formatScore(scores.affiliation.f1)]);
  }
  const all = scores.intervals;
  if (all !== null) {
    rows.push(['event F1 (TSB-AD)', formatScore(all.event.f1)]);
    rows.push(['point-adjusted F1', formatScore(all.pointAdjusted.f1)]);
    rows.push(['range-based F1', formatScore(all.rangeBased.f1)]);
    rows.push(['point-wise precision', formatScore(all.pointwise.precision)]);
    rows.push(['point-wise recall', formatScore(all.pointwise.recall)]);
  }
  if (scores.pointwise !== null) rows.push(['point-wise F1', formatScore(scores.pointwise.f1)]);
  const windows = scores.windows;
  if (windows !== null) {
    // counts only: the windows table lists each window, the false-alarm line each anomaly
    rows.push([
      'labelled windows found',
      `${windows.found.length} of ${windows.found.length + windows.missed.length}`,
    ]);
    rows.push(['labelled windows missed', String(windows.missed.length)]);
    rows.push(['predicted intervals touching no window', String(windows.falseAlarms.length)]);
  }
  if (scores.variate !== null) {
    rows.push(['variate precision', formatScore(scores.variate.precision)]);
    rows.push(['variate recall', formatScore(scores.variate.recall)]);
    rows.push(['variate F1', formatScore(scores.variate.f1)]);
  }
  if (scores.categoryAgrees !== null)
    rows.push(['category agrees with the label', scores.categoryAgrees ? 'yes' : 'no']);
  return rows;
}

/** What the label says, in one plain-text line. */
export function labelText(report: SeriesReport): string {
  const label = report.label;
  if (label === null) return '';
  if (!label.anomalous) return 'The label says this series is normal.';
  const parts = ['The label says this series is anomalous'];
  if (label.intervals !== null && label.intervals.length > 0) {
    // time first; the windows table lists every window
    const shown = label.intervals.slice(0, 3).map((interval) => placeText(report, interval));
    const rest = label.intervals.length - shown.length;
    parts.push(`at ${shown.join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`);
  }
  if (label.channels !== null && report.kind === 'multivariate')
    parts.push(
      `in ${label.channels.map((index) => report.series.channels[index] ?? `panel ${index}`).join(', ')}`,
    );
  if (label.category !== null) parts.push(`(${label.category})`);
  return `${parts.join(' ')}.${label.explanation === null || label.explanation === '' ? '' : ` ${label.explanation}`}`;
}

/**
 * For a grid plot: which panel shows which channel, e.g. `Panels: 0 = cpu, 1 = memory.`; '' for one
 * channel.
 */
export function panelLegend(report: SeriesReport): string {
  if (report.kind === 'univariate') return '';
  return `Panels: ${report.series.channels.map((name, index) => `${index} = ${name}`).join(', ')}.`;
}

/**
 * What the overview plot shows: its x axis, merged markers, and the grid's panels. Plain text.
 */
export function plotCaption(report: SeriesReport): string {
  const axis =
    report.timeRange === null ? 'x = sample index.' : 'x = time (UTC); rows are in the table.';
  const merged =
    report.anomalies.length > 1
      ? ' Numbers close together are stacked, or joined (3–5 = anomalies 3 to 5).'
      : '';
  const panels = panelLegend(report);
  return `Whole series, ${axis}${merged}${panels === '' ? '' : ` ${panels}`}`;
}

/**
 * An index interval as text, time first when the series has timestamps: `2014-07-01 … UTC (rows
 * 3–9)`.
 */
export function placeText(report: SeriesReport, interval: readonly [number, number]): string {
  const stamps = report.series.timestamps;
  const rows = formatIndexRange([interval[0], interval[1]]);
  if (stamps === undefined || stamps.length !== report.length) return `rows ${rows}`;
  const start = formatTime(stamps[interval[0]] ?? Number.NaN);
  const end = formatTime(stamps[interval[1] - 1] ?? Number.NaN);
  return `${start === end ? start : `${start} → ${end}`} (rows ${rows})`;
}

/**
 * The caption of a close-up, time first when the series has timestamps: which anomaly, where, the
 * window shown and the category. Plain text.
 */
export function zoomCaption(
  report: SeriesReport,
  zoom: { number: number; window: readonly [number, number] },
): string {
  const anomaly = report.anomalies.find((entry) => entry.number === zoom.number);
  const where =
    anomaly?.interval === null || anomaly === undefined
      ? ''
      : ` at ${placeText(report, anomaly.interval)}`;
  const category = anomaly === undefined ? '' : ` · ${anomaly.category}`;
  return `Anomaly ${zoom.number}${where}; shows ${placeText(report, zoom.window)}${category}`;
}
