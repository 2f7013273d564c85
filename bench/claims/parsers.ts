/**
 * Parser comparison: the same random answers through our ports (`src/detect/parse/`) and through
 * the published Python (`bench/python/published_port.py`), compared twice: the parse decision and
 * decoded value, then the 0/1 vector the benchmark scores (our intervals from the production path).
 */
import { createRandom } from '../../src/datasets/random.js';
import { parseAnswerText, toIntervals, type AnswerFormat } from '../../src/detect/parse/index.js';
import { parseAnomllmAnswer } from '../../src/detect/parse/anomllm.js';
import { parseVtaAnswer } from '../../src/detect/parse/vta.js';
import { ContentError } from '../../src/errors.js';
import { randomAnswer, type AnswerKind } from './answer-text.js';
import { encodeLikePython, runPython } from './python.js';

/** One answer to parse. */
export interface ParserCase {
  op: 'vta' | 'anomllm';
  kind: AnswerKind;
  text: string;
  /** Series length (variates: number of panels). */
  length: number;
  /** AnomLLM `s0.3` digit rescaling, or null. */
  scale: number | null;
}

interface PythonParse {
  ok?: unknown;
  fail?: string;
  vector?: [number, number][];
  vectorFail?: string;
}

type Outcome = { ok: unknown } | { fail: string } | { crash: string };

/**
 * Differences we keep on purpose, each with why. A case whose only difference is one of these is
 * counted under its reason, never as agreement.
 */
export const KNOWN_PARSER_DIFFERENCES = {
  'negative-index':
    'VTA point/panel ids below 0: Python indexing wraps them to the end of the vector (or skips ' +
    'them); we drop negative points and reject negative panel ids',
  'nesting-depth':
    "Lists nested more than 900 deep: our json.loads port stops at 900 levels; CPython's stops " +
    "with RecursionError at the interpreter's recursion limit less the caller's stack depth " +
    '(about 990 in the published scripts), so only answers nested 900-990 deep differ',
  'python-crash-on-infinite':
    'VTA range with an infinite end point: int(inf) raises OverflowError, which ' +
    'interval_to_vector does not catch, so the published scoring script crashes; we fail the ' +
    'answer (content.bad_coordinate)',
} as const;

/** Result of comparing one batch. */
export interface ParserComparison {
  cases: number;
  /** Answers the published parser accepted (the rest it rejected). */
  pythonAccepted: number;
  /** Parse decision and decoded value equal. */
  parseAgree: number;
  /** Final 0/1 vector equal (or both answers failed). */
  vectorAgree: number;
  known: Record<keyof typeof KNOWN_PARSER_DIFFERENCES, number>;
  /** Unexplained differences, with the first few examples. */
  differences: number;
  examples: { stage: 'parse' | 'vector'; case: ParserCase; ours: unknown; python: unknown }[];
  /** Our parser threw something other than a ContentError (a bug whatever Python did). */
  crashes: number;
}

const FORMAT: Record<AnswerKind, AnswerFormat> = {
  points: 'vta-points',
  ranges: 'vta-ranges',
  variates: 'vta-variates',
  anomllm: 'anomllm',
};

/** Seeded random cases: a quarter per parser, AnomLLM's split between plain and `s0.3`. */
export function parserCases(count: number, seed: number): ParserCase[] {
  const random = createRandom(seed);
  const kinds: AnswerKind[] = ['points', 'ranges', 'variates', 'anomllm'];
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length] as AnswerKind;
    const length =
      kind === 'variates'
        ? random.integer(1, 36)
        : kind === 'anomllm'
          ? 1000
          : random.integer(50, 500);
    const scale = kind === 'anomllm' && random.uniform() < 0.3 ? 0.3 : null;
    return {
      op: kind === 'anomllm' ? 'anomllm' : 'vta',
      kind,
      text: randomAnswer(random, kind, length),
      length,
      scale,
    };
  });
}

function outcome(run: () => unknown): Outcome {
  try {
    return { ok: encodeLikePython(run()) };
  } catch (error) {
    if (error instanceof ContentError) return { fail: error.code };
    return { crash: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

function ourParse(c: ParserCase): Outcome {
  if (c.kind === 'anomllm')
    return outcome(() =>
      parseAnomllmAnswer(c.text, c.scale === null ? {} : { scaleFactor: c.scale }),
    );
  return outcome(() => parseVtaAnswer(c.text, c.kind as 'points' | 'ranges' | 'variates'));
}

/** Our production path (as `readAnswer` does it) down to half-open runs of anomalous indices. */
function ourVector(c: ParserCase): Outcome {
  return outcome(() => {
    const options = { length: c.length, ...(c.scale === null ? {} : { scaleFactor: c.scale }) };
    const answer = parseAnswerText(c.text, FORMAT[c.kind], options);
    if (c.kind === 'variates') {
      const ids = (answer.anomalies[0]?.channels ?? []).filter((id) => id < c.length);
      return toIntervals(
        ids.map((id) => ({ start: id, end: id })),
        { convention: 'inclusive', length: c.length },
      );
    }
    const convention = c.kind === 'anomllm' ? 'exclusive' : 'inclusive';
    return toIntervals(answer.anomalies, { convention, length: c.length, onNegative: 'clip' });
  });
}

/** Long texts (deep nesting, 400-digit numbers) shortened for printing. */
function shorten(c: ParserCase): ParserCase {
  return c.text.length <= 300
    ? c
    : { ...c, text: `${c.text.slice(0, 150)}…(${c.text.length} chars)…${c.text.slice(-60)}` };
}

function cut(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text.length <= 300 ? value : `${text.slice(0, 200)}…`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function maxDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const char of text) {
    if (char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === ']') depth -= 1;
  }
  return deepest;
}

function hasNegative(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.some((item) => (typeof item === 'number' && item < 0) || item === '-Infinity')
  );
}

/** Runs `count` seeded cases through both sides and tallies agreement. */
export function compareParsers(count: number, seed: number): ParserComparison {
  const cases = parserCases(count, seed);
  const python = runPython(cases) as PythonParse[];
  const result: ParserComparison = {
    cases: count,
    pythonAccepted: 0,
    parseAgree: 0,
    vectorAgree: 0,
    known: { 'negative-index': 0, 'nesting-depth': 0, 'python-crash-on-infinite': 0 },
    differences: 0,
    examples: [],
    crashes: 0,
  };
  const differ = (
    stage: 'parse' | 'vector',
    c: ParserCase,
    ours: unknown,
    theirs: unknown,
  ): void => {
    result.differences += 1;
    if (result.examples.length < 5)
      result.examples.push({ stage, case: shorten(c), ours: cut(ours), python: cut(theirs) });
  };
  cases.forEach((c, i) => {
    const theirs = python[i] as PythonParse;
    const parsed = ourParse(c);
    if ('crash' in parsed) result.crashes += 1;
    const pythonFailed = theirs.fail !== undefined;
    if (!pythonFailed) result.pythonAccepted += 1;
    const parseSame =
      'ok' in parsed
        ? !pythonFailed && same(parsed.ok, theirs.ok)
        : 'fail' in parsed && pythonFailed;
    if (parseSame) result.parseAgree += 1;
    else if (maxDepth(c.text) > 900 && 'fail' in parsed && !pythonFailed)
      return void (result.known['nesting-depth'] += 1);
    else return differ('parse', c, parsed, theirs);
    const vector = ourVector(c);
    if ('crash' in vector) result.crashes += 1;
    // AnomLLM's load_results vectorizes inside its try (an exception = a failed answer); VTA's
    // scoring vectorizes outside any try, so an exception there stops the whole script.
    if (theirs.vectorFail !== undefined && c.op === 'vta') {
      if (theirs.vectorFail === 'OverflowError' && 'fail' in vector)
        result.known['python-crash-on-infinite'] += 1;
      else differ('vector', c, vector, theirs);
      return;
    }
    const pythonVector =
      pythonFailed || theirs.vectorFail !== undefined
        ? { fail: theirs.fail }
        : { ok: theirs.vector };
    const vectorSame =
      'ok' in vector
        ? 'ok' in pythonVector && same(vector.ok, pythonVector.ok)
        : 'fail' in vector && 'fail' in pythonVector;
    if (vectorSame) result.vectorAgree += 1;
    else if (c.kind !== 'ranges' && c.kind !== 'anomllm' && hasNegative(theirs.ok))
      result.known['negative-index'] += 1;
    else differ('vector', c, vector, pythonVector);
  });
  return result;
}
