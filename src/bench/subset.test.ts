import { describe, expect, it } from 'vitest';
import type { DatasetSplit } from '../schema/dataset.js';
import { applySubset, subsetSuite } from './subset.js';
import { loadSuite } from './suite.js';

function split(count: number): DatasetSplit {
  return {
    dataset: 'd',
    type: 't',
    split: 'test',
    meta: {},
    items: Array.from({ length: count }, (_, index) => ({
      series: { id: `s${index}` } as DatasetSplit['items'][number]['series'],
      label: {
        seriesId: `s${index}`,
        anomalous: false,
        intervals: [],
        channels: null,
        category: null,
        explanation: null,
      },
    })),
  };
}

const ids = (value: DatasetSplit): string[] => value.items.map((item) => item.label.seriesId);

describe('applySubset', () => {
  it('keeps the first N series with a limit', () => {
    expect(ids(applySubset(split(5), { limit: 2 }))).toEqual(['s0', 's1']);
  });

  it('keeps a seeded sample in the original order, the same for the same seed', () => {
    const first = ids(applySubset(split(50), { sample: 5, seed: 3 }));
    expect(first).toHaveLength(5);
    expect(new Set(first).size).toBe(5);
    expect([...first].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))).toEqual(first);
    expect(ids(applySubset(split(50), { sample: 5, seed: 3 }))).toEqual(first);
    expect(ids(applySubset(split(50), { sample: 5, seed: 4 }))).not.toEqual(first);
  });

  it('keeps everything without a rule or with a sample as large as the split', () => {
    expect(ids(applySubset(split(3), undefined))).toEqual(['s0', 's1', 's2']);
    expect(ids(applySubset(split(3), { sample: 9 }))).toEqual(['s0', 's1', 's2']);
  });
});

describe('subsetSuite', () => {
  it('keeps the named tracks and records the rule on each', async () => {
    const { suite } = await loadSuite('quick');
    const name = suite.tracks[1]?.name ?? '';
    const trial = subsetSuite(suite, { tracks: [name], limit: 2 });
    expect(trial.tracks.map((track) => [track.name, track.subset])).toEqual([[name, { limit: 2 }]]);
  });

  it('names the tracks a suite has when asked for one it lacks, and refuses limit with sample', async () => {
    const { suite } = await loadSuite('quick');
    expect(() => subsetSuite(suite, { tracks: ['nope'] })).toThrow(
      /--tracks names nope, not in suite "quick"; its tracks are/,
    );
    expect(() => subsetSuite(suite, { limit: 1, sample: 1 })).toThrow(/give one of them/);
  });
});
