import type { LeaderboardRow } from './score.js';
import { formatComparisons, type PairedComparison } from './summary.js';

export type LeaderboardFormat = 'table' | 'markdown' | 'csv' | 'latex' | 'json';

interface Column {
  header: string;
  value: (row: LeaderboardRow) => string;
  /** Right-align numbers in text tables. */
  numeric: boolean;
}

const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : (value * 100).toFixed(2);
const dollars = (value: number | null): string =>
  value === null
    ? '—'
    : value === 0
      ? '0'
      : value < 0.01
        ? value.toExponential(2)
        : value.toFixed(4);

/**
 * Self-consistency runs: the row's score is the voted one; beside it the samples and vote, each
 * sample alone (mean ± standard deviation), and how much the samples' answers overlap.
 */
const selfConsistencyColumns: Column[] = [
  {
    header: 'n/k',
    value: (row) =>
      row.selfConsistency === undefined
        ? '—'
        : `${row.selfConsistency.samples}/${row.selfConsistency.vote}`,
    numeric: true,
  },
  { header: '1-sample', value: (row) => percent(row.selfConsistency?.singleMean), numeric: true },
  { header: '± sd', value: (row) => percent(row.selfConsistency?.singleSd), numeric: true },
  { header: 'agree', value: (row) => percent(row.selfConsistency?.agreement), numeric: true },
];

const CI_HEADER = '95% CI';
/** The headline's bootstrap interval; CSV splits it into `ci_low` and `ci_high`. */
const ciColumn: Column = {
  header: CI_HEADER,
  value: (row) =>
    row.headline.ci === undefined
      ? '—'
      : `[${percent(row.headline.ci[0])}, ${percent(row.headline.ci[1])}]`,
  numeric: true,
};
const csvCiColumns: Column[] = [
  { header: 'ci_low', value: (row) => percent(row.headline.ci?.[0]), numeric: true },
  { header: 'ci_high', value: (row) => percent(row.headline.ci?.[1]), numeric: true },
];

/** Shown when answers carried confidences: TSB-AD's ranking metrics and calibration. */
const confidenceColumns: Column[] = [
  { header: 'VUS-PR', value: (row) => percent(row.metrics['vus.pr']), numeric: true },
  { header: 'AUC-PR', value: (row) => percent(row.metrics['auc.pr']), numeric: true },
  { header: 'ECE', value: (row) => percent(row.metrics['calibration.ece']), numeric: true },
];

/** Beside n when some track repeats series: how many of them differ. */
const distinctColumn: Column = {
  header: 'distinct',
  value: (row) => (row.published === undefined ? String(row.distinctSeries ?? row.series) : '—'),
  numeric: true,
};

/** Options of {@link formatLeaderboard}. */
export interface FormatLeaderboardOptions {
  /** Paired model-vs-model differences, listed under the text and Markdown tables. */
  comparisons?: readonly PairedComparison[];
}

/** Columns of every leaderboard; the secondary metric depends on the task. */
function columns(rows: readonly LeaderboardRow[]): Column[] {
  const secondary = rows.some((row) => row.task === 'point' || row.task === 'range')
    ? [
        {
          header: 'aff P',
          value: (row: LeaderboardRow) => percent(row.metrics['affiliation.precision']),
          numeric: true,
        },
        {
          header: 'aff R',
          value: (row: LeaderboardRow) => percent(row.metrics['affiliation.recall']),
          numeric: true,
        },
        {
          header: 'point F1',
          value: (row: LeaderboardRow) => percent(row.metrics['pointwise.f1']),
          numeric: true,
        },
      ]
    : rows.some((row) => row.task === 'diagnose')
      ? [
          {
            header: 'cat acc',
            value: (row: LeaderboardRow) => percent(row.metrics['category.accuracy']),
            numeric: true,
          },
        ]
      : [];
  return [
    { header: 'track', value: (row) => row.track, numeric: false },
    {
      header: 'model',
      value: (row) => (row.trivial ? `(${row.model})` : row.model),
      numeric: false,
    },
    { header: 'prompt', value: (row) => row.prompt, numeric: false },
    {
      header: 'modality',
      value: (row) => (row.hints === 'none' ? row.modality : `${row.modality}+hints`),
      numeric: false,
    },
    {
      header: 'n',
      value: (row) => (row.published === undefined ? String(row.series) : 'published'),
      numeric: true,
    },
    ...(rows.some((row) => row.distinctSeries !== undefined) ? [distinctColumn] : []),
    { header: 'headline', value: (row) => row.headline.metric, numeric: false },
    { header: 'score', value: (row) => percent(row.headline.value), numeric: true },
    ...(rows.some((row) => row.headline.ci !== undefined) ? [ciColumn] : []),
    ...(rows.some((row) => row.selfConsistency !== undefined) ? selfConsistencyColumns : []),
    ...secondary,
    ...(rows.some((row) => row.metrics['vus.pr'] !== undefined) ? confidenceColumns : []),
    { header: 'parse fail', value: (row) => String(row.parseFailures), numeric: true },
    { header: 'errors', value: (row) => String(row.errors), numeric: true },
    {
      header: 'ms/call',
      value: (row) => (row.meanLatencyMs === null ? '—' : row.meanLatencyMs.toFixed(0)),
      numeric: true,
    },
    { header: 'tokens', value: (row) => String(row.inputTokens + row.outputTokens), numeric: true },
    { header: 'cost $', value: (row) => dollars(row.costUsd), numeric: true },
    { header: '$/correct', value: (row) => dollars(row.costPerCorrectUsd), numeric: true },
  ];
}

/** Renders a leaderboard in one of the output formats. Scores are percentages. */
export function formatLeaderboard(
  rows: readonly LeaderboardRow[],
  format: LeaderboardFormat,
  options: FormatLeaderboardOptions = {},
): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const cols = columns(rows);
  const cells = rows.map((row) => cols.map((col) => col.value(row)));
  const pairs = options.comparisons ?? [];
  switch (format) {
    case 'table':
      return (
        textTable(cols, cells) +
        (pairs.length === 0 ? '' : `\n${formatComparisons(pairs, 'table')}`)
      );
    case 'markdown':
      return [
        `| ${cols.map((col) => col.header).join(' | ')} |`,
        `| ${cols.map((col) => (col.numeric ? '---:' : '---')).join(' | ')} |`,
        ...cells.map(
          (line) => `| ${line.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`,
        ),
        '',
        ...(pairs.length === 0 ? [] : [formatComparisons(pairs, 'markdown')]),
      ].join('\n');
    case 'csv': {
      // Missing values are empty cells in CSV, and the interval is two numeric columns.
      const csvCols = cols.flatMap((col) => (col.header === CI_HEADER ? csvCiColumns : [col]));
      const csvRows = rows.map((row) =>
        csvCols.map((col) => {
          const text = col.value(row);
          return text === '—' ? '' : text;
        }),
      );
      return [
        csvCols.map((col) => csvCell(col.header)).join(','),
        ...csvRows.map((line) => line.map(csvCell).join(',')),
        '',
      ].join('\n');
    }
    case 'latex':
      return [
        `\\begin{tabular}{${cols.map((col) => (col.numeric ? 'r' : 'l')).join('')}}`,
        '\\hline',
        `${cols.map((col) => latexCell(col.header)).join(' & ')} \\\\`,
        '\\hline',
        ...cells.map((line) => `${line.map(latexCell).join(' & ')} \\\\`),
        '\\hline',
        '\\end{tabular}',
        '',
      ].join('\n');
  }
}

function textTable(cols: Column[], cells: string[][]): string {
  const widths = cols.map((col, index) =>
    Math.max(col.header.length, ...cells.map((line) => (line[index] ?? '').length)),
  );
  const pad = (text: string, index: number): string => {
    const width = widths[index] ?? 0;
    return cols[index]?.numeric === true ? text.padStart(width) : text.padEnd(width);
  };
  const lines = [
    cols.map((col, index) => pad(col.header, index)).join('  '),
    widths.map((width) => '─'.repeat(width)).join('  '),
  ];
  let previousTrack: string | undefined;
  for (const line of cells) {
    if (previousTrack !== undefined && line[0] !== previousTrack) lines.push('');
    previousTrack = line[0];
    lines.push(
      line
        .map((cell, index) => pad(cell, index))
        .join('  ')
        .trimEnd(),
    );
  }
  return `${lines.join('\n')}\n`;
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function latexCell(text: string): string {
  return text
    .replace(/[\\&%$#_{}~^]/g, (char) =>
      char === '\\'
        ? '\\textbackslash{}'
        : char === '~'
          ? '\\textasciitilde{}'
          : char === '^'
            ? '\\textasciicircum{}'
            : `\\${char}`,
    )
    .replaceAll('—', '--');
}
