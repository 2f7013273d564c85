import { escapeMarkdown, escapeMarkdownInline } from './escape.js';
import { footerFacts } from './footer.js';
import type { ZoomImage } from './images.js';
import type { SeriesReport } from './model.js';
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

/** File names of the pictures a Markdown report links to (written beside it). */
export const imageFiles = {
  main: 'plot.png',
  zoom: (number: number): string => `anomaly-${number}.png`,
} as const;

/** A Markdown table; cells are escaped here. */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly boolean[] = [],
): string {
  return [
    `| ${headers.map(escapeMarkdownInline).join(' | ')} |`,
    `| ${headers.map((_, index) => (numeric[index] === true ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escapeMarkdownInline).join(' | ')} |`),
  ].join('\n');
}

/**
 * The Markdown report of one series; pictures are linked as files beside it; model text
 * neutralised.
 */
export function seriesReportMarkdown(
  report: SeriesReport,
  zooms: readonly Pick<ZoomImage, 'number' | 'window'>[],
  options: { generatedAt: string },
): string {
  const id = escapeMarkdownInline(report.series.id);
  const lines: string[] = [
    `# Anomaly report: ${id}`,
    '',
    seriesFacts(report).map(escapeMarkdown).join(' · '),
    '',
  ];
  const description = report.series.context?.description;
  if (description !== undefined && description !== '')
    lines.push(`_${escapeMarkdown(description)}_`, '');
  lines.push(`**${escapeMarkdown(verdictText(report))}.**`, '', escapeMarkdown(report.summary), '');
  lines.push(`![Series ${id} with the model's anomalies shaded](${imageFiles.main})`, '');
  const truthKey =
    report.label === null || report.label.intervals === null
      ? ''
      : ', blue with a strip along the bottom = labelled anomalies';
  lines.push(
    `${escapeMarkdown(plotCaption(report))} Orange = the model's anomalies (numbered as below)${truthKey}.`,
    '',
  );
  if (report.scores !== null) {
    lines.push('## Compared with the label', '', escapeMarkdown(labelText(report)), '');
    lines.push(markdownTable(['metric', 'value'], scoreRows(report), [false, true]), '');
    const windows = windowRows(report);
    if (windows.length > 0) {
      lines.push(
        '### Labelled windows',
        '',
        markdownTable(
          ['labelled window', 'found?', 'by anomalies'],
          windows.map((row) => [
            row.where,
            row.found ? 'found' : 'missed',
            row.by === '' ? '—' : row.by,
          ]),
          [false, false, false],
        ),
        '',
        escapeMarkdown(falseAlarmText(report)),
        '',
      );
    }
  }
  lines.push('## Anomalies', '');
  if (report.anomalies.length === 0) {
    lines.push(
      `**No anomaly found.** ${report.anomalous ? 'The model called the series anomalous but did not say where.' : 'The model reports this series as normal over its whole length.'}`,
      '',
    );
  } else {
    const withTime = report.timeRange !== null;
    const rows = report.anomalies.map((anomaly) => {
      const text = anomalyRowText(report, anomaly);
      return [
        text.number,
        ...(withTime ? [text.time] : []),
        text.indices,
        text.channels,
        `${text.category} — ${text.definition}`,
        text.severity,
        text.confidence,
        text.explanation,
      ];
    });
    const headers = anomalyHeaders(report);
    lines.push(
      markdownTable(
        headers,
        rows,
        headers.map((header) => header === '#' || header === 'confidence'),
      ),
      '',
    );
  }
  if (zooms.length > 0) {
    lines.push('## Close-ups', '');
    for (const zoom of zooms) {
      lines.push(
        `![Close-up of anomaly ${zoom.number}](${imageFiles.zoom(zoom.number)})`,
        '',
        `${escapeMarkdown(zoomCaption(report, zoom))}.`,
        '',
      );
    }
  }
  lines.push(
    '---',
    '',
    ...footerFacts(report.run, options.generatedAt).map(
      ([name, value]) => `- **${name}:** ${escapeMarkdownInline(value)}`,
    ),
    '',
  );
  return lines.join('\n');
}
