import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateResponse, Provider } from '../providers/types.js';
import { runBench } from './run.js';
import { suiteSchema } from './suite.js';

const suite = suiteSchema.parse({
  id: 'faults',
  description: 'fault handling',
  tracks: [
    {
      name: 'trend',
      dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 12, seed: 0 },
      task: 'range',
      prompts: ['vta-range'],
      scoring: 'vta',
    },
  ],
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-faults-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * An in-process provider whose calls hang until aborted, except the `fatalCall`-th, which hits a
 * bug.
 */
function hangingProvider(
  fatalCall: number,
): Provider & { started: number; settled: number; abortedSeen: number } {
  const provider = {
    id: 'hang:model',
    name: 'hang',
    model: 'model',
    capabilities: { images: true, jsonSchema: true, local: true },
    started: 0,
    settled: 0,
    abortedSeen: 0,
    async generate(
      _request: unknown,
      options: { signal?: AbortSignal },
    ): Promise<GenerateResponse> {
      provider.started += 1;
      try {
        if (provider.started === fatalCall) {
          // Let the other calls get going first, so some are in flight when this one fails.
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new TypeError('a bug in the pipeline');
        }
        await new Promise<void>((_resolve, reject) => {
          const onAbort = (): void => {
            provider.abortedSeen += 1;
            reject(options.signal?.reason ?? new Error('aborted'));
          };
          if (options.signal?.aborted === true) onAbort();
          options.signal?.addEventListener('abort', onAbort, { once: true });
        });
        throw new Error('unreachable');
      } finally {
        provider.settled += 1;
      }
    },
  };
  return provider;
}

describe('runBench on a fatal error', () => {
  it('stops scheduling, aborts calls in flight, waits for them, then fails with the cause', async () => {
    const provider = hangingProvider(3);
    const runDir = join(dir, 'fatal');
    let atRejection: { started: number; settled: number } | undefined;
    const failure = await runBench({
      suite,
      providers: [provider],
      runDir,
      concurrency: 4,
      initialDelayMs: 0,
    }).catch((error: unknown) => {
      atRejection = { started: provider.started, settled: provider.settled };
      return error;
    });
    expect(failure).toBeInstanceOf(TypeError);
    // Every call that started had finished before runBench gave up; none started after the bug.
    expect(atRejection).toEqual({ started: 4, settled: 4 });
    expect(provider.abortedSeen).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(provider.started).toBe(4);
    // Aborted calls leave no row: a resume redoes them.
    expect(await readFile(join(runDir, 'results.jsonl'), 'utf8')).toBe('');
  });
});

describe('runBench stopped while preparing datasets', () => {
  it('reports each dataset as it starts and stops before the next one once aborted', async () => {
    const twoTracks = suiteSchema.parse({
      id: 'prep',
      description: 'preparation',
      tracks: [
        {
          name: 'first',
          dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 3, seed: 0 },
          task: 'range',
          prompts: ['vta-range'],
          scoring: 'vta',
        },
        {
          name: 'second',
          dataset: { generator: 'vta', kind: 'univariate', type: 'global', count: 3, seed: 0 },
          task: 'point',
          prompts: ['vta-point'],
          scoring: 'vta',
        },
      ],
    });
    const controller = new AbortController();
    const steps: string[] = [];
    const runDir = join(dir, 'prep');
    const provider = hangingProvider(0);
    const result = await runBench({
      suite: twoTracks,
      providers: [provider],
      runDir,
      signal: controller.signal,
      onPreparing: (step) => {
        steps.push(`${step.index + 1}/${step.total} ${step.track}`);
        controller.abort();
      },
    });
    expect(steps).toEqual(['1/2 first']);
    expect(result).toMatchObject({ stoppedBy: 'aborted', preparedOnly: true });
    // The first track's dataset and its index; nothing of the second.
    expect((await readdir(join(runDir, 'datasets'))).sort()).toEqual([
      'first.json',
      'first.json.index',
    ]);
    expect(provider.started).toBe(0);
  });
});
