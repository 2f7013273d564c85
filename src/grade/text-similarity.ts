import { pythonSplit, pythonTokens } from './python-tokens.js';
import { sequenceMatcherRatio } from './sequence-matcher.js';

// Python's `\w` (Unicode): letters, digits/numerics and underscore. JavaScript's `\b` is ASCII-only
// even with the `u` flag, so tokens are maximal runs of word characters instead of `\b\w\w+\b`.
const WORD_RUN = /[\p{L}\p{N}_]+/gu;

/**
 * scikit-learn `TfidfVectorizer` default analyzer: lowercase, then tokens matching `(?u)\b\w\w+\b`.
 */
export function tfidfTokens(text: string): string[] {
  return (text.toLowerCase().match(WORD_RUN) ?? []).filter((token) => [...token].length >= 2);
}

/**
 * Cosine similarity of the TF-IDF vectors of `a` and `b` with the vectorizer fit on the pair
 * (scikit-learn defaults: raw counts, smooth idf = ln(3 / (1 + df)) + 1, l2 norm). 0 when either
 * text has no token (scikit-learn gives a zero vector, or raises "empty vocabulary" for both).
 */
export function tfidfCosine(a: string, b: string): number {
  const countsA = counts(tfidfTokens(a));
  const countsB = counts(tfidfTokens(b));
  if (countsA.size === 0 || countsB.size === 0) return 0;
  const idf = (token: string): number => {
    const df = (countsA.has(token) ? 1 : 0) + (countsB.has(token) ? 1 : 0);
    return Math.log(3 / (1 + df)) + 1;
  };
  const norm = (c: Map<string, number>): number => {
    let sum = 0;
    for (const [token, n] of c) sum += (n * idf(token)) ** 2;
    return Math.sqrt(sum);
  };
  let dot = 0;
  for (const [token, n] of countsA) {
    const m = countsB.get(token);
    if (m !== undefined) dot += n * m * idf(token) ** 2;
  }
  return dot / (norm(countsA) * norm(countsB));
}

function counts(tokens: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const t of tokens) map.set(t, (map.get(t) ?? 0) + 1);
  return map;
}

/**
 * 1 − Levenshtein(a, b) / max(len a, len b) over Unicode code points (as Python strings); 1 for two
 * empty strings.
 */
export function levenshteinSimilarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  return 1 - levenshteinDistance(x, y) / longest;
}

/** Edit distance (insert, delete, substitute; each costs 1) between two sequences. */
export function levenshteinDistance(x: readonly string[], y: readonly string[]): number {
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitute = (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(
        Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitute),
      );
    }
    previous = current;
  }
  return previous[y.length] as number;
}

/**
 * Python's `str.split()` with no argument: runs of Unicode whitespace separate, no empty tokens.
 * The whitespace variant of the token ratio (`tokenize: whitespaceTokens`).
 */
export function whitespaceTokens(text: string): string[] {
  return pythonSplit(text);
}

/**
 * A pluggable embedding similarity (e.g. cosine of ELECTRA [CLS] vectors, as Time-RA); anomscope
 * ships none, so nothing heavy is a dependency.
 */
export type EmbeddingSimilarity = (
  reference: string,
  candidate: string,
  options: { signal?: AbortSignal },
) => Promise<number>;

/** Options of {@link explanationSimilarity}. */
export interface ExplanationSimilarityOptions {
  /** Embedding similarity to add; omitted → `embedding: null`. */
  embeddingSimilarity?: EmbeddingSimilarity;
  /**
   * Tokenizer for the sequence-matcher ratio: Time-RA's (Python `tokenize`, `str.split()` when it
   * raises) or {@link whitespaceTokens}. @default pythonTokens
   */
  tokenize?: (text: string) => string[];
  signal?: AbortSignal;
}

/** Similarities of a candidate explanation to the reference one. */
export interface ExplanationSimilarity {
  tfidfCosine: number;
  levenshtein: number;
  sequenceMatcher: number;
  embedding: number | null;
}

/** All explanation similarities of Time-RA (the embedding one only when a function is given). */
export async function explanationSimilarity(
  reference: string,
  candidate: string,
  options: ExplanationSimilarityOptions = {},
): Promise<ExplanationSimilarity> {
  const tokenize = options.tokenize ?? pythonTokens;
  const embedding =
    options.embeddingSimilarity === undefined
      ? null
      : await options.embeddingSimilarity(
          reference,
          candidate,
          options.signal === undefined ? {} : { signal: options.signal },
        );
  return {
    tfidfCosine: tfidfCosine(reference, candidate),
    levenshtein: levenshteinSimilarity(reference, candidate),
    sequenceMatcher: sequenceMatcherRatio(tokenize(reference), tokenize(candidate)),
    embedding,
  };
}
