import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors.js';
import { responseFixture } from '../../testing/fixtures.js';
import { useStandin } from '../../testing/standin-hooks.js';
import type { GenerateRequest } from '../types.js';
import { createOpenAICompatibleProvider } from './index.js';

const route = 'POST /v1/chat/completions';
const schema = {
  type: 'object',
  properties: { anomalous: { type: 'boolean' } },
  required: ['anomalous'],
};
const schemaText = JSON.stringify(schema);

const standin = useStandin();

function provider(extra: { apiKey?: string; env?: Record<string, string> } = {}) {
  return createOpenAICompatibleProvider({
    model: 'Qwen2-VL-7B',
    baseUrl: `${standin().url}/v1`,
    env: {},
    ...extra,
  });
}

const request: GenerateRequest = {
  model: 'Qwen2-VL-7B',
  system: 'Find anomalies.',
  messages: [{ role: 'user', text: 'Look.' }],
  responseSchema: { name: 'answer', schema },
  maxOutputTokens: 100,
};

interface SentBody {
  messages: { role: string; content: unknown }[];
  response_format?: { type: string };
  max_tokens?: number;
}
const sentBodies = () => standin().requests.map((r) => r.body as SentBody);

describe('openai-compatible provider', () => {
  it('sends no Authorization header without a key, uses max_tokens, reads a reply without usage', async () => {
    standin().enqueue(route, {
      body: responseFixture('openai-compatible', 'vllm-success-no-usage'),
    });
    const p = provider();
    expect(p.id).toBe(`openai-compatible:Qwen2-VL-7B@${standin().url}/v1`);
    const response = await p.generate(request, {});
    expect(standin().requests).toHaveLength(1);
    expect(standin().requests[0]!.headers['authorization']).toBeUndefined();
    expect(sentBodies()[0]).toMatchObject({
      max_tokens: 100,
      response_format: { type: 'json_schema' },
    });
    expect(response).toMatchObject({
      text: '{"anomalous":false,"anomalies":[],"summary":"No anomaly."}',
      finishReason: 'stop',
      usage: null,
      warnings: [],
    });
  });

  it('sends OPENAI_COMPATIBLE_API_KEY as a Bearer token', async () => {
    standin().enqueue(route, {
      body: responseFixture('openai-compatible', 'vllm-success-no-usage'),
    });
    await provider({ env: { OPENAI_COMPATIBLE_API_KEY: 'local-key-123' } }).generate(request, {});
    expect(standin().requests[0]!.headers['authorization']).toBe('Bearer local-key-123');
  });

  it('falls back to json_object after an old-vLLM flat 400, then remembers it', async () => {
    standin().enqueue(route, {
      status: 400,
      body: responseFixture('openai-compatible', 'vllm-flat-error-400'),
    });
    standin().enqueue(route, {
      body: responseFixture('openai-compatible', 'vllm-success-no-usage'),
    });
    const p = provider();
    const first = await p.generate(request, {});
    expect(standin().requests).toHaveLength(2);
    const [rejected, accepted] = sentBodies();
    expect(rejected!.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', strict: true, schema },
    });
    expect(accepted!.response_format).toEqual({ type: 'json_object' });
    expect(accepted!.messages[0]).toEqual({
      role: 'system',
      content: expect.stringContaining(schemaText) as unknown,
    });
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0]).toMatch(
      /rejected response_format json_schema \(400\); fell back to response_format json_object/,
    );

    standin().requests.length = 0;
    standin().enqueue(route, {
      body: responseFixture('openai-compatible', 'vllm-success-no-usage'),
    });
    const second = await p.generate(request, {});
    expect(standin().requests).toHaveLength(1);
    expect(sentBodies()[0]!.response_format).toEqual({ type: 'json_object' });
    expect(second.warnings[0]).toMatch(/^using response_format json_object/);
  });

  it('falls back to prompt-only JSON when json_object is rejected too (LM Studio string error)', async () => {
    standin().enqueue(route, {
      status: 400,
      body: { error: { message: 'response_format json_schema is not supported', code: null } },
    });
    standin().enqueue(route, {
      status: 400,
      body: responseFixture('openai-compatible', 'lmstudio-error-json-object'),
    });
    standin().enqueue(route, {
      body: responseFixture('openai-compatible', 'llamacpp-success-ignores-schema'),
    });
    const p = provider();
    const response = await p.generate(request, {});
    expect(standin().requests).toHaveLength(3);
    const third = sentBodies()[2]!;
    expect(third.response_format).toBeUndefined();
    expect(third.messages[0]!.content).toBe(
      `Find anomalies.\n\nAnswer with a single JSON object and nothing else. It must match this JSON Schema:\n${schemaText}`,
    );
    expect(response.warnings).toHaveLength(2);
    expect(response.warnings[1]).toContain('fell back to prompt-only JSON');
    // A 200 never proves the schema was applied: the text is passed on for validation upstream.
    expect(response.text).toBe('Sure! Here is my analysis: the series looks normal.');
    expect(response.usage).toEqual({ inputTokens: 402, outputTokens: 13 });

    standin().requests.length = 0;
    standin().enqueue(route, {
      body: responseFixture('openai-compatible', 'vllm-success-no-usage'),
    });
    await p.generate(request, {});
    expect(standin().requests).toHaveLength(1);
    expect(sentBodies()[0]!.response_format).toBeUndefined();
  });

  it('does not fall back on a 400 unrelated to the schema', async () => {
    standin().enqueue(route, {
      status: 400,
      body: {
        object: 'error',
        message: 'max_tokens must be at most 4096',
        type: 'BadRequestError',
        code: 400,
      },
    });
    const error = await provider()
      .generate(request, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'provider.bad_request', retryable: false, status: 400 });
    expect((error as Error).message).toContain('max_tokens must be at most 4096');
    expect(standin().requests).toHaveLength(1);
  });

  it('keeps the message of an old-vLLM flat 500 and marks it retryable', async () => {
    standin().enqueue(route, {
      status: 500,
      body: responseFixture('openai-compatible', 'vllm-flat-error-500'),
    });
    const error = await provider()
      .generate(request, {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'provider.server_error',
      retryable: true,
      provider: 'openai-compatible',
    });
    expect((error as Error).message).toContain('CUDA out of memory');
  });

  it('needs a base URL', () => {
    expect(() => createOpenAICompatibleProvider({ model: 'x', env: {} })).toThrow(
      /needs a base URL/,
    );
  });
});
