import type { Provider, ProviderOptions } from '../types.js';
import { safeUrl } from '../shared/errors.js';
import { createChatAdapter } from './adapter.js';
import { envValue, missingKeyError } from '../shared/keys.js';
import { keySecretsFromEnv } from '../shared/secrets.js';

/** Default OpenAI API base URL. */
export const openAIDefaultBaseUrl = 'https://api.openai.com/v1';

/**
 * OpenAI Chat Completions: images as `data:` URL parts, strict `json_schema` response format, one
 * HTTP attempt with the SDK's retries off. Key from `apiKey` or `OPENAI_API_KEY`; base URL from
 * `baseUrl` or `OPENAI_BASE_URL`. A missing key fails at the first `generate`, not here, so cached
 * and replayed runs need none.
 * @example createOpenAIProvider({ model: 'gpt-4o' })
 */
export function createOpenAIProvider(options: ProviderOptions): Provider {
  const env = options.env ?? process.env;
  const apiKey = options.apiKey ?? envValue(env, 'OPENAI_API_KEY');
  const baseUrl = options.baseUrl ?? envValue(env, 'OPENAI_BASE_URL') ?? openAIDefaultBaseUrl;
  const id = `openai:${options.model}`;
  const adapter =
    apiKey === undefined
      ? undefined
      : createChatAdapter({
          name: 'openai',
          id,
          baseUrl,
          apiKey,
          timeoutMs: options.timeoutMs,
          imagesAllowed: options.images !== false,
          maxTokensField: 'max_completion_tokens',
          authAdvice: 'check OPENAI_API_KEY (or the apiKey option)',
          otherSecrets: keySecretsFromEnv(env),
        });
  return {
    id,
    name: 'openai',
    model: options.model,
    capabilities: { images: options.images !== false, jsonSchema: true, local: false },
    async generate(request, { signal }) {
      if (adapter === undefined)
        throw missingKeyError({
          providerId: id,
          envNames: ['OPENAI_API_KEY'],
          url: safeUrl(baseUrl),
        });
      return adapter.call(
        { ...request, model: request.model === '' ? options.model : request.model },
        'json_schema',
        signal,
        [],
      );
    },
  };
}
