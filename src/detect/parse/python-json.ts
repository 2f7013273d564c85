/**
 * A port of CPython's `json.loads` (the C scanner, `strict=True`), so that the published parsers'
 * accept/reject decisions are reproduced exactly. Differences from `JSON.parse` that matter here:
 * `NaN`, `Infinity` and `-Infinity` are accepted; integers and floats stay distinct (`5` is an int,
 * `5.0` and `5e0` are floats), which the published parsers test with `isinstance(item, int)`;
 * integers
 * are exact (bigint). Only ASCII whitespace ` \t\n\r` may surround tokens.
 */

/**
 * A Python `int` decoded from JSON (exact). `bool` is kept as a JS boolean (Python's int subclass).
 */
export class PyInt {
  constructor(readonly value: bigint) {}
}

/**
 * A Python `dict` decoded from JSON: insertion order of first occurrence, value of the last
 * duplicate.
 */
export class PyDict {
  constructor(readonly entries: Map<string, PyValue>) {}
}

/** A decoded value: floats are JS numbers, ints are `PyInt`. */
export type PyValue = null | boolean | string | number | PyInt | PyDict | PyValue[];

/** Raised where Python raises `json.JSONDecodeError` (or RecursionError on absurd nesting). */
export class PyJsonError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message}: char ${position}`);
    this.name = 'PyJsonError';
  }
}

const MAX_DEPTH = 900;

/** Python `json.loads(text)`. */
export function pyJsonLoads(text: string): PyValue {
  const scanner = new Scanner(text);
  let index = scanner.skipWhitespace(0);
  const [value, end] = scanner.scan(index, 0);
  index = scanner.skipWhitespace(end);
  if (index !== text.length) throw new PyJsonError('Extra data', index);
  return value;
}

/** True for Python `isinstance(value, int)` (bool included, as in Python). */
export function isPyInt(value: PyValue): value is PyInt | boolean {
  return value instanceof PyInt || typeof value === 'boolean';
}

/**
 * Converts a decoded value to plain JS (ints become numbers, dicts become null-free plain objects).
 * An int beyond the double range becomes ±`Number.MAX_VALUE`, not ±Infinity: Python keeps it exact,
 * so `int()` accepts it and the published vectorizers clip or skip it like any large index.
 */
export function pyToJs(value: PyValue): unknown {
  if (value instanceof PyInt)
    return Math.min(Math.max(Number(value.value), -Number.MAX_VALUE), Number.MAX_VALUE);
  if (value instanceof PyDict)
    return Object.fromEntries([...value.entries].map(([key, inner]) => [key, pyToJs(inner)]));
  if (Array.isArray(value)) return value.map(pyToJs);
  return value;
}

/** Name of the Python type of a decoded value, for error messages. */
export function pyTypeName(value: PyValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return 'float';
  if (value instanceof PyInt) return 'int';
  if (value instanceof PyDict) return 'dict';
  return 'list';
}

const numberPattern = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
const escapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class Scanner {
  constructor(private readonly text: string) {}

  skipWhitespace(index: number): number {
    let at = index;
    while (at < this.text.length) {
      const char = this.text.charAt(at);
      if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') break;
      at += 1;
    }
    return at;
  }

  scan(index: number, depth: number): [PyValue, number] {
    if (depth > MAX_DEPTH) throw new PyJsonError('maximum recursion depth exceeded', index);
    const text = this.text;
    const char = text.charAt(index);
    if (char === '"') return this.scanString(index + 1);
    if (char === '{') return this.scanObject(index + 1, depth);
    if (char === '[') return this.scanArray(index + 1, depth);
    if (char === 'n' && text.startsWith('null', index)) return [null, index + 4];
    if (char === 't' && text.startsWith('true', index)) return [true, index + 4];
    if (char === 'f' && text.startsWith('false', index)) return [false, index + 5];
    if (char === 'N' && text.startsWith('NaN', index)) return [Number.NaN, index + 3];
    if (char === 'I' && text.startsWith('Infinity', index))
      return [Number.POSITIVE_INFINITY, index + 8];
    if (char === '-' && text.startsWith('-Infinity', index))
      return [Number.NEGATIVE_INFINITY, index + 9];
    numberPattern.lastIndex = index;
    const match = numberPattern.exec(text);
    if (match === null) throw new PyJsonError('Expecting value', index);
    const literal = match[0];
    const value =
      match[1] !== undefined || match[2] !== undefined
        ? Number(literal)
        : new PyInt(BigInt(literal));
    return [value, index + literal.length];
  }

  private scanString(start: number): [string, number] {
    const text = this.text;
    let out = '';
    let index = start;
    for (;;) {
      if (index >= text.length) throw new PyJsonError('Unterminated string starting at', start - 1);
      const char = text.charAt(index);
      if (char === '"') return [out, index + 1];
      if (char.charCodeAt(0) < 0x20) throw new PyJsonError('Invalid control character at', index);
      if (char !== '\\') {
        out += char;
        index += 1;
        continue;
      }
      const escape = text.charAt(index + 1);
      if (escape === '') throw new PyJsonError('Unterminated string starting at', start - 1);
      if (escape === 'u') {
        const hex = text.slice(index + 2, index + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex))
          throw new PyJsonError('Invalid \\uXXXX escape', index + 1);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        index += 6;
        continue;
      }
      const replacement = escapes[escape];
      if (replacement === undefined) throw new PyJsonError('Invalid \\escape', index);
      out += replacement;
      index += 2;
    }
  }

  private scanObject(start: number, depth: number): [PyDict, number] {
    const text = this.text;
    const entries = new Map<string, PyValue>();
    let index = this.skipWhitespace(start);
    if (text.charAt(index) === '}') return [new PyDict(entries), index + 1];
    for (;;) {
      if (text.charAt(index) !== '"')
        throw new PyJsonError('Expecting property name enclosed in double quotes', index);
      const [key, afterKey] = this.scanString(index + 1);
      index = this.skipWhitespace(afterKey);
      if (text.charAt(index) !== ':') throw new PyJsonError("Expecting ':' delimiter", index);
      index = this.skipWhitespace(index + 1);
      const [value, afterValue] = this.scan(index, depth + 1);
      entries.set(key, value);
      index = this.skipWhitespace(afterValue);
      const next = text.charAt(index);
      if (next === '}') return [new PyDict(entries), index + 1];
      if (next !== ',') throw new PyJsonError("Expecting ',' delimiter", index);
      index = this.skipWhitespace(index + 1);
    }
  }

  private scanArray(start: number, depth: number): [PyValue[], number] {
    const text = this.text;
    const items: PyValue[] = [];
    let index = this.skipWhitespace(start);
    if (text.charAt(index) === ']') return [items, index + 1];
    for (;;) {
      const [value, afterValue] = this.scan(index, depth + 1);
      items.push(value);
      index = this.skipWhitespace(afterValue);
      const next = text.charAt(index);
      if (next === ']') return [items, index + 1];
      if (next !== ',') throw new PyJsonError("Expecting ',' delimiter", index);
      index = this.skipWhitespace(index + 1);
    }
  }
}
