import {
  isPyInt,
  pyJsonLoads,
  PyJsonError,
  pyToJs,
  pyTypeName,
  type PyValue,
} from './python-json.js';
import { pyRstripChars } from './python-text.js';
import { assertNotEmpty, parseError } from './errors.js';

/** Which VisualTimeAnomaly prompt the answer replies to. */
export type VtaAnswerKind = 'points' | 'ranges' | 'variates';

const anyDecimalDigit = /\p{Nd}/u;

/**
 * VisualTimeAnomaly's `parse_output` (`src/result_agg.py`), decision for decision: a truncated
 * answer with exactly one more `[` than `]` loses its trailing `, `/partial number and gets a `]`;
 * the text from the first `[` to the last `]` is decoded with Python's `json.loads` rules; a slice
 * without any digit is `[]`; points and variates must be lists of ints (Python bools count), ranges
 * a list of lists (their contents are checked later, entry by entry, in `answerFromLegacy`).
 * Where the original returns `None` this throws a `ContentError`.
 * @example parseVtaAnswer('The anomalies are [2, 51, 106].', 'points') // [2, 51, 106]
 */
export function parseVtaAnswer(text: string, kind: 'points' | 'variates'): number[];
export function parseVtaAnswer(text: string, kind: 'ranges'): unknown[][];
export function parseVtaAnswer(text: string, kind: VtaAnswerKind): number[] | unknown[][];
export function parseVtaAnswer(text: string, kind: VtaAnswerKind): number[] | unknown[][] {
  assertNotEmpty(text, `VisualTimeAnomaly ${kind}`);
  let output = text;
  const opens = count(output, '[');
  const closes = count(output, ']');
  if (opens === closes + 1) {
    // The published repair for answers cut off by max_tokens.
    output =
      output.endsWith(',') || output.endsWith(' ')
        ? pyRstripChars(output, ', ')
        : pyRstripChars(pyRstripChars(output, '0123456789'), ', ');
    output += ']';
  }
  const first = output.indexOf('[');
  const last = output.lastIndexOf(']');
  if (first === -1)
    throw parseError(
      'content.no_json',
      `The ${kind} answer holds no list (no "["); VisualTimeAnomaly answers are lists like [2, 51, 106].`,
      text,
    );
  if (last === -1)
    throw parseError(
      'content.truncated',
      `The ${kind} answer opens a list but never closes it (no "]"); it was probably cut off.`,
      text,
    );
  // Python slicing: an end before the start gives the empty string.
  let trimmed = last + 1 > first ? output.slice(first, last + 1) : '';
  if (!anyDecimalDigit.test(trimmed)) trimmed = '[]';
  let parsed: PyValue;
  try {
    parsed = pyJsonLoads(trimmed);
  } catch (error) {
    const unbalanced = count(output, '[') > count(output, ']');
    const code = unbalanced ? 'content.truncated' : 'content.invalid_json';
    const detail = error instanceof PyJsonError ? error.message : String(error);
    throw parseError(code, `The ${kind} answer's list is not valid JSON (${detail}).`, text, {
      cause: error,
    });
  }
  if (!Array.isArray(parsed))
    throw parseError('content.schema', `The ${kind} answer is not a list.`, text, {
      issues: [`: expected list, got ${pyTypeName(parsed)}`],
    });
  const issues: string[] = [];
  parsed.forEach((item, index) => {
    if (kind === 'ranges' ? !Array.isArray(item) : !isPyInt(item))
      issues.push(
        `${index}: expected ${kind === 'ranges' ? 'list' : 'int'}, got ${pyTypeName(item)}`,
      );
  });
  if (issues.length > 0) {
    const expected = kind === 'ranges' ? 'a list of [start, end] lists' : 'a list of integers';
    throw parseError(
      'content.schema',
      `The ${kind} answer must be ${expected}; ${issues.length} item(s) are not.`,
      text,
      { issues },
    );
  }
  if (kind === 'ranges') return pyToJs(parsed) as unknown[][];
  // Python bools are ints: `[true, 4]` passes the original check and indexes position 1.
  return parsed.map((item) =>
    typeof item === 'boolean' ? Number(item) : pyToJs(item),
  ) as number[];
}

function count(text: string, char: string): number {
  let found = 0;
  for (const each of text) if (each === char) found += 1;
  return found;
}
