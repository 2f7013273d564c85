import { isDecimalNumber, trimCell } from './cells.js';
import { allIsoTimestamps, looksLikeEpochColumn, timeColumnNames } from './csv-time.js';
import { inputError, quote } from './fail.js';
import { parseIsoTimestamp } from './time.js';

/**
 * What a CSV column is used for; `index` and `empty` (unnamed, every cell empty: a trailing
 * delimiter) are dropped.
 */
export type ColumnRole = 'time' | 'index' | 'empty' | 'channel';

/** The header after naming unnamed columns, with the role of each column. */
export interface ColumnPlan {
  names: string[];
  roles: ColumnRole[];
  /** Index of the time column, or -1 when there is none. */
  timeIndex: number;
}

const indexColumnNames: ReadonlySet<string> = new Set(['idx', 'index']);

/**
 * True when every cell is an integer and each is larger than the one before (0,1,2,… or a filtered
 * pandas index).
 */
export function isIndexColumn(cells: readonly string[]): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (const cell of cells) {
    const text = trimCell(cell);
    if (!isDecimalNumber(text)) return false;
    const value = Number(text);
    if (!Number.isInteger(value) || value <= previous) return false;
    previous = value;
  }
  return cells.length > 0;
}

/**
 * True when a first row holds only numbers and timestamps, so it is data and the file has no
 * header.
 */
export function isDataRow(fields: readonly string[]): boolean {
  return fields.every((field) => {
    const text = trimCell(field);
    return isDecimalNumber(text) || parseIsoTimestamp(text) !== undefined;
  });
}

function findTimeColumn(
  names: readonly string[],
  columns: readonly string[][],
  timeColumn: string | undefined,
  file: string,
  headerLine: number,
): number {
  if (timeColumn !== undefined) {
    let index = names.indexOf(timeColumn);
    if (index === -1)
      index = names.findIndex((name) => name.toLowerCase() === timeColumn.trim().toLowerCase());
    if (index === -1) {
      throw inputError(
        'input.time_column_missing',
        { file, line: headerLine },
        `there is no column named ${quote(timeColumn)} (the columns are ${names.map((name) => quote(name)).join(', ')})`,
        'pass the time column name exactly as the header writes it, or leave it out to detect the time column',
      );
    }
    return index;
  }
  const byName = names.findIndex((name) => timeColumnNames.has(name.toLowerCase()));
  if (byName !== -1) return byName;
  const byIso = columns.findIndex((cells) => {
    const first = trimCell(cells[0] ?? '');
    return first.length >= 10 && first[4] === '-' && allIsoTimestamps(cells);
  });
  if (byIso !== -1) return byIso;
  return columns[0] !== undefined && looksLikeEpochColumn(columns[0]) ? 0 : -1;
}

/**
 * Decides the role of each column: the time column (by `timeColumn`, by name, or by content: all
 * ISO-8601, or a first column of increasing epoch seconds/ms), index columns (`idx`/`index`, or an
 * unnamed first column, holding increasing integers) which are dropped, and channels. Unnamed
 * channel
 * columns are called `column_<n>`.
 */
export function planColumns(
  header: readonly string[],
  columns: readonly string[][],
  options: { file: string; timeColumn?: string; headerLine: number },
): ColumnPlan {
  const names = header.map((name) => name.trim());
  const timeIndex = findTimeColumn(
    names,
    columns,
    options.timeColumn,
    options.file,
    options.headerLine,
  );
  const roles = names.map((name, index): ColumnRole => {
    if (index === timeIndex) return 'time';
    const cells = columns[index] ?? [];
    if (name === '' && cells.every((cell) => trimCell(cell) === '')) return 'empty';
    const indexLike = indexColumnNames.has(name.toLowerCase()) || (name === '' && index === 0);
    return indexLike && isIndexColumn(cells) ? 'index' : 'channel';
  });
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    if (name === '' && roles[index] === 'channel') names[index] = `column_${index + 1}`;
    const current = names[index] ?? '';
    const first = seen.get(current);
    if (first !== undefined && roles[index] === 'channel') {
      throw inputError(
        'input.duplicate_channel',
        { file: options.file, line: options.headerLine, column: index + 1, field: current },
        `the column name ${quote(current)} appears twice (columns ${first + 1} and ${index + 1})`,
        'give every column a unique name',
      );
    }
    seen.set(current, index);
  });
  return { names, roles, timeIndex };
}
