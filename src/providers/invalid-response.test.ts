import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors.js';
import { rawResponseFixture } from '../testing/fixtures.js';
import { useStandin } from '../testing/standin-hooks.js';
import { createGeminiProvider } from './gemini/index.js';
import { createOllamaProvider } from './ollama/index.js';
import { createOpenAICompatibleProvider } from './openai-compatible/index.js';
import { createOpenAIProvider } from './openai/index.js';
import type { GenerateRequest, Provider } from './types.js';

// A 200 whose body is not JSON (a proxy's HTML page, nothing, a cut-off body) must be a typed,
// retryable provider.invalid_response for every provider, never an empty answer or a crash.
const standin = useStandin();
const fakeKey = 'sk-test-FAKE-0123456789';

interface Case {
  name: string;
  route: string;
  make: (url: string) => Provider;
}

const providers: Case[] = [
  {
    name: 'openai',
    route: 'POST /v1/chat/completions',
    make: (url) =>
      createOpenAIProvider({ model: 'gpt-4o', apiKey: fakeKey, baseUrl: `${url}/v1`, env: {} }),
  },
  {
    name: 'openai-compatible',
    route: 'POST /v1/chat/completions',
    make: (url) => createOpenAICompatibleProvider({ model: 'qwen', baseUrl: `${url}/v1`, env: {} }),
  },
  {
    name: 'gemini',
    route: 'POST /v1beta/models/{model}:generateContent',
    make: (url) =>
      createGeminiProvider({ model: 'gemini-2.5-flash', apiKey: fakeKey, baseUrl: url, env: {} }),
  },
  {
    name: 'ollama',
    route: 'POST /api/chat',
    make: (url) => createOllamaProvider({ model: 'qwen2.5vl:7b', baseUrl: url, env: {} }),
  },
];

const bodies = [
  { name: 'an HTML page', file: 'html-proxy.html', contentType: 'text/html' },
  { name: 'an empty body', file: 'empty.txt', contentType: 'application/json' },
  { name: 'a truncated JSON body', file: 'truncated.json', contentType: 'application/json' },
];

const request: GenerateRequest = {
  model: '',
  messages: [{ role: 'user', text: 'Where?' }],
  responseSchema: { name: 'answer', schema: { type: 'object' } },
};

describe.each(providers)('$name: a 200 reply that is not JSON', ({ route, make }) => {
  it.each(bodies)(
    '$name is a retryable provider.invalid_response',
    async ({ file, contentType }) => {
      standin().enqueue(route, {
        body: rawResponseFixture('malformed', file),
        headers: { 'content-type': contentType },
      });
      const error = await make(standin().url)
        .generate(request, {})
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({
        code: 'provider.invalid_response',
        retryable: true,
        status: 200,
      });
      expect((error as ProviderError).message).not.toContain(fakeKey);
      expect(standin().requests).toHaveLength(1);
    },
  );
});

describe('gemini: a JSON 200 of the wrong shape', () => {
  it('is provider.invalid_response, not an empty answer', async () => {
    const route = 'POST /v1beta/models/{model}:generateContent';
    standin().enqueue(route, { body: { candidates: 'not a list' } });
    const provider = createGeminiProvider({
      model: 'gemini-2.5-flash',
      apiKey: fakeKey,
      baseUrl: standin().url,
      env: {},
    });
    const error = await provider.generate(request, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'provider.invalid_response', retryable: true });
  });
});
