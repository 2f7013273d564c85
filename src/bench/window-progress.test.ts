import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dryRunBill } from '../cli/dry-run.js';
import { windowRanges } from '../detect/windows.js';
import { createProvider } from '../providers/registry.js';
import { materializeDataset } from './materialize.js';
import type { DatasetSplit } from '../schema/dataset.js';
import { runBench, type BenchProgress } from './run.js';
import { suiteSchema } from './suite.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-window-progress-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('progress of a run in rolling windows', () => {
  it('counts calls (windows), one at a time, up to the windows of every series', async () => {
    const suite = suiteSchema.parse({
      id: 'windowed',
      description: 'test',
      tracks: [
        {
          name: 'long',
          dataset: { generator: 'anomllm', type: 'range', count: 3, seed: 1 },
          task: 'range',
          prompts: ['structured-range'],
          modalities: ['text'],
          scoring: 'timeRa',
          window: 200,
          stride: 150,
        },
      ],
    });
    const runDir = join(dir, 'run');
    const seen: BenchProgress[] = [];
    const result = await runBench({
      suite,
      providers: [createProvider('baseline')],
      runDir,
      concurrency: 1,
      onProgress: (progress) => seen.push(progress),
    });
    const [file] = await readdir(join(runDir, 'datasets'), { recursive: true }).then((names) =>
      names.filter((name) => name.endsWith('.json')),
    );
    const split = JSON.parse(
      await readFile(join(runDir, 'datasets', file ?? ''), 'utf8'),
    ) as DatasetSplit;
    const expected = split.items.reduce(
      (sum, item) =>
        sum + windowRanges(item.series.values[0]?.length ?? 0, { window: 200, stride: 150 }).length,
      0,
    );
    expect(expected).toBeGreaterThan(3);
    expect(result.progress.done).toBe(3);
    const counts = seen.map((progress) => progress.windows?.done);
    expect(seen.every((progress) => progress.windows?.total === expected)).toBe(true);
    // Each window answered moves the count by one (concurrency 1); a row repeats the last count.
    const distinct = counts.filter((count, index) => index === 0 || count !== counts[index - 1]);
    expect(distinct).toEqual(Array.from({ length: expected + 1 }, (_, index) => index));
  });

  it('the dry run counts one call per window, scaled from the first series by windows', async () => {
    const suite = suiteSchema.parse({
      id: 'windowed',
      description: 'test',
      tracks: [
        {
          name: 'long',
          dataset: { generator: 'anomllm', type: 'range', count: 4, seed: 1 },
          task: 'range',
          prompts: ['structured-range'],
          modalities: ['text'],
          scoring: 'timeRa',
          window: 300,
        },
      ],
    });
    const bill = await dryRunBill({
      suite,
      providers: [createProvider('baseline')],
      concurrency: 2,
      perTrack: 1,
    });
    const track = suite.tracks[0];
    if (track === undefined) throw new Error('the suite has its track');
    const { items } = await materializeDataset(track.dataset);
    const windows = items.reduce(
      (sum, item) => sum + windowRanges(item.series.values[0]?.length ?? 0, { window: 300 }).length,
      0,
    );
    expect(windows).toBeGreaterThan(4);
    expect(bill).toContain(` ${windows} calls`);
  });
});
