import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../errors.js';
import { parseAnomllmAnswer, rescaleDigitRuns } from './anomllm.js';
import { extractTimeRaAction } from './time-ra.js';
import { parseVtaAnswer } from './vta.js';

interface PublishedCase {
  kind: 'points' | 'variates' | 'ranges' | 'anomllm' | 'anomllm-s0.3' | 'scale' | 'time-ra';
  text: string;
  ok?: unknown;
  fail?: string;
}

const fixture = JSON.parse(
  readFileSync(
    new URL('../../../fixtures/bad-answers/published-parsers.json', import.meta.url),
    'utf8',
  ),
) as { cases: PublishedCase[] };

function run(testCase: PublishedCase): unknown {
  switch (testCase.kind) {
    case 'points':
    case 'variates':
    case 'ranges':
      return parseVtaAnswer(testCase.text, testCase.kind);
    case 'anomllm':
      return parseAnomllmAnswer(testCase.text);
    case 'anomllm-s0.3':
      return parseAnomllmAnswer(testCase.text, { scaleFactor: 0.3 });
    case 'scale':
      return rescaleDigitRuns(testCase.text, 0.3);
    case 'time-ra':
      return extractTimeRaAction(testCase.text);
  }
}

/** The fixture's encoding of Python values, applied to ours (bools are ints in VTA point lists). */
function encodeLike(
  expected: unknown,
  actual: unknown,
  options: { boolsAsInts: boolean },
): unknown {
  const { boolsAsInts } = options;
  if (Array.isArray(expected) && Array.isArray(actual))
    return actual.map((item, index) => encodeLike(expected[index], item, options));
  if (
    expected !== null &&
    typeof expected === 'object' &&
    actual !== null &&
    typeof actual === 'object'
  ) {
    return Object.fromEntries(
      Object.entries(actual).map(([key, value]) => [
        key,
        encodeLike((expected as Record<string, unknown>)[key], value, options),
      ]),
    );
  }
  if (typeof actual === 'number') {
    if (Number.isNaN(actual)) return 'NaN';
    if (actual === Number.POSITIVE_INFINITY) return 'inf';
    if (typeof expected === 'string' && /^\d+$/.test(expected) && Number(expected) === actual)
      return expected;
    if (boolsAsInts && typeof expected === 'boolean')
      return actual === Number(expected) ? expected : actual;
  }
  return actual;
}

describe('ports of the published parsers agree with CPython on every recorded answer', () => {
  it.each(
    fixture.cases.map(
      (testCase, index) =>
        [index, testCase.kind, JSON.stringify(testCase.text).slice(0, 60), testCase] as const,
    ),
  )('#%i %s %s', (_index, kind, _shown, testCase) => {
    if (testCase.fail !== undefined) {
      let caught: unknown;
      try {
        run(testCase);
      } catch (error) {
        caught = error;
      }
      expect(caught, `Python raised ${testCase.fail}`).toBeInstanceOf(ContentError);
      expect((caught as ContentError).rawText).toBe(testCase.text);
      return;
    }
    const actual = run(testCase);
    expect(
      encodeLike(testCase.ok, actual, { boolsAsInts: kind === 'points' || kind === 'variates' }),
    ).toEqual(testCase.ok);
  });
});
