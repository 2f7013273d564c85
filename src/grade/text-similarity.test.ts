import { describe, expect, it } from 'vitest';
import { sequenceMatcherRatio } from './sequence-matcher.js';
import {
  explanationSimilarity,
  levenshteinSimilarity,
  tfidfCosine,
  tfidfTokens,
  whitespaceTokens,
} from './text-similarity.js';

const idf1 = Math.log(3 / 2) + 1; // smooth idf of a term in one of the two documents

describe('tfidfTokens', () => {
  it.each([
    ['The cat, the CAT!', ['the', 'cat', 'the', 'cat']],
    ['a b c', []], // single characters do not match \w\w+
    ['spike at t=42', ['spike', 'at', '42']],
    ['déjà-vu snake_case', ['déjà', 'vu', 'snake_case']],
  ])('%s', (text, expected) => {
    expect(tfidfTokens(text)).toEqual(expected);
  });
});

describe('tfidfCosine', () => {
  it.each([
    { a: 'the cat sat', b: 'the cat sat', expected: 1 },
    // shared "the", "sat" (idf 1), own "cat"/"dog" (idf ln 1.5 + 1): 2 / (2 + idf²)
    { a: 'the cat sat', b: 'the dog sat', expected: 2 / (2 + idf1 ** 2) },
    // a: spike×2, at, 42; b: spike → 2 / sqrt(4 + 2·idf²)
    { a: 'Spike at t=42 spike', b: 'spike', expected: 2 / Math.sqrt(4 + 2 * idf1 ** 2) },
    { a: 'Café déjà-vu', b: 'café', expected: 1 / Math.sqrt(1 + 2 * idf1 ** 2) },
    { a: 'upward trend', b: 'flat line', expected: 0 },
    { a: 'a b', b: 'trend', expected: 0 }, // no token on one side: zero vector
    { a: '', b: '', expected: 0 },
  ])('$a | $b', ({ a, b, expected }) => {
    expect(tfidfCosine(a, b)).toBeCloseTo(expected, 12);
  });
});

describe('levenshteinSimilarity', () => {
  it.each([
    ['kitten', 'sitting', 1 - 3 / 7],
    ['', '', 1],
    ['abc', '', 0],
    ['abc', 'abc', 1],
    ['flaw', 'lawn', 0.5],
    ['a😀', 'a😁', 0.5], // code points, like Python strings (UTF-16 units would give 2/3)
  ])('%s | %s', (a, b, expected) => {
    expect(levenshteinSimilarity(a, b)).toBeCloseTo(expected, 12);
  });
});

describe('sequenceMatcherRatio', () => {
  const letters = (s: string): string[] => [...s];
  // Expected values printed by python3: difflib.SequenceMatcher(None, a, b).ratio()
  it.each([
    {
      name: 'words',
      a: whitespaceTokens('the cat sat on the mat'),
      b: whitespaceTokens('the cat lay on a mat'),
      expected: 0.6666666666666666,
    },
    { name: 'both empty', a: [], b: [], expected: 1 },
    { name: 'one empty', a: ['a'], b: [], expected: 0 },
    { name: 'rotation', a: letters('abcd'), b: letters('bcda'), expected: 0.75 },
    {
      name: 'difflib docs example',
      a: letters('private Thread currentThread;'),
      b: letters('private volatile Thread currentThread;'),
      expected: 0.8656716417910447,
    },
    {
      // len(b) = 199 < 200: no autojunk
      name: '199 items, autojunk off',
      a: Array.from({ length: 199 }, (_, i) => `t${i % 7}`),
      b: Array.from({ length: 199 }, (_, i) => `t${i % 5}`),
      expected: 0.7185929648241206,
    },
    {
      // len(b) = 200: every item occurs > 3 times → all "popular", only the extension of the empty
      // match remains
      name: '200 items, autojunk on',
      a: Array.from({ length: 199 }, (_, i) => `t${i % 7}`),
      b: Array.from({ length: 200 }, (_, i) => `t${i % 5}`),
      expected: 0.02506265664160401,
    },
    {
      name: 'popular and rare items mixed',
      a: Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'the' : `w${i % 50}`)),
      b: Array.from({ length: 260 }, (_, i) => (i % 4 === 0 ? 'the' : `w${i % 40}`)),
      expected: 0.010714285714285714,
    },
    {
      // all popular, but the empty match at (0, 0) extends over the equal prefix: 2·150/400
      name: 'popular prefix extension',
      a: [...Array<string>(150).fill('x'), ...Array<string>(50).fill('y')],
      b: [...Array<string>(150).fill('x'), ...Array<string>(50).fill('z')],
      expected: 0.75,
    },
  ])('$name', ({ a, b, expected }) => {
    expect(sequenceMatcherRatio(a, b)).toBe(expected);
  });
});

describe('whitespaceTokens', () => {
  it('splits like str.split()', () => {
    expect(whitespaceTokens('  a\tb\n\nc  ')).toEqual(['a', 'b', 'c']);
    expect(whitespaceTokens('   ')).toEqual([]);
  });
});

describe('explanationSimilarity', () => {
  it('computes every similarity and calls a given embedding function', async () => {
    const calls: string[][] = [];
    const s = await explanationSimilarity('the cat sat', 'the dog sat', {
      embeddingSimilarity: async (reference, candidate) => {
        calls.push([reference, candidate]);
        return 0.9;
      },
    });
    expect(calls).toEqual([['the cat sat', 'the dog sat']]);
    expect(s.embedding).toBe(0.9);
    expect(s.tfidfCosine).toBeCloseTo(2 / (2 + idf1 ** 2), 12);
    // "cat" → "dog": 3 substitutions over 11 characters
    expect(s.levenshtein).toBeCloseTo(1 - 3 / 11, 12);
    expect(s.sequenceMatcher).toBeCloseTo(2 / 3, 12); // 2 of 3 words match on each side
  });

  it('leaves the embedding null without a function', async () => {
    expect((await explanationSimilarity('a', 'a')).embedding).toBeNull();
  });
});
