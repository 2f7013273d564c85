import { describe, expect, it } from 'vitest';
import { matchLabels, readLabelFile } from '../../series/label-file.js';
import { loadSeries } from '../../series/load.js';
import { detectAnomalies } from './detector.js';

const folder = 'fixtures/nab';

async function labelled(id: string): Promise<{
  values: Float64Array;
  windows: readonly (readonly [number, number])[];
}> {
  const series = await loadSeries(`${folder}/data`);
  const labels = matchLabels(await readLabelFile(`${folder}/combined_windows.json`), series, {
    file: 'combined_windows.json',
  });
  const one = series.find((s) => s.id === id);
  const values = one?.values[0];
  if (values === undefined) throw new Error(`fixture ${id} is missing`);
  return { values, windows: labels.get(id)?.intervals ?? [] };
}

describe('baseline on trimmed NAB fixtures', () => {
  it('finds the one-day level jump of a series with under three daily cycles', async () => {
    // 801 rows = 2.8 cycles of 288; the daytime plateau of day 3 jumps from ~80 to ~140.
    const { values, windows } = await labelled('artificialWithAnomaly/art_daily_jumpsup');
    expect(windows).toHaveLength(1);
    const [start, end] = windows[0] ?? [0, 0];
    const result = detectAnomalies({ id: 'jumpsup', channels: ['value'], values: [values] });
    const strongest = [...result.anomalies].sort((a, b) => b.confidence - a.confidence)[0];
    expect(strongest).toBeDefined();
    expect(strongest!.start < end && start < strongest!.end).toBe(true);
  });
});
