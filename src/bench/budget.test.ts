import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { createProvider } from '../providers/registry.js';
import { startStandin, type Standin } from '../testing/standin-server.js';
import { runBench } from './run.js';
import { suiteSchema } from './suite.js';

const suite = suiteSchema.parse({
  id: 'budget',
  description: 'cost cap',
  tracks: [
    {
      name: 'trend',
      dataset: { generator: 'vta', kind: 'univariate', type: 'trend', count: 16, seed: 2 },
      task: 'range',
      prompts: ['vta-range'],
      scoring: 'vta',
    },
  ],
});

let standin: Standin;
let dir: string;
beforeAll(async () => {
  standin = await startStandin();
  dir = await mkdtemp(join(tmpdir(), 'anomscope-budget-'));
  // Every call costs the same: 1000 input and 100 output tokens, $0.0035 on gpt-4o.
  standin.setHandler('POST /v1/chat/completions', () => ({
    delayMs: 20,
    body: {
      choices: [
        { index: 0, message: { role: 'assistant', content: '[[3, 9]]' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 1000, completion_tokens: 100 },
    },
  }));
});
afterAll(async () => {
  await standin.close();
  await rm(dir, { recursive: true, force: true });
});

const env = (): Record<string, string> => ({
  OPENAI_API_KEY: 'sk-budget',
  OPENAI_BASE_URL: `${standin.url}/v1`,
});

describe('--max-cost-usd', () => {
  it('counts calls in flight, so concurrency 8 overshoots the cap by at most one call', async () => {
    const result = await runBench({
      suite,
      providers: [createProvider('openai:gpt-4o', { env: env() })],
      runDir: join(dir, 'capped'),
      concurrency: 8,
      maxCostUsd: 0.01,
      initialDelayMs: 0,
    });
    expect(result.stoppedBy).toBe('cost-cap');
    expect(result.progress.costUsd).toBeGreaterThan(0.01 - 0.0035);
    expect(result.progress.costUsd).toBeLessThanOrEqual(0.01 + 0.0035 + 1e-12);
    expect(result.notRun).toBe(16 - result.progress.done);
  });

  it('refuses a model outside the price table unless a price is given, and then uses that price', async () => {
    const provider = createProvider('openai:gpt-unpriced', { env: env() });
    const refused = await runBench({
      suite,
      providers: [provider],
      runDir: join(dir, 'unpriced'),
      maxCostUsd: 1,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InputError);
    expect(refused).toMatchObject({ code: 'bench.unpriced_model', field: 'max-cost-usd' });
    expect((refused as Error).message).toContain('openai:gpt-unpriced');
    const priced = await runBench({
      suite,
      providers: [provider],
      runDir: join(dir, 'priced'),
      maxCostUsd: 0.02,
      concurrency: 4,
      initialDelayMs: 0,
      prices: { 'openai:gpt-unpriced': { inputPerMillion: 1, outputPerMillion: 10 } },
    });
    // $0.002 a call: 1000 × $1 + 100 × $10 per million.
    expect(priced.progress.costUsd).toBeGreaterThan(0.02 - 0.002 - 1e-12);
    expect(priced.progress.costUsd).toBeLessThanOrEqual(0.022 + 1e-12);
  });
});
