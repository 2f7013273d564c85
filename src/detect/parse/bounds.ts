import { parseError } from './errors.js';

/** Deepest bracket nesting an answer may have; real answers nest 3 or 4 levels. */
export const maxAnswerDepth = 64;

/** Most anomalies (intervals, points or items) one answer may list. */
export const maxAnswerIntervals = 10_000;

/**
 * Throws `content.too_deep` when `{`/`[` brackets (outside double-quoted strings) nest deeper than
 * `maxAnswerDepth`: recursive parsers and `JSON.stringify` overflow the stack on such text, which
 * would end a whole run instead of one row. Linear and iterative, so it is safe on any input.
 */
export function assertShallow(text: string): void {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (escaped) escaped = false;
      else if (char === 0x5c) escaped = true;
      else if (char === 0x22) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > maxAnswerDepth) {
        throw parseError(
          'content.too_deep',
          `The answer nests brackets more than ${maxAnswerDepth} levels deep; ` +
            'answer with a flat list.',
          text,
          { issues: [`(root): brackets nested deeper than ${maxAnswerDepth} levels`] },
        );
      }
    } else if ((char === 0x7d || char === 0x5d) && depth > 0) depth -= 1;
  }
}

/** Throws `content.too_many_intervals` when an answer lists more than `maxAnswerIntervals`. */
export function assertFewIntervals(count: number, text: string): void {
  if (count <= maxAnswerIntervals) return;
  throw parseError(
    'content.too_many_intervals',
    `The answer lists ${count} anomalies, more than the ${maxAnswerIntervals} allowed; ` +
      'merge neighbouring anomalies into ranges.',
    text,
    { issues: [`anomalies: ${count} entries, at most ${maxAnswerIntervals} allowed`] },
  );
}
