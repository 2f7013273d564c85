import { InputError, type InputErrorCode, type InputLocation } from '../errors.js';

/** Longest quoted excerpt of user data put into an error message, in characters. */
const maxExcerptChars = 40;

/**
 * `file:line:column` (or as much of it as is known, or `file:line: field`), the prefix of every
 * input error message.
 */
export function locationPrefix(location: InputLocation): string {
  let prefix = location.file ?? '<input>';
  if (location.line !== undefined) {
    prefix += `:${location.line}`;
    if (location.column !== undefined) prefix += `:${location.column}`;
  }
  // Without a column, a field (a JSON path such as `values[3]`) is the most precise place there is.
  if (location.column === undefined && location.field !== undefined)
    prefix += `: ${location.field}`;
  return prefix;
}

/**
 * Builds the one-sentence `InputError` every loader throws: `file:line:column: what was found; how
 * to fix it`.
 * @example inputError('input.empty_file', { file: 'a.csv' }, 'the file is empty', 'write a header
 * row and at least one row of numbers')
 */
export function inputError(
  code: InputErrorCode,
  location: InputLocation,
  found: string,
  fix: string,
  cause?: unknown,
): InputError {
  const clean: InputLocation = {};
  if (location.file !== undefined) clean.file = location.file;
  if (location.line !== undefined) clean.line = location.line;
  if (location.column !== undefined) clean.column = location.column;
  if (location.field !== undefined) clean.field = location.field;
  return new InputError(
    code,
    `${locationPrefix(clean)}: ${found}; ${fix}`,
    clean,
    cause === undefined ? undefined : { cause },
  );
}

/** A piece of user data quoted for a message, shortened so a message stays one readable line. */
export function quote(text: string): string {
  const short = text.length > maxExcerptChars ? `${text.slice(0, maxExcerptChars)}…` : text;
  return JSON.stringify(short);
}

/** Line (1-based) and column (1-based, in UTF-16 code units) of a character offset in a text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < offset;
    index = text.indexOf('\n', index + 1)
  ) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
