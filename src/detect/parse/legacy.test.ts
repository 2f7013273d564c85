import { describe, expect, it } from 'vitest';
import { ContentError, InputError } from '../../errors.js';
import { parseAnswerText } from './answer.js';
import { answerFromLegacy } from './legacy.js';
import { parseTimeRaAnswer } from './time-ra.js';

const blank = {
  channels: null,
  severity: null,
  confidence: null,
  explanation: '',
  candidate: null,
};

describe('answerFromLegacy', () => {
  it('turns VTA points into point anomalies', () => {
    expect(answerFromLegacy([2, 51], 'vta-points')).toEqual({
      anomalous: true,
      anomalies: [
        { start: 2, end: 2, category: 'Point Anomaly', ...blank },
        { start: 51, end: 51, category: 'Point Anomaly', ...blank },
      ],
      summary: '',
    });
  });

  it('maps an empty list to a normal answer', () => {
    expect(answerFromLegacy([], 'vta-ranges')).toEqual({
      anomalous: false,
      anomalies: [],
      summary: '',
    });
    expect(answerFromLegacy([], 'anomllm')).toEqual({
      anomalous: false,
      anomalies: [],
      summary: '',
    });
  });

  it('skips VTA range entries the published vectorizer skips, and converts the rest with int()', () => {
    const answer = answerFromLegacy(
      [
        [2, 11],
        [1, 2, 3],
        [50, 'x'],
        [null, 4],
        [' 60 ', 70.9],
        [true, 3],
      ],
      'vta-ranges',
    );
    expect(answer.anomalies.map(({ start, end }) => [start, end])).toEqual([
      [2, 11],
      [60, 70],
      [1, 3],
    ]);
  });

  it('reads a VTA range entry left to right, as int(entry[0]) then int(entry[1]) do', () => {
    // A bad start skips the entry before the infinite end is looked at; an infinite start fails.
    expect(
      answerFromLegacy(
        [
          ['x', Number.POSITIVE_INFINITY],
          [1, 2],
        ],
        'vta-ranges',
      ).anomalies,
    ).toHaveLength(1);
    expect(() => answerFromLegacy([[Number.POSITIVE_INFINITY, 'x']], 'vta-ranges')).toThrow(
      ContentError,
    );
  });

  it('skips VTA points and panel ids beyond the float range, as Python indexing skips them', () => {
    const huge = [Number.POSITIVE_INFINITY, 3, Number.NEGATIVE_INFINITY];
    expect(answerFromLegacy(huge, 'vta-points').anomalies.map((a) => a.start)).toEqual([3]);
    expect(answerFromLegacy(huge, 'vta-variates', { length: 10 }).anomalies[0]?.channels).toEqual([
      3,
    ]);
  });

  it('fails a whole AnomLLM answer on one item int() cannot read', () => {
    expect(answerFromLegacy([{ start: '10', end: 20.7 }], 'anomllm').anomalies[0]).toMatchObject({
      start: 10,
      end: 20,
    });
    expect(() =>
      answerFromLegacy(
        [
          { start: 1, end: 2 },
          { start: 'soon', end: 9 },
        ],
        'anomllm',
        { rawText: 'raw' },
      ),
    ).toThrow(expect.objectContaining({ code: 'content.bad_coordinate', rawText: 'raw' }));
  });

  it('puts VTA panel ids into one whole-series anomaly', () => {
    expect(answerFromLegacy([5, 0, 2, 2], 'vta-variates', { length: 200 }).anomalies).toEqual([
      {
        start: 0,
        end: 199,
        category: 'Local Structural Jump Anomaly',
        ...blank,
        channels: [0, 2, 5],
      },
    ]);
    expect(() => answerFromLegacy([1], 'vta-variates')).toThrow(InputError);
  });

  it('keeps the Time-RA category and thought', () => {
    const parsed = parseTimeRaAnswer(
      'Thought: \\boxed1{Values freeze at 2.0.}\nAction: \\boxed2{Sudden Flatline Anomaly}',
      'univariate',
    );
    expect(answerFromLegacy(parsed, 'time-ra', { length: 16 })).toEqual({
      anomalous: true,
      anomalies: [
        {
          start: 0,
          end: 15,
          category: 'Sudden Flatline Anomaly',
          ...blank,
          explanation: 'Values freeze at 2.0.',
        },
      ],
      summary: 'Values freeze at 2.0.',
    });
    const normal = parseTimeRaAnswer('Thought: Fine.\nAction: Normal Sequence', 'multivariate');
    expect(answerFromLegacy(normal, 'time-ra', { length: 8 })).toEqual({
      anomalous: false,
      anomalies: [],
      summary: 'Fine.',
    });
  });
});

describe('parseTimeRaAnswer', () => {
  it.each([
    [
      'Thought: \\boxed1{A spike at 40.}\nAction: \\boxed2{12. Sudden Spike Anomaly}',
      12,
      'A spike at 40.',
    ],
    ['Thought:\n\\boxed1{nested \\boxed{x} y}\nAction:\n\\boxed2{Drift Anomaly}', 11, 'nested x y'],
    ['\\boxed1{Only boxed thought.} Action: \\boxed2{Point Anomaly}', 1, 'Only boxed thought.'],
  ])('reads %j', (text, id, thought) => {
    const parsed = parseTimeRaAnswer(text, 'univariate');
    expect([parsed.category.id, parsed.thought]).toEqual([id, thought]);
  });

  it('rejects a near miss with the candidates listed in the issues', () => {
    try {
      parseTimeRaAnswer('Action: Spike', 'multivariate');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).issues[0]).toContain('Collinearity Shift Anomaly');
    }
  });
});

describe('parseAnswerText', () => {
  it.each([
    ['structured', '{"anomalous": false, "anomalies": [], "summary": "ok"}', false, 0],
    ['vta-points', '[3, 9]', true, 2],
    ['vta-ranges', '[[3, 9]]', true, 1],
    ['vta-variates', '[1]', true, 1],
    ['anomllm', '[{"start": 3, "end": 9}]', true, 1],
    ['time-ra', 'Action: Drift Anomaly', true, 1],
  ] as const)('dispatches %s', (format, text, anomalous, count) => {
    const answer = parseAnswerText(text, format, { length: 50 });
    expect([answer.anomalous, answer.anomalies.length]).toEqual([anomalous, count]);
  });

  it('applies the AnomLLM scale factor and the Time-RA taxonomy', () => {
    expect(
      parseAnswerText('[{"start": 3, "end": 9}]', 'anomllm', { length: 50, scaleFactor: 0.3 })
        .anomalies[0],
    ).toMatchObject({ start: 10, end: 30 });
    expect(
      parseAnswerText('Action: Joint Space Anomaly', 'time-ra', {
        length: 5,
        taxonomy: 'multivariate',
      }).anomalies[0]?.category,
    ).toBe('Joint Space Anomaly');
    expect(() => parseAnswerText('Action: Joint Space Anomaly', 'time-ra', { length: 5 })).toThrow(
      expect.objectContaining({ rawText: 'Action: Joint Space Anomaly' }),
    );
  });
});
