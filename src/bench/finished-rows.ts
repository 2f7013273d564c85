import { InputError } from '../errors.js';
import { fileLines } from './file-lines.js';
import { resultRowSchema, type ResultRow } from './result-row.js';
import { parseRunJson } from './run-files.js';

/** What resuming needs of a key's last row: whether it is done, and its share of the totals. */
export interface FinishedRow {
  status: ResultRow['status'];
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/**
 * The last row of every key in a results file, reduced to what resuming needs, read line by line
 * (a 100,000-row file is never held whole). Each line is checked against the row schema; a bad
 * one is a located error. The caller cuts a torn last line off first (`truncateTornTail`).
 */
export async function readFinishedRows(path: string): Promise<Map<string, FinishedRow>> {
  const finished = new Map<string, FinishedRow>();
  for await (const { text: line, number: lineNumber } of fileLines(path)) {
    if (line.trim() === '') continue;
    const remedy = `the results file was edited or corrupted — remove line ${lineNumber} (that item is run again) and resume`;
    try {
      JSON.parse(line);
    } catch (error) {
      throw new InputError(
        'results.bad_line',
        `${path}:${lineNumber}: not a JSON line; the results file was edited or corrupted — remove that line and resume`,
        { file: path, line: lineNumber },
        { cause: error },
      );
    }
    // Not JSON at all is a bad line; JSON that is not a row is a damaged run file.
    const row = parseRunJson(line, path, resultRowSchema, remedy, lineNumber);
    finished.set(row.key, {
      status: row.status,
      inputTokens: row.usage?.inputTokens ?? 0,
      outputTokens: row.usage?.outputTokens ?? 0,
      costUsd: row.costUsd ?? 0,
    });
  }
  return finished;
}
