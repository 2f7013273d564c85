import { escapeHtml } from './escape.js';
import { formatLatency, formatScore, plural } from './format.js';
import type { SeriesReport } from './model.js';
import { htmlPage, htmlTable, type Cell } from './page.js';
import { verdictText } from './rows.js';

/** One series on the index page: where its report is and what it found. */
export interface IndexEntry {
  /** Relative link to the series' report.html (already URL-encoded). */
  href: string;
  report: SeriesReport;
}

/** The folder's `index.html`: a summary table linking every series report; all ids and model text escaped. */
export function indexHtml(entries: readonly IndexEntry[], options: { generatedAt: string }): string {
  const withScores = entries.some((entry) => entry.report.scores !== null);
  const withVariate = entries.some((entry) => entry.report.scores?.variate != null);
  const headers = [
    'series',
    { text: 'points', className: 'num' },
    { text: 'channels', className: 'num' },
    'verdict',
    'categories',
    ...(withScores ? [{ text: 'affiliation F1', className: 'num' }, { text: 'point F1', className: 'num' }] : []),
    ...(withVariate ? [{ text: 'variate F1', className: 'num' }] : []),
    { text: 'latency', className: 'num' },
  ];
  const rows = entries.map(({ href, report }): Cell[] => {
    const categories = [...new Set(report.anomalies.map((anomaly) => anomaly.category))].join(', ');
    const scores = report.scores;
    return [
      { html: `<a href="${escapeHtml(href)}">${escapeHtml(report.series.id)}</a>` },
      { text: String(report.length), className: 'num' },
      { text: String(report.series.channels.length), className: 'num' },
      { text: verdictText(report) },
      { text: categories === '' ? '—' : categories },
      ...(withScores ? [{ text: formatScore(scores?.affiliation?.f1), className: 'num' }, { text: formatScore(scores?.pointwise?.f1), className: 'num' }] : []),
      ...(withVariate ? [{ text: formatScore(scores?.variate?.f1), className: 'num' }] : []),
      { text: formatLatency(report.run.latencyMs), className: 'num' },
    ];
  });
  const anomalous = entries.filter((entry) => entry.report.anomalies.length > 0 || entry.report.anomalous).length;
  const models = [...new Set(entries.map((entry) => entry.report.run.model))].join(', ');
  const body = [
    '<h1>Anomaly reports</h1>',
    `<p class="meta">${escapeHtml(`${plural(entries.length, 'series', 'series')} · ${anomalous} with anomalies · model ${models} · generated ${options.generatedAt}`)}</p>`,
    htmlTable(headers, rows, 'index'),
  ];
  return htmlPage('Anomaly reports', body.join('\n'));
}
