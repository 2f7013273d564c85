import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRowSchema, type ResultRow } from '../bench/result-row.js';
import { createOnlineExecutor } from '../bench/online.js';
import { runBench } from '../bench/run.js';
import { suiteSchema } from '../bench/suite.js';
import { createMemoryCache } from '../detect/cache.js';
import { createProvider } from '../providers/registry.js';
import { startStandin, type Standin } from '../testing/standin-server.js';
import { createBatchExecutor } from './executor.js';
import { createOpenAIBatchBackend } from './openai.js';
import { installFakeOpenAIBatches, type FakeLineResult } from '../testing/standin-batches.js';

let standin: Standin;
let dir: string;
beforeAll(async () => {
  standin = await startStandin();
  dir = await mkdtemp(join(tmpdir(), 'anomscope-bbench-'));
});
afterAll(async () => {
  await standin.close();
  await rm(dir, { recursive: true, force: true });
});

const suite = suiteSchema.parse({
  id: 'tiny-batch',
  description: 'batch test',
  tracks: [
    {
      name: 'trend',
      dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 4, seed: 0 },
      task: 'range',
      prompts: ['vta-range'],
      scoring: 'vta',
    },
  ],
});

async function rowsOf(runDir: string): Promise<ResultRow[]> {
  const text = await readFile(join(runDir, 'results.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => resultRowSchema.parse(JSON.parse(line)));
}

describe('runBench with batch', () => {
  it('turns batch lines into the same rows as online calls (parse, validate, grade), at half price, and --retry-errors resubmits only failures', async () => {
    let failing = true;
    const fake = installFakeOpenAIBatches(standin, {
      answer: (id): FakeLineResult => {
        const series = id.split('|')[1]!;
        if (series.endsWith('-002'))
          return { kind: 'ok', content: 'I cannot tell from this chart.' };
        if (series.endsWith('-003') && failing)
          return { kind: 'http_error', status: 500, message: 'The server had an error' };
        return { kind: 'ok', content: '[[10, 19]]' };
      },
    });
    const provider = createProvider('openai:gpt-4o', {
      env: { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: `${standin.url}/v1` },
    });
    const runDir = join(dir, 'batch1');
    const cache = createMemoryCache();
    const batch = createBatchExecutor({
      backendFor: () =>
        createOpenAIBatchBackend({ apiKey: 'sk-bench', baseUrl: `${standin.url}/v1` }),
      pollIntervalMs: 0,
      initialDelayMs: 0,
    });
    const first = await runBench({ suite, providers: [provider], runDir, executor: batch, cache });
    expect(first.stoppedBy).toBe('done');
    expect(first.progress).toMatchObject({ done: 4, total: 4, errors: 1, parseFailures: 1 });
    expect(standin.requestsFor('POST /v1/chat/completions')).toHaveLength(0);
    const rows = await rowsOf(runDir);
    const bySeries = new Map(rows.map((row) => [row.seriesId.split('-').at(-1), row]));
    const ok = bySeries.get('001')!;
    // vta-range answers are inclusive: [[10, 19]] is the half-open [10, 20).
    expect(ok).toMatchObject({
      status: 'ok',
      intervals: [[10, 20]],
      attempts: 1,
      cached: false,
      sample: 0,
    });
    // gpt-4o: (1000 × $2.50 + 100 × $10) / 1M = $0.0035, halved by the batch discount.
    expect(ok.costUsd).toBeCloseTo(0.00175, 10);
    expect(ok.requestKey).toMatch(/^[0-9a-f]{64}$/);
    expect(bySeries.get('002')).toMatchObject({
      status: 'parse_error',
      rawText: 'I cannot tell from this chart.',
      error: { code: expect.stringMatching(/^content\./) },
    });
    expect(bySeries.get('002')!.costUsd).toBeCloseTo(0.00175, 10);
    expect(bySeries.get('003')).toMatchObject({
      status: 'error',
      error: { code: 'provider.server_error', status: 500 },
      costUsd: null,
    });
    expect(JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'))).toMatchObject({
      batch: true,
      samples: 1,
    });

    failing = false;
    const again = await runBench({
      suite,
      providers: [provider],
      runDir,
      executor: batch,
      retryErrors: true,
      cache,
    });
    expect(again.progress).toMatchObject({ resumed: 3, done: 4 });
    expect([...fake.batchInputs.values()].map((lines) => lines.length)).toEqual([4, 1]);
    const latest = new Map((await rowsOf(runDir)).map((row) => [row.key, row]));
    expect([...latest.values()].filter((row) => row.status === 'ok')).toHaveLength(3);

    // Batch answers (parseable or not) went into the cache, as online ones do: a fresh run folder
    // needs no batch.
    const cachedRun = await runBench({
      suite,
      providers: [provider],
      runDir: join(dir, 'batch2'),
      executor: batch,
      cache,
    });
    expect(cachedRun.progress.done).toBe(4);
    expect(fake.uploads()).toBe(2);
    expect((await rowsOf(join(dir, 'batch2'))).filter((row) => row.cached)).toHaveLength(4);
  });
});

describe('one answer, two ways in', () => {
  it('gives the same row whether it arrived through the batch API or an online call', async () => {
    const own = await startStandin();
    try {
      // Both stand-ins answer from the picture they were sent, so the same request gets the same
      // answer.
      const answerFor = (body: unknown): string => {
        const image =
          /data:image\/png;base64,[A-Za-z0-9+/=]+/.exec(JSON.stringify(body))?.[0] ?? '';
        const pick = createHash('sha256').update(image).digest()[0]! % 3;
        return ['[[10, 19]]', '[[3, 5], [30, 33]]', '[]'][pick]!;
      };
      installFakeOpenAIBatches(own, {
        answer: (_id, body) => ({ kind: 'ok', content: answerFor(body) }),
      });
      own.setHandler('POST /v1/chat/completions', (request) => ({
        body: {
          id: 'chatcmpl-1',
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: answerFor(request.body), refusal: null },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 1000, completion_tokens: 100 },
        },
      }));
      const provider = createProvider('openai:gpt-4o', {
        env: { OPENAI_API_KEY: 'sk-same', OPENAI_BASE_URL: `${own.url}/v1` },
      });
      const batch = createBatchExecutor({
        backendFor: () => createOpenAIBatchBackend({ apiKey: 'sk-same', baseUrl: `${own.url}/v1` }),
        pollIntervalMs: 0,
        initialDelayMs: 0,
      });
      await runBench({
        suite,
        providers: [provider],
        runDir: join(dir, 'same-batch'),
        executor: batch,
      });
      await runBench({
        suite,
        providers: [provider],
        runDir: join(dir, 'same-online'),
        executor: createOnlineExecutor({ initialDelayMs: 0 }),
      });
      expect(own.requestsFor('POST /v1/chat/completions')).toHaveLength(4);
      // Only what the way in changes may differ: batch price, latency, time of arrival.
      const comparable = (rows: ResultRow[]): Partial<ResultRow>[] =>
        rows
          .map(
            ({ finishedAt: _finishedAt, costUsd: _costUsd, latencyMs: _latencyMs, ...rest }) =>
              rest,
          )
          .sort((a, b) => a.key.localeCompare(b.key));
      const batchRows = comparable(await rowsOf(join(dir, 'same-batch')));
      expect(new Set(batchRows.map((row) => JSON.stringify(row.intervals))).size).toBeGreaterThan(
        1,
      );
      expect(comparable(await rowsOf(join(dir, 'same-online')))).toEqual(batchRows);
    } finally {
      await own.close();
    }
  });
});

describe('damaged batch output', () => {
  it('turns each bad line of an output file into an error row for its request', async () => {
    const own = await startStandin();
    try {
      installFakeOpenAIBatches(own, {
        answer: (id): FakeLineResult => {
          const series = id.split('|')[1]!;
          if (series.endsWith('-001')) return { kind: 'garbled', how: 'truncated' };
          if (series.endsWith('-002')) return { kind: 'garbled', how: 'wrong_shape' };
          return { kind: 'ok', content: '[[10, 19]]' };
        },
      });
      const provider = createProvider('openai:gpt-4o', {
        env: { OPENAI_API_KEY: 'sk-bad', OPENAI_BASE_URL: `${own.url}/v1` },
      });
      const executor = createBatchExecutor({
        backendFor: () => createOpenAIBatchBackend({ apiKey: 'sk-bad', baseUrl: `${own.url}/v1` }),
        pollIntervalMs: 0,
        initialDelayMs: 0,
      });
      const result = await runBench({
        suite,
        providers: [provider],
        runDir: join(dir, 'bad-lines'),
        executor,
      });
      expect(result.progress).toMatchObject({ done: 4, errors: 2 });
      const bySeries = new Map(
        (await rowsOf(join(dir, 'bad-lines'))).map((row) => [row.seriesId.split('-').at(-1), row]),
      );
      for (const [series, what] of [
        ['001', 'not JSON'],
        ['002', 'unexpected shape'],
      ] as const) {
        const row = bySeries.get(series)!;
        expect(row).toMatchObject({ status: 'error', error: { code: 'batch.bad_line' } });
        expect(row.error?.message).toMatch(
          new RegExp(`file file-out-batch_\\d+ line \\d+: not a valid result line \\(${what}\\)`),
        );
      }
      expect(bySeries.get('003')).toMatchObject({ status: 'ok' });
    } finally {
      await own.close();
    }
  });
});
