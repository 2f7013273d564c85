import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { fakePng, responseFixture } from '../testing/fixtures.js';
import { startStandin, type Standin } from '../testing/standin-server.js';
import { createProvider, parseProviderSpec, providers } from './registry.js';
import type { GenerateRequest } from './types.js';

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});

describe('parseProviderSpec', () => {
  it.each([
    ['openai:gpt-4o', 'openai', 'gpt-4o', undefined],
    ['gemini:gemini-2.5-flash', 'gemini', 'gemini-2.5-flash', undefined],
    ['ollama:qwen2.5vl:7b', 'ollama', 'qwen2.5vl:7b', undefined],
    ['ollama:llava:13b@http://gpu-box:11434', 'ollama', 'llava:13b', 'http://gpu-box:11434'],
    [
      'openai-compatible:Qwen2-VL-7B@http://127.0.0.1:8000/v1',
      'openai-compatible',
      'Qwen2-VL-7B',
      'http://127.0.0.1:8000/v1',
    ],
    ['replay:runs/2025-06-01/gpt-4o.jsonl', 'replay', 'runs/2025-06-01/gpt-4o.jsonl', undefined],
    ['baseline:robust-z', 'baseline', 'robust-z', undefined],
    ['baseline', 'baseline', 'default', undefined],
  ])('%s', (spec, provider, model, baseUrl) => {
    expect(parseProviderSpec(spec)).toEqual({ provider, model, baseUrl });
  });

  it.each([
    [
      'gpt-4o',
      'input.provider_spec',
      'known providers: openai, openai-compatible, gemini, ollama, replay, baseline',
    ],
    [
      ':gpt-4o',
      'input.provider_spec',
      'known providers: openai, openai-compatible, gemini, ollama, replay, baseline',
    ],
    ['openai:', 'input.provider_spec', 'names no model after "openai:"'],
    [
      'anthropic:claude',
      'input.unknown_provider',
      'known providers: openai, openai-compatible, gemini, ollama, replay, baseline',
    ],
    [
      'toString:x',
      'input.unknown_provider',
      'known providers: openai, openai-compatible, gemini, ollama, replay, baseline',
    ],
  ])('rejects %s with %s', (spec, code, text) => {
    const error = (() => {
      try {
        parseProviderSpec(spec);
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toContain(text);
  });

  it('lists every family in the registry', () => {
    expect(Object.keys(providers)).toEqual([
      'openai',
      'openai-compatible',
      'gemini',
      'ollama',
      'replay',
      'baseline',
    ]);
  });
});

describe('createProvider', () => {
  const request: GenerateRequest = {
    model: '',
    messages: [{ role: 'user', text: 'x', images: [fakePng(20)] }],
  };

  it('builds an ollama provider whose model name keeps its colons and whose host comes from @url', async () => {
    standin.enqueue('POST /api/chat', { body: responseFixture('ollama', 'success') });
    const provider = createProvider(`ollama:qwen2.5vl:7b@${standin.url}`, { env: {} });
    expect(provider).toMatchObject({
      id: 'ollama:qwen2.5vl:7b',
      name: 'ollama',
      model: 'qwen2.5vl:7b',
    });
    await provider.generate({ ...request, model: provider.model }, {});
    expect(standin.requests.at(-1)!.body).toMatchObject({ model: 'qwen2.5vl:7b' });
  });

  it('passes images: false through to a text-only model', async () => {
    const provider = createProvider(`ollama:llama3.2:3b@${standin.url}`, {
      env: {},
      images: false,
    });
    expect(provider.capabilities.images).toBe(false);
    await expect(
      provider.generate({ ...request, model: provider.model }, {}),
    ).rejects.toMatchObject({ code: 'input.images_unsupported' });
  });

  it('never lets the key reach a response record or an error, for every keyed provider', async () => {
    const key = 'sk-LEAKCHECK-9f8e7d6c5b4a';
    const seen: string[] = [];
    const cases = [
      {
        spec: 'openai:gpt-4o',
        env: { OPENAI_API_KEY: key, OPENAI_BASE_URL: `${standin.url}/v1` },
        route: 'POST /v1/chat/completions',
        ok: responseFixture('openai', 'success'),
      },
      {
        spec: `openai-compatible:m@${standin.url}/v1`,
        env: { OPENAI_COMPATIBLE_API_KEY: key },
        route: 'POST /v1/chat/completions',
        ok: responseFixture('openai', 'success'),
      },
      {
        spec: `gemini:gemini-2.5-flash@${standin.url}`,
        env: { GEMINI_API_KEY: key },
        route: 'POST /v1beta/models/{model}:generateContent',
        ok: responseFixture('gemini', 'success'),
      },
    ];
    for (const { spec, env, route, ok } of cases) {
      const provider = createProvider(spec, { env });
      seen.push(provider.id);
      standin.enqueue(route, { body: ok });
      const response = await provider.generate({ ...request, model: provider.model }, {});
      seen.push(JSON.stringify(response));
      for (const status of [400, 401, 403, 429, 500]) {
        standin.enqueue(route, {
          status,
          body: { error: { message: `key ${key} rejected`, code: status, status: 'X' } },
        });
        const error = (await provider.generate({ ...request, model: provider.model }, {}).then(
          () => new Error(`expected ${status} to fail`),
          (e: unknown) => e as Error,
        )) as Error & { toJSON?: () => unknown };
        expect(error.toJSON).toBeTypeOf('function');
        seen.push(error.message, JSON.stringify(error.toJSON?.()));
      }
    }
    const sentKeys = standin.requests.filter((r) => JSON.stringify(r.headers).includes(key));
    expect(sentKeys.length).toBeGreaterThanOrEqual(18);
    expect(seen.filter((text) => text.includes(key))).toEqual([]);
  });
});
