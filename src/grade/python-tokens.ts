/**
 * Token strings as CPython 3.11's pure-Python `tokenize.generate_tokens` yields them, for the
 * explanation token ratio of Time-RA (`metrics/similarity.py`, `token_sequence_similarity`). Prose
 * is not Python, so what matters are the rules that split it: operators, numbers, names and quoted
 * strings are separate tokens (`x=212` → `x`, `=`, `212`), a character no rule matches is a
 * token of its own, and an unbalanced bracket or an unclosed triple quote is an error at the end
 * of input.
 * The regular expressions mirror `Lib/tokenize.py` of 3.11 alternative for alternative (JavaScript
 * and Python regexes both take the first alternative that matches, so the order is kept).
 */

// Python's `\w` on str: letters, numerics and underscore. Equal to Python 3.11's on every code
// point assigned in Unicode 14 (checked by enumerating both).
const NAME = String.raw`[\p{L}\p{N}_]+`;
const DIGITS = String.raw`[0-9](?:_?[0-9])*`;
const EXPONENT = String.raw`[eE][-+]?${DIGITS}`;
const POINT_FLOAT = String.raw`(?:${DIGITS}\.(?:${DIGITS})?|\.${DIGITS})(?:${EXPONENT})?`;
const FLOAT = String.raw`(?:${POINT_FLOAT}|${DIGITS}${EXPONENT})`;
const INT = String.raw`(?:0[xX](?:_?[0-9a-fA-F])+|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|(?:0(?:_?0)*|[1-9](?:_?[0-9])*))`;
const NUMBER = String.raw`(?:(?:${DIGITS}[jJ]|${FLOAT}[jJ])|${FLOAT}|${INT})`;
// Every valid string prefix (b, r, u, f, br, fr in any order and case) or none. Only one prefix
// length can be followed by a quote at a given place, so the order of these does not matter.
const PREFIX = String.raw`(?:[bB][rR]?|[rR][bBfF]?|[uU]|[fF][rR]?)?`;
// Python's `.` (no DOTALL) is any character but `\n`; JavaScript's also refuses `\r`, U+2028/9.
const ANY = String.raw`[^\n]`;
// `token.EXACT_TOKEN_TYPES` of 3.11 (no lone `!`), longest first where one is a prefix of another.
const OPERATORS = [
  '~', '}', '|=', '|', '{', '^=', '^', ']', '[', '@=', '@', '>>=', '>>', '>=', '>', '==', '=',
  '<=', '<<=', '<<', '<', ';', ':=', ':', '/=', '//=', '//', '/', '...', '.', '->', '-=', '-',
  ',', '+=', '+', '*=', '**=', '**', '*', ')', '(', '&=', '&', '%=', '%', '!=',
]; // prettier-ignore
const SPECIAL = `(?:${OPERATORS.map((op) => op.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})`;
const FUNNY = String.raw`(?:\r?\n|${SPECIAL})`;
const COMMENT = String.raw`#[^\r\n]*`;
const TRIPLE = String.raw`(?:${PREFIX}'''|${PREFIX}""")`;
const CONT_STR =
  String.raw`(?:${PREFIX}'[^\n'\\]*(?:\\${ANY}[^\n'\\]*)*(?:'|\\\r?\n)` +
  String.raw`|${PREFIX}"[^\n"\\]*(?:\\${ANY}[^\n"\\]*)*(?:"|\\\r?\n))`;
const PSEUDO_EXTRAS = String.raw`(?:\\\r?\n|$|${COMMENT}|${TRIPLE})`;
const PSEUDO_TOKEN = new RegExp(
  String.raw`[ \f\t]*(${PSEUDO_EXTRAS}|${NUMBER}|${FUNNY}|${CONT_STR}|${NAME})`,
  'uy',
);
/** Rest of a string after its opening quote(s), by quote. */
const END_PATTERNS: Record<string, RegExp> = {
  "'": new RegExp(String.raw`[^'\\]*(?:\\${ANY}[^'\\]*)*'`, 'uy'),
  '"': new RegExp(String.raw`[^"\\]*(?:\\${ANY}[^"\\]*)*"`, 'uy'),
  "'''": new RegExp(String.raw`[^'\\]*(?:(?:\\${ANY}|'(?!''))[^'\\]*)*'''`, 'uy'),
  '"""': new RegExp(String.raw`[^"\\]*(?:(?:\\${ANY}|"(?!""))[^"\\]*)*"""`, 'uy'),
};
const TAB_SIZE = 8;

/** Characters Python's `str.isspace()` accepts (so `str.strip()` and `str.split()` use them). */
const PY_SPACE = String.raw`[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]`;
const ONLY_SPACE = new RegExp(`^${PY_SPACE}*$`, 'u');
const SPACE_RUN = new RegExp(`${PY_SPACE}+`, 'u');

/** Python's `str.split()` with no argument: runs of Unicode whitespace separate, no empty item. */
export function pythonSplit(text: string): string[] {
  return text.split(SPACE_RUN).filter((token) => token.length > 0);
}

/** What {@link pythonTokenStrings} gives: the tokens, or the exception `tokenize` raises. */
export type PythonTokens =
  | { ok: true; tokens: string[] }
  | { ok: false; error: 'TokenError' | 'IndentationError'; message: string };

function match(pattern: RegExp, line: string, pos: number): RegExpExecArray | null {
  pattern.lastIndex = pos;
  return pattern.exec(line);
}

/** `io.StringIO(text).readline` until it returns '': lines split after each `\n`. */
function lines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline + 1;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/**
 * The strings of every token CPython 3.11's `tokenize.generate_tokens(io.StringIO(text).readline)`
 * yields whose `str.strip()` is not empty (Time-RA's filter), or the exception it raises.
 * @example pythonTokenStrings('x=212') // { ok: true, tokens: ['x', '=', '212'] }
 */
export function pythonTokenStrings(text: string): PythonTokens {
  const tokens: string[] = [];
  const emit = (token: string): void => {
    if (!ONLY_SPACE.test(token)) tokens.push(token);
  };
  const source = lines(text);
  let parenLevel = 0;
  let continued = false;
  let contStr = '';
  let needCont = false;
  let endPattern: RegExp = END_PATTERNS["'"] as RegExp;
  const indents = [0];
  for (let index = 0; index <= source.length; index++) {
    const line = source[index] ?? ''; // '' is readline's end of input
    let pos = 0;
    const max = line.length;
    if (contStr !== '') {
      if (line === '')
        return { ok: false, error: 'TokenError', message: 'EOF in multi-line string' };
      const end = match(endPattern, line, 0);
      if (end !== null) {
        pos = endPattern.lastIndex;
        emit(contStr + line.slice(0, pos));
        [contStr, needCont] = ['', false];
      } else if (needCont && !line.endsWith('\\\n') && !line.endsWith('\\\r\n')) {
        emit(contStr + line); // ERRORTOKEN: a one-quote string continued by `\` then not closed
        contStr = '';
        continue;
      } else {
        contStr += line;
        continue;
      }
    } else if (parenLevel === 0 && !continued) {
      if (line === '') break;
      let column = 0;
      for (; pos < max; pos++) {
        const c = line[pos];
        if (c === ' ') column += 1;
        else if (c === '\t') column = (Math.floor(column / TAB_SIZE) + 1) * TAB_SIZE;
        else if (c === '\f') column = 0;
        else break;
      }
      if (pos === max) break;
      const first = line[pos] as string;
      if (first === '#' || first === '\r' || first === '\n') {
        // A comment or blank line: COMMENT (up to the line break), then NL for the rest.
        if (first === '#') {
          const comment = line.slice(pos).replace(/[\r\n]+$/u, '');
          emit(comment);
          pos += comment.length;
        }
        emit(line.slice(pos));
        continue;
      }
      if (column > (indents.at(-1) as number)) indents.push(column);
      while (column < (indents.at(-1) as number)) {
        if (!indents.includes(column)) {
          const message = 'unindent does not match any outer indentation level';
          return { ok: false, error: 'IndentationError', message };
        }
        indents.pop();
      }
    } else {
      if (line === '') {
        return { ok: false, error: 'TokenError', message: 'EOF in multi-line statement' };
      }
      continued = false;
    }
    while (pos < max) {
      const pseudo = match(PSEUDO_TOKEN, line, pos);
      if (pseudo === null) {
        // ERRORTOKEN: one character (a code point, as Python indexes strings).
        const character = String.fromCodePoint(line.codePointAt(pos) as number);
        emit(character);
        pos += character.length;
        continue;
      }
      const end = PSEUDO_TOKEN.lastIndex;
      const token = pseudo[1] as string;
      const start = end - token.length;
      pos = end;
      if (start === end) continue;
      const initial = token[0] as string;
      const stringStart = /^[bBrRuUfF]{0,2}(['"])/u.exec(token);
      if (
        (initial >= '0' && initial <= '9') ||
        (initial === '.' && token !== '.' && token !== '...')
      )
        emit(token); // NUMBER
      else if (initial === '\r' || initial === '\n')
        emit(token); // NEWLINE or NL
      else if (initial === '#')
        emit(token); // COMMENT
      else if (/^[bBrRuUfF]{0,2}('''|""")$/u.test(token)) {
        endPattern = END_PATTERNS[token.slice(-3)] as RegExp;
        if (match(endPattern, line, pos) !== null) {
          pos = endPattern.lastIndex;
          emit(line.slice(start, pos)); // STRING on one line
        } else {
          contStr = line.slice(start); // a string over several lines
          break;
        }
      } else if (stringStart !== null) {
        if (token.endsWith('\n')) {
          // A one-quote string continued with a backslash at the end of the line.
          endPattern = END_PATTERNS[stringStart[1] as string] as RegExp;
          [contStr, needCont] = [line.slice(start), true];
          break;
        }
        emit(token); // STRING
      } else if (initial === '\\') continued = true;
      else {
        if ('([{'.includes(initial)) parenLevel += 1;
        else if (')]}'.includes(initial)) parenLevel -= 1;
        emit(token); // NAME or OP
      }
    }
  }
  return { ok: true, tokens };
}

/**
 * Time-RA's `tokenize_code`: the Python 3.11 tokens of {@link pythonTokenStrings}, or
 * `text.split()` when `tokenize` raises `TokenError` (unbalanced brackets, an unclosed triple
 * quote). Time-RA catches only `TokenError`, so an `IndentationError` (a line indented less than
 * the one before and than no earlier line) stops its script; we fall back to `split()` there too.
 * @example pythonTokens('x=212 (rising)') // ['x', '=', '212', '(', 'rising', ')']
 */
export function pythonTokens(text: string): string[] {
  const result = pythonTokenStrings(text);
  return result.ok ? result.tokens : pythonSplit(text);
}
