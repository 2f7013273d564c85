import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeries } from './load.js';
import { repairTimeOrder } from './time-order.js';

const folder = join(import.meta.dirname, '../../fixtures/bad-series');

describe('repairTimeOrder', () => {
  const rows = () => ({
    timestamps: [10, 30, 20, 30, 30],
    values: [Float64Array.of(1, 2, 3, 4, Number.NaN)],
    lines: [2, 3, 4, 5, 6],
  });

  it.each([
    ['mean', [1, 3, 3]],
    ['first', [1, 3, 2]],
    ['last', [1, 3, Number.NaN]],
  ] as const)('sorts, then merges repeated times by %s', (mode, values) => {
    const warnings: string[] = [];
    const out = repairTimeOrder(rows(), 'a.csv', {
      onDuplicateTime: mode,
      onWarning: (m) => warnings.push(m),
    });
    expect(out.timestamps).toEqual([10, 20, 30]);
    expect(Array.from(out.values[0] ?? [])).toEqual(values);
    expect(out.lines).toEqual([2, 4, 3]);
    expect(warnings).toEqual([
      'a.csv:4: 1 row out of time order (first on this line); rows sorted by time (--on-unsorted error refuses such files)',
      `a.csv:5: 2 rows repeat an earlier timestamp (first on this line); merged by ${mode} (--on-duplicate-time error|first|last|mean)`,
    ]);
  });

  it('leaves rows alone in error modes, so validation refuses them with a location', () => {
    const out = repairTimeOrder(rows(), 'a.csv', { onUnsorted: 'error', onDuplicateTime: 'error' });
    expect(out.timestamps).toEqual([10, 30, 20, 30, 30]);
  });

  it('says nothing about rows already in order', () => {
    const warnings: string[] = [];
    const input = { timestamps: [1, 2], values: [Float64Array.of(1, 2)], lines: [2, 3] };
    expect(repairTimeOrder(input, 'a.csv', { onWarning: (m) => warnings.push(m) })).toBe(input);
    expect(warnings).toEqual([]);
  });
});

describe('loading files with unsorted or repeated times', () => {
  it('loads a file with a repeated timestamp by default, as the mean, with one warning', async () => {
    const warnings: string[] = [];
    const path = join(folder, 'duplicate-timestamp.csv');
    const [series] = await loadSeries(path, { onWarning: (m) => warnings.push(m) });
    expect(Array.from(series?.values[0] ?? [])).toEqual([1, 2.5]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${path}:4: 1 row repeats an earlier timestamp`);
  });

  it('sorts a file that goes back in time by default', async () => {
    const [series] = await loadSeries(join(folder, 'decreasing-epoch-ms.csv'));
    expect(series?.timestamps).toEqual([1704067200000, 1704067230000, 1704067260000]);
    expect(Array.from(series?.values[0] ?? [])).toEqual([1, 3, 2]);
  });
});
