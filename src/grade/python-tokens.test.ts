import { describe, expect, it } from 'vitest';
import { pythonSplit, pythonTokens, pythonTokenStrings } from './python-tokens.js';
import { sequenceMatcherRatio } from './sequence-matcher.js';
import { explanationSimilarity, whitespaceTokens } from './text-similarity.js';

// Expected tokens worked by hand from Lib/tokenize.py of 3.11 (and printed by
// `[t.string for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.string.strip()]`).
describe('pythonTokenStrings', () => {
  it.each([
    ['x=212', ['x', '=', '212']],
    ['', []],
    ['   ', []],
    // Pointfloat takes "3.14", "5." and ".5"; a lone "." and "..." are operators.
    [
      'value 3.14 rose to 5. then .5 ...',
      ['value', '3.14', 'rose', 'to', '5.', 'then', '.5', '...'],
    ],
    // Numbers stop where Python's grammar stops: "007" is Decnumber "00" then "7".
    ['1e5x 0x1Fg 007 2j 1_000', ['1e5', 'x', '0x1F', 'g', '00', '7', '2j', '1_000']],
    ['a -1.5e-3 b', ['a', '-', '1.5e-3', 'b']],
    // Longest operator first: "**=" is one token, "=>" is "=", ">".
    ['a**=b => c != d <<= e', ['a', '**=', 'b', '=', '>', 'c', '!=', 'd', '<<=', 'e']],
    ['"peak" (at t=42)', ['"peak"', '(', 'at', 't', '=', '42', ')']],
    // Two apostrophes on a line enclose a string; a lone one is an error token of its own.
    ["it's the dog's spike", ['it', "'s the dog'", 's', 'spike']],
    ["it's flat", ['it', "'", 's', 'flat']],
    // String prefixes glue to the quote; other words do not.
    ["rb'x' f\"y\" of'z'", ["rb'x'", 'f"y"', 'of', "'z'"]],
    // Characters no rule matches are single error tokens (a code point each).
    ['spike 😀 $5 ?!', ['spike', '😀', '$', '5', '?', '!']],
    ['déjà vu_2 Ω²', ['déjà', 'vu_2', 'Ω²']],
    // A comment runs to the end of its line.
    ['#1 anomaly\nnext # see (above', ['#1 anomaly', 'next', '# see (above']],
    ['a\n    b\n    c\nd', ['a', 'b', 'c', 'd']], // indents and dedents are blank tokens
    ['(a\n  b)', ['(', 'a', 'b', ')']], // inside brackets indentation is not measured
    ['a \\\n b', ['a', 'b']], // backslash-newline continues the line
    ["'''multi\nline''' end", ["'''multi\nline'''", 'end']],
    ['a\u00a0b\u2003c', ['a', 'b', 'c']], // no-break spaces are blank error tokens
    ['x\r\ny', ['x', 'y']],
    ['a \\', ['a', '\\']], // a backslash not before a line break is an error token
  ])('%j', (text, expected) => {
    expect(pythonTokenStrings(text)).toEqual({ ok: true, tokens: expected });
  });

  it.each([
    ['at (t=3', 'TokenError', 'EOF in multi-line statement'],
    ['a ) b', 'TokenError', 'EOF in multi-line statement'],
    ['a \\\n', 'TokenError', 'EOF in multi-line statement'], // continued past the end
    ["say '''hi", 'TokenError', 'EOF in multi-line string'],
    ['a\n    b\n  c', 'IndentationError', 'unindent does not match any outer indentation level'],
  ])('%j raises %s', (text, error, message) => {
    expect(pythonTokenStrings(text)).toEqual({ ok: false, error, message });
  });
});

describe('pythonTokens (Time-RA tokenize_code)', () => {
  it.each([
    ['x=212', ['x', '=', '212']],
    ['drop (at t=3', ['drop', '(at', 't=3']], // TokenError → str.split()
    ['a\n    b\n  c', ['a', 'b', 'c']], // IndentationError → str.split() (Time-RA would stop)
  ])('%j', (text, expected) => {
    expect(pythonTokens(text)).toEqual(expected);
  });
});

describe('pythonSplit', () => {
  it('splits on Python whitespace, not on BOM', () => {
    expect(pythonSplit(' a\x1cb\x85c\ufeffd ')).toEqual(['a', 'b', 'c\ufeffd']);
    expect(whitespaceTokens('  a\tb\n\nc  ')).toEqual(['a', 'b', 'c']);
  });
});

// Token ratio = 2·M / (|a| + |b|), M = tokens in matching blocks (difflib). Worked by hand, and
// equal to Time-RA's token_sequence_similarity printed by python3.
describe('token ratio (Time-RA)', () => {
  it.each([
    // [x, =, 212] vs [x, =, 213]: M = 2 → 4/6; on whitespace one token each, nothing equal
    { a: 'x=212', b: 'x=213', python: 4 / 6, whitespace: 0 },
    // [level, 3.14, (, high, )] vs [level, 3.15, (, high, )]: M = 4 → 8/10
    { a: 'level 3.14 (high)', b: 'level 3.15 (high)', python: 0.8, whitespace: 4 / 6 },
    // [the, "peak", at, t, =, 5] vs [the, peak, at, t, =, 5]: M = 5 → 10/12
    { a: 'the "peak" at t=5', b: 'the peak at t=5', python: 10 / 12, whitespace: 0.75 },
    // [it, 's the dog', s, spike] vs [it, is, the, dog, spike]: M = 2 → 4/9
    { a: "it's the dog's spike", b: 'it is the dog spike', python: 4 / 9, whitespace: 4 / 9 },
    // unclosed "(": [drop, (at, t=3] vs [drop, at, t, =, 3]: M = 1 → 2/8
    { a: 'drop (at t=3', b: 'drop at t=3', python: 0.25, whitespace: 4 / 6 },
    // 14 tokens each, "1e-3"/"0.001" and ";"/":" differ: M = 12 → 24/28
    {
      a: 'rise of 1e-3 per step; f(t) = 0.5*t',
      b: 'rise of 0.001 per step: f(t)=0.5*t',
      python: 24 / 28,
      whitespace: 6 / 14,
    },
    { a: '', b: 'x', python: 0, whitespace: 0 },
    { a: '', b: '', python: 1, whitespace: 1 },
  ])('$a | $b', async ({ a, b, python, whitespace }) => {
    expect(sequenceMatcherRatio(pythonTokens(a), pythonTokens(b))).toBeCloseTo(python, 15);
    expect((await explanationSimilarity(a, b)).sequenceMatcher).toBeCloseTo(python, 15);
    const named = await explanationSimilarity(a, b, { tokenize: whitespaceTokens });
    expect(named.sequenceMatcher).toBeCloseTo(whitespace, 15);
  });
});
