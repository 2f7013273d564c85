import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { loadSeries, type LoadOptions } from './load.js';

const folder = join(import.meta.dirname, '../../fixtures/bad-series');

interface BadCase {
  file: string;
  code: string;
  line?: number;
  column?: number;
  field?: string;
  message: string;
  options?: LoadOptions;
}

async function loadError(path: string, options?: LoadOptions): Promise<InputError> {
  try {
    await loadSeries(path, options);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`${path} loaded without an error`);
}

// Positions are 1-based and worked out by hand from the fixture bytes (see make-fixtures.mjs).
const badCases: BadCase[] = [
  { file: 'empty.csv', code: 'input.empty_file', message: 'the file is empty; write a header row' },
  { file: 'whitespace-only.csv', code: 'input.empty_file', message: 'the file is empty' },
  {
    file: 'header-only.csv',
    code: 'input.header_only',
    line: 1,
    message: 'has a header ("time", "value") but no rows of data',
  },
  {
    file: 'header-only-bom-crlf.csv',
    code: 'input.header_only',
    line: 1,
    message: 'but no rows of data',
  },
  {
    file: 'non-numeric-cell.csv',
    code: 'input.non_numeric',
    line: 3,
    column: 2,
    message: '"abc" in column "temp" is not a number',
  },
  {
    file: 'decimal-comma-quoted.csv',
    code: 'input.non_numeric',
    line: 3,
    column: 2,
    message:
      '"12,5" in column "temp" is not a number; use "." as the decimal separator and quote nothing',
  },
  {
    file: 'decimal-comma-semicolon.csv',
    code: 'input.non_numeric',
    line: 2,
    column: 2,
    message: 'use "." as the decimal separator',
  },
  {
    file: 'decimal-comma-unquoted.csv',
    code: 'input.ragged_row',
    line: 2,
    column: 3,
    message: 'a decimal comma such as 12,5 splits a number in two',
  },
  {
    file: 'ragged-row-short.csv',
    code: 'input.ragged_row',
    line: 3,
    column: 3,
    message: 'this row has 2 fields but the header has 3',
  },
  {
    file: 'ragged-row-long.csv',
    code: 'input.ragged_row',
    line: 3,
    column: 3,
    message: 'this row has 3 fields but the header has 2',
  },
  {
    file: 'duplicate-timestamp.csv',
    code: 'input.timestamp_order',
    line: 4,
    column: 1,
    message: 'timestamp 2024-01-01T00:01:00.000Z repeats the one before it; remove or merge',
    options: { onDuplicateTime: 'error' },
  },
  {
    file: 'decreasing-timestamp.csv',
    code: 'input.timestamp_order',
    line: 3,
    column: 1,
    message:
      'is earlier than the one before it (2024-01-01T00:02:00.000Z); sort the observations by time',
    options: { onUnsorted: 'error' },
  },
  {
    file: 'decreasing-epoch-ms.csv',
    code: 'input.timestamp_order',
    line: 4,
    column: 1,
    message: 'timestamp 2024-01-01T00:00:30.000Z is earlier',
    options: { onUnsorted: 'error' },
  },
  {
    file: 'too-many-columns.csv',
    code: 'input.too_many_columns',
    line: 1,
    message: 'the header has 10001 columns, above the limit of 10000',
  },
  {
    file: 'unparseable-timestamp.csv',
    code: 'input.timestamp_unparseable',
    line: 3,
    column: 1,
    message:
      'timestamp "2024-13-01" in column "date" is not a date or time; write every timestamp as ISO-8601',
  },
  {
    file: 'impossible-date.csv',
    code: 'input.timestamp_unparseable',
    line: 3,
    column: 1,
    message: '"2023-02-30"',
  },
  {
    file: 'us-date-format.csv',
    code: 'input.timestamp_unparseable',
    line: 2,
    column: 1,
    message: '"01/31/2024" in column "date" is not a date or time',
  },
  {
    file: 'mixed-timestamp-kinds.csv',
    code: 'input.timestamp_unparseable',
    line: 3,
    column: 1,
    message:
      'is a number but the first one is ISO text; write all timestamps of a file the same way',
  },
  {
    file: 'missing-timestamp.csv',
    code: 'input.timestamp_missing',
    line: 3,
    column: 1,
    message: 'the time column "time" is empty on this row',
  },
  {
    file: 'unknown-time-column.csv',
    code: 'input.time_column_missing',
    line: 1,
    options: { timeColumn: 'when' },
    message: 'there is no column named "when" (the columns are "time", "value")',
  },
  {
    file: 'infinity.csv',
    code: 'input.infinite_value',
    line: 3,
    column: 1,
    message: '"Infinity" in column "value" is infinite',
  },
  {
    file: 'negative-inf.csv',
    code: 'input.infinite_value',
    line: 3,
    column: 1,
    message: '"-inf" in column "a" is infinite',
  },
  {
    file: 'overflow-number.csv',
    code: 'input.infinite_value',
    line: 3,
    column: 1,
    message: '"1e400" in column "value" is too large for a 64-bit float',
  },
  {
    file: 'channel-all-missing.csv',
    code: 'input.channel_all_missing',
    line: 1,
    column: 3,
    message: 'channel "b" has no values, every one is missing',
  },
  {
    file: 'duplicate-column.csv',
    code: 'input.duplicate_channel',
    line: 1,
    column: 3,
    message: 'the column name "temp" appears twice (columns 2 and 3)',
  },
  {
    file: 'only-time-column.csv',
    code: 'input.no_channels',
    line: 1,
    message: 'no column holds values',
  },
  {
    file: 'text-column.csv',
    code: 'input.non_numeric',
    line: 2,
    column: 2,
    message: '"ok" in column "status" is not a number',
  },
  {
    file: 'unterminated-quote.csv',
    code: 'input.unterminated_quote',
    line: 1,
    column: 6,
    message: 'a quoted field opens here and is never closed',
  },
  {
    file: 'stray-quote.csv',
    code: 'input.stray_quote',
    line: 2,
    column: 4,
    message: 'a double quote appears inside the unquoted field',
  },
  {
    file: 'png-image.csv',
    code: 'input.not_series',
    message: 'the file is a PNG image, not a series',
  },
  { file: 'html-page.csv', code: 'input.not_series', line: 1, message: 'the file is an HTML page' },
  { file: 'binary.dat', code: 'input.not_series', message: 'binary data (NUL bytes)' },
  {
    file: 'compressed.csv.gz',
    code: 'input.not_series',
    message: 'gzip-compressed, not a series; decompress it first',
  },
  {
    file: 'spreadsheet.xlsx',
    code: 'input.not_series',
    message: 'a ZIP archive (an Excel .xlsx workbook is one)',
  },
  {
    file: 'utf16.csv',
    code: 'input.encoding',
    message: 'the file is UTF-16 text; save it as UTF-8',
  },
  {
    file: 'latin1.csv',
    code: 'input.encoding',
    line: 1,
    column: 11,
    message: 'byte 0xB0 is not valid UTF-8',
  },
  {
    file: 'json-syntax-error.json',
    code: 'input.json_syntax',
    line: 2,
    column: 19,
    message: 'found "," where a value',
  },
  {
    file: 'json-nan.json',
    code: 'input.json_syntax',
    line: 1,
    column: 16,
    message:
      'found "NaN" where a value (number, string, true, false, null, object or array) should be; write null for a missing value',
  },
  {
    file: 'json-trailing-comma.json',
    code: 'input.json_syntax',
    line: 1,
    column: 10,
    message: 'remove the comma before the closing bracket',
  },
  {
    file: 'json-truncated.json',
    code: 'input.json_syntax',
    line: 1,
    column: 20,
    message: 'found the end of the text where "," or "]" should be; the JSON ends too early',
  },
  {
    file: 'json-wrong-keys.json',
    code: 'input.json_shape',
    message: 'the object has no "values" or "channels" (its keys are "data")',
  },
  {
    file: 'json-array-of-objects.json',
    code: 'input.json_shape',
    message: 'the top level is an array of objects (rows)',
  },
  {
    file: 'json-string-number.json',
    code: 'input.non_numeric',
    field: 'values[1]',
    message: 'values[1]: the string "2" is not a number',
  },
  {
    file: 'json-empty-values.json',
    code: 'input.no_observations',
    message: 'the series has no observations',
  },
  {
    file: 'json-unequal-channels.json',
    code: 'input.length_mismatch',
    field: 'channels.b',
    message: 'channel "b" has 2 values but channel "a" has 3',
  },
  {
    file: 'json-timestamps-length.json',
    code: 'input.length_mismatch',
    field: 'timestamps',
    message: 'there are 2 timestamps but 3 values per channel',
  },
  {
    file: 'json-timestamps-decreasing.json',
    code: 'input.timestamp_order',
    field: 'timestamps[2]',
    message: 'timestamp 2024-01-01T00:01:00.000Z is earlier',
  },
  {
    file: 'json-timestamp-unparseable.json',
    code: 'input.timestamp_unparseable',
    field: 'timestamps[1]',
    message: 'the string "yesterday" is not a timestamp',
  },
  {
    file: 'json-huge-number.json',
    code: 'input.infinite_value',
    field: 'values[1]',
    message: 'the value at index 1 of channel "value" is Infinity',
  },
  {
    file: 'json-all-null-channel.json',
    code: 'input.channel_all_missing',
    field: 'channels.b',
    message: 'channel "b" has no values',
  },
  {
    file: 'json-scalar.json',
    code: 'input.json_shape',
    message: 'the JSON is number 42, not a series',
  },
  {
    file: 'json-context-string.json',
    code: 'input.json_shape',
    field: 'context',
    message: 'expected an object {domain, description, unit}',
  },
  {
    file: 'json-nested-no-names.json',
    code: 'input.json_shape',
    field: 'values',
    message: 'nested arrays without channel names',
  },
  {
    file: 'stored-form-mismatch.json',
    code: 'input.length_mismatch',
    field: 'values',
    message: 'there are 2 channel names but 1 value arrays',
  },
  {
    file: 'ndjson-bad-line.ndjson',
    code: 'input.json_syntax',
    line: 3,
    column: 17,
    message: 'found "}" where "," or "]" should be',
  },
  {
    file: 'ndjson-blank.ndjson',
    code: 'input.empty_file',
    message: 'the file is empty; write one JSON series per line',
  },
  {
    file: 'ndjson-wrong-shape-line.ndjson',
    code: 'input.json_shape',
    line: 2,
    message: 'the object has no "values" or "channels" (its keys are "rows")',
  },
  {
    file: 'ndjson-duplicate-id.ndjson',
    code: 'input.duplicate_id',
    line: 2,
    field: 'id',
    message: 'id: "a" was already the id of the series on line 1',
  },
];

describe('bad series files', () => {
  it('has at least 32 cases, one fixture each', () => {
    expect(badCases.length).toBeGreaterThanOrEqual(32);
    expect(new Set(badCases.map((badCase) => badCase.file)).size).toBe(badCases.length);
  });

  it.each(badCases)(
    '$file → $code',
    async ({ file, code, line, column, field, message, options }) => {
      const path = join(folder, file);
      const error = await loadError(path, options);
      expect(error).toBeInstanceOf(InputError);
      expect(error.code).toBe(code);
      expect(error.file).toBe(path);
      expect(error.line).toBe(line);
      expect(error.column).toBe(column);
      if (field !== undefined) expect(error.field).toBe(field);
      expect(error.message).toContain(message);
      // One sentence that starts with the location: file[:line[:column]] then what and how to fix.
      const prefix = `${path}${line === undefined ? '' : `:${line}`}${column === undefined ? '' : `:${column}`}: `;
      expect(error.message.startsWith(prefix)).toBe(true);
      expect(error.message).toContain('; ');
      expect(error.message).not.toContain('\n');
    },
  );
});

const iso = (text: string): number => Date.parse(text);

interface AcceptedCase {
  file: string;
  ids?: string[];
  channels: string[];
  values: number[][];
  timestamps?: number[];
}

const acceptedCases: AcceptedCase[] = [
  {
    file: 'bom.csv',
    channels: ['value'],
    values: [[1, 2]],
    timestamps: [iso('2024-01-01'), iso('2024-01-02')],
  },
  {
    file: 'crlf.csv',
    channels: ['value'],
    values: [[1, 2]],
    timestamps: [iso('2024-01-01'), iso('2024-01-02')],
  },
  {
    file: 'bom-crlf.csv',
    channels: ['value'],
    values: [[1, 2]],
    timestamps: [iso('2024-01-01'), iso('2024-01-02')],
  },
  {
    file: 'crlf-quoted-header.csv',
    channels: ['temp, °C'],
    values: [[1.5, 2.5]],
    timestamps: [iso('2024-01-01'), iso('2024-01-02')],
  },
  { file: 'trailing-blank-lines.csv', channels: ['value'], values: [[1, 2]] },
  {
    file: 'missing-markers.csv',
    channels: ['a', 'b'],
    values: [
      [1, Number.NaN, Number.NaN, 4],
      [Number.NaN, 2, Number.NaN, Number.NaN],
    ],
  },
  { file: 'pandas-index.csv', channels: ['value'], values: [[1.5, 2.5]] },
  { file: 'idx-column.csv', channels: ['value'], values: [[3, 4, 5]] },
  {
    file: 'semicolon.csv',
    channels: ['a', 'b'],
    values: [
      [1.5, 3],
      [2, 4],
    ],
    timestamps: [iso('2024-01-01'), iso('2024-01-02')],
  },
  { file: 'tab.tsv', channels: ['a', 'b'], values: [[1], [2]] },
  { file: 'no-header.csv', channels: ['value'], values: [[1.5, 2.5, 3]] },
  {
    file: 'spaces-around-cells.csv',
    channels: ['value'],
    values: [[1]],
    timestamps: [iso('2024-01-01')],
  },
  {
    file: 'iso-offset.csv',
    channels: ['value'],
    values: [[1, 2]],
    timestamps: [iso('2024-01-01T00:00:00Z'), iso('2024-01-01T00:30:00Z')],
  },
  { file: 'bom.json', ids: ['bom'], channels: ['value'], values: [[1, Number.NaN, 3]] },
];

describe('odd but good files', () => {
  it.each(acceptedCases)('$file loads', async ({ file, ids, channels, values, timestamps }) => {
    const [series, ...rest] = await loadSeries(join(folder, 'accepted', file));
    expect(rest).toHaveLength(0);
    if (ids !== undefined) expect(series?.id).toBe(ids[0]);
    expect(series?.channels).toEqual(channels);
    expect(series?.values.map((channel) => Array.from(channel))).toEqual(values);
    expect(series?.timestamps).toEqual(timestamps);
  });

  it('crlf.ndjson loads two series, skipping the blank line', async () => {
    const loaded = await loadSeries(join(folder, 'accepted', 'crlf.ndjson'));
    expect(loaded.map((series) => series.id)).toEqual(['crlf#1', 'b']);
    expect(loaded.map((series) => Array.from(series.values[0] ?? []))).toEqual([[1, 2], [3]]);
  });
});
