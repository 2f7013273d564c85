/**
 * Seeded random model answers for the parser comparison: the shapes real models send (prose
 * around a list, code fences, truncation, a second list) and the corner cases where a port of
 * CPython's `json`, `re`, `int()` and `str.rstrip` could drift (NaN/Infinity tokens, huge and
 * negative numbers, Unicode digits and spaces, booleans, strings, deep nesting).
 */
import type { SeededRandom } from '../../src/datasets/random.js';

/** Which published parser a case goes to. */
export type AnswerKind = 'points' | 'ranges' | 'variates' | 'anomllm';

const PREFIXES = [
  '',
  '',
  '',
  '',
  'The anomalies are ',
  'Answer:\n',
  '```json\n',
  'Sure! Here you go: ',
  'Looking at [the plot] ',
  'x-axis 12 to 40: ',
  '٣ ',
];
const SUFFIXES = [
  '',
  '',
  '',
  '',
  '',
  '',
  '.',
  '.',
  '\n```',
  ' Hope this helps.',
  '\n```',
  ' Hope this helps.',
  ']',
  ' [1, 2]',
  '\nNote: values [3] are approximate',
  ' ',
  ',',
];
const SPACES = ['', '', ' ', ' ', ' ', '  ', '\n', '\t', '\r\n'];

function pick<T>(random: SeededRandom, items: readonly T[]): T {
  return items[random.integer(0, items.length - 1)] as T;
}

/** One number-ish JSON token (or an invalid one). */
function scalar(random: SeededRandom, length: number): string {
  const roll = random.uniform();
  if (roll < 0.82) return String(random.integer(0, length + 20));
  if (roll < 0.86) return String(-random.integer(1, length + 5));
  if (roll < 0.89) return `${random.integer(0, length)}.${pick(random, ['0', '5', '99', '25e1'])}`;
  if (roll < 0.905) return pick(random, ['true', 'false', 'null']);
  if (roll < 0.93)
    return `"${pick(random, ['12', ' 7 ', '1_0', '٣٤', 'abc', '-3', '+4', '', '1.5', '\\u0031'])}"`;
  if (roll < 0.95) return pick(random, ['NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '1E2']);
  if (roll < 0.965)
    return pick(random, ['99999999999999999999', '12345678901234567890123', '1' + '0'.repeat(400)]);
  if (roll < 0.975) return pick(random, ['01', '+3', '.5', '0x1F', '1.', '٣']);
  if (roll < 0.985) return `[${random.integer(0, length)}]`;
  return String(random.integer(0, Math.max(0, length - 1)));
}

function joined(random: SeededRandom, items: readonly string[]): string {
  const comma = (): string => `${pick(random, SPACES.slice(0, 3))},${pick(random, SPACES)}`;
  let text = `[${pick(random, SPACES.slice(0, 3))}`;
  items.forEach((item, i) => {
    text += (i === 0 ? '' : comma()) + item;
  });
  if (items.length > 0 && random.uniform() < 0.04) text += ',';
  return `${text}${pick(random, SPACES.slice(0, 3))}]`;
}

function pair(random: SeededRandom, length: number): string {
  const start = random.integer(0, length);
  const end = start + random.integer(-3, 40);
  const roll = random.uniform();
  if (roll < 0.6) return joined(random, [String(start), String(end)]);
  if (roll < 0.75) return joined(random, [scalar(random, length), scalar(random, length)]);
  if (roll < 0.85)
    return joined(
      random,
      Array.from({ length: random.integer(0, 3) }, () => scalar(random, length)),
    );
  return scalar(random, length);
}

function item(random: SeededRandom, length: number): string {
  const value = (): string =>
    random.uniform() < 0.8 ? String(random.integer(-2, length + 10)) : scalar(random, length);
  const roll = random.uniform();
  if (roll < 0.7) return `{"start": ${value()}, "end": ${value()}}`;
  if (roll < 0.76) return `{"start": ${value()}}`;
  if (roll < 0.8) return `{"start": ${value()}, "end": ${value()}, "end": ${value()}}`;
  if (roll < 0.84) return `{'start': ${value()}, 'end': ${value()}}`;
  if (roll < 0.88) return `{"start": ${value()}, "end": ${value()}, "note": "spike [x]"}`;
  if (roll < 0.92) return `{"end": ${value()}, "start": ${value()}}`;
  return pair(random, length);
}

/** One random answer for a parser of the given kind on a series of `length` points. */
export function randomAnswer(random: SeededRandom, kind: AnswerKind, length: number): string {
  if (random.uniform() < 0.01) {
    // Nesting around CPython's recursion limit (~1000 levels for json's C scanner).
    const depth = random.integer(850, 1100);
    return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  }
  const count = random.uniform() < 0.1 ? 0 : random.integer(1, 8);
  const items = Array.from({ length: count }, () => {
    if (kind === 'ranges') return pair(random, length);
    if (kind === 'anomllm') return item(random, length);
    return scalar(random, length);
  });
  let text = pick(random, PREFIXES) + joined(random, items) + pick(random, SUFFIXES);
  // JSON allows only ASCII whitespace; Python's str methods and re's \s allow more.
  if (random.uniform() < 0.03)
    text = text.replace(' ', pick(random, ['\u00a0', '\u2003', '\u3000']));
  if (random.uniform() < 0.08) text = text.slice(0, random.integer(0, text.length));
  if (random.uniform() < 0.03)
    text = pick(random, [
      '',
      '   ',
      'No anomalies.',
      '[]',
      'none []',
      '][',
      '[1, 2',
      '[[1, 2], [3',
    ]);
  return text;
}
