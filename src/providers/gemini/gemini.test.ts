import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors.js';
import { fakePng, responseFixture } from '../../testing/fixtures.js';
import { useStandin } from '../../testing/standin-hooks.js';
import { startStandin } from '../../testing/standin-server.js';
import type { GenerateRequest } from '../types.js';
import { createGeminiProvider } from './index.js';

const route = 'POST /v1beta/models/{model}:generateContent';
const fakeKey = 'AIzaSyFAKE-test-key-0123456789abcdef';
const schema = {
  type: 'object',
  properties: { anomalous: { type: 'boolean' } },
  required: ['anomalous'],
};
const image = fakePng(50, 3);

const standin = useStandin();

function provider(extra: { timeoutMs?: number } = {}) {
  return createGeminiProvider({
    model: 'gemini-2.5-flash',
    apiKey: fakeKey,
    baseUrl: standin().url,
    env: {},
    ...extra,
  });
}

const request: GenerateRequest = {
  model: 'gemini-2.5-flash',
  system: 'You find anomalies.',
  messages: [{ role: 'user', text: 'Where?', images: [image] }],
  responseSchema: { name: 'answer', schema },
  temperature: 0.2,
  topP: 0.9,
  seed: 7,
  maxOutputTokens: 512,
  stop: ['END'],
};

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('gemini provider', () => {
  it('sends inlineData, responseJsonSchema, settings and the key header in one request', async () => {
    standin().enqueue(route, { body: responseFixture('gemini', 'success') });
    const response = await provider().generate(request, {});
    expect(standin().requests).toHaveLength(1);
    const sent = standin().requests[0]!;
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent.headers['x-goog-api-key']).toBe(fakeKey);
    expect(sent.query).toBe('');
    expect(sent.body).toEqual({
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Where?' },
            { inlineData: { mimeType: 'image/png', data: Buffer.from(image).toString('base64') } },
          ],
        },
      ],
      systemInstruction: { parts: [{ text: 'You find anomalies.' }], role: 'user' },
      generationConfig: {
        temperature: 0.2,
        topP: 0.9,
        seed: 7,
        maxOutputTokens: 512,
        stopSequences: ['END'],
        responseMimeType: 'application/json',
        responseJsonSchema: schema,
      },
    });
    expect(response.text).toContain('Trend Change Anomaly');
    expect(response).toMatchObject({ finishReason: 'stop', rawFinishReason: 'STOP', warnings: [] });
    expect(response.usage).toEqual({
      inputTokens: 1341,
      outputTokens: 78 + 411,
      cachedInputTokens: 1024,
      reasoningTokens: 411,
    });
    expect(JSON.stringify(response.raw)).not.toContain(fakeKey);
    expect(JSON.stringify(response.raw)).toContain('<png 50 bytes sha256:');
    expect(response.raw.response).not.toHaveProperty('sdkHttpResponse');
  });

  it('reads the minimal reply', async () => {
    standin().enqueue(route, { body: { candidates: [{ content: { parts: [{ text: 'hi' }] } }] } });
    const response = await provider().generate(
      { model: 'gemini-2.5-flash', messages: [{ role: 'user', text: 'x' }] },
      {},
    );
    expect(response).toMatchObject({ text: 'hi', finishReason: 'stop', usage: null, warnings: [] });
  });

  it.each([
    {
      fixture: 'safety-empty-content',
      text: '',
      finishReason: 'safety',
      raw: 'SAFETY',
      usage: { inputTokens: 912, outputTokens: 0 },
      warning: undefined,
    },
    {
      fixture: 'max-tokens-no-parts',
      text: '',
      finishReason: 'length',
      raw: 'MAX_TOKENS',
      usage: { inputTokens: 1290, outputTokens: 255, reasoningTokens: 255 },
      warning: undefined,
    },
    {
      fixture: 'prompt-blocked',
      text: '',
      finishReason: 'safety',
      raw: 'blockReason:PROHIBITED_CONTENT',
      usage: { inputTokens: 1203, outputTokens: 0 },
      warning: /blocked the prompt \(PROHIBITED_CONTENT\)/,
    },
    {
      fixture: 'text-with-max-tokens',
      text: '{"anomalous": true, "anomalies": [{"start": 40, "end"',
      finishReason: 'length',
      raw: 'MAX_TOKENS',
      usage: { inputTokens: 700, outputTokens: 70, reasoningTokens: 50 },
      warning: /finishReason MAX_TOKENS/,
    },
  ])(
    'reads $fixture without throwing',
    async ({ fixture, text, finishReason, raw, usage, warning }) => {
      standin().enqueue(route, { body: responseFixture('gemini', fixture) });
      const response = await provider().generate(request, {});
      expect(response).toMatchObject({ text, finishReason, rawFinishReason: raw, usage });
      if (warning === undefined) expect(response.warnings).toEqual([]);
      else expect(response.warnings[0]).toMatch(warning);
    },
  );

  it.each([
    {
      fixture: 'error-429-retry-info',
      status: 429,
      code: 'provider.rate_limited',
      retryable: true,
      retryAfterMs: 38601,
      text: 'RESOURCE_EXHAUSTED',
    },
    {
      fixture: 'error-429-per-day',
      status: 429,
      code: 'provider.quota_exhausted',
      retryable: false,
      retryAfterMs: 26000,
      text: 'daily quota',
    },
    {
      fixture: 'error-429-no-details',
      status: 429,
      code: 'provider.rate_limited',
      retryable: true,
      retryAfterMs: undefined,
      text: 'exhausted',
    },
    {
      fixture: 'error-400-api-key-invalid',
      status: 400,
      code: 'provider.auth',
      retryable: false,
      retryAfterMs: undefined,
      text: 'API_KEY_INVALID',
    },
    {
      fixture: 'error-403-permission-denied',
      status: 403,
      code: 'provider.auth',
      retryable: false,
      retryAfterMs: undefined,
      text: 'GEMINI_API_KEY',
    },
    {
      fixture: 'error-401-unauthenticated',
      status: 401,
      code: 'provider.auth',
      retryable: false,
      retryAfterMs: undefined,
      text: 'Bearer token',
    },
    {
      fixture: 'error-400-schema',
      status: 400,
      code: 'provider.schema_rejected',
      retryable: false,
      retryAfterMs: undefined,
      text: 'response_json_schema',
    },
    {
      fixture: 'error-404-model',
      status: 404,
      code: 'provider.not_found',
      retryable: false,
      retryAfterMs: undefined,
      text: 'not found',
    },
    {
      fixture: 'error-503-overloaded',
      status: 503,
      code: 'provider.server_error',
      retryable: true,
      retryAfterMs: undefined,
      text: 'overloaded',
    },
  ])(
    'maps $fixture to $code after one attempt',
    async ({ fixture, status, code, retryable, retryAfterMs, text }) => {
      standin().enqueue(route, { status, body: responseFixture('gemini', fixture) });
      const error = await failure(provider().generate(request, {}));
      expect(standin().requests).toHaveLength(1);
      expect(error).toMatchObject({
        code,
        retryable,
        status,
        provider: 'gemini',
        url: standin().url,
      });
      expect(error.retryAfterMs).toBe(retryAfterMs);
      expect(error.message).toContain(text);
      expect(error.message).not.toContain(fakeKey);
      expect(JSON.stringify(error.toJSON())).not.toContain(fakeKey);
    },
  );

  it('takes Retry-After from the header when the body has no RetryInfo', async () => {
    standin().enqueue(route, {
      status: 503,
      headers: { 'retry-after': '3' },
      body: responseFixture('gemini', 'error-503-overloaded'),
    });
    const error = await failure(provider().generate(request, {}));
    expect(error.retryAfterMs).toBe(3000);
  });

  it('maps a refused connection, a timeout and an abort', async () => {
    const closed = await startStandin();
    const url = closed.url;
    await closed.close();
    const refused = await failure(
      createGeminiProvider({ model: 'm', apiKey: fakeKey, baseUrl: url, env: {} }).generate(
        request,
        {},
      ),
    );
    expect(refused).toMatchObject({ code: 'provider.connection_refused', retryable: true });

    standin().enqueue(route, { body: {}, delayMs: 10_000 });
    const timedOut = await failure(provider({ timeoutMs: 50 }).generate(request, {}));
    expect(timedOut).toMatchObject({ code: 'provider.timeout', retryable: true });

    const controller = new AbortController();
    standin().setHandler(route, () => {
      controller.abort();
      return { body: {}, delayMs: 10_000 };
    });
    const aborted = await failure(provider().generate(request, { signal: controller.signal }));
    expect(aborted).toMatchObject({ code: 'provider.aborted', retryable: false });
    standin().setHandler(route, () => ({
      status: 500,
      body: { error: { message: 'no handler' } },
    }));
  });

  it('reads GEMINI_API_KEY, then GOOGLE_API_KEY, and fails clearly without either', async () => {
    standin().enqueue(route, { body: responseFixture('gemini', 'success') });
    await createGeminiProvider({
      model: 'gemini-2.5-flash',
      baseUrl: standin().url,
      env: { GOOGLE_API_KEY: 'google-key-1' },
    }).generate(request, {});
    expect(standin().requests[0]!.headers['x-goog-api-key']).toBe('google-key-1');
    const keyless = createGeminiProvider({
      model: 'gemini-2.5-flash',
      baseUrl: standin().url,
      env: {},
    });
    await expect(keyless.generate(request, {})).rejects.toMatchObject({
      code: 'input.missing_api_key',
    });
    expect(standin().requests).toHaveLength(1);
  });
});
