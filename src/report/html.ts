import { escapeHtml } from './escape.js';
import { footerFacts } from './footer.js';
import type { ReportImages } from './images.js';
import type { SeriesReport } from './model.js';
import { htmlPage, htmlTable, pngDataUrl, type Cell } from './page.js';
import { falseAlarmText, windowRows } from './windows-table.js';
import {
  anomalyHeaders,
  anomalyRowText,
  labelText,
  plotCaption,
  scoreRows,
  seriesFacts,
  verdictText,
  zoomCaption,
} from './rows.js';

/** Options of {@link seriesReportHtml}. */
export interface SeriesHtmlOptions {
  /** Formatted creation time shown in the footer. */
  generatedAt: string;
  /** Link back to the folder's index page, when there is one. @default none */
  indexHref?: string;
}

/**
 * The self-contained HTML report of one series (images inline as data URLs); every model string
 * escaped.
 */
export function seriesReportHtml(
  report: SeriesReport,
  images: ReportImages,
  options: SeriesHtmlOptions,
): string {
  const id = report.series.id;
  const parts: string[] = [];
  if (options.indexHref !== undefined)
    parts.push(`<p class="meta"><a href="${escapeHtml(options.indexHref)}">← all series</a></p>`);
  parts.push(`<h1>Anomaly report: ${escapeHtml(id)}</h1>`);
  parts.push(`<p class="meta">${seriesFacts(report).map(escapeHtml).join(' · ')}</p>`);
  const description = report.series.context?.description;
  if (description !== undefined && description !== '')
    parts.push(`<p class="meta">${escapeHtml(description)}</p>`);
  parts.push(
    `<div class="verdict ${report.anomalies.length > 0 || report.anomalous ? 'anomalous' : 'normal'}" id="verdict">${escapeHtml(verdictText(report))}</div>`,
  );
  parts.push(`<p class="summary" id="summary">${escapeHtml(report.summary)}</p>`);

  parts.push(
    `<figure><img class="plot" src="${pngDataUrl(images.main)}" alt="${escapeHtml(`Series ${id} with the model's anomalies shaded`)}">` +
      `<figcaption>${escapeHtml(plotCaption(report))}${plotKeys(report)}</figcaption></figure>`,
  );

  if (report.scores !== null) {
    parts.push('<h2>Compared with the label</h2>');
    parts.push(`<p>${escapeHtml(labelText(report))}</p>`);
    parts.push(
      htmlTable(
        ['metric', { text: 'value', className: 'num' }],
        scoreRows(report).map(([name, value]) => [
          { text: name },
          { text: value, className: 'num' },
        ]),
        'scores',
      ),
    );
    parts.push(windowsHtml(report));
  }

  parts.push('<h2>Anomalies</h2>');
  if (report.anomalies.length === 0) {
    parts.push(
      `<p id="no-anomaly"><strong>No anomaly found.</strong> ${escapeHtml(report.anomalous ? 'The model called the series anomalous but did not say where.' : 'The model reports this series as normal over its whole length.')}</p>`,
    );
  } else {
    const withTime = report.timeRange !== null;
    const rows = report.anomalies.map((anomaly): Cell[] => {
      const text = anomalyRowText(report, anomaly);
      const severity =
        anomaly.severity === null
          ? '—'
          : `<span class="sev ${anomaly.severity}">${escapeHtml(anomaly.severity)}</span>`;
      return [
        { text: text.number, className: 'num' },
        ...(withTime
          ? [
              {
                html: text.time
                  .split(' → ')
                  .map((part) => `<span class="nowrap">${escapeHtml(part)}</span>`)
                  .join(' → '),
              },
            ]
          : []),
        { text: text.indices, className: 'nowrap' },
        { text: text.channels },
        {
          html: `<strong>${escapeHtml(text.category)}</strong><div class="definition">${escapeHtml(text.definition)}</div>`,
        },
        { html: severity },
        { text: text.confidence, className: 'num' },
        { text: text.explanation, className: 'explanation' },
      ];
    });
    const headers = anomalyHeaders(report).map((header) =>
      header === '#' || header === 'confidence' ? { text: header, className: 'num' } : header,
    );
    parts.push(htmlTable(headers, rows, 'anomalies'));
  }

  if (images.zooms.length > 0) {
    parts.push('<h2>Close-ups</h2>');
    const figures = images.zooms.map((zoom) => {
      const caption = zoomCaption(report, zoom);
      return `<figure><img class="zoom" src="${pngDataUrl(zoom.png)}" alt="${escapeHtml(`Close-up of anomaly ${zoom.number}`)}"><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
    });
    parts.push(`<div class="zooms">${figures.join('\n')}</div>`);
  }

  const facts = footerFacts(report.run, options.generatedAt);
  parts.push(
    `<footer><dl>${facts.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd${name === 'warning' ? ' class="warn"' : ''}>${escapeHtml(value)}</dd>`).join('')}</dl></footer>`,
  );
  return htmlPage(`Anomaly report: ${id}`, parts.join('\n'));
}

/** Colour keys under the overview plot, matching its legend. */
function plotKeys(report: SeriesReport): string {
  const keys: string[] = [];
  if (report.predicted.length > 0)
    keys.push('<span class="key predicted"></span>model’s anomalies (numbered as in the table)');
  if (report.label !== null && report.label.intervals !== null)
    keys.push('<span class="key truth"></span>labelled anomalies (strip along the bottom)');
  return keys.join('');
}

/** The labelled windows, each found (by which anomalies) or missed, and the false alarms. */
function windowsHtml(report: SeriesReport): string {
  const rows = windowRows(report);
  if (rows.length === 0) return '';
  const table = htmlTable(
    ['labelled window', 'found?', 'by anomalies'],
    rows.map((row): Cell[] => [
      { text: row.where },
      {
        html: row.found
          ? '<span class="status ok">found</span>'
          : '<span class="status failed">missed</span>',
      },
      { text: row.by === '' ? '—' : row.by },
    ]),
    'windows',
  );
  return `<h3>Labelled windows</h3>\n${table}\n<p id="false-alarms">${escapeHtml(falseAlarmText(report))}</p>`;
}
