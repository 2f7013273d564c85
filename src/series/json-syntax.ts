import { inputError, lineColumnAt, quote } from './fail.js';

/** Where JSON text first breaks the grammar, and what was expected there. */
export interface JsonSyntaxProblem {
  offset: number;
  expected: string;
}

class Stop extends Error {
  constructor(readonly problem: JsonSyntaxProblem) {
    super(problem.expected);
  }
}

/**
 * Finds the first JSON syntax error with a small recursive-descent checker; run only after
 * `JSON.parse` failed, because Node's messages do not always give a position.
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let index = 0;
  const fail = (expected: string): never => {
    throw new Stop({ offset: index, expected });
  };
  const space = (): void => {
    while (index < text.length && ' \t\r\n'.includes(text[index] ?? '')) index += 1;
  };
  const digits = (): number => {
    const start = index;
    while (index < text.length && (text[index] ?? '') >= '0' && (text[index] ?? '') <= '9')
      index += 1;
    return index - start;
  };
  const string = (): void => {
    index += 1;
    for (;;) {
      const char = text[index];
      if (char === undefined) fail('a closing double quote');
      if (char === '"') break;
      if ((char ?? '').charCodeAt(0) < 0x20)
        fail('no line break or control character inside a string');
      if (char === '\\') {
        index += 1;
        if (text[index] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 1, index + 5)))
            fail('four hex digits after \\u');
          index += 4;
        } else if (!'"\\/bfnrt'.includes(text[index] ?? 'x'))
          fail('a valid escape (\\" \\\\ \\n \\t ...)');
      }
      index += 1;
    }
    index += 1;
  };
  const value = (): void => {
    space();
    const char = text[index];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      index += 1;
      space();
      if (text[index] === close) {
        index += 1;
        return;
      }
      for (;;) {
        if (close === '}') {
          space();
          if (text[index] !== '"') fail('a property name in double quotes');
          string();
          space();
          if (text[index] !== ':') fail('":" after the property name');
          index += 1;
        }
        value();
        space();
        if (text[index] === ',') {
          index += 1;
          space();
          if (text[index] === close) fail('another value (JSON allows no trailing comma)');
          continue;
        }
        if (text[index] === close) {
          index += 1;
          return;
        }
        fail(`"," or "${close}"`);
      }
    }
    if (char === '"') return string();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, index)) {
        index += literal.length;
        return;
      }
    }
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
      if (char === '-') index += 1;
      if (text[index] === '0') index += 1;
      else if (digits() === 0) fail('a digit');
      if (text[index] === '.') {
        index += 1;
        if (digits() === 0) fail('a digit after the decimal point');
      }
      if (text[index] === 'e' || text[index] === 'E') {
        index += 1;
        if (text[index] === '+' || text[index] === '-') index += 1;
        if (digits() === 0) fail('a digit in the exponent');
      }
      return;
    }
    fail('a value (number, string, true, false, null, object or array)');
  };
  try {
    value();
    space();
    if (index < text.length) fail('the end of the JSON text');
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.problem;
    return undefined; // too deeply nested to check; the caller reports without a position
  }
}

function hintFor(text: string, offset: number, expected: string): string {
  const rest = text.slice(offset, offset + 12);
  if (/^-?(NaN|Infinity|inf)/i.test(rest))
    return 'write null for a missing value (JSON has no NaN or Infinity)';
  if (rest.startsWith("'"))
    return 'JSON strings and property names take double quotes, not single quotes';
  if (expected.includes('trailing comma')) return 'remove the comma before the closing bracket';
  if (offset >= text.trimEnd().length)
    return 'the JSON ends too early, so the file may be cut off or a closing ] or } is missing';
  return 'fix the JSON at this place (a JSON linter shows the same position)';
}

/**
 * `JSON.parse` that throws `input.json_syntax` naming `file:line:column`, what was found, what was
 * expected and how to fix it. `line` shifts positions for one line of an NDJSON file.
 */
export function parseJsonText(text: string, location: { file: string; line?: number }): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const problem = findJsonSyntaxProblem(text);
    const offset = problem?.offset ?? 0;
    const position = lineColumnAt(text, offset);
    const line = location.line === undefined ? position.line : location.line + position.line - 1;
    const token =
      /^[^\s,:[\]{}]+/.exec(text.slice(offset, offset + 40))?.[0] ?? text.charAt(offset);
    const found = offset >= text.length ? 'the end of the text' : quote(token);
    const expected = problem?.expected ?? 'valid JSON';
    throw inputError(
      'input.json_syntax',
      problem === undefined
        ? { file: location.file }
        : { file: location.file, line, column: position.column },
      `the JSON is not valid: found ${found} where ${expected} should be`,
      hintFor(text, offset, expected),
      cause,
    );
  }
}
