import { mkdtemp, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAnomllm, generateVta } from '../datasets/index.js';
import { createBaselineProvider } from '../providers/baseline/index.js';
import type { DatasetSplit } from '../schema/dataset.js';
import {
  asDatasetIndex,
  datasetIndexPath,
  indexedSeriesOf,
  readDatasetIndex,
  writeDatasetIndex,
} from './dataset-index.js';
import { scoreRunWithComparisons } from './leaderboard.js';
import { runBench } from './run.js';
import { suiteSchema } from './suite.js';

type Item = DatasetSplit['items'][number];

// What distinct counting meant before the index: the same JSON text.
function fullText(item: Item): string {
  const { id: _id, ...series } = item.series;
  const { seriesId: _seriesId, explanation: _explanation, ...label } = item.label;
  return JSON.stringify([series, label]);
}

const trend = generateAnomllm({ type: 'trend', count: 12, seed: 42, split: 'eval' });
const [first] = trend.items as [Item];
const variant = (id: string, change: (item: Item) => Item): Item =>
  change({
    series: { ...first.series, id, values: first.series.values.map((c) => [...c]) },
    label: { ...first.label, seriesId: id },
  });
const withValue = (item: Item, value: number | null, at = 3): Item => {
  const channel = [...(item.series.values[0] ?? [])];
  channel[at] = value;
  return { ...item, series: { ...item.series, values: [channel] } };
};

// Pairs that JSON writes alike or apart, beside every generated trend series.
const items: Item[] = [
  ...trend.items,
  variant('zero', (item) => withValue(item, 0)),
  variant('minus-zero', (item) => withValue(item, -0)),
  variant('null', (item) => withValue(item, null)),
  variant('nan', (item) => withValue(item, Number.NaN)),
  variant('infinity', (item) => withValue(item, Number.POSITIVE_INFINITY)),
  variant('tiny', (item) => withValue(item, Number.MIN_VALUE)),
  variant('explained', (item) => ({ ...item, label: { ...item.label, explanation: 'why' } })),
  variant('relabelled', (item) => ({
    ...item,
    label: { ...item.label, anomalous: !item.label.anomalous },
  })),
  variant('renamed', (item) => ({ ...item, series: { ...item.series, channels: ['other'] } })),
  variant('shorter', (item) => ({
    ...item,
    series: { ...item.series, values: [(item.series.values[0] ?? []).slice(1)] },
  })),
  // The same numbers split differently between channels must not meet.
  variant('split-a', (item) => ({
    ...item,
    series: { ...item.series, channels: ['a', 'b'], values: [[1, 2], [3]] },
  })),
  variant('split-b', (item) => ({
    ...item,
    series: { ...item.series, channels: ['a', 'b'], values: [[1], [2, 3]] },
  })),
  variant('timed', (item) => ({
    ...item,
    series: { ...item.series, timestamps: item.series.values[0]?.map((_, i) => i * 60) ?? [] },
  })),
  variant('timed-later', (item) => ({
    ...item,
    series: { ...item.series, timestamps: item.series.values[0]?.map((_, i) => i * 60 + 1) ?? [] },
  })),
  variant('context', (item) => ({ ...item, series: { ...item.series, context: { unit: 'ms' } } })),
];

describe('index content hash', () => {
  it('is equal for two items exactly when their JSON texts are', () => {
    const hashes = items.map((item) => indexedSeriesOf(item).hash);
    const texts = items.map(fullText);
    let equalPairs = 0;
    for (let i = 0; i < items.length; i += 1)
      for (let j = i + 1; j < items.length; j += 1) {
        expect([items[i]?.series.id, items[j]?.series.id, hashes[i] === hashes[j]]).toEqual([
          items[i]?.series.id,
          items[j]?.series.id,
          texts[i] === texts[j],
        ]);
        if (texts[i] === texts[j]) equalPairs += 1;
      }
    // Normal trend series repeat; 0/-0, null/NaN/Infinity and the explanation write alike.
    expect(equalPairs).toBeGreaterThan(5);
  });

  it('keeps what scoring reads of each series', () => {
    const vta = generateVta({
      kind: 'multivariate',
      type: 'triangle',
      count: 2,
      seed: 1,
      split: 'eval',
    });
    const index = asDatasetIndex(vta);
    expect(index.items.map(({ id, label, length, dims }) => ({ id, label, length, dims }))).toEqual(
      vta.items.map((item) => ({
        id: item.series.id,
        label: item.label,
        length: item.series.values[0]?.length,
        dims: item.series.channels.length,
      })),
    );
    expect(index.meta).toEqual(vta.meta);
    expect(asDatasetIndex(index)).toBe(index);
  });
});

describe('index file beside a dataset', () => {
  let dir: string;
  const split = generateVta({
    kind: 'univariate',
    type: 'seasonal',
    count: 5,
    seed: 3,
    split: 'eval',
  });
  const remedy = { remedy: 'delete it and resume' };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'anomscope-dataset-index-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is built from an older run without one, kept, and used while the dataset is unchanged', async () => {
    const path = join(dir, 'old.json');
    await writeFile(path, JSON.stringify(split));
    const built = await readDatasetIndex(path, remedy);
    expect(built).toEqual(asDatasetIndex(split));
    const kept = JSON.parse(await readFile(datasetIndexPath(path), 'utf8')) as {
      items: { label: { type: string } }[];
    };
    // A mark only the index carries shows the next read used it instead of the values.
    (kept.items[0] as { label: { type: string } }).label.type = 'from-index';
    await writeFile(datasetIndexPath(path), JSON.stringify(kept));
    expect((await readDatasetIndex(path, remedy)).items[0]?.label.type).toBe('from-index');
  });

  it('is never used once the dataset changed, even at the same size', async () => {
    const path = join(dir, 'changed.json');
    await writeFile(path, JSON.stringify(split));
    await writeDatasetIndex(path, split);
    const relabelled = {
      ...split,
      items: split.items.map((item) => ({ ...item, label: { ...item.label, type: 'eaaonal' } })),
    };
    // Same byte count ('seasonal' → 'eaaonal' + one space), same mtime: only the inode or
    // the content differs, as after an atomic rewrite.
    const text = JSON.stringify(relabelled);
    const original = JSON.stringify(split);
    const padded = text.length < original.length ? text.padEnd(original.length, ' ') : text;
    const other = join(dir, 'changed.tmp');
    await writeFile(other, padded);
    const before = await stat(path);
    await rename(other, path);
    await utimes(path, before.atime, before.mtime);
    expect((await readDatasetIndex(path, remedy)).items[0]?.label.type).toBe('eaaonal');
  });

  it('is rebuilt when torn or edited into another shape', async () => {
    const path = join(dir, 'torn.json');
    await writeFile(path, JSON.stringify(split));
    await writeDatasetIndex(path, split);
    const text = await readFile(datasetIndexPath(path), 'utf8');
    await writeFile(datasetIndexPath(path), text.slice(0, text.length / 2));
    expect(await readDatasetIndex(path, remedy)).toEqual(asDatasetIndex(split));
    await writeFile(datasetIndexPath(path), text.replace('"hash":', '"hush":'));
    expect(await readDatasetIndex(path, remedy)).toEqual(asDatasetIndex(split));
  });

  it('names a missing or damaged dataset file with the remedy', async () => {
    await expect(readDatasetIndex(join(dir, 'missing.json'), remedy)).rejects.toMatchObject({
      code: 'run.damaged',
      message: expect.stringContaining('missing.json is missing') as unknown,
    });
    const path = join(dir, 'damaged.json');
    await writeFile(path, '{"dataset":');
    await expect(readDatasetIndex(path, remedy)).rejects.toMatchObject({
      code: 'run.damaged',
      message: expect.stringContaining('delete it and resume') as unknown,
    });
  });
});

describe('a run and its indexes', () => {
  it('writes an index beside each dataset, and scores the same from it as from the values', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'anomscope-run-index-'));
    try {
      const suite = suiteSchema.parse({
        id: 'indexed',
        description: 'test',
        tracks: ['global', 'trend'].map((type) => ({
          name: `vta-${type}`,
          dataset: { generator: 'vta', kind: 'univariate', type, count: 6, seed: 0 },
          task: 'range',
          prompts: ['vta-range'],
          scoring: 'vta',
        })),
      });
      const runDir = join(dir, 'run');
      await runBench({ suite, providers: [createBaselineProvider({ model: 'default' })], runDir });
      const dataset = join(runDir, 'datasets', 'vta-trend.json');
      const stored = JSON.parse(await readFile(dataset, 'utf8')) as DatasetSplit;
      const written = await readFile(datasetIndexPath(dataset), 'utf8');
      expect(await readDatasetIndex(dataset, { remedy: '-' })).toEqual(asDatasetIndex(stored));
      const fromIndex = await scoreRunWithComparisons(runDir);
      for (const track of suite.tracks)
        await rm(datasetIndexPath(join(runDir, 'datasets', `${track.name}.json`)));
      expect(await scoreRunWithComparisons(runDir)).toEqual(fromIndex);
      // Rebuilt from the values: the same index as written with the run.
      expect(await readFile(datasetIndexPath(dataset), 'utf8')).toBe(written);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
