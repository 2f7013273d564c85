import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../errors.js';
import type { Answer } from '../../schema/answer.js';
import { parseAnomllmAnswer } from './anomllm.js';
import { toIntervals, type RangeConvention } from './intervals.js';
import { answerFromLegacy } from './legacy.js';
import { parseStructuredAnswer } from './structured.js';
import { parseTimeRaAnswer } from './time-ra.js';
import { parseVtaAnswer } from './vta.js';

interface BadAnswerCase {
  file: string;
  parser:
    | 'structured'
    | 'vta-points'
    | 'vta-ranges'
    | 'vta-variates'
    | 'anomllm'
    | 'time-ra-uni'
    | 'time-ra-multi';
  options?: { scaleFactor?: number };
  intervals?: { length: number; convention: RangeConvention };
  expect: { value: unknown } | { error: string };
  note: string;
}

const folder = new URL('../../../fixtures/bad-answers/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('cases.json', folder), 'utf8')) as {
  cases: BadAnswerCase[];
};

/**
 * Runs one case: parse, then (when `intervals` is given) convert to our Answer and to index
 * intervals.
 */
function run(testCase: BadAnswerCase, text: string): unknown {
  const length = testCase.intervals?.length ?? 400;
  let parsed: unknown;
  let answer: Answer;
  switch (testCase.parser) {
    case 'structured':
      answer = parseStructuredAnswer(text);
      parsed = answer;
      break;
    case 'vta-points':
    case 'vta-variates': {
      const ids = parseVtaAnswer(text, testCase.parser === 'vta-points' ? 'points' : 'variates');
      parsed = ids;
      answer =
        testCase.intervals === undefined
          ? ({} as Answer)
          : answerFromLegacy(ids, testCase.parser, { length, rawText: text });
      break;
    }
    case 'vta-ranges': {
      const ranges = parseVtaAnswer(text, 'ranges');
      parsed = ranges;
      answer =
        testCase.intervals === undefined
          ? ({} as Answer)
          : answerFromLegacy(ranges, 'vta-ranges', { rawText: text });
      break;
    }
    case 'anomllm': {
      const items = parseAnomllmAnswer(text, testCase.options ?? {});
      parsed = items;
      answer =
        testCase.intervals === undefined
          ? ({} as Answer)
          : answerFromLegacy(items, 'anomllm', { rawText: text });
      break;
    }
    case 'time-ra-uni':
    case 'time-ra-multi': {
      const result = parseTimeRaAnswer(
        text,
        testCase.parser === 'time-ra-uni' ? 'univariate' : 'multivariate',
      );
      return { action: result.action, categoryId: result.category.id, thought: result.thought };
    }
  }
  if (testCase.intervals === undefined) return parsed;
  return toIntervals(answer.anomalies, { ...testCase.intervals, rawText: text }).map((interval) => [
    ...interval,
  ]);
}

describe('fixtures/bad-answers', () => {
  it('holds at least 32 answers, each file listed once', () => {
    expect(manifest.cases.length).toBeGreaterThanOrEqual(32);
    expect(new Set(manifest.cases.map((testCase) => testCase.file)).size).toBe(
      manifest.cases.length,
    );
  });

  it.each(
    manifest.cases.map(
      (testCase) => [testCase.file, testCase.parser, testCase.note, testCase] as const,
    ),
  )('%s (%s): %s', (file, _parser, _note, testCase) => {
    const text = readFileSync(new URL(file, folder), 'utf8');
    if ('error' in testCase.expect) {
      let caught: unknown;
      try {
        run(testCase, text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ContentError);
      const error = caught as ContentError;
      expect(error.code).toBe(testCase.expect.error);
      expect(error.rawText).toBe(text);
      expect(error.message.length).toBeGreaterThan(20);
      expect(JSON.stringify(error.toJSON())).toContain(testCase.expect.error);
      return;
    }
    expect(run(testCase, text)).toEqual(testCase.expect.value);
  });
});
