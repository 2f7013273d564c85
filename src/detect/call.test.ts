import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PQueue from 'p-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAICompatibleProvider } from '../providers/openai-compatible/index.js';
import { createOpenAIProvider } from '../providers/openai/index.js';
import { createPoolProvider } from '../providers/pool/index.js';
import { requestKey } from '../providers/shared/request-key.js';
import type { GenerateRequest, GenerateResponse } from '../providers/types.js';
import { useStandin } from '../testing/standin-hooks.js';
import { createDiskCache, createMemoryCache } from './cache.js';
import { callProvider } from './call.js';

const route = 'POST /v1/chat/completions';
const standin = useStandin();
const openai = () =>
  createOpenAIProvider({
    model: 'gpt-4o',
    apiKey: 'sk-test-x',
    baseUrl: `${standin().url}/v1`,
    env: {},
  });
const request: GenerateRequest = { model: 'gpt-4o', messages: [{ role: 'user', text: 'Where?' }] };
const noWait = { initialDelayMs: 0 };

function reply(content: string, extra: { refusal?: string; delayMs?: number } = {}) {
  const message = {
    role: 'assistant',
    content,
    ...(extra.refusal === undefined ? {} : { refusal: extra.refusal }),
  };
  return {
    body: {
      choices: [{ index: 0, message, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 2 },
    },
    ...(extra.delayMs === undefined ? {} : { delayMs: extra.delayMs }),
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-cache-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const response: GenerateResponse = {
  text: '{}',
  finishReason: 'stop',
  usage: null,
  latencyMs: 1,
  warnings: [],
  raw: { request: null, response: null },
};

describe('disk cache under concurrency', () => {
  it('64 simultaneous writes of one key succeed, leaving one entry, no temporary file', async () => {
    const cache = createDiskCache({ dir: join(dir, 'race') });
    const key = 'ab'.repeat(32);
    await Promise.all(Array.from({ length: 64 }, () => cache.set(key, response)));
    expect(await cache.get(key)).toEqual(response);
    expect(await readdir(join(dir, 'race', 'ab'))).toEqual([`${key}.json`]);
  });
});

describe('callProvider single flight', () => {
  it('sends 16 identical concurrent requests once and shares the answer', async () => {
    standin().enqueue(route, reply('shared', { delayMs: 50 }));
    const cache = createDiskCache({ dir: join(dir, 'flight') });
    const provider = openai();
    const results = await Promise.all(
      Array.from({ length: 16 }, () => callProvider(provider, request, { cache, retry: noWait })),
    );
    expect(standin().requests).toHaveLength(1);
    expect(results.map((result) => result.response.text)).toEqual(
      Array.from({ length: 16 }, () => 'shared'),
    );
    expect(results.filter((result) => !result.cached)).toHaveLength(1);
    expect(results.reduce((sum, result) => sum + result.attempts, 0)).toBe(1);
  });

  it('without a cache, identical requests each go out (repeated sampling)', async () => {
    standin().enqueue(route, reply('a'));
    standin().enqueue(route, reply('b'));
    const provider = openai();
    await Promise.all([
      callProvider(provider, request, { retry: noWait }),
      callProvider(provider, request, { retry: noWait }),
    ]);
    expect(standin().requests).toHaveLength(2);
  });
});

describe('callProvider caching of refusals', () => {
  it('does not cache a refusal, so the next call asks again', async () => {
    standin().enqueue(route, reply('', { refusal: 'I cannot help with that.' }));
    standin().enqueue(route, reply('answer'));
    const cache = createMemoryCache();
    const provider = openai();
    const first = await callProvider(provider, request, { cache, retry: noWait });
    expect(first.response.finishReason).toBe('refusal');
    expect(cache.size()).toBe(0);
    const second = await callProvider(provider, request, { cache, retry: noWait });
    expect(second.response.text).toBe('answer');
    expect(standin().requests).toHaveLength(2);
  });
});

describe('per-attempt timeout', () => {
  // Each reply takes 500 ms and an attempt may take 800 ms: the second call waits ~500 ms for the
  // single slot first, which must not count against its attempt.
  it('starts when the attempt leaves the provider queue', async () => {
    standin().enqueue(route, reply('one', { delayMs: 500 }));
    standin().enqueue(route, reply('two', { delayMs: 500 }));
    const queue = new PQueue({ concurrency: 1 });
    const provider = openai();
    const options = { queue, timeoutMs: 800, retry: { ...noWait, maxAttempts: 1 } };
    const other: GenerateRequest = { ...request, messages: [{ role: 'user', text: 'Else?' }] };
    const results = await Promise.all([
      callProvider(provider, request, options),
      callProvider(provider, other, options),
    ]);
    expect(results.map((result) => result.response.text)).toEqual(['one', 'two']);
  });

  it('starts when a pool hands the request to a free endpoint', async () => {
    standin().enqueue(route, reply('one', { delayMs: 500 }));
    standin().enqueue(route, reply('two', { delayMs: 500 }));
    const pool = createPoolProvider({
      endpoints: [{ url: standin().url, provider: openai() }],
      concurrencyPerEndpoint: 1,
    });
    const options = { timeoutMs: 800, retry: { ...noWait, maxAttempts: 1 } };
    const other: GenerateRequest = { ...request, messages: [{ role: 'user', text: 'Else?' }] };
    const results = await Promise.all([
      callProvider(pool, request, options),
      callProvider(pool, other, options),
    ]);
    expect(results.map((result) => result.response.text)).toEqual(['one', 'two']);
  });
});

describe('callProvider with the openai-compatible format fallback', () => {
  it('counts every HTTP request as an attempt and keys the cache by the learnt mode', async () => {
    const rejected = {
      status: 400,
      body: { error: { message: "response_format 'json_schema' is not supported" } },
    };
    standin().enqueue(route, rejected);
    standin().enqueue(route, reply('{"anomalous": false}'));
    standin().enqueue(route, reply('{"anomalous": true}'));
    const provider = createOpenAICompatibleProvider({
      model: 'qwen',
      baseUrl: `${standin().url}/v1`,
      env: {},
    });
    const withSchema: GenerateRequest = {
      ...request,
      responseSchema: { name: 'answer', schema: { type: 'object' } },
    };
    const cache = createMemoryCache();
    let counted = 0;
    const first = await callProvider(provider, withSchema, {
      cache,
      retry: noWait,
      onAttempt: () => (counted += 1),
    });
    expect(standin().requests).toHaveLength(2);
    expect(first.attempts).toBe(2);
    expect(counted).toBe(2);
    expect(first.response.warnings.join(' ')).toContain('fell back to response_format json_object');
    // The same request again is a hit under the learnt mode, not a second call.
    const second = await callProvider(provider, withSchema, { cache, retry: noWait });
    expect(second.cached).toBe(true);
    expect(standin().requests).toHaveLength(2);
    // A fresh instance (json_schema not yet known to fail) does not share that key.
    expect(second.key).not.toBe(requestKey(provider.id, withSchema));
  });
});
