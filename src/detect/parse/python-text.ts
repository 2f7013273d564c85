import { AnomscopeError } from '../../errors.js';

/**
 * Small pieces of Python 3 string semantics the published parsers rely on, so our ports behave
 * the same on every input: `str.isspace()` whitespace (also what `re`'s `\s` matches), `\d` as
 * any Unicode decimal digit, `str.strip()`, `str.rstrip(chars)` and `int()`.
 */

/**
 * Characters Python's `str.isspace()` and `re`'s `\s` accept (JS `\s` differs: no U+001C–U+001F or
 * U+0085, but U+FEFF).
 */
export const PY_WHITESPACE_CLASS =
  '\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';

const leadingWhitespace = new RegExp(`^[${PY_WHITESPACE_CLASS}]+`, 'u');
const trailingWhitespace = new RegExp(`[${PY_WHITESPACE_CLASS}]+$`, 'u');
const decimalDigit = /^\p{Nd}$/u;

/** Python `s.strip()` with no argument. */
export function pyStrip(text: string): string {
  return text.replace(leadingWhitespace, '').replace(trailingWhitespace, '');
}

/** Python `s.rstrip(chars)`: removes any trailing run of the given characters. */
export function pyRstripChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

/**
 * Value 0–9 of one Unicode decimal digit (Nd digits come in contiguous runs 0..9, a Unicode
 * stability rule).
 */
export function pyDigitValue(char: string): number {
  const codePoint = char.codePointAt(0);
  if (codePoint === undefined || !decimalDigit.test(char))
    throw new AnomscopeError('internal.bug', `not a decimal digit: ${JSON.stringify(char)}`);
  let before = 0;
  while (before < 64 && decimalDigit.test(String.fromCodePoint(codePoint - before - 1)))
    before += 1;
  return before % 10;
}

/** Python `int(run)` for a run of Unicode decimal digits, exactly. */
export function pyDigitsToBigInt(run: string): bigint {
  let value = 0n;
  for (const char of run) value = value * 10n + BigInt(pyDigitValue(char));
  return value;
}

const intLiteral = /^([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)$/u;

/**
 * Python `int(value)` for the JSON-decoded values a model can produce: numbers truncate toward
 * zero, booleans are 0/1, decimal strings parse (whitespace, sign and `_` separators allowed).
 * Returns `undefined` where Python raises ValueError or TypeError, and `null` where it raises
 * OverflowError (infinity).
 */
export function pyInt(value: unknown): number | undefined | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return undefined;
    if (!Number.isFinite(value)) return null;
    return Math.trunc(value) + 0;
  }
  if (typeof value === 'string') {
    const match = intLiteral.exec(pyStrip(value));
    if (match === null) return undefined;
    const magnitude = Number(pyDigitsToBigInt((match[2] ?? '').replaceAll('_', '')));
    return match[1] === '-' ? -magnitude + 0 : magnitude;
  }
  return undefined;
}
