import { escapeHtml } from './escape.js';
import { formatLatency, formatScore, plural } from './format.js';
import { failedVerdict, type FailedSeries } from './failure.js';
import type { SeriesReport } from './model.js';
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

/** The folder's `index.html`: a summary table linking every series report, failed ones marked; all ids and model text escaped. */
export function indexHtml(entries: readonly IndexEntry[], options: { generatedAt: string }): string {
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
    'categories',
    ...(withScores ? [{ text: 'affiliation F1', className: 'num' }, { text: 'point F1', className: 'num' }] : []),
    ...(withVariate ? [{ text: 'variate F1', className: 'num' }] : []),
    { text: 'latency', className: 'num' },
  ];
  const rows = entries.map((entry): Cell[] => {
    const link = (id: string): Cell => ({ html: `<a href="${escapeHtml(entry.href)}">${escapeHtml(id)}</a>` });
    if ('failure' in entry) {
      const { failure } = entry;
      return [
        link(failure.series.id),
        { html: '<span class="status failed">failed</span>' },
        { text: String(failure.length), className: 'num' },
        { text: String(failure.series.channels.length), className: 'num' },
        { text: failedVerdict(failure) },
        { text: '—' },
        ...(withScores ? [{ text: '—', className: 'num' }, { text: '—', className: 'num' }] : []),
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
      { text: categories === '' ? '—' : categories },
      ...(withScores ? [{ text: formatScore(scores?.affiliation?.f1), className: 'num' }, { text: formatScore(scores?.pointwise?.f1), className: 'num' }] : []),
      ...(withVariate ? [{ text: formatScore(scores?.variate?.f1), className: 'num' }] : []),
      { text: formatLatency(report.run.latencyMs), className: 'num' },
    ];
  });
  const anomalous = reports.filter((report) => report.anomalies.length > 0 || report.anomalous).length;
  const models = [...new Set(entries.map((entry) => ('report' in entry ? entry.report.run.model : entry.failure.model)))].join(', ');
  const body = [
    '<h1>Anomaly reports</h1>',
    `<p class="meta">${escapeHtml(`${plural(entries.length, 'series', 'series')} · ${anomalous} with anomalies${failed === 0 ? '' : ` · ${failed} failed`} · model ${models} · generated ${options.generatedAt}`)}</p>`,
    htmlTable(headers, rows, 'index'),
  ];
  return htmlPage('Anomaly reports', body.join('\n'));
}
