import { isDecimalNumber, isMissingCell, trimCell } from './cells.js';
import { inputError, quote } from './fail.js';
import { parseIsoTimestamp } from './time.js';

/**
 * Column names that mark a time column without looking at its cells (compared case-insensitively).
 */
export const timeColumnNames: ReadonlySet<string> = new Set([
  'time',
  'timestamp',
  'date',
  'datetime',
  'ts',
]);

/**
 * Numbers below this are epoch seconds, at or above it epoch milliseconds (1e11 s is year 5138,
 * 1e11 ms is 1973).
 */
export const epochSecondsBelow = 1e11;

const epochSecondsRange = [946_684_800, 4_102_444_800] as const; // 2000-01-01 .. 2100-01-01
const epochMsRange = [epochSecondsRange[0] * 1000, epochSecondsRange[1] * 1000] as const;

const timestampFix =
  'write every timestamp as ISO-8601 (2024-01-31T12:00:00Z) or as epoch seconds or milliseconds';

/** True when every cell is an ISO-8601 date or date-time (and there is at least one). */
export function allIsoTimestamps(cells: readonly string[]): boolean {
  if (cells.length === 0) return false;
  for (const cell of cells) if (parseIsoTimestamp(trimCell(cell)) === undefined) return false;
  return true;
}

/**
 * True when every cell is an epoch time in seconds or milliseconds between 2000 and 2100, all in
 * the
 * same unit, strictly increasing, and there are at least two: conservative, so a measurement column
 * is never mistaken for time.
 */
export function looksLikeEpochColumn(cells: readonly string[]): boolean {
  if (cells.length < 2) return false;
  let previous = -Infinity;
  let unit: 'seconds' | 'ms' | undefined;
  for (const cell of cells) {
    const text = trimCell(cell);
    if (!isDecimalNumber(text)) return false;
    const value = Number(text);
    const cellUnit =
      value >= epochSecondsRange[0] && value <= epochSecondsRange[1]
        ? 'seconds'
        : value >= epochMsRange[0] && value <= epochMsRange[1]
          ? 'ms'
          : undefined;
    if (cellUnit === undefined || (unit !== undefined && cellUnit !== unit) || value <= previous)
      return false;
    unit = cellUnit;
    previous = value;
  }
  return true;
}

/**
 * Converts the cells of a time column to epoch milliseconds. The first cell fixes the kind (ISO
 * text or a number); numbers below 1e11 are epoch seconds, others epoch milliseconds. Order is
 * checked later by `validateSeries`.
 */
export function parseTimeColumn(
  cells: readonly string[],
  lines: readonly number[],
  context: { file: string; column: number; name: string },
): number[] {
  const { file, column, name } = context;
  const timestamps = new Array<number>(cells.length);
  let kind: 'iso' | 'number' | undefined;
  let maxAbs = 0;
  for (let row = 0; row < cells.length; row += 1) {
    const text = trimCell(cells[row] ?? '');
    const line = lines[row];
    if (isMissingCell(text)) {
      throw inputError(
        'input.timestamp_missing',
        { file, line, column, field: name },
        `the time column ${quote(name)} is empty on this row`,
        'give every row a timestamp, or delete the row',
      );
    }
    kind ??= isDecimalNumber(text) ? 'number' : 'iso';
    const value =
      kind === 'number'
        ? isDecimalNumber(text)
          ? Number(text)
          : undefined
        : parseIsoTimestamp(text);
    if (value === undefined || !Number.isFinite(value)) {
      const mixed =
        kind === 'number' ? parseIsoTimestamp(text) !== undefined : isDecimalNumber(text);
      throw inputError(
        'input.timestamp_unparseable',
        { file, line, column, field: name },
        mixed
          ? `timestamp ${quote(text)} in column ${quote(name)} is ${kind === 'number' ? 'ISO text' : 'a number'} but the first one is ${kind === 'number' ? 'a number' : 'ISO text'}`
          : `timestamp ${quote(text)} in column ${quote(name)} is not a date or time`,
        mixed ? 'write all timestamps of a file the same way' : timestampFix,
      );
    }
    timestamps[row] = value;
    if (kind === 'number') maxAbs = Math.max(maxAbs, Math.abs(value));
  }
  if (kind === 'number' && maxAbs < epochSecondsBelow) {
    for (let row = 0; row < timestamps.length; row += 1)
      timestamps[row] = (timestamps[row] ?? 0) * 1000;
  }
  return timestamps;
}
