import { InputError, ProviderError } from '../../errors.js';
import type { Provider, ProviderOptions } from '../types.js';
import { safeUrl } from '../shared/errors.js';
import { envValue } from '../shared/keys.js';
import { keySecretsFromEnv } from '../shared/secrets.js';
import { createChatAdapter, type ResponseFormatMode } from '../openai/adapter.js';

const nextMode: Record<ResponseFormatMode, ResponseFormatMode | undefined> = {
  json_schema: 'json_object',
  json_object: 'prompt',
  prompt: undefined,
};

const modeRank: Record<ResponseFormatMode, number> = { json_schema: 0, json_object: 1, prompt: 2 };

const modeLabel: Record<ResponseFormatMode, string> = {
  json_schema: 'response_format json_schema',
  json_object: 'response_format json_object with the schema in the system text',
  prompt: 'prompt-only JSON (the schema in the system text, no response_format)',
};

/**
 * Any OpenAI-compatible Chat Completions server (vLLM, LM Studio, llama.cpp server) at `baseUrl`,
 * key optional (`apiKey` or `OPENAI_COMPATIBLE_API_KEY`). When the server rejects `json_schema`
 * (a 400/422 about response_format or the schema), `generate` falls back to `json_object`, then to
 * prompt-only JSON, with a warning, and the instance remembers the working mode. Such a fallback is
 * a second (or third) HTTP call inside one `generate`: a capability probe with a different
 * request, not a retry. Each such call is reported through `onExtraRequest` (so it is counted as an
 * attempt), the fallback is named in the response's warnings (and so in the row), and the learnt
 * mode is part of the cache key (`cacheVariant`), so answers got in different modes never mix.
 * @example createOpenAICompatibleProvider({ model: 'Qwen2-VL-7B', baseUrl: 'http://127.0.0.1:8000/v1' })
 */
export function createOpenAICompatibleProvider(options: ProviderOptions): Provider {
  const env = options.env ?? process.env;
  const baseUrl = options.baseUrl ?? envValue(env, 'OPENAI_COMPATIBLE_BASE_URL');
  if (baseUrl === undefined) {
    throw new InputError(
      'input.missing_base_url',
      `openai-compatible:${options.model} needs a base URL; write openai-compatible:${options.model}@http://127.0.0.1:8000/v1 or set OPENAI_COMPATIBLE_BASE_URL`,
      { field: 'baseUrl' },
    );
  }
  const id = `openai-compatible:${options.model}@${safeUrl(baseUrl)}`;
  const adapter = createChatAdapter({
    name: 'openai-compatible',
    id,
    baseUrl,
    apiKey: options.apiKey ?? envValue(env, 'OPENAI_COMPATIBLE_API_KEY'),
    timeoutMs: options.timeoutMs,
    imagesAllowed: options.images !== false,
    maxTokensField: 'max_tokens',
    authAdvice: 'check OPENAI_COMPATIBLE_API_KEY (or the apiKey option)',
    otherSecrets: keySecretsFromEnv(env),
  });
  let mode: ResponseFormatMode = 'json_schema';
  return {
    id,
    name: 'openai-compatible',
    model: options.model,
    capabilities: { images: options.images !== false, jsonSchema: true, local: false },
    // The mode is learnt once per endpoint (this instance) and is part of the cache key.
    cacheVariant: () => (mode === 'json_schema' ? undefined : `response_format=${mode}`),
    async generate(request, { signal, onExtraRequest }) {
      const wireRequest = {
        ...request,
        model: request.model === '' ? options.model : request.model,
      };
      const warnings: string[] = [];
      if (request.responseSchema !== undefined && mode !== 'json_schema') {
        warnings.push(
          `using ${modeLabel[mode]}: ${adapter.context.url} rejected json_schema earlier`,
        );
      }
      // Local copy: concurrent calls may downgrade the shared mode while this one is in flight.
      let attempt = mode;
      for (;;) {
        try {
          return await adapter.call(wireRequest, attempt, signal, warnings);
        } catch (error) {
          const next = nextMode[attempt];
          const rejected =
            error instanceof ProviderError && error.code === 'provider.schema_rejected';
          if (!rejected || next === undefined || request.responseSchema === undefined) throw error;
          warnings.push(
            `${adapter.context.url} rejected ${modeLabel[attempt]} (${error.status ?? 'no status'}); fell back to ${modeLabel[next]}`,
          );
          attempt = next;
          // Each fallback is one more HTTP request: counted as an attempt by the caller.
          onExtraRequest?.();
          if (modeRank[next] > modeRank[mode]) mode = next;
        }
      }
    },
  };
}
