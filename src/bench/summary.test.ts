import { describe, expect, it } from 'vitest';
import { formatLeaderboard } from './format.js';
import type { LeaderboardRow } from './score.js';
import { meanSample, type SeriesSample } from './series-sample.js';
import { summarizeLeaderboard } from './summary.js';

function row(
  track: string,
  model: string,
  value: number,
  extra: Partial<LeaderboardRow> = {},
): LeaderboardRow {
  return {
    track,
    task: 'range',
    scoring: 'anomllm',
    model,
    prompt: `${track}@1`,
    modality: 'image',
    hints: 'none',
    trivial: false,
    series: 4,
    scored: 4,
    parseFailures: 0,
    errors: 0,
    metrics: {},
    headline: { metric: 'affiliation.f1', value },
    correct: 2,
    meanLatencyMs: null,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: null,
    costPerCorrectUsd: null,
    ...extra,
  };
}

const ids = ['s0', 's1', 's2', 's3'];
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('summarizeLeaderboard', () => {
  // Track t1: model B beats A by 0.25 on every series; track t2: both score 1 everywhere.
  const a1 = [0.5, 0.25, 0.75, 0.5];
  const b1 = a1.map((value) => value + 0.25);
  const rows = [
    row('t1', 'A', mean(a1)),
    row('t1', 'B', mean(b1)),
    row('t2', 'A', 1),
    row('t2', 'B', 1),
  ];
  const samples: SeriesSample[] = [
    meanSample(ids, a1),
    meanSample(ids, b1),
    meanSample(ids, [1, 1, 1, 1]),
    meanSample(ids, [1, 1, 1, 1]),
  ];
  const summary = summarizeLeaderboard(rows, samples, { resamples: 500, seed: 1 });

  it('puts an interval around every score', () => {
    const a = summary.rows[0]?.headline;
    expect(a?.ci?.[0]).toBeGreaterThanOrEqual(0.25);
    expect(a?.ci?.[0]).toBeLessThan(0.5);
    expect(a?.ci?.[1]).toBeGreaterThan(0.5);
    expect(a?.ci?.[1]).toBeLessThanOrEqual(0.75);
    expect(summary.rows[2]?.headline.ci).toEqual([1, 1]);
  });

  it('adds one overall row per model: the macro mean of its tracks', () => {
    const overall = summary.rows.filter((r) => r.track === 'overall');
    expect(overall.map((r) => [r.model, r.headline.value, r.covers, r.prompt])).toEqual([
      ['A', (0.5 + 1) / 2, ['t1', 't2'], '*'],
      ['B', (0.75 + 1) / 2, ['t1', 't2'], '*'],
    ]);
    expect(overall[0]?.series).toBe(8);
  });

  it('compares the two models of each track on their shared series', () => {
    expect(summary.comparisons.map((c) => [c.track, c.a, c.b, c.series, c.significant])).toEqual([
      ['t1', 'A t1@1 image', 'B t1@1 image', 4, true],
      ['t2', 'A t2@1 image', 'B t2@1 image', 4, false],
    ]);
    expect(summary.comparisons[0]?.difference).toBeCloseTo(0.25, 12);
    expect(summary.comparisons[0]?.pValue).toBe(0);
    expect(summary.comparisons[1]?.pValue).toBe(1);
  });

  it('writes intervals as [low, high] in text, two columns with empty missing cells in CSV', () => {
    const table = formatLeaderboard(summary.rows, 'table', { comparisons: summary.comparisons });
    expect(table).toContain('[100.00, 100.00]');
    expect(table).toContain('Paired differences');
    const markdown = formatLeaderboard(summary.rows, 'markdown', {
      comparisons: summary.comparisons,
    });
    expect(markdown).toMatch(
      /\| t1 \| A t1@1 image \| B t1@1 image \| 4 \| 25.00 \| \[25.00, 25.00\] \| 0.000 \| yes \|/,
    );
    const [header, first] = formatLeaderboard(summary.rows, 'csv').split('\n');
    expect(header).toContain('score,ci_low,ci_high');
    expect(first).toContain('50.00,');
    expect(first).not.toContain('—');
    expect(first).toMatch(/,,/);
  });

  it('adds no overall row for a single track', () => {
    expect(summarizeLeaderboard(rows.slice(0, 2), samples.slice(0, 2)).rows).toHaveLength(2);
  });
});
