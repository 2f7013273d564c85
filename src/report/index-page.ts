import { escapeHtml } from './escape.js';
import { formatLatency, formatPercent, formatScore, plural } from './format.js';
import { failedVerdict, type FailedSeries } from './failure.js';
import type { ReportScores, SeriesReport } from './model.js';
import { htmlPage, htmlTable, type Cell } from './page.js';
import { verdictText } from './rows.js';

/** One series on the index page: where its report is, and what it found or why it failed. */
export type IndexEntry =
  | {
      /** Relative link to the series' report.html (already URL-encoded). */
      href: string;
      report: SeriesReport;
    }
  | { href: string; failure: FailedSeries };

/** Score columns of the index, with how to read each from a report's scores. */
const SCORE_COLUMNS: ReadonlyArray<[string, (scores: ReportScores) => number | null | undefined]> =
  [
    ['affiliation F1', (scores) => scores.affiliation?.f1],
    ['event F1', (scores) => scores.intervals?.event.f1],
    ['point-adjusted F1', (scores) => scores.intervals?.pointAdjusted.f1],
    ['point F1', (scores) => scores.pointwise?.f1],
    ['range F1', (scores) => scores.intervals?.rangeBased.f1],
  ];

function topConfidence(report: SeriesReport): number | null {
  const values = report.anomalies.flatMap((anomaly) =>
    anomaly.confidence === null ? [] : [anomaly.confidence],
  );
  return values.length === 0 ? null : Math.max(...values);
}

/**
 * Mean of the defined values (a metric undefined on a series, e.g. F1 without windows, is left
 * out).
 */
function mean(values: ReadonlyArray<number | null | undefined>): number | null {
  const defined = values.filter(
    (value): value is number => value !== null && value !== undefined && Number.isFinite(value),
  );
  return defined.length === 0
    ? null
    : defined.reduce((sum, value) => sum + value, 0) / defined.length;
}

/**
 * The last row of the index: anomalies per series and each score averaged over the series that
 * define it.
 */
function meanRow(
  reports: readonly SeriesReport[],
  columns: { withScores: boolean; withVariate: boolean },
): Cell[] {
  const scored = reports.flatMap((report) => (report.scores === null ? [] : [report.scores]));
  const anomalies = mean(reports.map((report) => report.anomalies.length)) ?? 0;
  return [
    { html: '<strong>mean</strong>' },
    { text: '' },
    {
      text: String(Math.round(mean(reports.map((report) => report.length)) ?? 0)),
      className: 'num',
    },
    { text: '' },
    { text: '' },
    { text: anomalies.toFixed(1), className: 'num' },
    { text: formatPercent(mean(reports.map(topConfidence))), className: 'num' },
    { text: '' },
    ...(columns.withScores
      ? SCORE_COLUMNS.map(([, read]) => ({
          text: formatScore(mean(scored.map(read))),
          className: 'num',
        }))
      : []),
    ...(columns.withVariate
      ? [{ text: formatScore(mean(scored.map((scores) => scores.variate?.f1))), className: 'num' }]
      : []),
    {
      text: formatLatency(mean(reports.map((report) => report.run.latencyMs)) ?? 0),
      className: 'num',
    },
  ];
}

/**
 * The folder's `index.html`: a summary table linking every series report, failed ones marked; all
 * ids and model text escaped.
 */
export function indexHtml(
  entries: readonly IndexEntry[],
  options: { generatedAt: string },
): string {
  const reports = entries.flatMap((entry) => ('report' in entry ? [entry.report] : []));
  const failed = entries.length - reports.length;
  const withScores = reports.some((report) => report.scores !== null);
  const withVariate = reports.some((report) => report.scores?.variate != null);
  const headers = [
    'series',
    'status',
    { text: 'points', className: 'num' },
    { text: 'channels', className: 'num' },
    'verdict',
    { text: 'anomalies', className: 'num' },
    { text: 'top confidence', className: 'num' },
    'categories',
    ...(withScores ? SCORE_COLUMNS.map(([name]) => ({ text: name, className: 'num' })) : []),
    ...(withVariate ? [{ text: 'variate F1', className: 'num' }] : []),
    { text: 'latency', className: 'num' },
  ];
  const rows = entries.map((entry): Cell[] => {
    const link = (id: string): Cell => ({
      html: `<a href="${escapeHtml(entry.href)}">${escapeHtml(id)}</a>`,
    });
    if ('failure' in entry) {
      const { failure } = entry;
      return [
        link(failure.series.id),
        { html: '<span class="status failed">failed</span>' },
        { text: String(failure.length), className: 'num' },
        { text: String(failure.series.channels.length), className: 'num' },
        { text: failedVerdict(failure) },
        { text: '—', className: 'num' },
        { text: '—', className: 'num' },
        { text: '—' },
        ...(withScores ? SCORE_COLUMNS.map(() => ({ text: '—', className: 'num' })) : []),
        ...(withVariate ? [{ text: '—', className: 'num' }] : []),
        { text: formatLatency(failure.spent.latencyMs), className: 'num' },
      ];
    }
    const { report } = entry;
    const categories = [...new Set(report.anomalies.map((anomaly) => anomaly.category))].join(', ');
    const scores = report.scores;
    return [
      link(report.series.id),
      { html: '<span class="status ok">ok</span>' },
      { text: String(report.length), className: 'num' },
      { text: String(report.series.channels.length), className: 'num' },
      { text: verdictText(report) },
      { text: String(report.anomalies.length), className: 'num' },
      { text: formatPercent(topConfidence(report)), className: 'num' },
      { text: categories === '' ? '—' : categories },
      ...(withScores
        ? SCORE_COLUMNS.map(([, read]) => ({
            text: formatScore(scores === null ? null : read(scores)),
            className: 'num',
          }))
        : []),
      ...(withVariate ? [{ text: formatScore(scores?.variate?.f1), className: 'num' }] : []),
      { text: formatLatency(report.run.latencyMs), className: 'num' },
    ];
  });
  if (reports.length > 1) rows.push(meanRow(reports, { withScores, withVariate }));
  const anomalous = reports.filter(
    (report) => report.anomalies.length > 0 || report.anomalous,
  ).length;
  const models = [
    ...new Set(
      entries.map((entry) => ('report' in entry ? entry.report.run.model : entry.failure.model)),
    ),
  ].join(', ');
  const body = [
    '<h1>Anomaly reports</h1>',
    `<p class="meta">${escapeHtml(`${plural(entries.length, 'series', 'series')} · ${anomalous} with anomalies${failed === 0 ? '' : ` · ${failed} failed`} · model ${models} · generated ${options.generatedAt}`)}</p>`,
    htmlTable(headers, rows, 'index'),
  ];
  return htmlPage('Anomaly reports', body.join('\n'));
}
