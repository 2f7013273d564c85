import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateUsage } from '../bench/call-estimate.js';
import { runBench } from '../bench/run.js';
import { suiteSchema } from '../bench/suite.js';
import { createProvider } from '../providers/registry.js';
import { startStandin, type Standin } from '../testing/standin-server.js';
import { installFakeOpenAIBatches, type FakeOpenAIBatches } from '../testing/standin-batches.js';
import { createBatchExecutor } from './executor.js';
import { createOpenAIBatchBackend } from './openai.js';

const suite = suiteSchema.parse({
  id: 'batch-cap',
  description: 'batch cost cap',
  tracks: [
    {
      name: 'trend',
      dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 12, seed: 3 },
      task: 'range',
      prompts: ['vta-range'],
      scoring: 'vta',
    },
  ],
});

let standin: Standin;
let fake: FakeOpenAIBatches;
let dir: string;
beforeAll(async () => {
  standin = await startStandin();
  dir = await mkdtemp(join(tmpdir(), 'anomscope-batch-cap-'));
  // Each answer bills 1000 input and 100 output tokens: $0.00175 on gpt-4o at the batch discount.
  const usage = { prompt_tokens: 1000, completion_tokens: 100 };
  fake = installFakeOpenAIBatches(standin, {
    answer: () => ({ kind: 'ok', content: '[[3, 9]]', usage }),
  });
});
afterAll(async () => {
  await standin.close();
  await rm(dir, { recursive: true, force: true });
});

const run = (name: string, maxCostUsd: number): ReturnType<typeof runBench> => {
  const env = { OPENAI_API_KEY: 'sk-cap', OPENAI_BASE_URL: `${standin.url}/v1` };
  const backend = createOpenAIBatchBackend({ apiKey: 'sk-cap', baseUrl: `${standin.url}/v1` });
  return runBench({
    suite,
    providers: [createProvider('openai:gpt-4o', { env })],
    runDir: join(dir, name),
    executor: createBatchExecutor({
      backendFor: () => backend,
      pollIntervalMs: 0,
      initialDelayMs: 0,
    }),
    maxCostUsd,
  });
};

describe('batch --max-cost-usd', () => {
  it('submits only requests whose estimates fit the cap, and says the cap stopped it', async () => {
    const before = fake.batchInputs.size;
    // A vta-range request is estimated at about 640 input tokens and 1000 output tokens, about
    // $0.0058 at half price: $0.02 admits 3 of the 12 requests.
    const capped = await run('capped', 0.02);
    const submitted = [...fake.batchInputs.values()].slice(before).flat();
    expect(capped.stoppedBy).toBe('cost-cap');
    expect(submitted.length).toBeGreaterThan(0);
    expect(submitted.length).toBeLessThan(12);
    expect(capped.progress.done).toBe(submitted.length);
    expect(capped.notRun).toBe(12 - submitted.length);
    expect(capped.progress.costUsd).toBeLessThanOrEqual(0.02);
  });

  it('submits everything when the cap is out of reach', async () => {
    const result = await run('roomy', 5);
    expect(result.stoppedBy).toBe('done');
    expect(result.progress.done).toBe(12);
  });
});

describe('estimateUsage', () => {
  it('counts text at 4 characters a token and a 1000 × 150 PNG as two tiles', () => {
    const png = new Uint8Array(32);
    png.set([0x89, 0x50, 0x4e, 0x47]);
    new DataView(png.buffer).setUint32(16, 1000);
    new DataView(png.buffer).setUint32(20, 150);
    const text = 'x'.repeat(401);
    const usage = estimateUsage({ model: 'm', messages: [{ role: 'user', text, images: [png] }] });
    expect(usage).toEqual({ inputTokens: 101 + 85 + 2 * 170, outputTokens: 1000 });
    const messages = [{ role: 'user' as const, text: '' }];
    const capped = estimateUsage({ model: 'm', maxOutputTokens: 50, messages });
    expect(capped).toEqual({ inputTokens: 0, outputTokens: 50 });
  });
});
