/**
 * Token comparison: seeded random explanations (prose with numbers, operators, quotes, brackets,
 * comments, indentation, Unicode) through our `pythonTokenStrings` and through CPython's own
 * `tokenize.generate_tokens` (`bench/python/compare_driver.py`, op `tokens`), exception included.
 */
import { createRandom, type SeededRandom } from '../../src/datasets/random.js';
import { pythonTokenStrings } from '../../src/grade/python-tokens.js';
import { runPython } from './python.js';

/** One text to tokenise. */
export interface TokenCase {
  op: 'tokens';
  text: string;
}

/** Result of comparing one batch. */
export interface TokenComparison {
  cases: number;
  /** Cases where Python raised (`TokenError` or `IndentationError`). */
  pythonErrors: number;
  agree: number;
  differences: number;
  examples: { text: string; ours: unknown; python: unknown }[];
}

// Pieces an explanation is made of, weighted towards what models write; the rare ones (triple
// quotes, backslashes, form feeds, lone CR) reach the tokenizer's error and continuation paths.
const WORDS = ['the', 'value', 'rises', 'x', 'spike', 'at', 'déjà', 'Ω', 'level_2', 'don', 't'];
const PIECES = [
  ' ', ' ', ' ', ' ', '  ', '\t', '\n', '\n    ', '\n  ', '\n\n', '.', ',', ':', ';', '=', '==',
  '<=', '->', '+', '-', '*', '**', '/', '%', '~', '!', '!=', '?', '$', '@', '&', '|', '^',
  "'", "'", '"', '"', '(', ')', '[', ']', '{', '}', '#', '...', '`', '\\', '\\\n', '°', '±',
  '😀', '\u00a0', '\u2003', '\f', '\r', '\r\n', "'''", '"""', 'b', 'r', 'f', 'rb', 'u',
  '0', '1e5', '3.14', '.5', '5.', '212', '0x1F', '1_000', '2j', '007', '12a',
]; // prettier-ignore

function pick<T>(random: SeededRandom, items: readonly T[]): T {
  return items[random.integer(0, items.length - 1)] as T;
}

// Pieces that make `tokenize` raise at the end of input when unbalanced; half the texts go
// without them so that most texts reach the end and are compared token by token.
const UNBALANCED = new Set(['(', ')', '[', ']', '{', '}', '\\\n', "'''", '"""', '\n    ', '\n  ']);
const TAME = PIECES.filter((piece) => !UNBALANCED.has(piece));

/** A random explanation of 1–60 pieces. */
function randomText(random: SeededRandom): string {
  const pieces = random.uniform() < 0.5 ? TAME : PIECES;
  const count = random.integer(1, 60);
  let text = '';
  for (let k = 0; k < count; k++)
    text += random.uniform() < 0.45 ? pick(random, WORDS) : pick(random, pieces);
  return text;
}

/** Seeded random cases. */
export function tokenCases(count: number, seed: number): TokenCase[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => ({ op: 'tokens' as const, text: randomText(random) }));
}

/** Runs `count` seeded cases through both sides and tallies agreement. */
export function compareTokens(count: number, seed: number): TokenComparison {
  const cases = tokenCases(count, seed);
  const python = runPython(cases) as ({ tokens: string[] } | { error: string })[];
  const result: TokenComparison = {
    cases: count,
    pythonErrors: 0,
    agree: 0,
    differences: 0,
    examples: [],
  };
  cases.forEach((c, i) => {
    const theirs = python[i] as { tokens: string[] } | { error: string };
    const ours = pythonTokenStrings(c.text);
    if ('error' in theirs) result.pythonErrors += 1;
    const same =
      'error' in theirs
        ? !ours.ok && ours.error === theirs.error
        : ours.ok && JSON.stringify(ours.tokens) === JSON.stringify(theirs.tokens);
    if (same) result.agree += 1;
    else {
      result.differences += 1;
      if (result.examples.length < 5)
        result.examples.push({ text: c.text, ours: ours.ok ? ours.tokens : ours, python: theirs });
    }
  });
  return result;
}
