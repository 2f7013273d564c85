import { describe, expect, it } from 'vitest';
import { generateAnomllm } from '../datasets/index.js';
import { distinctSeriesCounter } from './distinct.js';
import { formatLeaderboard } from './format.js';
import { buildLeaderboard } from './score.js';
import { suiteSchema } from './suite.js';

// The quick suite's anomllm-trend track: AnomLLM's trend generator (like the published
// synthetic.py) draws nothing for a series without anomaly, so every normal series is the same.
const trend = generateAnomllm({ type: 'trend', count: 20, seed: 42, split: 'eval' });
const normal = trend.items.filter((item) => !item.label.anomalous);

describe('distinctSeriesCounter', () => {
  it('counts the normal trend series once', () => {
    const count = distinctSeriesCounter(trend);
    expect(normal.length).toBeGreaterThan(1);
    expect(count(normal.map((item) => item.series.id))).toBe(1);
    expect(count(trend.items.map((item) => item.series.id))).toBe(
      trend.items.length - normal.length + 1,
    );
  });

  it('tells apart series that differ only in their label', () => {
    const [first] = trend.items;
    if (first === undefined) throw new Error('no series');
    const relabelled = {
      ...trend,
      items: [
        first,
        {
          series: { ...first.series, id: 'copy' },
          label: { ...first.label, seriesId: 'copy', anomalous: !first.label.anomalous },
        },
      ],
    };
    expect(distinctSeriesCounter(relabelled)([first.series.id, 'copy'])).toBe(2);
  });

  it('tells apart series with the same length and sum, and joins exact copies', () => {
    const [first] = trend.items;
    if (first === undefined) throw new Error('no series');
    const withValues = (id: string, values: (number | null)[]) => ({
      series: { ...first.series, id, values: [values] },
      label: { ...first.label, seriesId: id },
    });
    const split = {
      ...trend,
      items: [
        withValues('a', [1, 2, 3]),
        withValues('b', [3, 2, 1]),
        withValues('c', [1, 2, 3]),
        withValues('d', [1, null, 3, 2]),
        withValues('e', [1, 0, 3, 2]),
      ],
    };
    const count = distinctSeriesCounter(split);
    expect(count(['a', 'b', 'c'])).toBe(2);
    expect(count(['a', 'c'])).toBe(1);
    expect(count(['d', 'e'])).toBe(2);
  });
});

describe('leaderboard over repeated series', () => {
  it('shows the distinct count beside n', () => {
    const suite = suiteSchema.parse({
      id: 't',
      description: 'trend',
      tracks: [
        {
          name: 'anomllm-trend',
          dataset: { generator: 'anomllm', type: 'trend', count: 20, seed: 42 },
          task: 'range',
          prompts: ['anomllm-range'],
          scoring: 'anomllm',
        },
      ],
    });
    const rows = buildLeaderboard(suite, new Map([['anomllm-trend', trend]]), []);
    const distinct = trend.items.length - normal.length + 1;
    expect(rows.map((row) => [row.series, row.distinctSeries])).toEqual(
      rows.map(() => [20, distinct]),
    );
    const table = formatLeaderboard(rows, 'markdown');
    expect(table).toContain('| n | distinct |');
    expect(table).toContain(`| 20 | ${distinct} |`);
  });
});
