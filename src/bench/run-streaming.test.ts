import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from '../providers/registry.js';
import { scoreRun } from './leaderboard.js';
import { resultRowSchema, type ResultRow } from './result-row.js';
import { runBench } from './run.js';
import { suiteSchema, type Suite } from './suite.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-run-streaming-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const series = 40;
const suite: Suite = suiteSchema.parse({
  id: 'streaming',
  description: 'test',
  tracks: [
    {
      name: 'global',
      dataset: { generator: 'vta', kind: 'univariate', type: 'global', count: series, seed: 0 },
      task: 'point',
      prompts: ['vta-point', 'structured-point'],
      modalities: ['text'],
      scoring: 'vta',
    },
    {
      name: 'trend',
      dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: series, seed: 1 },
      task: 'range',
      prompts: ['structured-range'],
      modalities: ['text'],
      scoring: 'vta',
    },
  ],
});
const items = 3 * series;

async function rowsOf(runDir: string): Promise<ResultRow[]> {
  const text = await readFile(join(runDir, 'results.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => resultRowSchema.parse(JSON.parse(line)));
}

async function keysOf(runDir: string): Promise<string[]> {
  return (await rowsOf(runDir)).map((row) => row.key);
}

describe('a run made lazily', () => {
  it('never holds more work items than it has in flight', async () => {
    const runDir = join(dir, 'bounded');
    const result = await runBench({
      suite,
      providers: [createProvider('baseline')],
      runDir,
      concurrency: 3,
      samples: 2,
    });
    expect(result.progress).toMatchObject({ done: 2 * items, total: 2 * items, errors: 0 });
    expect(result.work).toEqual({ made: 2 * items, finished: 2 * items, peakLive: 3 });
    const keys = await keysOf(runDir);
    expect(new Set(keys).size).toBe(2 * items);
  });

  it('resumes: an aborted run redoes only the items without a row, made lazily too', async () => {
    const runDir = join(dir, 'resumed');
    const stop = new AbortController();
    const first = await runBench({
      suite,
      providers: [createProvider('baseline')],
      runDir,
      concurrency: 4,
      signal: stop.signal,
      onProgress: (progress) => {
        if (progress.done >= 30) stop.abort();
      },
    });
    expect(first.stoppedBy).toBe('aborted');
    const written = (await keysOf(runDir)).length;
    expect(written).toBeGreaterThanOrEqual(30);
    expect(written).toBeLessThan(items);
    // A row from another run of the folder (a key not in this suite) counts, but is not work.
    const stray = {
      ...resultRowSchema.parse(
        JSON.parse((await readFile(join(runDir, 'results.jsonl'), 'utf8')).split('\n')[0] ?? ''),
      ),
      key: 'elsewhere',
    };
    await writeFile(join(runDir, 'results.jsonl'), `${JSON.stringify(stray)}\n`, { flag: 'a' });

    const second = await runBench({
      suite,
      providers: [createProvider('baseline')],
      runDir,
      concurrency: 4,
    });
    expect(second.progress).toMatchObject({ resumed: written, done: items, total: items });
    expect(second.work).toMatchObject({ made: items - written, peakLive: 4 });
    const keys = await keysOf(runDir);
    expect(keys).toHaveLength(items + 1);
    expect(new Set(keys).size).toBe(items + 1);
  });
});

describe('the in-process baseline on a track shown as image and text', () => {
  it('is asked once per series, and its rows and leaderboard say it read the numbers', async () => {
    const runDir = join(dir, 'numbers');
    const both: Suite = suiteSchema.parse({
      id: 'both',
      description: 'test',
      tracks: [
        {
          name: 'global',
          dataset: { generator: 'vta', kind: 'univariate', type: 'global', count: 6, seed: 0 },
          task: 'point',
          prompts: ['vta-point'],
          modalities: ['image', 'text'],
          scoring: 'vta',
        },
      ],
    });
    const result = await runBench({ suite: both, providers: [createProvider('baseline')], runDir });
    // The two modalities would repeat one answer: six series, six items.
    expect(result.progress).toMatchObject({ done: 6, total: 6 });
    const rows = await rowsOf(runDir);
    expect(rows.map((row) => [row.modality, row.reads])).toEqual(
      Array.from({ length: 6 }, () => ['image', 'numbers']),
    );
    const board = await scoreRun(runDir);
    const model = board.filter((row) => !row.trivial && row.track === 'global');
    expect(model.map((row) => row.modality)).toEqual(['numbers']);
  });
});
