import { describe, expect, it } from 'vitest';
import type { LeaderboardRow } from '../bench/score.js';
import { trackOverview } from './run-sections.js';

function row(
  parts: Partial<LeaderboardRow> & Pick<LeaderboardRow, 'track' | 'model'>,
): LeaderboardRow {
  return {
    task: 'range',
    scoring: 'anomllm',
    prompt: 'p@1',
    modality: 'image',
    hints: 'none',
    trivial: false,
    series: 4,
    scored: 4,
    parseFailures: 0,
    errors: 0,
    metrics: {},
    headline: { metric: 'affiliation.f1', value: 0.5 },
    correct: 2,
    meanLatencyMs: null,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: null,
    costPerCorrectUsd: null,
    ...parts,
  };
}

describe('trackOverview', () => {
  it('puts tracks in rows and models in columns, naming the prompt only when several competed', () => {
    const table = trackOverview([
      row({
        track: 'a',
        model: 'gpt',
        prompt: 'x@1',
        headline: { metric: 'affiliation.f1', value: 0.6 },
      }),
      row({
        track: 'a',
        model: 'gpt',
        prompt: 'y@1',
        headline: { metric: 'affiliation.f1', value: 0.8, ci: [0.7, 0.9] },
      }),
      row({
        track: 'a',
        model: 'always-empty',
        trivial: true,
        headline: { metric: 'affiliation.f1', value: 0.3 },
      }),
      row({
        track: 'b',
        model: 'gpt',
        modality: 'text',
        headline: { metric: 'affiliation.f1', value: 0.4 },
      }),
    ]);
    expect(table.headers).toEqual([
      'track',
      'metric',
      'gpt · image',
      'gpt · text',
      'best trivial baseline',
    ]);
    expect(table.rows).toEqual([
      ['a', 'affiliation.f1', '80.0% [70–90] (y@1)', '—', '30.0% (always-empty)'],
      ['b', 'affiliation.f1', '—', '40.0%', '—'],
    ]);
  });
});
