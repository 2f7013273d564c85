import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../testing/standin-server.js';
import { createGeminiBatchBackend } from './gemini.js';
import { runBatches, type BatchJob } from './runner.js';
import { installFakeGeminiBatches } from '../testing/standin-batches.js';
import { readBatches } from './state.js';
import type { BatchOutcome } from './types.js';

let standin: Standin;
let dir: string;
beforeAll(async () => {
  standin = await startStandin();
  dir = await mkdtemp(join(tmpdir(), 'anomscope-gbatch-'));
});
afterAll(async () => {
  await standin.close();
  await rm(dir, { recursive: true, force: true });
});

const jobs: BatchJob[] = [0, 1, 2].map((index) => ({
  key: `k${index}`,
  build: async () => ({
    request: {
      model: 'gemini-2.5-flash',
      system: 'be brief',
      messages: [{ role: 'user' as const, text: `series ${index}` }],
      temperature: 0.7,
      responseSchema: { name: 'a', schema: { type: 'object' } },
    },
    requestKey: `rk${index}`,
  }),
}));

describe('Gemini batch mode through @google/genai', () => {
  it('creates a batch of inlined requests keyed in metadata, polls PENDING → RUNNING → SUCCEEDED, and resumes without creating twice', async () => {
    const fake = installFakeGeminiBatches(standin, {
      answer: (key) =>
        key === 'k1'
          ? { kind: 'line_error', code: 'INTERNAL', message: 'backend error' }
          : { kind: 'ok', content: `[[${key.slice(1)}, 9]]` },
    });
    const runDir = join(dir, 'g1');
    const backend = createGeminiBatchBackend({
      apiKey: 'gm-test-key',
      model: 'gemini-2.5-flash',
      baseUrl: standin.url,
    });
    const controller = new AbortController();
    const outcomes: BatchOutcome[] = [];
    const common = {
      backend,
      providerId: 'gemini:gemini-2.5-flash',
      runDir,
      jobs,
      pollIntervalMs: 0,
      initialDelayMs: 0,
      onOutcome: (outcome: BatchOutcome) => void outcomes.push(outcome),
    };
    const first = await runBatches({
      ...common,
      signal: controller.signal,
      onEvent: (event) => event.type === 'created' && controller.abort(),
    });
    expect(first.stoppedBy).toBe('aborted');

    const create = standin.requestsFor('POST /v1beta/models/{model}:batchGenerateContent')[0]!;
    expect(create.path).toBe('/v1beta/models/gemini-2.5-flash:batchGenerateContent');
    expect(create.headers['x-goog-api-key']).toBe('gm-test-key');
    const sent = (
      create.body as {
        batch: {
          displayName: string;
          inputConfig: {
            requests: { requests: { request: Record<string, unknown>; metadata: unknown }[] };
          };
        };
      }
    ).batch;
    expect(sent.displayName).toMatch(/^anomscope g1 #0$/);
    expect(sent.inputConfig.requests.requests[0]).toMatchObject({
      metadata: { key: 'k0' },
      request: {
        contents: [{ role: 'user', parts: [{ text: 'series 0' }] }],
        systemInstruction: { parts: [{ text: 'be brief' }] },
        generationConfig: {
          temperature: 0.7,
          responseMimeType: 'application/json',
          responseJsonSchema: { type: 'object' },
        },
      },
    });

    const second = await runBatches(common);
    expect(second).toEqual({ created: 0, collected: 1, stoppedBy: 'done' });
    expect(fake.creates()).toBe(1);
    expect(standin.requestsFor('GET /v1beta/batches/{id}').map((request) => request.path)).toEqual([
      '/v1beta/batches/gb1',
      '/v1beta/batches/gb1',
      '/v1beta/batches/gb1',
    ]);
    const found = new Map(outcomes.map((outcome) => [outcome.key, outcome]));
    expect(found.get('k0')).toMatchObject({
      response: {
        text: '[[0, 9]]',
        finishReason: 'stop',
        usage: { inputTokens: 1000, outputTokens: 100 },
      },
    });
    expect(found.get('k2')).toMatchObject({ response: { text: '[[2, 9]]' } });
    expect(found.get('k1')).toMatchObject({ error: { code: 'batch.request_failed' } });
    expect((await readBatches(runDir)).batches).toMatchObject([
      { batchId: 'batches/gb1', inputFileId: null, state: 'completed', collected: true },
    ]);
  });
});
