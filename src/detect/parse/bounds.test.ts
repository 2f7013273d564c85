import { describe, expect, it } from 'vitest';
import { ContentError } from '../../errors.js';
import { parseAnswerText, type AnswerFormat } from './answer.js';
import { maxAnswerDepth, maxAnswerIntervals } from './bounds.js';
import { toIntervals } from './intervals.js';

function failure(run: () => unknown): ContentError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ContentError);
  return caught as ContentError;
}

const spike = {
  channels: null,
  category: 'Sudden Spike Anomaly',
  severity: null,
  confidence: null,
  explanation: 'spike',
  candidate: null,
};
const nested = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);
const formats: AnswerFormat[] = ['structured', 'vta-points', 'vta-ranges', 'anomllm', 'time-ra'];

describe('answer bounds', () => {
  it.each(formats)(
    '%s: 5000 nested brackets are content.too_deep keeping the raw text',
    (format) => {
      const text = `{"anomalous": true, "anomalies": ${nested(5000)}, "summary": "x"}`;
      const error = failure(() => parseAnswerText(text, format, { length: 400 }));
      expect(error.code).toBe('content.too_deep');
      expect(error.rawText).toBe(text);
    },
  );

  it('allows nesting up to the limit, and brackets inside strings do not count', () => {
    const inString = `{"anomalous": false, "anomalies": [], "summary": "${'['.repeat(500)}"}`;
    expect(parseAnswerText(inString, 'structured', { length: 400 }).anomalous).toBe(false);
    const deep = nested(maxAnswerDepth - 1);
    const atLimit = `{"anomalous": false, "anomalies": [], "summary": "x", "n": ${deep}}`;
    expect(parseAnswerText(atLimit, 'structured', { length: 400 }).anomalous).toBe(false);
  });

  it('more than 10,000 anomalies are content.too_many_intervals', () => {
    const anomaly = { ...spike, start: 1, end: 2 };
    const list = Array.from({ length: maxAnswerIntervals + 1 }, () => anomaly);
    const text = JSON.stringify({ anomalous: true, anomalies: list, summary: 'many' });
    const error = failure(() => parseAnswerText(text, 'structured', { length: 400 }));
    expect(error.code).toBe('content.too_many_intervals');
    expect(error.rawText).toBe(text);
    const points = `[${Array.from({ length: maxAnswerIntervals + 1 }, (_, i) => i).join(', ')}]`;
    expect(failure(() => parseAnswerText(points, 'vta-points', { length: 20_000 })).code).toBe(
      'content.too_many_intervals',
    );
  });
});

describe('toIntervals onOutOfRange', () => {
  it.each([
    [5000, 5010],
    [1e9, 1e9 + 5],
    [400, 401],
  ])('reject: %d..%d on 400 points is content.out_of_range', (start, end) => {
    const run = () =>
      toIntervals([{ start, end }], {
        convention: 'inclusive',
        length: 400,
        onOutOfRange: 'reject',
      });
    expect(failure(run).code).toBe('content.out_of_range');
  });

  it('reject still clips an anomaly that only overhangs the end', () => {
    const intervals = toIntervals([{ start: 395, end: 420 }], {
      convention: 'inclusive',
      length: 400,
      onOutOfRange: 'reject',
    });
    expect(intervals).toEqual([[395, 400]]);
  });

  it('drop (the published formats) skips it, as before', () => {
    expect(
      toIntervals([{ start: 5000, end: 5010 }], { convention: 'inclusive', length: 400 }),
    ).toEqual([]);
  });
});
