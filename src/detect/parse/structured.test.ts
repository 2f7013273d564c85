import { describe, expect, it } from 'vitest';
import { ContentError } from '../../errors.js';
import { parseStructuredAnswer } from './structured.js';

const anomaly = {
  start: 10,
  end: 20,
  channels: null,
  category: 'Drift Anomaly',
  severity: 'low',
  confidence: 0.5,
  explanation: 'Slow rise.',
  candidate: null,
};
const answer = { anomalous: true, anomalies: [anomaly], summary: 'One drift.' };
const json = JSON.stringify(answer);

function failure(text: string, options = {}): ContentError {
  try {
    parseStructuredAnswer(text, options);
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected a ContentError');
}

describe('parseStructuredAnswer', () => {
  it.each([
    ['bare JSON', json],
    ['a ```json fence', `\`\`\`json\n${json}\n\`\`\``],
    ['a plain fence after prose', `Here you go.\n\n\`\`\`\n${json}\n\`\`\`\nLet me know!`],
    ['a tilde fence', `~~~json\n${json}\n~~~`],
    ['prose around without a fence', `My analysis: ${json} That is all.`],
    ['the same object twice', `${json}\n${json}`],
  ])('finds the answer in %s', (_name, text) => {
    expect(parseStructuredAnswer(text)).toEqual(answer);
  });

  it('prefers the fenced object over braces in the prose', () => {
    const text = `Other shapes like {"anomalous": false, "anomalies": [], "summary": "x"} are wrong.\n\`\`\`json\n${json}\n\`\`\``;
    expect(parseStructuredAnswer(text)).toEqual(answer);
  });

  it('ignores braces and quotes inside strings when finding the object', () => {
    const tricky = { ...answer, summary: 'Braces } { and "quotes" and \\ backslashes' };
    expect(parseStructuredAnswer(`x ${JSON.stringify(tricky)} y`)).toEqual(tricky);
  });

  it('keeps zod issue paths and the raw text', () => {
    const text = JSON.stringify({
      anomalous: true,
      anomalies: [{ ...anomaly, severity: 'extreme', explanation: 4 }],
      summary: 'x',
    });
    const error = failure(text);
    expect(error.code).toBe('content.schema');
    expect(error.rawText).toBe(text);
    expect(error.issues).toEqual([
      expect.stringMatching(/^anomalies\.0\.severity: /),
      expect.stringMatching(/^anomalies\.0\.explanation: /),
    ]);
  });

  it('reports a missing top-level field with its path', () => {
    expect(failure('{"anomalous": true, "anomalies": []}').issues).toEqual([
      expect.stringMatching(/^summary: /),
    ]);
  });

  it.each([
    ['univariate', 'Collinearity Shift Anomaly', 'content.unknown_category'],
    ['multivariate', 'Drift Anomaly', 'content.unknown_category'],
  ] as const)('restricts categories to the %s taxonomy when asked', (taxonomy, category, code) => {
    const text = JSON.stringify({ ...answer, anomalies: [{ ...anomaly, category }] });
    expect(parseStructuredAnswer(text).anomalies[0]?.category).toBe(category);
    expect(failure(text, { taxonomy }).code).toBe(code);
  });

  it('honours maxCoordinate', () => {
    const text = JSON.stringify({ ...answer, anomalies: [{ ...anomaly, end: 2e9 }] });
    expect(parseStructuredAnswer(text).anomalies[0]?.end).toBe(2e9);
    expect(failure(text, { maxCoordinate: 1e6 }).code).toBe('content.bad_coordinate');
  });

  it('accepts epoch-millisecond coordinates and a normal answer', () => {
    const start = Date.UTC(2024, 5, 1);
    expect(
      parseStructuredAnswer(
        JSON.stringify({ ...answer, anomalies: [{ ...anomaly, start, end: start + 60_000 }] }),
      ).anomalies[0]?.start,
    ).toBe(start);
    expect(
      parseStructuredAnswer('{"anomalous": false, "anomalies": [], "summary": "Normal."}'),
    ).toEqual({ anomalous: false, anomalies: [], summary: 'Normal.' });
  });

  it('does not read numbers out of non-numeric strings', () => {
    expect(
      failure(JSON.stringify({ ...answer, anomalies: [{ ...anomaly, start: '10 or so' }] })).code,
    ).toBe('content.schema');
  });

  it('calls an unclosed object truncated even when prose follows an earlier brace pair that is not JSON', () => {
    expect(failure('Set {a, b}. {"anomalous": true, "anomalies": [').code).toBe(
      'content.truncated',
    );
  });
});
