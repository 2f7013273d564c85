import { createReadStream } from 'node:fs';
import { InputError } from '../errors.js';
import type { ResultRow } from './result-row.js';
import { checkResultRow } from './result-row-check.js';

/**
 * The row in force for each key of a results file (the last one written, as `latestRows`), every
 * row checked against the result-row schema. A line that is not JSON is reported before a row
 * that is not a result row, wherever each is, as when the whole file was read first.
 */
export async function readLatestResultRows(path: string): Promise<Map<string, ResultRow>> {
  const latest = new Map<string, ResultRow>();
  let badRow: InputError | undefined;
  await forEachJsonlRow(path, (row, { index }) => {
    if (badRow !== undefined) return;
    const parsed = checkResultRow(row);
    if (parsed.success) latest.set(parsed.data.key, parsed.data);
    else
      badRow = new InputError(
        'results.bad_row',
        `${path}:${index + 1}: not a result row (${parsed.error.issues[0]?.message ?? 'invalid'})`,
        { file: path, line: index + 1 },
      );
  });
  if (badRow !== undefined) throw badRow;
  return latest;
}

/**
 * {@link readJsonl} one row at a time: the same rows, the same torn last line dropped and the same
 * `results.bad_line` error for a bad line elsewhere, but the file is read in chunks and each row
 * handed to `visit` (with its 0-based position among the rows and its 1-based line) as it is
 * parsed, so a large results file (140 MB at 100,000 rows) is never held whole as text.
 * Resolves to the number of torn lines dropped (0 or 1); a missing file has no rows.
 */
export async function forEachJsonlRow(
  path: string,
  visit: (row: unknown, position: { index: number; line: number }) => void,
): Promise<number> {
  let pending: Buffer | undefined;
  let line = 0;
  let index = 0;
  // A line that did not parse is only an error once another line follows it: the last line
  // of a file that does not end in a newline is torn (the process died mid-write).
  let unparsed: { line: number; error: unknown } | undefined;
  const handle = (text: string): void => {
    line += 1;
    if (text.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (error) {
      unparsed = { line, error };
      return;
    }
    visit(row, { index, line });
    index += 1;
  };
  try {
    for await (const chunk of createReadStream(path, {
      highWaterMark: 1 << 22,
    }) as AsyncIterable<Buffer>) {
      let buffer = pending === undefined ? chunk : Buffer.concat([pending, chunk]);
      let start = 0;
      for (let end = buffer.indexOf(10, start); end !== -1; end = buffer.indexOf(10, start)) {
        handle(buffer.toString('utf8', start, end));
        // A parse failure followed by a newline is a bad line, not a torn one.
        if (unparsed !== undefined) throw badLine(path, unparsed.line, unparsed.error);
        start = end + 1;
      }
      buffer = buffer.subarray(start);
      pending = buffer.length === 0 ? undefined : Buffer.from(buffer);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  if (pending !== undefined) handle(pending.toString('utf8'));
  return unparsed === undefined ? 0 : 1;
}

function badLine(path: string, line: number, cause: unknown): InputError {
  return new InputError(
    'results.bad_line',
    `${path}:${line}: not a JSON line; the results file was edited or corrupted — remove that line and resume`,
    { file: path, line },
    { cause },
  );
}
