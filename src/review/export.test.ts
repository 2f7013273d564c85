import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBench } from '../bench/run.js';
import { suiteSchema } from '../bench/suite.js';
import { readRats40k } from '../datasets/index.js';
import { createProvider } from '../providers/registry.js';
import { applyWrite } from './actions.js';
import { exportLabels, importLabels } from './export.js';
import { loadReviewSources } from './sources.js';
import { ReviewStore, type StoredItem } from './store.js';

let dir: string;
let runDir: string;

const WHO = new Set(['reviewer', 'reviewedAt', 'Reviewer', 'ReviewedAt']);
/** An export with who-labelled-it-when taken out (an import is written by a new reviewer, now). */
function withoutWho(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => (WHO.has(key) ? undefined : value));
}
const open = (name: string): ReviewStore => ReviewStore.open(join(dir, name));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'review-export-'));
  runDir = join(dir, 'runs', 'tiny');
  const suite = suiteSchema.parse({
    id: 'tiny',
    description: 'three series, baseline',
    tracks: [
      {
        name: 'vta-global',
        dataset: { generator: 'vta', kind: 'univariate', type: 'global', count: 3, seed: 0 },
        task: 'point',
        prompts: ['vta-point'],
        scoring: 'vta',
      },
      {
        name: 'vta-multi',
        dataset: {
          generator: 'vta',
          kind: 'multivariate',
          type: 'triangle',
          count: 3,
          seed: 0,
          dims: 4,
        },
        task: 'variate',
        prompts: ['vta-variate'],
        scoring: 'vta',
      },
    ],
  });
  await runBench({ suite, providers: [createProvider('baseline')], runDir, concurrency: 2 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A store from the run, with a mix of decisions by alice. */
async function reviewedStore(name: string): Promise<ReviewStore> {
  const store = open(name);
  store.addItems(await loadReviewSources([runDir]));
  const items = store.listItems();
  const write = (item: StoredItem, body: Parameters<typeof applyWrite>[3]) =>
    applyWrite(store, item, 'alice', body);
  const [a, b, c, d, e] = items as [StoredItem, StoredItem, StoredItem, StoredItem, StoredItem];
  write(a, { baseVersion: 0, action: 'accept' });
  write(b, {
    baseVersion: 0,
    action: 'edit',
    label: {
      anomalous: true,
      intervals: [
        [3, 9],
        [20, 25],
      ],
      channels: null,
      category: 'Point Anomaly',
      explanation: 'Two "quoted" spikes,\nsee <b>here</b> — ü',
    },
  });
  write(c, { baseVersion: 0, action: 'normal' });
  write(d, { baseVersion: 0, action: 'reject' });
  write(e, {
    baseVersion: 0,
    action: 'edit',
    label: {
      anomalous: true,
      intervals: [[100, 140]],
      channels: [1, 3],
      category: 'Local Structural Jump Anomaly',
      explanation: null,
    },
  });
  return store;
}

describe('review sources', () => {
  it('reads a run folder: every series with its generator label and the baseline answer', async () => {
    const items = await loadReviewSources([runDir]);
    expect(items).toHaveLength(6);
    expect(items.map((i) => i.key.split('/')[0])).toEqual([
      'vta-global',
      'vta-global',
      'vta-global',
      'vta-multi',
      'vta-multi',
      'vta-multi',
    ]);
    for (const item of items) {
      expect(item.label?.seriesId).toBe(item.series.id);
      expect(item.answers).toHaveLength(1);
      expect(item.answers[0]?.model).toBe('baseline');
      expect(item.answers[0]?.status).toBe('ok');
    }
  });

  it('reads series files with --labels, and RATs40K files with their labels', async () => {
    const items = await loadReviewSources(['fixtures/series/example.csv'], {
      labelsFile: 'fixtures/labels/examples.json',
    });
    expect(items.map((i) => [i.key, i.label?.intervals])).toEqual([
      [
        'example',
        [
          [120, 121],
          [260, 330],
        ],
      ],
    ]);
    const rats = await loadReviewSources(['fixtures/rats40k/sample.json']);
    expect(rats[1]).toMatchObject({
      key: 'rats40k-TSAD_train-1',
      label: { category: 'Point Anomaly' },
      rats40k: { split: 'TSAD_train', key: '1', source: 'Healthcare-ECG' },
    });
  });

  it('names the file and field of a bad labels file', async () => {
    const bad = join(dir, 'bad-labels.json');
    writeFileSync(bad, JSON.stringify([{ seriesId: 'x', anomalous: 'yes' }]));
    await expect(
      loadReviewSources(['fixtures/series/example.csv'], { labelsFile: bad }),
    ).rejects.toThrow(/bad-labels\.json: labels entry 0\.anomalous/);
  });
});

describe('export and import', () => {
  it('our label format round-trips exactly through a fresh store', async () => {
    const store = await reviewedStore('a.sqlite');
    const first = exportLabels(store, { format: 'anomscope' });
    expect(first).toMatchObject({ written: 4, skippedRejected: 1, skippedUnreviewed: 1 });
    const fresh = open('b.sqlite');
    fresh.addItems(await loadReviewSources([runDir]));
    expect(importLabels(fresh, first.text, { format: 'anomscope', reviewer: 'bob' })).toEqual({
      imported: 4,
      itemsAdded: 0,
    });
    const second = exportLabels(fresh, { format: 'anomscope' });
    expect(withoutWho(second.text)).toEqual(withoutWho(first.text));
    // Who labelled each item and when travel with the labels.
    const byAlice = JSON.parse(first.text) as { reviewer: string; reviewedAt: string }[];
    expect(byAlice.map((label) => label.reviewer)).toEqual(['alice', 'alice', 'alice', 'alice']);
    expect(Number.isNaN(Date.parse(byAlice[0]?.reviewedAt ?? ''))).toBe(false);
    expect((JSON.parse(second.text) as { reviewer: string }[])[0]?.reviewer).toBe('bob');
    expect(withoutWho(second.text) as unknown[]).toContainEqual({
      seriesId: store.listItems()[1]?.seriesId,
      anomalous: true,
      intervals: [
        [3, 9],
        [20, 25],
      ],
      channels: null,
      category: 'Point Anomaly',
      explanation: 'Two "quoted" spikes,\nsee <b>here</b> — ü',
    });
    store.close();
    fresh.close();
  });

  it('RATs40K round-trips exactly into an empty store, intervals and channels included', async () => {
    const store = await reviewedStore('c.sqlite');
    const first = exportLabels(store, { format: 'rats40k' });
    // The accepted generator label has no category, which RATs40K needs.
    expect(first).toMatchObject({
      written: 3,
      skippedNoCategory: 1,
      skippedRejected: 1,
      skippedUnreviewed: 1,
    });
    const file = join(dir, 'export.json');
    writeFileSync(file, first.text);
    const { items, problems } = await readRats40k(file);
    expect(problems).toEqual([]);
    expect(items.map((i) => [i.label.category, i.actionId, i.modality])).toEqual([
      ['Point Anomaly', 1, 'univariate'],
      ['Normal Sequence', 0, 'univariate'],
      ['Local Structural Jump Anomaly', 4, 'multivariate'],
    ]);
    expect(items[2]?.extra).toMatchObject({
      Intervals: [[100, 140]],
      Channels: [1, 3],
      Reviewer: 'alice',
    });
    const empty = open('d.sqlite');
    expect(importLabels(empty, first.text, { format: 'rats40k', reviewer: 'carol' })).toEqual({
      imported: 3,
      itemsAdded: 3,
    });
    expect(withoutWho(exportLabels(empty, { format: 'rats40k' }).text)).toEqual(
      withoutWho(first.text),
    );
    // And back into the store it came from: matched to the same items, no new ones.
    expect(importLabels(store, first.text, { format: 'rats40k', reviewer: 'dave' })).toEqual({
      imported: 3,
      itemsAdded: 0,
    });
    expect(withoutWho(exportLabels(store, { format: 'rats40k', reviewer: 'dave' }).text)).toEqual(
      withoutWho(first.text),
    );
    store.close();
    empty.close();
  });

  it('keeps the channels of each interval through RATs40K and our format', async () => {
    const store = await reviewedStore('g.sqlite');
    const item = store.listItems()[4] as StoredItem;
    const label = {
      anomalous: true,
      intervals: [
        [100, 140],
        [150, 160],
      ] as [number, number][],
      intervalChannels: [[1, 3], null],
      channels: [0, 1, 2, 3],
      category: 'Local Structural Jump Anomaly',
      explanation: null,
    };
    applyWrite(store, item, 'alice', { baseVersion: 1, action: 'edit', label });
    for (const format of ['rats40k', 'anomscope'] as const) {
      const text = exportLabels(store, { format }).text;
      const fresh = open(`g-${format}.sqlite`);
      if (format === 'anomscope') fresh.addItems(await loadReviewSources([runDir]));
      importLabels(fresh, text, { format, reviewer: 'bob' });
      const back = fresh.currentAll('bob');
      const labels = [...back.values()].map((entry) => entry.label);
      // A RATs40K import into an empty store names the new items after their records.
      expect(labels).toContainEqual(expect.objectContaining(label));
      fresh.close();
    }
    store.close();
  });

  it('writes RATs40K records back in their place', async () => {
    const store = open('e.sqlite');
    store.addItems(await loadReviewSources(['fixtures/rats40k/sample.json']));
    for (const item of store.listItems())
      applyWrite(store, item, 'alice', { baseVersion: 0, action: 'accept' });
    const original = JSON.parse(readFileSync('fixtures/rats40k/sample.json', 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    const exported = withoutWho(exportLabels(store, { format: 'rats40k' }).text) as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    // Records 5 and 6 of the fixture are deliberately broken and not read.
    expect(Object.keys(exported.TSAD_train ?? {})).toEqual(['0', '1', '2', '3', '4']);
    for (const key of ['0', '1', '2', '3', '4'])
      expect(exported.TSAD_train?.[key]).toEqual(original.TSAD_train?.[key]);
    store.close();
  });

  it('refuses labels for series the store does not hold', () => {
    const store = open('f.sqlite');
    const text = JSON.stringify([
      {
        seriesId: 'nope',
        anomalous: false,
        intervals: [],
        channels: null,
        category: null,
        explanation: null,
      },
    ]);
    expect(() => importLabels(store, text, { format: 'anomscope', file: 'labels.json' })).toThrow(
      /labels.json\[0\]: no item with series id "nope"/,
    );
    store.close();
  });
});
