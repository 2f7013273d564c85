import { looksLikeDecimalComma, parseNumberCell, trimCell } from './cells.js';
import { planColumns, isDataRow } from './csv-columns.js';
import { detectDelimiter, scanCsv, type CsvDelimiter } from './csv-scan.js';
import { parseTimeColumn } from './csv-time.js';
import { inputError, quote } from './fail.js';
import { seriesIdFromFile } from './id.js';
import { rejectEmpty, rejectNonSeriesText, stripBom } from './sniff.js';
import { repairTimeOrder, type TimeOrderOptions } from './time-order.js';
import type { Series } from './types.js';
import { validateSeries } from './validate.js';

/** Most columns a CSV may have; wider files are refused before their rows are read. */
export const defaultMaxColumns = 10_000;

/** Options of `parseCsv`. */
export interface CsvOptions extends TimeOrderOptions {
  /** Most columns read; a wider header is `input.too_many_columns`. @default 10000 */
  maxColumns?: number;
  /** File name, used in messages and (without extension) as the series id. */
  file: string;
  /**
   * Name of the time column; when absent a column named time/timestamp/date/datetime/ts, or of
   * ISO/epoch cells, is used.
   */
  timeColumn?: string;
  /** Series id. @default the file's base name without extension */
  id?: string;
}

interface Table {
  header: string[];
  headerLine: number;
  columns: string[][];
  lines: number[];
  delimiter: CsvDelimiter;
}

function isBlank(fields: readonly string[]): boolean {
  return fields.length === 1 && trimCell(fields[0] ?? '') === '';
}

function readTable(text: string, file: string, maxColumns: number): Table {
  const firstContent = text.search(/\S/);
  const headerStart = text.lastIndexOf('\n', firstContent) + 1;
  const headerEnd = text.indexOf('\n', headerStart);
  const delimiter = detectDelimiter(
    text.slice(headerStart, headerEnd === -1 ? text.length : headerEnd),
  );
  let header: string[] | undefined;
  let headerLine = 1;
  let columns: string[][] = [];
  const lines: number[] = [];
  // Blank lines inside the data are rows of missing values; blank lines at the end are dropped.
  const pendingBlank: number[] = [];
  const pushRow = (fields: readonly string[], line: number): void => {
    for (let column = 0; column < columns.length; column += 1)
      columns[column]?.push(fields[column] ?? '');
    lines.push(line);
  };
  scanCsv(text, delimiter, file, (fields, line) => {
    if (header === undefined) {
      if (isBlank(fields)) return;
      if (fields.length > maxColumns) throw tooManyColumns(fields.length, maxColumns, line, file);
      header = fields.slice();
      headerLine = line;
      columns = fields.map(() => []);
      return;
    }
    if (isBlank(fields)) {
      pendingBlank.push(line);
      return;
    }
    for (const blankLine of pendingBlank) pushRow([], blankLine);
    pendingBlank.length = 0;
    if (fields.length !== columns.length)
      throw raggedRow(fields, line, columns.length, delimiter, file);
    pushRow(fields, line);
  });
  return { header: header ?? [], headerLine, columns, lines, delimiter };
}

function tooManyColumns(count: number, maxColumns: number, line: number, file: string): Error {
  return inputError(
    'input.too_many_columns',
    { file, line },
    `the header has ${count} columns, above the limit of ${maxColumns} (maxColumns)`,
    'store one series per file or in long format (time, channel, value), or raise maxColumns',
  );
}

function raggedRow(
  fields: readonly string[],
  line: number,
  width: number,
  delimiter: CsvDelimiter,
  file: string,
): Error {
  const tooMany = fields.length > width;
  const found = `this row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${width}`;
  const separator = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  const fix = tooMany
    ? `remove the extra fields, and quote a field that contains ${separator}${delimiter === ',' ? ' (a decimal comma such as 12,5 splits a number in two, so write 12.5)' : ''}`
    : `give every row one field per header column, writing an empty field for a missing value`;
  return inputError(
    'input.ragged_row',
    { file, line, column: tooMany ? width + 1 : fields.length + 1 },
    found,
    fix,
  );
}

function notNumber(
  text: string,
  name: string,
  file: string,
  line: number | undefined,
  column: number,
): Error {
  const location = { file, line, column, field: name };
  if (parseNumberCell(text) !== undefined) {
    return inputError(
      'input.infinite_value',
      location,
      `${quote(text)} in column ${quote(name)} is ${/^[+-]?inf/i.test(text) ? 'infinite' : 'too large for a 64-bit float and becomes infinite'}`,
      'write a finite number, or leave the cell empty for a missing value',
    );
  }
  if (looksLikeDecimalComma(text)) {
    return inputError(
      'input.non_numeric',
      location,
      `${quote(text)} in column ${quote(name)} is not a number`,
      'use "." as the decimal separator and quote nothing',
    );
  }
  const dateLike = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(text);
  return inputError(
    'input.non_numeric',
    location,
    `${quote(text)} in column ${quote(name)} is not a number`,
    dateLike
      ? 'if this column is the time, write it as ISO-8601 (2024-01-31T12:00:00Z) and name it "time" or pass its name as the time column'
      : 'write a number, leave the cell empty for a missing value, or remove the column if it is not a measurement',
  );
}

function toChannel(
  cells: readonly string[],
  lines: readonly number[],
  name: string,
  column: number,
  file: string,
): Float64Array {
  const values = new Float64Array(cells.length);
  for (let row = 0; row < cells.length; row += 1) {
    const text = trimCell(cells[row] ?? '');
    const value = parseNumberCell(text);
    if (
      value === undefined ||
      value === Number.POSITIVE_INFINITY ||
      value === Number.NEGATIVE_INFINITY
    ) {
      throw notNumber(text, name, file, lines[row], column);
    }
    values[row] = value;
  }
  return values;
}

/**
 * Parses CSV text (header row, `,` `;` or tab separated, UTF-8 BOM and CRLF accepted, RFC 4180
 * quotes) into a validated series: an optional time column, dropped index columns, and every other
 * column a numeric channel with empty / NaN / null / NA cells as missing.
 * @example parseCsv('time,temp\n2024-01-01,1.5\n2024-01-02,\n', { file: 'temp.csv' })
 */
export function parseCsv(text: string, options: CsvOptions): Series {
  const { file } = options;
  const body = stripBom(text);
  rejectEmpty(body, file, 'csv');
  rejectNonSeriesText(body, file);
  const table = readTable(body, file, options.maxColumns ?? defaultMaxColumns);
  let { header, columns, lines } = table;
  const headerless = isDataRow(header);
  if (headerless) {
    columns = header.map((cell, index) => [cell, ...(columns[index] ?? [])]);
    lines = [table.headerLine, ...lines];
    header = header.length === 1 ? ['value'] : header.map((_, index) => `column_${index + 1}`);
  } else if (lines.length === 0) {
    throw inputError(
      'input.header_only',
      { file, line: table.headerLine },
      `the file has a header (${header.map((name) => quote(name.trim())).join(', ')}) but no rows of data`,
      'add at least one row of values below the header',
    );
  }
  const plan = planColumns(header, columns, {
    file,
    headerLine: table.headerLine,
    ...(options.timeColumn === undefined ? {} : { timeColumn: options.timeColumn }),
  });
  const channelColumns: number[] = [];
  plan.roles.forEach((role, index) => {
    if (role === 'channel') channelColumns.push(index);
  });
  if (channelColumns.length === 0) {
    throw inputError(
      'input.no_channels',
      { file, line: table.headerLine },
      `no column holds values (the columns are ${plan.names.map((name) => quote(name)).join(', ')}, used as time or index)`,
      'add a column of numbers next to the time column',
    );
  }
  const series: Series = {
    id: options.id ?? seriesIdFromFile(file),
    channels: channelColumns.map((index) => plan.names[index] ?? ''),
    values: channelColumns.map((index) =>
      toChannel(columns[index] ?? [], lines, plan.names[index] ?? '', index + 1, file),
    ),
  };
  if (plan.timeIndex !== -1) {
    series.timestamps = parseTimeColumn(columns[plan.timeIndex] ?? [], lines, {
      file,
      column: plan.timeIndex + 1,
      name: plan.names[plan.timeIndex] ?? '',
    });
    const repaired = repairTimeOrder(
      { timestamps: series.timestamps, values: series.values, lines },
      file,
      options,
    );
    series.timestamps = repaired.timestamps;
    series.values = repaired.values;
    lines = repaired.lines;
  }
  validateSeries(series, {
    file,
    locate: ({ row, channel, timestamp }) => {
      const index =
        timestamp === true
          ? plan.timeIndex
          : channel === undefined
            ? undefined
            : channelColumns[channel];
      // A whole-column problem points at the column's header cell.
      const line = row === undefined ? (headerless ? undefined : table.headerLine) : lines[row];
      return {
        ...(line === undefined ? {} : { line }),
        ...(index === undefined ? {} : { column: index + 1, field: plan.names[index] }),
      };
    },
  });
  return series;
}
