import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError, ProviderError } from '../../errors.js';
import { fakePng, responseFixture } from '../../testing/fixtures.js';
import { useStandin } from '../../testing/standin-hooks.js';
import { startStandin } from '../../testing/standin-server.js';
import type { GenerateRequest } from '../types.js';
import { createOpenAIProvider } from './index.js';

const route = 'POST /v1/chat/completions';
const fakeKey = 'sk-test-FAKEKEY-4f9d2c7a1b8e';
const schema = {
  type: 'object',
  properties: { anomalous: { type: 'boolean' } },
  required: ['anomalous'],
  additionalProperties: false,
};
const image = fakePng(64, 7);
const imageBase64 = Buffer.from(image).toString('base64');

const standin = useStandin();

function provider(extra: { timeoutMs?: number; images?: boolean } = {}) {
  return createOpenAIProvider({
    model: 'gpt-4o',
    apiKey: fakeKey,
    baseUrl: `${standin().url}/v1`,
    env: {},
    ...extra,
  });
}

const request: GenerateRequest = {
  model: 'gpt-4o',
  system: 'You find anomalies.',
  messages: [{ role: 'user', text: 'Where is the anomaly?', images: [image] }],
  responseSchema: { name: 'answer', schema },
  temperature: 0,
  topP: 0.5,
  seed: 42,
  maxOutputTokens: 300,
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

describe('openai provider', () => {
  it('sends one request with image parts, strict schema, settings and the key; reads text and usage', async () => {
    standin().enqueue(route, { body: responseFixture('openai', 'success') });
    const response = await provider().generate(request, {});
    expect(standin().requests).toHaveLength(1);
    const sent = standin().requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers['authorization']).toBe(`Bearer ${fakeKey}`);
    expect(sent.body).toEqual({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You find anomalies.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Where is the anomaly?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${imageBase64}` } },
          ],
        },
      ],
      temperature: 0,
      top_p: 0.5,
      seed: 42,
      max_completion_tokens: 300,
      stop: ['END'],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', strict: true, schema },
      },
    });
    expect(response.text).toContain('"Sudden Spike Anomaly"');
    expect(response.finishReason).toBe('stop');
    expect(response.rawFinishReason).toBe('stop');
    expect(response.usage).toEqual({
      inputTokens: 1117,
      outputTokens: 46,
      cachedInputTokens: 1024,
      reasoningTokens: 0,
    });
    expect(response.warnings).toEqual([]);
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
    const placeholder = `<png 64 bytes sha256:${createHash('sha256').update(image).digest('hex')}>`;
    const rawRequest = JSON.stringify(response.raw.request);
    expect(rawRequest).toContain(placeholder);
    expect(rawRequest).not.toContain(imageBase64);
    expect(JSON.stringify(response.raw)).not.toContain(fakeKey);
  });

  it.each([
    ['refusal', "I'm sorry, I can't assist with that request."],
    ['refusal-empty-content', "I can't help with that."],
  ])('reads %s as a refusal, not as text', async (fixture, refusal) => {
    standin().enqueue(route, { body: responseFixture('openai', fixture) });
    const response = await provider().generate(request, {});
    expect(response).toMatchObject({
      text: '',
      refusal,
      finishReason: 'refusal',
      rawFinishReason: 'stop',
    });
  });

  it('reports finish_reason length as truncated, with reasoning tokens', async () => {
    standin().enqueue(route, { body: responseFixture('openai', 'length') });
    const response = await provider().generate(request, {});
    expect(response.finishReason).toBe('length');
    expect(response.text).toBe('{"anomalous":true,"anomalies":[{"start":12,"end":3');
    expect(response.usage).toEqual({
      inputTokens: 950,
      outputTokens: 64,
      cachedInputTokens: 0,
      reasoningTokens: 48,
    });
  });

  it('reads the minimal reply: no finish reason is stop, no usage is null', async () => {
    standin().enqueue(route, { body: { choices: [{ message: { content: 'hi' } }] } });
    const response = await provider().generate(
      { model: 'gpt-4o', messages: [{ role: 'user', text: 'x' }] },
      {},
    );
    expect(response).toMatchObject({ text: 'hi', finishReason: 'stop', usage: null });
    expect(standin().requests[0]!.body).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
    });
  });

  it.each([
    {
      name: '429 rate limit, Go-style reset header',
      status: 429,
      fixture: 'error-429-rate-limit',
      headers: {
        'x-ratelimit-reset-tokens': '1.366s',
        'x-ratelimit-remaining-tokens': '0',
        'x-ratelimit-reset-requests': '6m0s',
        'x-ratelimit-remaining-requests': '499',
      },
      code: 'provider.rate_limited',
      retryable: true,
      retryAfterMs: 1366,
    },
    {
      name: '429 with retry-after-ms',
      status: 429,
      fixture: 'error-429-rate-limit',
      headers: { 'retry-after-ms': '250', 'retry-after': '1' },
      code: 'provider.rate_limited',
      retryable: true,
      retryAfterMs: 250,
    },
    {
      name: '429 insufficient_quota',
      status: 429,
      fixture: 'error-429-insufficient-quota',
      headers: {},
      code: 'provider.quota_exhausted',
      retryable: false,
      retryAfterMs: undefined,
    },
    {
      name: '400 schema rejection, old (code null)',
      status: 400,
      fixture: 'error-400-schema-old',
      headers: {},
      code: 'provider.schema_rejected',
      retryable: false,
      retryAfterMs: undefined,
    },
    {
      name: '400 schema rejection, new (invalid_json_schema)',
      status: 400,
      fixture: 'error-400-schema-new',
      headers: {},
      code: 'provider.schema_rejected',
      retryable: false,
      retryAfterMs: undefined,
    },
    {
      name: '401 bad key',
      status: 401,
      fixture: 'error-401-invalid-key',
      headers: {},
      code: 'provider.auth',
      retryable: false,
      retryAfterMs: undefined,
    },
    {
      name: '404 model',
      status: 404,
      fixture: 'error-404-model',
      headers: {},
      code: 'provider.not_found',
      retryable: false,
      retryAfterMs: undefined,
    },
    {
      name: '500 with Retry-After seconds',
      status: 500,
      fixture: 'error-500',
      headers: { 'retry-after': '2' },
      code: 'provider.server_error',
      retryable: true,
      retryAfterMs: 2000,
    },
    {
      name: '408',
      status: 408,
      fixture: 'error-500',
      headers: {},
      code: 'provider.timeout',
      retryable: true,
      retryAfterMs: undefined,
    },
    {
      name: '409',
      status: 409,
      fixture: 'error-500',
      headers: {},
      code: 'provider.conflict',
      retryable: true,
      retryAfterMs: undefined,
    },
  ])(
    'maps $name to $code after exactly one attempt',
    async ({ status, fixture, headers, code, retryable, retryAfterMs }) => {
      standin().enqueue(route, {
        status,
        headers: headers as Record<string, string>,
        body: responseFixture('openai', fixture),
      });
      const error = await failure(provider().generate(request, {}));
      expect(standin().requests).toHaveLength(1);
      expect(error).toMatchObject({
        code,
        retryable,
        status,
        provider: 'openai',
        url: `${standin().url}/v1`,
      });
      expect(error.retryAfterMs).toBe(retryAfterMs);
      expect(error.message).toMatch(
        new RegExp(`^openai at ${standin().url}/v1 answered ${status}`),
      );
    },
  );

  it('maps a 503 HTML page to a retryable server error quoting the page text', async () => {
    standin().enqueue(route, {
      status: 503,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>upstream connect error</body></html>',
    });
    const error = await failure(provider().generate(request, {}));
    expect(error).toMatchObject({ code: 'provider.server_error', retryable: true, status: 503 });
    expect(error.message).toContain('upstream connect error');
  });

  it('never puts the key in a message, even when the server echoes it', async () => {
    standin().enqueue(route, {
      status: 401,
      body: {
        error: { message: `Incorrect API key provided: ${fakeKey}.`, code: 'invalid_api_key' },
      },
    });
    const error = await failure(provider().generate(request, {}));
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(error.message).not.toContain(fakeKey);
    expect(JSON.stringify(error.toJSON())).not.toContain(fakeKey);
  });

  it('says a refused connection is retryable', async () => {
    const closed = await startStandin();
    const url = `${closed.url}/v1`;
    await closed.close();
    const error = await failure(
      createOpenAIProvider({ model: 'gpt-4o', apiKey: fakeKey, baseUrl: url, env: {} }).generate(
        request,
        {},
      ),
    );
    expect(error).toMatchObject({ code: 'provider.connection_refused', retryable: true, url });
  });

  it('maps a dropped socket to a retryable connection error', async () => {
    standin().enqueue(route, { body: {}, destroySocket: true });
    const error = await failure(provider().generate(request, {}));
    expect(error).toMatchObject({ code: 'provider.connection', retryable: true });
    expect(standin().requests).toHaveLength(1);
  });

  it('times out after timeoutMs with one attempt', async () => {
    standin().enqueue(route, { body: responseFixture('openai', 'success'), delayMs: 10_000 });
    const error = await failure(provider({ timeoutMs: 50 }).generate(request, {}));
    expect(error).toMatchObject({ code: 'provider.timeout', retryable: true });
    expect(standin().requests).toHaveLength(1);
  });

  it.each([
    ['a plain abort', undefined, 'provider.aborted', false],
    [
      'a deadline (TimeoutError reason)',
      new DOMException('deadline', 'TimeoutError'),
      'provider.timeout',
      true,
    ],
  ])('maps %s of the caller signal', async (_name, reason, code, retryable) => {
    const controller = new AbortController();
    standin().setHandler(route, () => {
      controller.abort(reason);
      return { body: responseFixture('openai', 'success'), delayMs: 10_000 };
    });
    const error = await failure(provider().generate(request, { signal: controller.signal }));
    standin().setHandler(route, () => ({
      status: 500,
      body: { error: { message: 'no handler' } },
    }));
    expect(error).toMatchObject({ code, retryable });
  });

  it('fails without a key before any request, naming the env var', async () => {
    const p = createOpenAIProvider({ model: 'gpt-4o', baseUrl: `${standin().url}/v1`, env: {} });
    await expect(p.generate(request, {})).rejects.toMatchObject({
      code: 'input.missing_api_key',
      message: expect.stringContaining('OPENAI_API_KEY'),
    });
    expect(standin().requests).toHaveLength(0);
  });

  it('reads key and base URL from the env option', async () => {
    standin().enqueue(route, { body: responseFixture('openai', 'success') });
    const p = createOpenAIProvider({
      model: 'gpt-4o',
      env: { OPENAI_API_KEY: fakeKey, OPENAI_BASE_URL: `${standin().url}/v1` },
    });
    await p.generate(request, {});
    expect(standin().requests[0]!.headers['authorization']).toBe(`Bearer ${fakeKey}`);
  });

  it('refuses images on a text-only configuration instead of dropping them', async () => {
    const p = provider({ images: false });
    expect(p.capabilities.images).toBe(false);
    const error = await p.generate(request, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'input.images_unsupported' });
    expect(standin().requests).toHaveLength(0);
  });
});
