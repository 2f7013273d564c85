import { describe, expect, it } from 'vitest';
import { checkResultRow, isPlainResultRow } from './result-row-check.js';
import { resultRowSchema } from './result-row.js';

const anomaly = {
  start: 10,
  end: 20.5,
  channels: [0, 2],
  category: 'Continuous Segment Anomaly',
  severity: 'high',
  confidence: 0.75,
  explanation: 'a level shift',
  candidate: 3,
};
// Rows with every field set and with every nullable field null, as runBench writes them.
const full = {
  key: 't|s|p|q@1|text|none|s0',
  track: 't',
  seriesId: 's',
  provider: 'p',
  model: 'm',
  task: 'range',
  modality: 'text',
  reads: 'numbers',
  hints: 'baseline',
  sample: 2,
  prompt: { id: 'q', version: '1' },
  status: 'ok',
  answer: {
    anomalous: true,
    anomalies: [anomaly, { ...anomaly, channels: null, severity: null, confidence: null }],
    summary: 'two',
  },
  intervals: [
    [10, 21],
    [30, 31],
  ],
  times: [['2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z']],
  channels: [0, 1.5],
  category: 'Continuous Segment Anomaly',
  rawText: '[[10, 20]]',
  error: { code: 'provider.http', message: 'boom', status: 503 },
  usage: { inputTokens: 800, outputTokens: 20, cachedInputTokens: 0, reasoningTokens: 4 },
  costUsd: 0.001,
  latencyMs: 139,
  attempts: 1,
  cached: false,
  repaired: true,
  requestKey: 'abc',
  finishedAt: '2026-12-05T11:30:00.152Z',
};
const bare = {
  ...full,
  status: 'error',
  answer: null,
  intervals: null,
  channels: null,
  category: null,
  rawText: null,
  error: { code: 'x', message: 'y' },
  usage: { inputTokens: 0, outputTokens: 0 },
  costUsd: null,
  latencyMs: null,
  requestKey: null,
};
delete (bare as { times?: unknown }).times;
delete (bare as { reads?: unknown }).reads;
const emptyAnswer = {
  ...full,
  answer: { anomalous: false, anomalies: [], summary: '' },
  intervals: [],
};

// Values put in place of each field in turn: wrong types, edges of ranges, near-misses.
const replacements: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  2 ** 60,
  1.0000001,
  '',
  'x',
  'ok',
  'text',
  'high',
  'none',
  true,
  [],
  [1],
  [1, 2],
  [1, 2, 3],
  ['a', 'b'],
  [[1, 2]],
  [[1, 'a']],
  {},
  { id: 'q', version: '1' },
  { code: 'a', message: 'b', extra: 1 },
];

type Json = Record<string, unknown> | unknown[];

/** Every row made by replacing one field (at any depth) of `row`, plus one extra key anywhere. */
function* mutations(row: Json): Generator<unknown> {
  const entries = Array.isArray(row) ? row.map((v, i) => [i, v] as const) : Object.entries(row);
  for (const [key, value] of entries) {
    for (const replacement of replacements) {
      const copy = (Array.isArray(row) ? [...row] : { ...row }) as Record<string | number, unknown>;
      if (replacement === undefined && !Array.isArray(row)) delete copy[key];
      else copy[key] = replacement;
      yield copy;
    }
    if (value !== null && typeof value === 'object')
      for (const inner of mutations(value as Json)) {
        const copy = (Array.isArray(row) ? [...row] : { ...row }) as Record<
          string | number,
          unknown
        >;
        copy[key] = inner;
        yield copy;
      }
  }
  if (!Array.isArray(row)) yield { ...row, unexpected: 1 };
}

describe('checkResultRow', () => {
  it.each([
    ['every field set', full],
    ['nullable fields null', bare],
    ['an empty answer', emptyAnswer],
  ])('takes a good row (%s) as it is, as the schema does', (_, row) => {
    expect(isPlainResultRow(row)).toBe(true);
    expect(resultRowSchema.parse(row)).toEqual(row);
    expect(checkResultRow(row)).toEqual({ success: true, data: row });
  });

  it('never takes a row the schema refuses or would change, and gives the schema its say', () => {
    let refused = 0;
    let plain = 0;
    for (const good of [full, bare, emptyAnswer])
      for (const row of mutations(good)) {
        const schema = resultRowSchema.safeParse(row);
        const checked = checkResultRow(row);
        if (isPlainResultRow(row)) {
          plain += 1;
          // Accepted by the plain check: the schema accepts it too, and returns it unchanged.
          expect(schema.success).toBe(true);
          expect(schema.data).toEqual(row);
        }
        // Accepted or refused alike, with the schema's own first message.
        expect(checked.success).toBe(schema.success);
        if (!schema.success) {
          refused += 1;
          expect(checked.error?.issues[0]?.message).toBe(schema.error.issues[0]?.message);
        }
      }
    // The mutations reach both sides: many refused rows, some still good.
    expect(refused).toBeGreaterThan(1000);
    expect(plain).toBeGreaterThan(50);
  });
});
