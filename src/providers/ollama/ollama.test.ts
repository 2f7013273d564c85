import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors.js';
import { fakePng, responseFixture } from '../../testing/fixtures.js';
import { useStandin } from '../../testing/standin-hooks.js';
import { startStandin } from '../../testing/standin-server.js';
import type { GenerateRequest } from '../types.js';
import { createOllamaProvider, normaliseOllamaHost } from './index.js';

const route = 'POST /api/chat';
const schema = {
  type: 'object',
  properties: { anomalous: { type: 'boolean' } },
  required: ['anomalous'],
};
const image = fakePng(40, 9);

const standin = useStandin();

function provider(extra: { timeoutMs?: number } = {}) {
  return createOllamaProvider({ model: 'qwen2.5vl:7b', baseUrl: standin().url, env: {}, ...extra });
}

const request: GenerateRequest = {
  model: 'qwen2.5vl:7b',
  system: 'You find anomalies.',
  messages: [{ role: 'user', text: 'Where?', images: [image] }],
  responseSchema: { name: 'answer', schema },
  temperature: 0,
  topP: 0.8,
  seed: 3,
  maxOutputTokens: 256,
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

describe('ollama provider', () => {
  it('sends bare base64 images, format schema and options in one request; reads text and usage', async () => {
    standin().enqueue(route, { body: responseFixture('ollama', 'success') });
    const response = await provider().generate(request, {});
    expect(standin().requests).toHaveLength(1);
    expect(standin().requests[0]!.body).toEqual({
      model: 'qwen2.5vl:7b',
      messages: [
        { role: 'system', content: 'You find anomalies.' },
        { role: 'user', content: 'Where?', images: [Buffer.from(image).toString('base64')] },
      ],
      stream: false,
      format: schema,
      options: { temperature: 0, top_p: 0.8, seed: 3, num_predict: 256, stop: ['END'] },
    });
    expect(response.text).toContain('Sudden Flatline Anomaly');
    expect(response).toMatchObject({
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 1305, outputTokens: 71 },
      warnings: [],
    });
    expect(JSON.stringify(response.raw.request)).toContain('<png 40 bytes sha256:');
    expect(JSON.stringify(response.raw.request)).not.toContain(
      Buffer.from(image).toString('base64'),
    );
  });

  it.each([
    {
      fixture: 'length-no-prompt-count',
      text: '{"anomalous": true, "anomalies": [{"start": 8',
      finishReason: 'length',
      usage: { inputTokens: 0, outputTokens: 16 },
    },
    { fixture: 'load', text: '', finishReason: 'other', usage: null },
    {
      fixture: 'thinking',
      text: '{"anomalous": false, "anomalies": [], "summary": "Normal."}',
      finishReason: 'stop',
      usage: { inputTokens: 800, outputTokens: 120 },
    },
  ])('reads $fixture', async ({ fixture, text, finishReason, usage }) => {
    standin().enqueue(route, { body: responseFixture('ollama', fixture) });
    const response = await provider().generate(request, {});
    expect(response).toMatchObject({ text, finishReason, usage });
  });

  it('reads the minimal reply', async () => {
    standin().enqueue(route, { body: { message: { role: 'assistant', content: 'hi' } } });
    const response = await provider().generate(
      { model: 'qwen2.5vl:7b', messages: [{ role: 'user', text: 'x' }] },
      {},
    );
    expect(response).toMatchObject({ text: 'hi', finishReason: 'stop', usage: null });
  });

  it.each([
    {
      fixture: 'error-404-single-quotes',
      status: 404,
      code: 'provider.not_found',
      retryable: false,
      text: '`ollama pull qwen2.5vl:7b`',
    },
    {
      fixture: 'error-404-double-quotes',
      status: 404,
      code: 'provider.not_found',
      retryable: false,
      text: '`ollama pull qwen2.5vl:7b`',
    },
    {
      fixture: 'error-400-format',
      status: 400,
      code: 'provider.schema_rejected',
      retryable: false,
      text: 'invalid format',
    },
    {
      fixture: 'error-500',
      status: 500,
      code: 'provider.server_error',
      retryable: true,
      text: 'llama runner process has terminated',
    },
  ])(
    'maps $fixture to $code after one attempt',
    async ({ fixture, status, code, retryable, text }) => {
      standin().enqueue(route, { status, body: responseFixture('ollama', fixture) });
      const error = await failure(provider().generate(request, {}));
      expect(standin().requests).toHaveLength(1);
      expect(error).toMatchObject({
        code,
        retryable,
        status,
        provider: 'ollama',
        url: standin().url,
      });
      expect(error.message).toContain(text);
    },
  );

  it('says `ollama serve` when the connection is refused', async () => {
    const closed = await startStandin();
    const host = closed.url;
    await closed.close();
    const error = await failure(
      createOllamaProvider({ model: 'qwen2.5vl:7b', baseUrl: host, env: {} }).generate(request, {}),
    );
    expect(error).toMatchObject({ code: 'provider.connection_refused', retryable: true });
    expect(error.message).toBe(
      `ollama at ${host} refused the connection; is \`ollama serve\` running?`,
    );
  });

  it('times out after timeoutMs and honours an abort', async () => {
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
    standin().setHandler(route, () => ({ status: 500, body: { error: 'no handler' } }));
  });

  it('takes the host from OLLAMA_HOST', async () => {
    standin().enqueue(route, { body: responseFixture('ollama', 'success') });
    await createOllamaProvider({
      model: 'qwen2.5vl:7b',
      env: { OLLAMA_HOST: `127.0.0.1:${standin().port}` },
    }).generate(request, {});
    expect(standin().requests).toHaveLength(1);
  });

  it.each([
    ['http://127.0.0.1:11434', 'http://127.0.0.1:11434'],
    ['0.0.0.0:11434', 'http://127.0.0.1:11434'],
    [':8080', 'http://127.0.0.1:8080'],
    ['gpu-box', 'http://gpu-box:11434'],
    ['https://ollama.example.com/', 'https://ollama.example.com'],
  ])('normalises host %s to %s', (input, expected) => {
    expect(normaliseOllamaHost(input)).toBe(expected);
  });
});
